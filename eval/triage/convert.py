#!/usr/bin/env python3
"""Builds the triage evaluation sets (JSON lines: subject, body, labels) from knowledge-samples/tickets.json and,
when ../shared is present, from the eShopSupport dev tickets. Deterministic 80/20 train/test splits.
eShop: the body is the first customer message and there is no subject (the dataset's summaries were written after
the fact, so they would leak the answer); type comes from TicketType, category from the product's category."""
import json, pathlib
here = pathlib.Path(__file__).parent
root = here.parent.parent

def write(name, rows):
    with open(here / name, "w", encoding="utf-8") as f:
        for r in rows: f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{name}: {len(rows)}")

samples = json.loads((root / "knowledge-samples" / "tickets.json").read_text(encoding="utf-8"))
rows = [{"id": t["id"], "subject": t["subject"], "body": t["body"], "labels": t["labels"]} for t in samples]
write("knowledge-samples.train.jsonl", [r for i, r in enumerate(rows) if i % 5 != 4])
write("knowledge-samples.test.jsonl", [r for i, r in enumerate(rows) if i % 5 == 4])

dev = root.parent / "shared" / "datasets" / "eshopsupport" / "dev"
if dev.exists():
    types = {"Question": "question", "Complaint": "complaint", "Returns": "refund/return", "Idea": "feature request"}
    categories = {c["CategoryId"]: c["Name"] for c in json.loads((dev / "categories.json").read_text())}
    product_category = {p["ProductId"]: categories[p["CategoryId"]] for p in json.loads((dev / "products.json").read_text())}
    rows = []
    for t in json.loads((dev / "tickets.json").read_text()):
        first = next((m["Text"] for m in t["Messages"] if m["IsCustomerMessage"]), None)
        if not first: continue
        rows.append({"id": f"E{t['TicketId']}", "subject": "", "body": first,
                     "labels": {"type": types[t["TicketType"]], "category": product_category[t["ProductId"]], "language": "en"}})
    write("eshop-dev.train.jsonl", [r for r in rows if int(r["id"][1:]) % 5 != 0])
    write("eshop-dev.test.jsonl", [r for r in rows if int(r["id"][1:]) % 5 == 0])
