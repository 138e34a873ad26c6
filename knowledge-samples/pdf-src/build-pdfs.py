#!/usr/bin/env python3
"""Builds the sample PDF manuals from the .txt sources beside this file.

Format: 'title:' line, '# ' chapter (starts a new page), '## ' section, '- ' bullet, '1. ' step,
'| a | b |' table row (first row is the header), other lines are paragraphs.
Needs LibreOffice (Debian: apt-get install libreoffice-writer-nogui). Run: python3 build-pdfs.py
"""
import html, pathlib, subprocess, tempfile

here = pathlib.Path(__file__).parent
out = here.parent / "docs"

def to_html(src: str) -> str:
    lines = src.splitlines()
    title = lines[0].removeprefix("title:").strip()
    body, lst, table, first_chapter = [], None, False, True
    def close():
        nonlocal lst, table
        if lst: body.append(f"</{lst}>"); lst = None
        if table: body.append("</table>"); table = False
    for line in lines[1:]:
        e = html.escape(line.strip())
        if not e: continue
        if line.startswith("# "):
            close(); style = "" if first_chapter else ' style="page-break-before: always"'
            body.append(f"<h1{style}>{e[2:]}</h1>"); first_chapter = False
        elif line.startswith("## "): close(); body.append(f"<h2>{e[3:]}</h2>")
        elif line.startswith("| "):
            if lst: body.append(f"</{lst}>"); lst = None
            cells = [c.strip() for c in e.strip("|").split("|")]
            tag = "td" if table else "th"
            if not table: body.append('<table border="1" cellpadding="4" cellspacing="0">'); table = True
            body.append("<tr>" + "".join(f"<{tag}>{c}</{tag}>" for c in cells) + "</tr>")
        elif line.startswith("- ") or (line[:1].isdigit() and ". " in line[:4]):
            kind = "ul" if line.startswith("- ") else "ol"
            if table: body.append("</table>"); table = False
            if lst != kind:
                if lst: body.append(f"</{lst}>")
                body.append(f"<{kind}>"); lst = kind
            body.append(f"<li>{e.split(' ', 1)[1]}</li>")
        else: close(); body.append(f"<p>{e}</p>")
    close()
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            '<style>body{font-family:"DejaVu Sans";font-size:11pt} h1{font-size:17pt} h2{font-size:13pt}</style>'
            f'</head><body>{"".join(body)}</body></html>')

with tempfile.TemporaryDirectory() as tmp:
    for src in sorted(here.glob("*.txt")):
        page = pathlib.Path(tmp) / (src.stem + ".html")
        page.write_text(to_html(src.read_text(encoding="utf-8")), encoding="utf-8")
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf:writer_web_pdf_Export", "--outdir", str(out), str(page)],
                       check=True, capture_output=True)
        print("built", out / (src.stem + ".pdf"))
