#!/usr/bin/env python3
"""Independent reference implementation of valvonta's rules, for cross-checking.

Written from the spec only (/work/shared/spec/case-export.md, rules.md, report.md),
without reading the Swift sources. Reads one or more exports (XML files or CSV
folders) and prints findings JSON version 2 (`valvonta-findings/2`: rules.md and
report.md up to and including their "Version 2", "Every service" and "Inflow, the
queue's age and pace, staff turnover" sections with their Decisions; not report.md
"A reply a director signs", which is about the documents) on standard output.

    crosscheck/reference.py EXPORT.xml [--as-of YYYY-MM-DD] [--period START..END] [--settings FILE]

Exit status: 0 with findings printed, 2 when an export is fatally wrong (the
problems go to standard error, naming file, line and field, never a value).
Python 3 standard library only. Where the spec leaves a choice, see README.md
("Readings taken").
"""
import argparse
import csv
import datetime as dt
import io
import json
import os
import re
import sys
import xml.parsers.expat
from decimal import Decimal, InvalidOperation

NS = "urn:valvonta:case-export:1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

SERVICES = ("lastensuojelu", "lapsiperheet", "tyoikaiset")
ROLES = ("sosiaalityontekija", "sosiaaliohjaaja", "johtava", "muu")
KINDS = ("lastensuojeluilmoitus", "pyynto-arvioida", "sosiaalihuoltoilmoitus", "hakemus", "yhteydenotto")
OUTCOMES = ("selvitys", "ei-toimenpiteita", "jo-asiakas")
RESULTS = ("asiakkuus", "ei-asiakkuutta")

# Settings of rules.md, at their defaults.
SETTINGS = {
    "evesAreHolidays": True,
    "monthDeadlineRolls": True,
    "urgencyDays": 1,
    "planReviewMonths": 12,
    "meetingIntervalDays": 90,
    # Version 2
    "childWelfareKinds": ("lastensuojeluilmoitus", "pyynto-arvioida"),
    "firstPlanDays": 30,  # marks late first plans in the exceptions list only; not in the JSON
    # Every service
    "workloadLimits": {"tyoikaiset": 50},  # service -> recommended clients per worker (workload.limit)
    "repeatReferralCount": 3,  # repeatReferrals: at least this many referrals in the period
    "workloadGapPercent": 20,  # regional differences only; not in the JSON
}
QUALIFIED = ("sosiaalityontekija", "johtava")


class Fatal(Exception):
    """The export cannot be trusted: nothing is counted."""


# --------------------------------------------------------------------------------------
# Record schema: element/table -> {field: (type, required)}. Same for both syntaxes.
# --------------------------------------------------------------------------------------
SCHEMA = {
    "region": {"code": ("text", True), "name": ("text", True)},
    "worker": {"id": ("text", True), "region": ("text", True), "service": ("service", False),
               "role": ("role", True), "start": ("date", False), "end": ("date", False)},
    "post": {"id": ("text", False), "region": ("text", False), "service": ("service", False),
             "role": ("role", False), "fte": ("fte", True)},
    "occupancy": {"worker": ("text", True), "from": ("date", True), "to": ("date", False),
                  "fte": ("fte", False)},
    "case": {"id": ("text", True), "region": ("text", True), "service": ("service", True),
             "birthYear": ("year", False), "specialSupport": ("bool", False)},
    "referral": {"id": ("text", True), "kind": ("kind", True), "received": ("date", True),
                 "urgent": ("bool", False), "urgencyAssessed": ("date", False),
                 "decided": ("date", False), "outcome": ("outcome", False),
                 "childWelfare": ("bool", False)},  # Version 2
    "assessment": {"id": ("text", False), "referral": ("text", True), "started": ("date", False),
                   "completed": ("date", False), "worker": ("text", False), "result": ("result", False),
                   "specialSupport": ("bool", False)},  # Version 2; absent = the case's flag
    "clientship": {"service": ("service", False), "start": ("date", True), "end": ("date", False),
                   "aftercare": ("bool", False)},
    "assignment": {"worker": ("text", True), "from": ("date", True), "to": ("date", False)},
    "plan": {"id": ("text", False), "date": ("date", True)},
    "meeting": {"date": ("date", True), "worker": ("text", False), "withChild": ("bool", False)},
}
ROOT_SCHEMA = {"version": ("version", True), "organisation": ("text", True),
               "generated": ("timestamp", True), "periodStart": ("date", True),
               "periodEnd": ("date", True)}
XML_PARENT = {  # element -> allowed parent element
    "regions": "caseExport", "staff": "caseExport", "cases": "caseExport",
    "region": "regions", "worker": "staff", "post": "staff", "occupancy": "post",
    "case": "cases", "referral": "case", "assessment": "case", "clientship": "case",
    "assignment": "case", "plan": "case", "meeting": "case",
}
CASE_CHILDREN = ("referral", "assessment", "clientship", "assignment", "plan", "meeting")
CSV_TABLES = {  # file -> (record kind, parent key column or None)
    "regions.csv": ("region", None), "workers.csv": ("worker", None), "posts.csv": ("post", None),
    "occupancies.csv": ("occupancy", "post"), "cases.csv": ("case", None),
    "referrals.csv": ("referral", "case"), "assessments.csv": ("assessment", "case"),
    "clientships.csv": ("clientship", "case"), "assignments.csv": ("assignment", "case"),
    "plans.csv": ("plan", "case"), "meetings.csv": ("meeting", "case"),
}
CSV_REQUIRED_FILES = ("export.csv", "regions.csv", "cases.csv")

# --------------------------------------------------------------------------------------
# Identity codes (henkilötunnus)
# --------------------------------------------------------------------------------------
HETU_RE = re.compile(r"^(\d{2})(\d{2})(\d{2})([-+YXWVUABCDEF])(\d{3})([0-9A-Y])$")
HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
CENTURY = {"+": 1800, "-": 1900, "Y": 1900, "X": 1900, "W": 1900, "V": 1900, "U": 1900,
           "A": 2000, "B": 2000, "C": 2000, "D": 2000, "E": 2000, "F": 2000}


def is_identity_code(value):
    m = HETU_RE.match(value.strip().upper())
    if not m:
        return False
    dd, mm, yy, sign, nnn, check = m.groups()
    try:
        dt.date(CENTURY[sign] + int(yy), int(mm), int(dd))
    except ValueError:
        return False
    return HETU_CHECK[int(dd + mm + yy + nnn) % 31] == check


# --------------------------------------------------------------------------------------
# Typing of values
# --------------------------------------------------------------------------------------
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
FI_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
TIMESTAMP = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
XML_DECIMAL = re.compile(r"^\+?(\d+(\.\d*)?|\.\d+)$")
CSV_DECIMAL = re.compile(r"^\+?(\d+([.,]\d*)?|[.,]\d+)$")


def parse_date(s, csv_syntax):
    m = ISO_DATE.match(s)
    if m:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if csv_syntax:
        m = FI_DATE.match(s)
        if m:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    raise ValueError


def type_value(kind, s, csv_syntax):
    """Types one non-empty value; raises ValueError when it is not valid."""
    if kind == "text":
        return s
    if kind == "date":
        return parse_date(s, csv_syntax)
    if kind == "bool":
        v = s.lower() if csv_syntax else s
        if v in ("true", "1") or (csv_syntax and v == "kyllä"):
            return True
        if v in ("false", "0") or (csv_syntax and v == "ei"):
            return False
        raise ValueError
    if kind == "fte":
        if not (CSV_DECIMAL if csv_syntax else XML_DECIMAL).match(s):
            raise ValueError
        try:
            return Decimal(s.replace(",", "."))
        except InvalidOperation:
            raise ValueError
    if kind == "year":
        if re.match(r"^\d{4}$", s):
            return int(s)
        raise ValueError
    if kind == "service":
        if s in SERVICES:
            return s
        raise ValueError
    if kind == "role":
        if s in ROLES:
            return s
        raise ValueError
    if kind == "kind":
        if s in KINDS:
            return s
        raise ValueError
    if kind == "outcome":
        if s in OUTCOMES:
            return s
        raise ValueError
    if kind == "result":
        if s in RESULTS:
            return s
        raise ValueError
    if kind == "version":
        if s == "1":
            return 1
        raise ValueError
    if kind == "timestamp":
        m = TIMESTAMP.match(s)
        if not m:
            raise ValueError
        y, mo, d, h, mi, sec = (int(m.group(i)) for i in range(1, 7))
        date = dt.date(y, mo, d)
        if h > 23 or mi > 59 or sec > 59:
            raise ValueError
        off = m.group(8)
        offset_min = 0 if off == "Z" else (1 if off[0] == "+" else -1) * (int(off[1:3]) * 60 + int(off[4:6]))
        instant = dt.datetime(y, mo, d, h, mi, sec) - dt.timedelta(minutes=offset_min)
        return (date, instant)
    raise AssertionError(kind)


class Problems:
    """Collects fatal problems; raises at the end of reading."""

    def __init__(self):
        self.items = []

    def add(self, source, line, msg):
        self.items.append(f"{source}:{line}: {msg}")

    def raise_if_any(self):
        if self.items:
            raise Fatal("\n".join(self.items[:1000]))


class Record:
    __slots__ = ("kind", "source", "line", "f", "parent", "children", "rejected", "export_index")

    def __init__(self, kind, source, line, fields, parent=None):
        self.kind = kind
        self.source = source
        self.line = line
        self.f = fields
        self.parent = parent  # XML: parent Record; CSV: parent key string
        self.children = []
        self.rejected = None
        self.export_index = 0

    def get(self, name):
        return self.f.get(name)


def type_record(kind, raw, source, line, csv_syntax, problems, schema=None):
    """raw: {field: string or None}. Returns the typed field dict."""
    schema = schema or SCHEMA[kind]
    typed = {}
    for name, (ftype, required) in schema.items():
        s = raw.get(name)
        if s is None or s == "":
            if s == "" and not csv_syntax:
                problems.add(source, line, f"{kind}: attribute '{name}' is empty")
            elif required:
                problems.add(source, line, f"{kind}: required '{name}' is missing")
            typed[name] = None
            continue
        try:
            typed[name] = type_value(ftype, s, csv_syntax)
        except ValueError:
            problems.add(source, line, f"{kind}: '{name}' is not a valid {ftype}")
            typed[name] = None
    return typed


def screen_identity_codes(raw, source, line, problems):
    for name, s in raw.items():
        if s and is_identity_code(s):
            problems.add(source, line, f"field '{name}' holds a personal identity code")


# --------------------------------------------------------------------------------------
# XML reader (expat, streaming; nothing is kept but the records)
# --------------------------------------------------------------------------------------
class Export:
    def __init__(self):
        self.header = None  # typed root attributes
        self.regions = []
        self.workers = []
        self.posts = []
        self.cases = []
        self.orphans = []  # CSV child records: (Record) with parent key


def read_xml(path, lenient):
    source = os.path.basename(path)
    problems = Problems()
    export = Export()
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    try:
        parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    except Exception:
        pass
    stack = []  # (local name, Record or None)

    def doctype(*_args):
        raise Fatal(f"{source}:{parser.CurrentLineNumber}: a DOCTYPE is not allowed")

    def start(name, attrs):
        line = parser.CurrentLineNumber
        ns, _, local = name.rpartition(" ")
        if ns != NS:
            if lenient:
                stack.append((None, None))
                return
            problems.add(source, line, f"element '{local}' is not in the case-export namespace")
            stack.append((None, None))
            return
        parent_name = stack[-1][0] if stack else None
        if not stack:
            if local != "caseExport":
                raise Fatal(f"{source}:{line}: the root element must be caseExport")
        elif XML_PARENT.get(local) != parent_name:
            if parent_name is None:  # inside an ignored element (lenient)
                stack.append((None, None))
                return
            if lenient and local not in XML_PARENT:  # --lenient forgives unknown names only
                stack.append((None, None))
                return
            problems.add(source, line, f"element '{local}' is not allowed in '{parent_name}'")
            stack.append((None, None))
            return
        raw = {}
        for aname, value in attrs.items():
            ans, _, alocal = aname.rpartition(" ")
            if ans == XSI:
                continue
            if ans:
                if not lenient:
                    problems.add(source, line, f"attribute '{alocal}' of '{local}' is not known")
                continue
            raw[alocal] = value
        schema = ROOT_SCHEMA if local == "caseExport" else SCHEMA.get(local)
        if schema is None:  # container elements
            for aname in raw:
                if not lenient:
                    problems.add(source, line, f"attribute '{aname}' of '{local}' is not known")
            stack.append((local, None))
            return
        for aname in list(raw):
            if aname not in schema:
                if not lenient:
                    problems.add(source, line, f"attribute '{aname}' of '{local}' is not known")
                del raw[aname]
        screen_identity_codes(raw, source, line, problems)
        typed = type_record(local, raw, source, line, False, problems, schema)
        if local == "caseExport":
            export.header = typed
            stack.append((local, None))
            return
        parent = stack[-1][1]
        rec = Record(local, source, line, typed, parent)
        if local == "region":
            export.regions.append(rec)
        elif local == "worker":
            export.workers.append(rec)
        elif local == "post":
            export.posts.append(rec)
        elif local == "case":
            export.cases.append(rec)
        else:
            parent.children.append(rec)
        stack.append((local, rec))

    def end(_name):
        stack.pop()

    def chars(data):
        if data.strip() and not lenient:
            problems.add(source, parser.CurrentLineNumber, "text content is not allowed")

    parser.StartDoctypeDeclHandler = doctype
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    try:
        with open(path, "rb") as fh:
            head = fh.read(4)
            if head[:2] in (b"\xfe\xff", b"\xff\xfe") or (len(head) == 4 and 0 in head[:4]):
                raise Fatal(f"{source}:1: is encoded in UTF-16 or UTF-32; the export must be UTF-8 "
                            "or another ASCII-compatible encoding")
            fh.seek(0)
            parser.ParseFile(fh)
    except xml.parsers.expat.ExpatError as e:
        raise Fatal(f"{source}:{e.lineno}: XML is not well-formed ({xml.parsers.expat.ErrorString(e.code)})")
    problems.raise_if_any()
    if export.header is None:
        raise Fatal(f"{source}: no caseExport root")
    return export


# --------------------------------------------------------------------------------------
# CSV reader
# --------------------------------------------------------------------------------------
def decode_csv(path, source):
    data = open(path, "rb").read()
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8")
        except UnicodeDecodeError:
            raise Fatal(f"{source}: has a UTF-8 byte order mark but is not UTF-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            raise Fatal(f"{source}: is neither UTF-8 nor Windows-1252")


def csv_rows(path, source, problems):
    """Yields (line, {column: trimmed cell}) per data row; returns None for a headerless file."""
    text = decode_csv(path, source)
    # io.StringIO(newline="") splits on \n, \r\n and \r only (str.splitlines would also split
    # on \f, \x1c, U+2028 … and miscount physical lines)
    lines = list(io.StringIO(text, newline=""))
    # header: the first physical line
    if not lines or not lines[0].strip():
        return None, []
    header_line = lines[0]
    delim = ";" if header_line.count(";") >= header_line.count(",") else ","
    reader = csv.reader(iter(lines), delimiter=delim)
    header = [h.strip() for h in next(reader)]
    if len(set(header)) != len(header):
        raise Fatal(f"{source}:1: duplicate column in the header")
    rows = []
    last = reader.line_num
    for cells in reader:
        line = last + 1
        last = reader.line_num
        if not cells or all(c.strip() == "" for c in cells):
            continue
        if len(cells) != len(header):
            problems.add(source, line, f"row has {len(cells)} cells, the header {len(header)}")
            continue
        rows.append((line, {h: c.strip() for h, c in zip(header, cells)}))
    return header, rows


def read_csv_folder(path, lenient):
    folder = os.path.basename(os.path.normpath(path))
    problems = Problems()
    export = Export()
    files = sorted(os.listdir(path))
    for name in files:
        if name.endswith(".csv") and name not in CSV_TABLES and name != "export.csv":
            if lenient:
                print(f"warning: {folder}/{name}: unknown table ignored", file=sys.stderr)
            else:
                problems.add(f"{folder}/{name}", 0, "unknown table")
    for req in CSV_REQUIRED_FILES:
        if req not in files:
            raise Fatal(f"{folder}/{req}: missing")
    # export.csv
    src = f"{folder}/export.csv"
    header, rows = csv_rows(os.path.join(path, "export.csv"), src, problems)
    if header is None:
        raise Fatal(f"{src}: needs a header")
    allowed = set(ROOT_SCHEMA)
    for h in header:
        if h not in allowed and not lenient:
            problems.add(src, 1, f"unknown column '{h}'")
    if len(rows) != 1:
        raise Fatal(f"{src}: must hold exactly one row")
    line, raw = rows[0]
    raw = dict(raw)
    if not raw.get("version"):
        raw["version"] = "1"
    screen_identity_codes(raw, src, line, problems)
    export.header = type_record("caseExport", raw, src, line, True, problems, ROOT_SCHEMA)
    for name, (kind, parent_col) in CSV_TABLES.items():
        fpath = os.path.join(path, name)
        src = f"{folder}/{name}"
        if not os.path.exists(fpath):
            continue
        header, rows = csv_rows(fpath, src, problems)
        if header is None:
            if name in CSV_REQUIRED_FILES:
                raise Fatal(f"{src}: needs a header")
            continue
        schema = SCHEMA[kind]
        for h in header:
            if h not in schema and h != parent_col and not lenient:
                problems.add(src, 1, f"unknown column '{h}'")
        if parent_col and parent_col not in header:
            problems.add(src, 1, f"parent key column '{parent_col}' is missing")
            continue
        for line, raw in rows:
            screen_identity_codes(raw, src, line, problems)
            parent_key = raw.get(parent_col) if parent_col else None
            if parent_col and not parent_key:
                problems.add(src, line, f"required '{parent_col}' is missing")
            typed = type_record(kind, {k: v for k, v in raw.items() if k in schema}, src, line, True, problems)
            rec = Record(kind, src, line, typed, parent_key)
            if kind == "region":
                export.regions.append(rec)
            elif kind == "worker":
                export.workers.append(rec)
            elif kind == "post":
                export.posts.append(rec)
            elif kind == "case":
                export.cases.append(rec)
            else:
                export.orphans.append(rec)
    problems.raise_if_any()
    # attach children to parents by key (posts by id; cases by id)
    cases_by_id = {}
    for c in export.cases:
        cases_by_id.setdefault(c.get("id"), c)
    posts_by_id = {}
    for p in export.posts:
        if p.get("id") is not None:
            posts_by_id.setdefault(p.get("id"), p)
    unattached = []
    for rec in export.orphans:
        parent = (posts_by_id if rec.kind == "occupancy" else cases_by_id).get(rec.parent)
        if parent is None:
            unattached.append(rec)
        else:
            rec.parent = parent
            parent.children.append(rec)
    export.orphans = unattached
    return export


# --------------------------------------------------------------------------------------
# Loading, duplicates, merging, linking (cross-reference rejections)
# --------------------------------------------------------------------------------------
def check_duplicates(export):
    problems = Problems()

    def dup(records, key, what):
        seen = {}
        for r in records:
            k = key(r)
            if k is None:
                continue
            if k in seen:
                problems.add(r.source, r.line, f"duplicate {what} {k[-1] if isinstance(k, tuple) else k} "
                                               f"(first at line {seen[k].line})")
            else:
                seen[k] = r
    dup(export.regions, lambda r: r.get("code"), "region")
    dup(export.workers, lambda r: r.get("id"), "worker")
    dup(export.posts, lambda r: r.get("id"), "post")
    dup(export.cases, lambda r: r.get("id"), "case")
    for c in export.cases:
        dup([x for x in c.children if x.kind == "referral"], lambda r: r.get("id"), f"referral in case {c.get('id')}")
    problems.raise_if_any()


def content_key(rec):
    """Typed content for merge comparison; defaults applied; children as a set."""
    f = dict(rec.f)
    for b in ("urgent", "specialSupport", "aftercare", "childWelfare"):
        # an assessment's absent specialSupport means "take the case's", not false
        if b in f and f[b] is None and not (rec.kind == "assessment" and b == "specialSupport"):
            f[b] = False
    if rec.kind == "meeting" and f.get("withChild") is None:
        f["withChild"] = True
    def norm(v):
        return format(v.normalize(), "f") if isinstance(v, Decimal) else repr(v)
    items = tuple(sorted((k, norm(v)) for k, v in f.items()))
    children = frozenset(content_key(c) for c in rec.children)
    return (rec.kind, items, children)


def load(paths, lenient):
    exports = []
    for p in paths:
        e = read_csv_folder(p, lenient) if os.path.isdir(p) else read_xml(p, lenient)
        check_duplicates(e)
        exports.append(e)
    h0 = exports[0].header
    for i, e in enumerate(exports):
        for k in ("organisation", "periodStart", "periodEnd"):
            if e.header[k] != h0[k]:
                raise Fatal(f"exports differ in '{k}'")
        for group in (e.regions, e.workers, e.posts, e.cases, e.orphans):
            for r in group:
                r.export_index = i
                for c in r.children:
                    c.export_index = i
    merged = Export()
    merged.header = dict(h0)
    merged.generated_dates = [e.header["generated"][0] for e in exports]
    earliest = min((e.header["generated"] for e in exports), key=lambda g: g[1])
    merged.header["generated"] = earliest
    for attr, key in (("regions", "code"), ("workers", "id"), ("posts", "id"), ("cases", "id")):
        seen = {}
        out = []
        for e in exports:
            for r in getattr(e, attr):
                k = r.get(key)
                if k is None:
                    out.append(r)
                    continue
                if k in seen:
                    if content_key(seen[k]) != content_key(r):
                        raise Fatal(f"{r.kind} {k} differs between {seen[k].source}:{seen[k].line} "
                                    f"and {r.source}:{r.line}")
                    continue
                seen[k] = r
                out.append(r)
        setattr(merged, attr, out)
    merged.orphans = [r for e in exports for r in e.orphans]
    return merged


def link(export):
    """Applies the cross-reference rejections; returns the rejected rows."""
    rejected = []
    gen_dates = export.generated_dates

    def reject(rec, reason):
        rec.rejected = reason
        rejected.append({"source": rec.source, "line": rec.line, "reason": reason})

    def after_generated(rec, fields):
        g = gen_dates[rec.export_index]
        for name in fields:
            v = rec.get(name)
            if v is not None and v > g:
                return name
        return None

    def label(rec):
        ident = rec.get("id") if "id" in rec.f else None
        return f"{rec.kind} {ident}" if ident else rec.kind

    regions = {r.get("code") for r in export.regions}
    for rec in export.orphans:
        pk = "post" if rec.kind == "occupancy" else "case"
        reject(rec, f"{label(rec)} names unknown {pk} {rec.parent}")

    # workers
    workers = {}
    for w in export.workers:
        workers[w.get("id")] = w
        if w.get("region") not in regions:
            reject(w, f"worker {w.get('id')} names unknown region {w.get('region')}")
        elif w.get("end") is not None and w.get("start") is not None and w.get("end") < w.get("start"):
            reject(w, f"worker {w.get('id')} ends before it starts")
        elif after_generated(w, ("start",)):
            reject(w, f"worker {w.get('id')} starts after the export date")

    def worker_problem(rec):
        wid = rec.get("worker")
        if wid is None:
            return None
        w = workers.get(wid)
        if w is None:
            return f"{label(rec)} names unknown worker {wid}"
        if w.rejected:
            return f"{label(rec)} names worker {wid}, which was rejected"
        return None

    # posts and occupancies
    for p in export.posts:
        if p.get("region") is not None and p.get("region") not in regions:
            reject(p, f"{label(p)} names unknown region {p.get('region')}")
        for o in p.children:
            if p.rejected:
                reject(o, f"occupancy: its {label(p)} was rejected")
                continue
            prob = worker_problem(o)
            if prob:
                reject(o, prob)
            elif o.get("to") is not None and o.get("to") < o.get("from"):
                reject(o, "occupancy ends before it starts")
            elif after_generated(o, ("from",)):
                reject(o, "occupancy starts after the export date")

    # cases
    date_fields = {
        "referral": ("received", "urgencyAssessed", "decided"),
        "assessment": ("started", "completed"),
        "clientship": ("start",),
        "assignment": ("from",),
        "plan": ("date",),
        "meeting": ("date",),
    }
    for c in export.cases:
        cid = c.get("id")
        if c.get("region") not in regions:
            reject(c, f"case {cid} names unknown region {c.get('region')}")
        # children in their order of appearance, so rejected rows follow the file
        referrals = {}
        for x in c.children:
            if x.kind == "referral":
                referrals[x.get("id")] = x
        # referrals first (assessments depend on them), but rows are collected then sorted later
        for x in c.children:
            if x.kind != "referral":
                continue
            if c.rejected:
                reject(x, f"referral {x.get('id')}: its case {cid} was rejected")
            elif x.get("decided") is not None and x.get("decided") < x.get("received"):
                reject(x, f"referral {x.get('id')} of case {cid} is decided before it was received")
            elif after_generated(x, date_fields["referral"]):
                reject(x, f"referral {x.get('id')} of case {cid} has a date after the export date")
        for x in c.children:
            if x.kind == "referral":
                continue
            what = f"{label(x)} of case {cid}"
            if c.rejected:
                reject(x, f"{label(x)}: its case {cid} was rejected")
                continue
            prob = worker_problem(x) if "worker" in x.f else None
            if prob:
                reject(x, f"{prob} (case {cid})")
                continue
            if x.kind == "assessment":
                r = referrals.get(x.get("referral"))
                if r is None:
                    reject(x, f"{what} names unknown referral {x.get('referral')}")
                    continue
                if r.rejected:
                    reject(x, f"{what} names referral {x.get('referral')}, which was rejected")
                    continue
            lo, hi = {"assessment": ("started", "completed"), "clientship": ("start", "end"),
                      "assignment": ("from", "to")}.get(x.kind, (None, None))
            if lo and x.get(lo) is not None and x.get(hi) is not None and x.get(hi) < x.get(lo):
                reject(x, f"{what} ends before it starts")
                continue
            if after_generated(x, date_fields[x.kind]):
                reject(x, f"{what} has a date after the export date")
    rejected.sort(key=lambda r: (r["source"], r["line"]))
    return rejected


# --------------------------------------------------------------------------------------
# Calendar
# --------------------------------------------------------------------------------------
def easter_sunday(y):
    a = y % 19
    b, c = divmod(y, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return dt.date(y, month, day)


_HOLIDAYS = {}


def holidays(y):
    if y not in _HOLIDAYS:
        e = easter_sunday(y)
        days = {dt.date(y, 1, 1), dt.date(y, 1, 6), e - dt.timedelta(2), e + dt.timedelta(1),
                dt.date(y, 5, 1), e + dt.timedelta(39), dt.date(y, 12, 6), dt.date(y, 12, 25),
                dt.date(y, 12, 26)}
        if SETTINGS["evesAreHolidays"]:
            days.add(dt.date(y, 12, 24))
            for d in range(19, 26):
                if dt.date(y, 6, d).weekday() == 4:
                    days.add(dt.date(y, 6, d))
        _HOLIDAYS[y] = days
    return _HOLIDAYS[y]


def is_working_day(d):
    return d.weekday() < 5 and d not in holidays(d.year)


def add_working_days(d, n):
    count = 0
    while count < n:
        d += dt.timedelta(1)
        if is_working_day(d):
            count += 1
    return d


def add_months(d, n, roll):
    m0 = d.year * 12 + (d.month - 1) + n
    y, m = divmod(m0, 12)
    m += 1
    nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
    last = (nxt - dt.timedelta(1)).day
    r = dt.date(y, m, min(d.day, last))
    if roll:
        while not is_working_day(r):
            r += dt.timedelta(1)
    return r


# --------------------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------------------
def seen(d, T):
    """A date after T is not seen yet."""
    return d if d is not None and d <= T else None


def outcome(deadline, done, T):
    if done is not None:
        return "met" if done <= deadline else "late"
    return "overdue" if deadline < T else "pending"


def nearest_rank(sorted_vals, num, den):
    n = len(sorted_vals)
    k = -(-num * n // den)  # ceil(num*n/den)
    return sorted_vals[max(k, 1) - 1]


def sort_key_region(r):
    """`*` first, then null, then codes by code point (rules.md, Decisions on "Every service" and "Inflow")."""
    return (0, "") if r == "*" else ((2, r) if r is not None else (1, ""))


def sort_key_code(v):
    """Codes by code point, null before any value."""
    return (0, "") if v is None else (1, v)


def is_child_welfare_matter(r):
    """rules.md Version 2: kind in childWelfareKinds, or childWelfare=true; whatever the case's service."""
    return r.get("kind") in SETTINGS["childWelfareKinds"] or r.get("childWelfare") is True


def evaluate(export, rejected, T, pstart, pend):
    cases = [c for c in export.cases if not c.rejected]
    workers = {w.get("id"): w for w in export.workers if not w.rejected}

    def live(c, kind):
        return [x for x in c.children if x.kind == kind and not x.rejected]

    in_period = lambda d: pstart <= d <= pend
    OUTCOMES4 = ("met", "late", "overdue", "pending")
    URGENCY_RULES = ("LSL26-urgency", "SHL36-urgency")

    # ---- deadlines ----
    deadlines = {}

    def count(rule, service, region, res, urgent=None):
        row = deadlines.get((rule, service, region))
        if row is None:
            row = {k: 0 for k in OUTCOMES4}
            if rule in URGENCY_RULES:
                row["urgentOnly"] = {k: 0 for k in OUTCOMES4}
            deadlines[(rule, service, region)] = row
        row[res] += 1
        if urgent:
            row["urgentOnly"][res] += 1

    durations = {}
    backlog = {}
    inflow = {}  # (service, region, kind) -> received
    assessor = {}  # (service, region) -> counts
    repeat = {}  # (service, region) -> counts
    w13_lo = T - dt.timedelta(90)  # the 91 days ending on T (T - 90 ... T)
    received13w, completed13w = {}, {}  # service -> count (backlogForecast)
    repeat_n = SETTINGS["repeatReferralCount"]
    for c in cases:
        service, region = c.get("service"), c.get("region")
        refs = {r.get("id"): r for r in live(c, "referral")}
        # referrals received in the period and on or before T
        for r in refs.values():
            rec = r.get("received")
            if rec > T or not in_period(rec):
                continue
            child_welfare = is_child_welfare_matter(r)
            # inflow: a child welfare matter under lastensuojelu, any other under its case's service
            key = ("lastensuojelu" if child_welfare else service, region, r.get("kind"))
            inflow[key] = inflow.get(key, 0) + 1
            urgency = outcome(rec + dt.timedelta(SETTINGS["urgencyDays"]), seen(r.get("urgencyAssessed"), T), T)
            if child_welfare:
                # LSL 26 §: every child welfare matter, under lastensuojelu, clock-start basis
                count("LSL26-urgency", "lastensuojelu", region, urgency, urgent=r.get("urgent") is True)
                count("LSL26-screening-7wd", "lastensuojelu", region,
                      outcome(add_working_days(rec, 7), seen(r.get("decided"), T), T))
            else:
                # SHL 36 § 1 mom: every other referral, under its case's service (every service)
                count("SHL36-urgency", service, region, urgency, urgent=r.get("urgent") is True)
        # repeatReferrals: per the case's service and region
        counted = {rid for rid, r in refs.items() if r.get("received") <= T and in_period(r.get("received"))}
        if len(counted) >= repeat_n:
            row = repeat.setdefault((service, region), {"cases": 0, "withoutAssessment": 0})
            row["cases"] += 1
            if not any(a.get("referral") in counted and seen(a.get("started"), T) is not None
                       for a in live(c, "assessment")):
                row["withoutAssessment"] += 1
        case_special = c.get("specialSupport") is True
        for a in live(c, "assessment"):
            r = refs[a.get("referral")]
            rec = r.get("received")
            if rec > T:
                continue  # the item does not exist yet
            child_welfare = is_child_welfare_matter(r)
            own = a.get("specialSupport")
            special = own if own is not None else case_special
            # a child welfare matter's assessment groups under lastensuojelu, any other under its case's service
            group = "lastensuojelu" if child_welfare else service
            # "Every service": an assessment of a tyoikaiset case (the case's current service)
            # enters the SHL36 deadline rules and the backlog only as a child welfare matter
            in_shl36 = child_welfare or (special and service != "tyoikaiset")
            started, completed = seen(a.get("started"), T), seen(a.get("completed"), T)
            # SHL36-assessor: special support (own flag, else the case's), any service, received in
            # the period and on or before T, started on or before T; grouped as durations
            if special and in_period(rec) and started is not None:
                row = assessor.setdefault((group, region),
                                          {"assessments": 0, "bySocialWorker": 0, "byOther": 0, "noWorker": 0})
                row["assessments"] += 1
                wid = a.get("worker")
                if wid is None:
                    row["noWorker"] += 1
                elif workers[wid].get("role") in QUALIFIED:
                    row["bySocialWorker"] += 1
                else:
                    row["byOther"] += 1
            if in_shl36:  # backlogForecast's 13 weeks (assessment records, open or completed)
                if w13_lo <= rec:
                    received13w[group] = received13w.get(group, 0) + 1
                if completed is not None and w13_lo <= completed:
                    completed13w[group] = completed13w.get(group, 0) + 1
            dl3 = add_months(rec, 3, SETTINGS["monthDeadlineRolls"])
            if in_shl36:
                if in_period(rec):  # SHL36-start-7wd: clock-start basis
                    count("SHL36-start-7wd", group, region, outcome(add_working_days(rec, 7), started, T))
                # SHL36-complete-3m: completion basis (THL)
                if completed is not None:
                    if in_period(completed):
                        count("SHL36-complete-3m", group, region, outcome(dl3, completed, T))
                elif dl3 < T:
                    if in_period(dl3):
                        count("SHL36-complete-3m", group, region, "overdue")
                elif in_period(rec):
                    count("SHL36-complete-3m", group, region, "pending")
            if completed is not None and in_period(rec):
                durations.setdefault((group, region), []).append((completed - rec).days)
            if in_shl36 and completed is None:
                b = backlog.setdefault((group, region), {"open": 0, "notStarted": 0, "overdue": 0, "oldest": rec,
                                                         "under1m": 0, "m1to3": 0, "m3to6": 0, "over6m": 0})
                b["open"] += 1
                b["notStarted"] += started is None
                b["overdue"] += dl3 < T
                b["oldest"] = min(b["oldest"], rec)
                # backlogAge: whole months by the month rule without the working-day shift
                if add_months(rec, 1, False) > T:
                    b["under1m"] += 1
                elif add_months(rec, 3, False) > T:
                    b["m1to3"] += 1
                elif add_months(rec, 6, False) > T:
                    b["m3to6"] += 1
                else:
                    b["over6m"] += 1

    dl_rows = []
    totals = {}
    for (rule, service, region), v in deadlines.items():
        dl_rows.append({"rule": rule, "service": service, "region": region, **v})
        t = totals.get((rule, service))
        if t is None:
            t = totals[(rule, service)] = {k: 0 for k in OUTCOMES4}
            if "urgentOnly" in v:
                t["urgentOnly"] = {k: 0 for k in OUTCOMES4}
        for k in OUTCOMES4:
            t[k] += v[k]
            if "urgentOnly" in v:
                t["urgentOnly"][k] += v["urgentOnly"][k]
    for (rule, service), v in totals.items():
        dl_rows.append({"rule": rule, "service": service, "region": "*", **v})
    dl_rows.sort(key=lambda r: (r["rule"], r["service"], sort_key_region(r["region"])))

    inflow_rows = [{"service": s, "region": rg, "kind": k, "received": n} for (s, rg, k), n in inflow.items()]
    inflow_tot = {}
    for (s, rg, k), n in inflow.items():
        inflow_tot[(s, k)] = inflow_tot.get((s, k), 0) + n
    inflow_rows += [{"service": s, "region": "*", "kind": k, "received": n} for (s, k), n in inflow_tot.items()]
    inflow_rows.sort(key=lambda r: (r["service"], sort_key_region(r["region"]), r["kind"]))

    dur_rows = []
    pooled = {}
    for (service, region), vals in durations.items():
        pooled.setdefault(service, []).extend(vals)
    for (service, region), vals in list(durations.items()) + [((s, "*"), v) for s, v in pooled.items()]:
        vals = sorted(vals)
        dur_rows.append({"service": service, "region": region, "completed": len(vals),
                         "medianDays": nearest_rank(vals, 1, 2), "p90Days": nearest_rank(vals, 9, 10)})
    dur_rows.sort(key=lambda r: (r["service"], sort_key_region(r["region"])))

    bl_rows = []
    bl_tot = {}
    for (service, region), b in backlog.items():
        bl_rows.append({"service": service, "region": region, "open": b["open"], "notStarted": b["notStarted"],
                        "overdue": b["overdue"], "oldestDays": (T - b["oldest"]).days})
        t = bl_tot.setdefault(service, {"open": 0, "notStarted": 0, "overdue": 0, "oldest": b["oldest"]})
        t["open"] += b["open"]
        t["notStarted"] += b["notStarted"]
        t["overdue"] += b["overdue"]
        t["oldest"] = min(t["oldest"], b["oldest"])
    for service, t in bl_tot.items():
        bl_rows.append({"service": service, "region": "*", "open": t["open"], "notStarted": t["notStarted"],
                        "overdue": t["overdue"], "oldestDays": (T - t["oldest"]).days})
    bl_rows.sort(key=lambda r: (r["service"], sort_key_region(r["region"])))

    AGE_BANDS = ("under1m", "m1to3", "m3to6", "over6m")
    age_rows = []
    age_tot = {}
    for (service, region), b in backlog.items():
        age_rows.append({"service": service, "region": region, **{k: b[k] for k in AGE_BANDS}})
        t = age_tot.setdefault(service, {k: 0 for k in AGE_BANDS})
        for k in AGE_BANDS:
            t[k] += b[k]
    age_rows += [{"service": s, "region": "*", **t} for s, t in age_tot.items()]
    age_rows.sort(key=lambda r: (r["service"], sort_key_region(r["region"])))

    # backlogForecast: per service, organisation-wide, when the backlog has an open item on T
    fc_rows = []
    for service, t in sorted(bl_tot.items()):
        if t["open"] < 1:
            continue
        rcv, done = received13w.get(service, 0), completed13w.get(service, 0)
        clears = None
        if done > rcv:
            a, b = t["open"] * 91, done - rcv
            clears = (T + dt.timedelta((a + b - 1) // b)).isoformat()  # integer ceiling, never floating point
        fc_rows.append({"service": service, "open": t["open"], "received13w": rcv, "completed13w": done,
                        "clearsOn": clears})

    # ---- point-in-time ----
    def active(cs):
        return cs.get("start") <= T and (cs.get("end") is None or cs.get("end") > T)

    def covering(x):
        return x.get("from") <= T and (x.get("to") is None or x.get("to") >= T)

    def child_on_T(c, cs):
        """Version 2: a clientship's client is a child on T (the caseload counts children)."""
        by = c.get("birthYear")
        if by is not None:
            age = T.year - by
            return age <= 17 or (age == 18 and cs.get("aftercare") is not True)
        return cs.get("aftercare") is not True

    plans = {}
    first_plan = {}  # region -> [days or None per started clientship]
    assign = {}
    meet = {}
    caseload = {}  # worker id -> set of counted case ids
    personal = {}  # (service, region) -> SHL42-personal-worker counts
    workload = {}  # worker id -> set of case ids (a client of any service on T)
    interval = SETTINGS["meetingIntervalDays"]
    for c in cases:
        region = c.get("region")
        cships = [(cs.get("service") or c.get("service"), cs) for cs in live(c, "clientship")]
        active_cs = [(s, cs) for s, cs in cships if active(cs)]
        plan_dates = sorted(p.get("date") for p in live(c, "plan") if p.get("date") <= T)
        for s in sorted({s for s, _ in active_cs}):
            row = plans.setdefault((s, region), {"active": 0, "withPlan": 0, "upToDate": 0})
            row["active"] += 1
            if plan_dates:
                row["withPlan"] += 1
                if add_months(plan_dates[-1], SETTINGS["planReviewMonths"], False) >= T:
                    row["upToDate"] += 1
        # LSL30-first-plan: every lastensuojelu clientship starting in the period and on or before T
        for s, cs in cships:
            st = cs.get("start")
            if s != "lastensuojelu" or st > T or not in_period(st):
                continue
            first = next((d for d in plan_dates if d >= st), None)  # plan_dates are <= T
            first_plan.setdefault(region, []).append(None if first is None else (first - st).days)
        cover = [a for a in live(c, "assignment") if covering(a)]
        qualified = any(workers[a.get("worker")].get("role") in QUALIFIED for a in cover)
        # SHL42-personal-worker: by clientship, as plans (lapsiperheet and tyoikaiset only; a case
        # active in both is in both rows); special support is the case's own flag only
        for s in sorted({s for s, _ in active_cs} & {"lapsiperheet", "tyoikaiset"}):
            row = personal.setdefault((s, region), {"active": 0, "withoutWorker": 0, "specialSupport": 0,
                                                    "specialWithoutWorker": 0, "specialWithoutSocialWorker": 0})
            row["active"] += 1
            row["withoutWorker"] += not cover
            if c.get("specialSupport") is True:
                row["specialSupport"] += 1
                row["specialWithoutWorker"] += not cover
                row["specialWithoutSocialWorker"] += bool(cover) and not qualified
        # workload: a client on T = an assignment covering T and an active clientship of any service
        if active_cs:
            for a in cover:
                workload.setdefault(a.get("worker"), set()).add(c.get("id"))
        ls_active = [cs for s, cs in active_cs if s == "lastensuojelu"]
        if ls_active:
            row = assign.setdefault(region, {"active": 0, "unassigned": 0, "unqualified": 0})
            row["active"] += 1
            if not cover:
                row["unassigned"] += 1
            elif not qualified:
                row["unqualified"] += 1
            if any(child_on_T(c, cs) for cs in ls_active):
                for a in cover:
                    caseload.setdefault(a.get("worker"), set()).add(c.get("id"))
            start = min(cs.get("start") for cs in ls_active)
            if (T - start).days >= interval:
                row = meet.setdefault(region, {"active": 0, "metWithin": 0})
                row["active"] += 1
                lo = T - dt.timedelta(interval)
                if any(m.get("withChild") is not False and lo < m.get("date") <= T for m in live(c, "meeting")):
                    row["metWithin"] += 1

    def with_star(groups, key_names, sum_keys):
        rows = []
        tot = {}
        for key, v in groups.items():
            rows.append({**dict(zip(key_names, key)), **v})
            skey = tuple("*" if n == "region" else k for n, k in zip(key_names, key))
            t = tot.setdefault(skey, {k: 0 for k in sum_keys})
            for k in sum_keys:
                t[k] += v[k]
        for skey, v in tot.items():
            rows.append({**dict(zip(key_names, skey)), **v})
        return rows

    plan_rows = with_star(plans, ("service", "region"), ("active", "withPlan", "upToDate"))
    plan_rows.sort(key=lambda r: (r["service"], sort_key_region(r["region"])))

    def first_plan_row(region, items):
        days = sorted(d for d in items if d is not None)
        return {"region": region, "started": len(items), "withPlan": len(days),
                "withoutPlan": len(items) - len(days),
                "medianDays": nearest_rank(days, 1, 2) if days else None,
                "p90Days": nearest_rank(days, 9, 10) if days else None}
    fp_rows = [first_plan_row(region, items) for region, items in first_plan.items()]
    if first_plan:
        fp_rows.append(first_plan_row("*", [d for items in first_plan.values() for d in items]))
    fp_rows.sort(key=lambda r: sort_key_region(r["region"]))

    assign_rows = with_star({(k,): v for k, v in assign.items()}, ("region",), ("active", "unassigned", "unqualified"))
    assign_rows.sort(key=lambda r: sort_key_region(r["region"]))
    meet_rows = with_star({(k,): v for k, v in meet.items()}, ("region",), ("active", "metWithin"))
    meet_rows.sort(key=lambda r: sort_key_region(r["region"]))

    if T >= dt.date(2024, 1, 1):
        limit = 30
    elif T >= dt.date(2022, 1, 1):
        limit = 35
    else:
        limit = None
    cl_rows = [{"worker": w, "region": workers[w].get("region"), "children": len(s), "limit": limit}
               for w, s in caseload.items()]
    cl_rows.sort(key=lambda r: (r["region"], r["worker"]))

    pw_rows = with_star(personal, ("service", "region"), ("active", "withoutWorker", "specialSupport",
                                                          "specialWithoutWorker", "specialWithoutSocialWorker"))
    pw_rows.sort(key=lambda r: (r["service"], sort_key_region(r["region"])))
    as_rows = with_star(assessor, ("service", "region"), ("assessments", "bySocialWorker", "byOther", "noWorker"))
    as_rows.sort(key=lambda r: (r["service"], sort_key_region(r["region"])))
    limits = SETTINGS["workloadLimits"]
    wl_rows = [{"worker": w, "region": workers[w].get("region"), "role": workers[w].get("role"),
                "service": workers[w].get("service"), "clients": len(s),
                "limit": limits.get(workers[w].get("service"))}
               for w, s in workload.items()]
    wl_rows.sort(key=lambda r: (r["region"], r["worker"]))
    rr_rows = with_star(repeat, ("service", "region"), ("cases", "withoutAssessment"))
    rr_rows.sort(key=lambda r: (r["service"], sort_key_region(r["region"])))

    # ---- staffing ----
    staff = {}
    for p in export.posts:
        if p.rejected:
            continue
        fte = p.get("fte")
        filled = sum(((o.get("fte") if o.get("fte") is not None else fte)
                      for o in p.children if not o.rejected and covering(o)), Decimal(0))
        vacant = max(Decimal(0), fte - filled)
        row = staff.setdefault((p.get("region"), p.get("service"), p.get("role")),
                               {"posts": Decimal(0), "vacant": Decimal(0)})
        row["posts"] += fte
        row["vacant"] += vacant
    st_rows = with_star(staff, ("region", "service", "role"), ("posts", "vacant"))
    for r in st_rows:
        r["posts"] = float(r["posts"])
        r["vacant"] = float(r["vacant"])
    st_rows.sort(key=lambda r: (sort_key_code(r["service"]), sort_key_region(r["region"]), sort_key_code(r["role"])))

    # ---- turnover: the worker records' own start and end, never occupancies ----
    E = min(pend, T)
    turnover = {}
    if T >= pstart and E >= pstart:
        def employed(w, d):
            return (w.get("start") is None or w.get("start") <= d) and (w.get("end") is None or w.get("end") >= d)
        for w in workers.values():
            st, en = w.get("start"), w.get("end")
            v = {"employedStart": int(employed(w, pstart)), "employedEnd": int(employed(w, E)),
                 "joined": int(st is not None and pstart < st <= E),
                 "left": int(en is not None and pstart <= en < E)}
            if not any(v.values()):
                continue
            t = turnover.setdefault((w.get("region"), w.get("service"), w.get("role")),
                                    {"employedStart": 0, "employedEnd": 0, "joined": 0, "left": 0})
            for k in v:
                t[k] += v[k]
    to_rows = with_star(turnover, ("region", "service", "role"), ("employedStart", "employedEnd", "joined", "left"))
    to_rows = [{"service": r["service"], "region": r["region"], "role": r["role"],
                **{k: r[k] for k in ("employedStart", "employedEnd", "joined", "left")}} for r in to_rows]
    to_rows.sort(key=lambda r: (sort_key_code(r["service"]), sort_key_region(r["region"]), sort_key_code(r["role"])))

    return {
        "schema": "valvonta-findings/2",
        "organisation": export.header["organisation"],
        "asOf": T.isoformat(),
        "period": {"start": pstart.isoformat(), "end": pend.isoformat(),
                   "basis": {"SHL36-complete-3m": "completed", "*": "clock-start"}},
        "deadlines": dl_rows,
        "inflow": inflow_rows,
        "plans": plan_rows,
        "firstPlan": fp_rows,
        "assignment": assign_rows,
        "caseload": cl_rows,
        "durations": dur_rows,
        "backlog": bl_rows,
        "backlogAge": age_rows,
        "backlogForecast": fc_rows,
        "meetings": meet_rows,
        "personalWorker": pw_rows,
        "assessor": as_rows,
        "workload": wl_rows,
        "repeatReferrals": rr_rows,
        "staffing": st_rows,
        "turnover": to_rows,
        "rejected": rejected,
    }


def parse_period(s):
    m = re.match(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$", s)
    if m:
        return dt.date.fromisoformat(m.group(1)), dt.date.fromisoformat(m.group(2))
    m = re.match(r"^(\d{4})(H[12]|T[123]|Q[1-4])?$", s)
    if not m:
        raise ValueError(s)
    y, p = int(m.group(1)), m.group(2)
    if p is None:
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    if p == "H1":
        return dt.date(y - 1, 10, 1), dt.date(y, 3, 31)
    if p == "H2":
        return dt.date(y, 4, 1), dt.date(y, 9, 30)
    if p[0] == "T":
        i = int(p[1]) - 1
        return dt.date(y, 1 + 4 * i, 1), add_months(dt.date(y, 1 + 4 * i, 1), 4, False) - dt.timedelta(1)
    i = int(p[1]) - 1
    return dt.date(y, 1 + 3 * i, 1), add_months(dt.date(y, 1 + 3 * i, 1), 3, False) - dt.timedelta(1)


def read_settings(path):
    """A flat `key: value` YAML subset; comments and blank lines ignored. `childWelfareKinds`
    takes a flow list (`[lastensuojeluilmoitus, pyynto-arvioida]`) or a block list (`- kind` lines);
    `workloadLimits` a flow map (`{tyoikaiset: 50}`) or a block map (indented `service: N` lines),
    which replaces the default map."""
    block_key = None
    for raw in open(path, encoding="utf-8"):
        text = raw.split("#", 1)[0].rstrip()
        line = text.strip()
        if not line:
            continue
        if block_key == "childWelfareKinds" and line.startswith("- "):
            SETTINGS[block_key] = SETTINGS[block_key] + (line[2:].strip().strip("\"'"),)
            continue
        if block_key == "workloadLimits" and text[:1] in (" ", "\t"):
            k, _, v = (x.strip() for x in line.partition(":"))
            SETTINGS[block_key][k.strip("\"'")] = int(v)
            continue
        block_key = None
        key, _, value = (p.strip() for p in line.partition(":"))
        if key in ("regionalGapPoints", "workloadGapPercent", "regionalMinCount"):
            continue  # regional differences are not in the findings JSON
        if key not in SETTINGS:
            raise Fatal(f"{path}: unknown setting '{key}'")
        if key == "childWelfareKinds":
            if value == "":
                SETTINGS[key] = ()
                block_key = key
            elif value.startswith("[") and value.endswith("]"):
                SETTINGS[key] = tuple(v.strip().strip("\"'") for v in value[1:-1].split(",") if v.strip())
            else:
                raise Fatal(f"{path}: setting '{key}' must be a list of referral kinds")
        elif key == "workloadLimits":
            SETTINGS[key] = {}
            if value == "":
                block_key = key
            elif value.startswith("{") and value.endswith("}"):
                for item in value[1:-1].split(","):
                    if item.strip():
                        k, _, v = (x.strip() for x in item.partition(":"))
                        SETTINGS[key][k.strip("\"'")] = int(v)
            else:
                raise Fatal(f"{path}: setting '{key}' must be a map of service: number")
        elif isinstance(SETTINGS[key], bool):
            if value not in ("true", "false"):
                raise Fatal(f"{path}: setting '{key}' must be true or false")
            SETTINGS[key] = value == "true"
        else:
            SETTINGS[key] = int(value)
    bad = [k for k in SETTINGS["childWelfareKinds"] if k not in KINDS]
    if bad:
        raise Fatal(f"{path}: childWelfareKinds: unknown referral kind '{bad[0]}'")
    bad = [k for k in SETTINGS["workloadLimits"] if k not in SERVICES]
    if bad:
        raise Fatal(f"{path}: workloadLimits: unknown service '{bad[0]}'")
    if SETTINGS["repeatReferralCount"] < 1:
        raise Fatal(f"{path}: repeatReferralCount must be at least 1")
    _HOLIDAYS.clear()


def self_test():
    """The spec's own examples (rules.md, case-export.md, report.md); exit 1 on the first failure."""
    D = dt.date
    checks = [
        ("7 working days after Wed 3.1.2024", add_working_days(D(2024, 1, 3), 7), D(2024, 1, 12)),
        ("30.11.2023 + 3 months", add_months(D(2023, 11, 30), 3, True), D(2024, 2, 29)),
        ("31.3.2024 + 3 months rolls", add_months(D(2024, 3, 31), 3, True), D(2024, 7, 1)),
        ("31.3.2024 + 3 months, no roll", add_months(D(2024, 3, 31), 3, False), D(2024, 6, 30)),
        ("Easter 2024", easter_sunday(2024), D(2024, 3, 31)),
        ("Easter 2025", easter_sunday(2025), D(2025, 4, 20)),
        ("Midsummer Eve 2024 is a holiday", D(2024, 6, 21) in holidays(2024), True),
        ("Ascension 2024 (9.5.)", D(2024, 5, 9) in holidays(2024), True),
        ("median of 1..4 (nearest rank)", nearest_rank([1, 2, 3, 4], 1, 2), 2),
        ("p90 of 1..10", nearest_rank(list(range(1, 11)), 9, 10), 9),
        ("p90 of 1..11", nearest_rank(list(range(1, 12)), 9, 10), 10),
        ("identity code 131052-308T", is_identity_code("131052-308T"), True),
        ("wrong check character", is_identity_code("131052-308U"), False),
        ("2024H1", parse_period("2024H1"), (D(2023, 10, 1), D(2024, 3, 31))),
        ("2024T2", parse_period("2024T2"), (D(2024, 5, 1), D(2024, 8, 31))),
    ]
    bad = [(name, got, want) for name, got, want in checks if got != want]
    for name, got, want in bad:
        print(f"FAIL {name}: {got} != {want}", file=sys.stderr)
    print(f"{len(checks) - len(bad)}/{len(checks)} checks passed")
    return 1 if bad else 0


def main(argv=None):
    if (argv if argv is not None else sys.argv[1:]) == ["--self-test"]:
        return self_test()
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("exports", nargs="+", help="XML export files or CSV folders")
    ap.add_argument("--as-of", help="evaluation date T (default: the earliest 'generated' date)")
    ap.add_argument("--period", help="START..END, or a preset such as 2024H1, 2024T1, 2024Q2, 2024")
    ap.add_argument("--lenient", action="store_true")
    ap.add_argument("--settings", help="rule settings, one 'key: value' a line (the flat YAML of docs/settings.md)")
    args = ap.parse_args(argv)
    try:
        if args.settings:
            read_settings(args.settings)
        export = load(args.exports, args.lenient)
        rejected = link(export)
    except Fatal as e:
        print(str(e), file=sys.stderr)
        return 2
    try:
        T = dt.date.fromisoformat(args.as_of) if args.as_of else export.header["generated"][0]
    except ValueError:
        ap.error("--as-of must be a real date written YYYY-MM-DD")
    if args.period:
        try:
            pstart, pend = parse_period(args.period)
        except ValueError:
            ap.error("--period: use START..END (YYYY-MM-DD) or a preset such as 2024H1, 2024T1, 2024Q1, 2024")
        if pend < pstart:
            ap.error("--period ends before it starts")
    else:
        pstart, pend = export.header["periodStart"], export.header["periodEnd"]
    findings = evaluate(export, rejected, T, pstart, pend)
    json.dump(findings, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
