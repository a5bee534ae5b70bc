#!/usr/bin/env python3
"""Reads a report.docx the way a reader's program does (python-docx) and, when given, the text of
the PDF LibreOffice made of it (pdftotext -layout, pages split by form feeds). Checks:
- the headings are Word's own Heading 1/2 styles, the sections in order, numbered from 1;
- every table has a header row marked to repeat (w:tblHeader), and the organisation-wide rows of
  the deadline tables hold the figures of findings.json (counts 1-4 as "< 5", a cell withheld as "..");
- the PDF has pages, "N (M)" on each, and the same figures.
Only the services the reply concerns (the metadata's `services`) are looked for.
Usage: docx_check.py report.docx findings.json SERVICES|all [report.pdf.txt]"""
import json
import re
import sys

import docx
from docx.oxml.ns import qn


def fail(message):
    print("docx_check: " + message, file=sys.stderr)
    sys.exit(1)


def plain(cell):
    # Thousands separators (no-break space, space, comma) out, so 1 234 and 1,234 are 1234.
    return re.sub(r"[\s\u00a0\u202f,]", "", cell)


def expected(n):
    return ["0"] if n == 0 else (["<5", ".."] if n < 5 else [str(n), ".."])


def main():
    path, findings_path = sys.argv[1], sys.argv[2]
    services = None if sys.argv[3] == "all" else set(sys.argv[3].split(","))
    pdf_text = open(sys.argv[4], encoding="utf-8").read() if len(sys.argv) > 4 else None
    document = docx.Document(path)
    findings = json.load(open(findings_path, encoding="utf-8"))
    deadlines = [d for d in findings["deadlines"] if d["region"] == "*" and (services is None or d["service"] in services)]

    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    level1 = [t for s, t in headings if s == "Heading 1"]
    if len(level1) < 9:
        fail(f"{path}: {len(level1)} Heading 1 paragraphs, expected the report's sections")
    numbers = [int(t.split()[0]) for t in level1 if t.split() and t.split()[0].isdigit()]
    if numbers != list(range(1, len(numbers) + 1)):
        fail(f"{path}: the sections are numbered {numbers}")
    if not any(s == "Heading 2" for s, _ in headings):
        fail(f"{path}: no Heading 2")

    tables = document.tables
    if len(tables) < 10:
        fail(f"{path}: {len(tables)} tables")
    for i, table in enumerate(tables):
        first = table.rows[0]._tr
        if first.find(qn("w:trPr")) is None or first.find(qn("w:trPr")).find(qn("w:tblHeader")) is None:
            fail(f"{path}: table {i + 1} has no repeating header row")
        if not all(c.text.strip() for c in table.rows[0].cells):
            fail(f"{path}: table {i + 1} has an empty column heading")

    rows = [[plain(c.text) for c in r.cells] for t in tables for r in t.rows]
    checked = 0
    for d in deadlines:
        want = [expected(d[k]) for k in ("met", "late", "overdue", "pending")]
        if not any(len(r) >= 5 and all(r[1 + i] in want[i] for i in range(4)) for r in rows):
            fail(f"{path}: no table row holds the figures of {d['rule']} {d['service']} ({want})")
        checked += 1
    if checked < 5:
        fail(f"{path}: only {checked} deadline rows checked")

    if pdf_text is not None:
        pages = [p for p in pdf_text.split("\f") if p.strip()]
        if len(pages) < 3:
            fail(f"{path}: the PDF has {len(pages)} pages")
        for n, page in enumerate(pages, 1):
            if f"{n} ({len(pages)})" not in page:
                fail(f"{path}: page {n} of the PDF has no page number '{n} ({len(pages)})'")
        flat = plain(pdf_text)
        org = findings["organisation"]
        if org not in pdf_text:
            fail(f"{path}: the PDF does not name {org}")
        for d in deadlines:
            if min(d["met"], d["late"], d["overdue"], d["pending"]) >= 5:
                figures = "".join(str(d[k]) for k in ("met", "late", "overdue", "pending"))
                if figures not in flat:
                    fail(f"{path}: the PDF's text lacks the figures {figures} of {d['rule']} {d['service']}")
    print(f"docx_check: {path}: {len(level1)} sections, {len(tables)} tables, {checked} deadline rows"
          + (f", {len(pages)} PDF pages" if pdf_text is not None else ""))


main()
