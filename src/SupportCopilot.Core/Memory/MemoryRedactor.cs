using System.Text.RegularExpressions;
using SupportCopilot.Core.Drafting.Guards;

namespace SupportCopilot.Core.Memory;

/// <summary>Who the text is about: the ticket's customer and the agent who replied, whose names are replaced wherever they appear.</summary>
public sealed record MemoryPeople(string? CustomerName, string? CustomerEmail, string? AgentName);

/// <summary>
/// Takes personal data out of a reply before it becomes memory: the product's personal-data patterns (e-mail, phone,
/// card, IBAN and the configured extras), order/customer/invoice numbers, the customer's and agent's own names, and
/// any name in a greeting ("Hi Anna,"), a sign-off ("Regards,\nTom") or an introduction ("my name is …").
/// Placeholders are readable and stable ([customer name], [order number]) so "Use this reply" can fill in the values
/// of the customer at hand; unlike the model redaction, nothing is kept to restore them.
/// </summary>
public sealed partial class MemoryRedactor(PiiRedactor pii)
{
    public const string CustomerName = "[customer name]";
    public const string CustomerEmail = "[customer email]";
    public const string AgentName = "[agent name]";
    public const string Name = "[name]";
    public const string Number = "[number]";

    /// <summary>Every placeholder redaction writes; approval refuses a reply still holding one.</summary>
    public static readonly IReadOnlyList<string> Placeholders = [CustomerName, CustomerEmail, AgentName, Name, Number, "[email]", "[phone]", "[card]", "[iban]"];

    public string Redact(string text, MemoryPeople people, bool writtenByAgent)
    {
        if (string.IsNullOrEmpty(text)) return text;
        if (!string.IsNullOrWhiteSpace(people.CustomerEmail) && people.CustomerEmail.Contains('@'))
            text = text.Replace(people.CustomerEmail.Trim(), CustomerEmail, StringComparison.OrdinalIgnoreCase);
        // Labelled numbers first: "order 4471-2231" is an order number even though it would pass for a phone number.
        text = ReferenceNumber().Replace(text, m => m.Groups["label"].Value + Number);
        text = pii.Redact(text, []);
        text = PiiPlaceholder().Replace(text, m => "[" + m.Groups[1].Value.ToLowerInvariant() + "]");
        text = LongNumber().Replace(text, Number);
        text = Names(text, people.CustomerName, CustomerName);
        text = Names(text, people.AgentName, AgentName);
        // Greetings name the reader: the customer in an agent's reply, the team or an agent in a customer's message.
        text = Greeting().Replace(text, m => m.Groups["salute"].Value + m.Groups["title"].Value + (writtenByAgent ? CustomerName : Name));
        text = Introduction().Replace(text, m => m.Groups["lead"].Value + Name);
        text = SignOff().Replace(text, m => m.Groups["close"].Value + (writtenByAgent ? AgentName : CustomerName));
        return text;
    }

    /// <summary>A remembered reply made ready for another customer: their name and address where the old ones stood, and
    /// the agent's own name in the sign-off. Other placeholders stay for the agent to fill.</summary>
    public static string Fill(string reply, string? customerName, string? customerEmail, string? agentName)
    {
        if (!string.IsNullOrWhiteSpace(customerName)) reply = reply.Replace(CustomerName, customerName.Trim(), StringComparison.Ordinal);
        if (!string.IsNullOrWhiteSpace(customerEmail)) reply = reply.Replace(CustomerEmail, customerEmail.Trim(), StringComparison.Ordinal);
        if (!string.IsNullOrWhiteSpace(agentName)) reply = reply.Replace(AgentName, agentName.Trim(), StringComparison.Ordinal);
        return reply;
    }

    /// <summary>A reused reply proposed as a draft, before any agent is known: this customer's details filled in, and the
    /// sign-off's agent-name line dropped (the draft ends "Best regards," like every drafted reply).</summary>
    public static string ForDraft(string reply, string? customerName, string? customerEmail) =>
        AgentLine().Replace(Fill(reply, customerName, customerEmail, null), "").TrimEnd();

    [GeneratedRegex(@"
[ 	]*\[agent name\][ 	]*(?=
|$)")] private static partial Regex AgentLine();

    /// <summary>The full name first, then each capitalised part of three letters or more ("Anna Berg" → "Anna", "Berg"), whole
    /// words and case-sensitive (a customer called Mark must not take "mark" out of "mark as read").</summary>
    private static string Names(string text, string? name, string placeholder)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains('@')) return text;
        var parts = new[] { name.Trim() }.Concat(name.Split([' ', ',', '.'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(p => p.Length >= 3 && char.IsUpper(p[0]))).Distinct();
        foreach (var part in parts)
            text = Regex.Replace(text, $@"(?<![\p{{L}}\d]){Regex.Escape(part)}(?![\p{{L}}\d])", placeholder, RegexOptions.None, TimeSpan.FromMilliseconds(200));
        return text;
    }

    [GeneratedRegex(@"\[(EMAIL|PHONE|CARD|IBAN|[A-Z]+)_\d+\]")] private static partial Regex PiiPlaceholder();

    /// <summary>"order 123456", "Bestellnummer: A-77812", "customer no. 88213", "#4471"; the label stays, the value goes.</summary>
    [GeneratedRegex(@"(?<label>\b(?:order|invoice|customer|account|ticket|case|contract|tracking|reference|ref|bestellung|bestellnummer|rechnung|rechnungsnummer|kunden(?:nummer)?|konto|auftrag(?:snummer)?|pedido|commande|factura|facture)\b\.?\s*(?:no\.?|nr\.?|number|nummer|id|#|número|numéro)?\s*[:#]?\s*)[A-Z]{0,4}-?\d[\dA-Z-]{2,}\b|(?<label>)(?<![\w])#\d{3,}\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex ReferenceNumber();

    /// <summary>Five digits or more in one token (after phones and cards were taken): ids, not quantities.</summary>
    [GeneratedRegex(@"\b[A-Z]{0,4}-?\d{5,}\b")] private static partial Regex LongNumber();

    [GeneratedRegex(@"(?<salute>(?:^|\n)\s*(?i:Hi|Hello|Hey|Dear|Good (?:morning|afternoon|evening)|Hallo|Liebe|Lieber|Sehr geehrte[rs]?|Guten Tag|Moin|Bonjour|Salut|Hola|Estimad[oa]|Ciao|Buongiorno)\s+)(?<title>(?:(?i:Mr|Mrs|Ms|Dr|Herr|Frau|Sr|Sra|M|Mme)\.?\s+)?)(?!\[)\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)?")]
    private static partial Regex Greeting();

    [GeneratedRegex(@"(?<lead>\b(?i:my name is|I am|I'm|this is|ich heiße|mein name ist|je m'appelle|me llamo)\s+)(?!\[)\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)?")]
    private static partial Regex Introduction();

    /// <summary>The one to three capitalised words on the line after a closing ("Best regards,\nTom Miller").</summary>
    [GeneratedRegex(@"(?<close>(?:^|\n)\s*(?i:(?:(?:best|kind|warm|many)\s+)?(?:regards|thanks|thank you|cheers|sincerely|best|yours(?: sincerely| truly)?|mit freundlichen grüßen|viele grüße|beste grüße|freundliche grüße|liebe grüße|grüße|cordialement|saludos|atentamente|un saludo))[,.!]?\s*\n\s*)(?!\[)\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,2}(?=\s*(?:\n|$))")]
    private static partial Regex SignOff();
}
