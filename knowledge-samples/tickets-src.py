#!/usr/bin/env python3
"""Writes tickets.json: labelled sample tickets for seeding, triage training and retrieval evaluation.
Each row: subject, body, customer name, category, type, priority, language, expected document, section, page.
Run: python3 tickets-src.py"""
import json, pathlib, re

M, T, W, A = "airpure-300-user-manual.pdf", "troubleshooting-guide.pdf", "warranty-and-returns-policy.pdf", "nimbus-home-app-guide.pdf"
rows = [
("Error E2 on brand new purifier", "Hi, I just unpacked my AirPure 300 and the display shows E2 and the fan does not start. What am I doing wrong?", "Laura Becker", "Troubleshooting & Errors", "problem", "high", "en", T, "Error E2: filter missing or not seated", 3),
("Filter light still red after replacing filter", "I put in a new F300 filter yesterday but the filter button is still glowing red. Did I get a broken filter?", "Tom Richards", "Filters & Maintenance", "problem", "medium", "en", M, "Replacing the filter", 9),
("How often should I change the filter?", "How often do I need to replace the filter on the AirPure 300? I run it all day in the living room.", "Priya Nair", "Filters & Maintenance", "question", "low", "en", "filter-guide.html", "When to replace the filter", None),
("Can't connect purifier to wifi", "The Nimbus Home app keeps saying pairing failed. My router is a new mesh system with one network name. I tried five times.", "Marcus Johnson", "App & Connectivity", "problem", "medium", "en", A, "Wi-Fi requirements", 4),
("Burning smell from purifier", "There was a burning smell coming from my purifier this morning and the top got hot. I unplugged it. Is it safe to use?", "Helen Walsh", "Troubleshooting & Errors", "problem", "urgent", "en", T, "Unusual smell", 9),
("Return my purifier", "I bought the AirPure 300 three weeks ago but it is too loud for my bedroom. Can I still return it and get my money back?", "Daniel Kim", "Returns & Refunds", "refund/return", "medium", "en", W, "30-night trial", 2),
("Refund not received", "I returned my purifier two weeks ago and got an email that it arrived at your warehouse, but I still don't see the refund on my card. Order NH-20931.", "Sofia Rossi", "Returns & Refunds", "refund/return", "high", "en", W, "Refunds", 4),
("Box arrived damaged", "The delivery arrived today and the box is crushed, the purifier has a crack on the side. What should I do?", "Oliver Brown", "Orders & Shipping", "complaint", "high", "en", W, "Damaged or missing items", 5),
("Cancel FreshCycle", "Please cancel my FreshCycle filter subscription. I am moving abroad next month.", "Emma Wilson", "Subscriptions", "other", "low", "en", "freshcycle-subscription.md", "Cancelling FreshCycle", None),
("Skip next filter delivery", "I still have a spare filter. Can I skip the next FreshCycle delivery without cancelling?", "James Miller", "Subscriptions", "question", "low", "en", "freshcycle-subscription.md", "Changing the delivery interval or date", None),
("Charged twice for my order", "My bank statement shows two charges of 249 EUR for order NH-18822. Please refund one of them.", "Anna Schmidt", "Billing & Payments", "problem", "high", "en", "payments-and-invoices.md", "Charged twice?", None),
("Need invoice with company VAT ID", "I bought two purifiers for our office last week. Can you add our company name and VAT ID to the invoice?", "Pierre Lefèvre", "Billing & Payments", "question", "medium", "en", "payments-and-invoices.md", "Invoices", None),
("Where is my order?", "I ordered a purifier six days ago with standard shipping and it still has not arrived. The tracking hasn't changed in three days.", "Chloe Martin", "Orders & Shipping", "problem", "medium", "en", "shipping-and-delivery.md", "Delivery problems", None),
("Change delivery address", "I just placed an order but entered my old address. Can I still change it?", "Lucas Meyer", "Orders & Shipping", "question", "medium", "en", "shipping-and-delivery.md", "Changing the delivery address", None),
("Purifier rattles", "My purifier makes a rattling noise at higher speeds. It sits on a thick rug in the bedroom.", "Grace Lee", "Troubleshooting & Errors", "problem", "medium", "en", T, "Unusual noise", 8),
("Air quality ring always red", "The ring on my purifier has been red for two days even though the room is clean and nobody smokes. The display shows 80.", "Noah Fischer", "Troubleshooting & Errors", "problem", "medium", "en", T, "Air quality reading seems wrong", 10),
("E7 after every restart", "My purifier shows E7 every time I switch it on since the last update. The app says firmware 2.5.0 and the retry button does nothing.", "Isabella Garcia", "Troubleshooting & Errors", "problem", "high", "en", T, "Errors E5 and E7: Wi-Fi and firmware", 6),
("Error E1 fan not spinning", "The purifier shows E1 and the fan doesn't turn. It was shipped lying on its side I think.", "Ethan Clark", "Troubleshooting & Errors", "problem", "high", "en", T, "Error E1: fan motor stalled", 2),
("Overheating error E4", "Got error E4 today, the purifier is next to a radiator in the living room. Is it broken?", "Mia Hoffmann", "Troubleshooting & Errors", "problem", "high", "en", T, "Error E4: overheating", 5),
("Purifier won't turn on", "My AirPure 300 does not switch on anymore. No lights at all. The adapter light is off too.", "Liam O'Connor", "Troubleshooting & Errors", "problem", "high", "en", T, "Purifier does not turn on", 11),
("Warranty length", "How long is the warranty on the AirPure 300? I bought it 20 months ago and the sensor seems faulty now.", "Ava Thompson", "Warranty & Repairs", "question", "medium", "en", W, "Limited warranty", 6),
("Warranty claim for broken fan", "My purifier is 14 months old and the fan makes a grinding noise. How do I make a warranty claim? I can't be without a purifier because of my asthma.", "Benjamin Wright", "Warranty & Repairs", "problem", "high", "en", W, "Making a warranty claim", 8),
("Third party filter not working", "I bought a cheaper compatible filter online and now the purifier shows E2. Is that covered by warranty?", "Charlotte Evans", "Warranty & Repairs", "question", "medium", "en", W, "What the warranty does not cover", 7),
("Factory reset", "I'm giving my purifier to my sister. How do I reset it to factory settings?", "Henry Adams", "Setup & Installation", "question", "low", "en", M, "Factory reset", 12),
("Child lock won't turn off", "The buttons don't respond and there is a padlock on the display. How do I unlock it?", "Amelia Scott", "Setup & Installation", "question", "medium", "en", M, "Child lock and display settings", 11),
("Night mode too bright", "In night mode the ring still lights up when I touch a button. Can I turn the light ring off completely at night?", "Jack Turner", "Product Information", "question", "low", "en", M, "Air quality ring", 7),
("Which purifier for 55 m2 open plan?", "Our living and dining area is about 55 m2. Is the AirPure 300 enough or should I get the 500?", "Lily Baker", "Product Information", "question", "low", "en", M, "Placing your purifier", 4),
("Does it produce ozone?", "Before buying: does the AirPure produce any ozone? My daughter has asthma.", "Sophie Hall", "Product Information", "question", "low", "en", "general-faq.md", "Does the purifier produce ozone?", None),
("Electricity usage", "How much power does the purifier use if I run it 24/7 in auto mode?", "William Young", "Product Information", "question", "low", "en", M, "Specifications", 13),
("Share purifier with my husband", "How can my husband control the purifier from his phone too? He has his own Nimbus account.", "Zoe King", "App & Connectivity", "question", "low", "en", A, "Sharing with your household", 6),
("Schedule starts at wrong time", "I set night mode from 22:00 but it starts at 23:00. We moved from London to Berlin recently.", "Samuel Green", "App & Connectivity", "problem", "low", "en", A, "Schedules and automations", 5),
("Purifier linked to another account", "I bought a used purifier and the app says it's already linked to another account. The seller doesn't reply.", "Ella Carter", "App & Connectivity", "problem", "medium", "en", A, "Adding a purifier", 3),
("Delete my account", "Please delete my Nimbus account and all my data. I no longer use the purifier.", "Max Weber", "Account & Privacy", "other", "low", "en", "account-and-privacy.html", "Deleting your account", None),
("Forgot password and lost phone", "I lost my phone with the authenticator app and can't log in. I don't have the recovery codes.", "Ruby Phillips", "Account & Privacy", "problem", "medium", "en", "account-and-privacy.html", "Two-step verification", None),
("Where is my data stored?", "Where do you store the air quality data from my purifier? I am in Germany and care about GDPR.", "Felix Wagner", "Account & Privacy", "question", "low", "en", A, "Privacy and your data", 8),
("Pet hair filter", "We have two cats. Is there a filter that works better with pet hair for the AirPure 300?", "Hannah Lewis", "Filters & Maintenance", "question", "low", "en", "filter-guide.html", "Which filter do I need?", None),
("Can I wash the filter?", "The filter looks grey and dirty after 3 months. Can I wash it with water to save money?", "George Walker", "Filters & Maintenance", "question", "low", "en", "filter-guide.html", "Can I clean and reuse a filter?", None),
("Cleaning the sensor", "How do I clean the air quality sensor? Where is it?", "Isla Robinson", "Filters & Maintenance", "question", "low", "en", M, "Cleaning and care", 10),
("Wrong adapter E6", "I lost the original adapter and used one from my old router. Now the purifier shows E6.", "Leo Harris", "Troubleshooting & Errors", "problem", "medium", "en", T, "Errors E6 and E9: power and internal faults", 7),
("Payment failed subscription paused", "I got an email that my FreshCycle subscription is paused because payment failed. I updated my card. What now?", "Freya Martin", "Subscriptions", "problem", "medium", "en", "freshcycle-subscription.md", "When a payment fails", None),
("Do you ship to Switzerland?", "Do you ship to Switzerland, and will I have to pay customs on delivery?", "Luca Brunner", "Orders & Shipping", "question", "low", "en", "shipping-and-delivery.md", "Countries we ship to", None),
("Price dropped after I ordered", "I ordered the AirPure 300 five days ago and now it's 30 euros cheaper on your website. Can I get the difference back?", "Olivia Price", "Billing & Payments", "refund/return", "low", "en", "payments-and-invoices.md", "Price match", None),
("Support phone hours", "What are your phone support hours in the US?", "Mason Reed", "Product Information", "question", "low", "en", "support-hours-and-contact.txt", None, None),
("Feature request: CO2 sensor", "It would be great if the purifier could also measure CO2 so I know when to open the window. Any plans?", "Jakob Lindqvist", "Product Information", "feature request", "low", "en", None, None, None),
("Feature request: Apple Home support", "Please add Apple HomeKit support so I can control the purifier with Siri.", "Nora Jensen", "App & Connectivity", "feature request", "low", "en", None, None, None),
("Very disappointed with support", "I have written three times about my broken purifier and nobody answered. This is unacceptable. I want a manager to call me.", "Robert Stone", "Warranty & Repairs", "complaint", "high", "en", None, None, None),
("Bulk order for school", "We are a school and want to buy 40 purifiers for our classrooms. Do you offer a volume discount and an education price?", "Margaret Hughes", "Orders & Shipping", "question", "medium", "en", None, None, None),
("Purifier for my car?", "Can I use the AirPure 300 in my camper van with a 12 V socket?", "Kevin Moore", "Product Information", "question", "low", "en", M, "Specifications", 13),
("Parcel delivered but not received", "Tracking says my parcel was delivered yesterday but I never got it. I asked my neighbours already.", "Julia Novak", "Orders & Shipping", "problem", "high", "en", "shipping-and-delivery.md", "Delivery problems", None),
("AirPure 500 filter location", "Where is the filter on the AirPure 500? The back cover doesn't open.", "Arthur Bell", "Filters & Maintenance", "question", "medium", "en", "airpure-500-quick-start.html", "Filter replacement", None),
("Fehler E2 nach Filterwechsel", "Hallo, nach dem Filterwechsel zeigt mein Luftreiniger den Fehler E2 an und der Lüfter läuft nicht. Was kann ich tun?", "Jonas Müller", "Troubleshooting & Errors", "problem", "high", "de", T, "Error E2: filter missing or not seated", 3),
("Rücksendung innerhalb der Testphase", "Ich möchte meinen AirPure 300 zurückschicken, ich habe ihn vor zwei Wochen bekommen. Brauche ich die Originalverpackung?", "Lena Schulz", "Returns & Refunds", "refund/return", "medium", "de", W, "30-night trial", 2),
("Abo kündigen", "Bitte kündigen Sie mein FreshCycle-Abonnement zum nächstmöglichen Termin.", "Paul Koch", "Subscriptions", "other", "low", "de", "freshcycle-subscription.md", "Cancelling FreshCycle", None),
("Rechnung mit Firmenname", "Können Sie mir eine Rechnung mit unserem Firmennamen und USt-IdNr. ausstellen? Bestellung NH-19920.", "Sabine Wolf", "Billing & Payments", "question", "medium", "de", "payments-and-invoices.md", "Invoices", None),
("Error E5 wifi", "Mi purificador muestra el error E5 y la aplicación no lo encuentra. ¿Qué debo hacer?", "Carlos Fernández", "Troubleshooting & Errors", "problem", "medium", "es", T, "Errors E5 and E7: Wi-Fi and firmware", 6),
("Devolución y reembolso", "Devolví el purificador hace diez días y todavía no he recibido el reembolso en mi tarjeta. Pedido NH-21007.", "Lucía Martínez", "Returns & Refunds", "refund/return", "high", "es", W, "Refunds", 4),
("¿Cada cuánto cambiar el filtro?", "¿Cada cuánto tiempo hay que cambiar el filtro del AirPure 300? Vivo cerca de una carretera con mucho tráfico.", "Javier López", "Filters & Maintenance", "question", "low", "es", "filter-guide.html", "When to replace the filter", None),
("Garantie et réparation", "Mon purificateur a 18 mois et il ne s'allume plus. Est-il encore sous garantie ? Comment faire une réclamation ?", "Camille Dubois", "Warranty & Repairs", "problem", "high", "fr", W, "Making a warranty claim", 8),
("Colis endommagé", "Le carton est arrivé abîmé et il manque l'adaptateur secteur. Que dois-je faire ?", "Antoine Moreau", "Orders & Shipping", "complaint", "high", "fr", W, "Damaged or missing items", 5),
("Mode nuit", "Comment activer le mode nuit ? Le purificateur est trop bruyant dans la chambre.", "Manon Laurent", "Setup & Installation", "question", "low", "fr", M, "Operating modes", 6),
("Sensor error E3", "The display shows E3 and auto mode is gone, it only runs at speed 2.", "Victoria Hughes", "Troubleshooting & Errors", "problem", "medium", "en", T, "Errors E3 and E8: sensor faults", 4),
("Musty smell from purifier", "The purifier smells musty and sour since last week. It's in our basement laundry room.", "Adam Foster", "Troubleshooting & Errors", "problem", "medium", "en", T, "Unusual smell", 9),
("First setup white light", "I switched on my new purifier and the ring is white and the display shows three dashes. Is it broken?", "Eva Nilsson", "Setup & Installation", "question", "low", "en", M, "First start", 5),
("Missing serial number", "Where do I find the serial number for my warranty registration? The card is lost.", "Rose Campbell", "Warranty & Repairs", "question", "low", "en", "general-faq.md", "Where is my serial number?", None),
]

def slug(i): return f"S{i:03d}"
def email(name):
    n = name.lower().translate(str.maketrans("äöüéèàçíáóúñ", "aoueeaciaoun")).replace(" ", ".")
    n = re.sub(r"[^a-z.]", "", n)
    return f"{n or 'customer'}@example.com"

tickets = []
for i, (subject, body, name, cat, typ, prio, lang, doc, section, page) in enumerate(rows, 1):
    tickets.append({
        "id": slug(i), "subject": subject, "body": body, "customerEmail": email(name), "customerName": name,
        "labels": {"category": cat, "priority": prio, "type": typ, "language": lang},
        "expected": {"document": doc, "section": section, "page": page} if doc else None,
    })
out = pathlib.Path(__file__).with_name("tickets.json")
out.write_text(json.dumps(tickets, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
print(f"{len(tickets)} tickets, {sum(t['expected'] is not None for t in tickets)} with an expected answer -> {out}")
