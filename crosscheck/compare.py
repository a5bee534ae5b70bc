#!/usr/bin/env python3
"""Compares two findings JSON files (version 1 or 2) array by array, row by row.

    crosscheck/compare.py A.json B.json [--xml EXPORT.xml ...] [--ignore-order] [--key-order]

Rows are matched by each array's key columns; every missing, extra or differing
row is printed, then a summary line. For `rejected`, (source, line) pairs are
compared and the two reasons shown side by side (reason texts are free prose, so
a differing reason alone is not a difference). Row order is checked against the
order of the other file and reported too. case-export.md accepts either the first or
the last line of a start tag broken over lines; with `--xml`, the rejected lines of
that export (source = its base name) are normalised to the tag's first line.
`--ignore-order` leaves out the order check (content only). Nested objects (`period` with
its `basis`, `urgentOnly` of the `LSL26-urgency` and `SHL36-urgency` rows) are compared key by
key and each differing leaf is named by its path (`urgentOnly.late`); `null` equals only
`null`. An array absent from both files (e.g. `firstPlan` in two version 1 files, `inflow` …
`turnover` in two files from before "Every service") is no difference; an array present in
only one file is reported as one difference. `--key-order` also reports, per array, the
first row whose keys stand in another order than the other file's row (report.md fixes the
order; JSON readers do not care, so it is off by default).
Exit 0 when equal, 1 on any difference, 2 when a file cannot be read.
"""
import json
import os
import sys

KEYS = {
    "deadlines": ("rule", "service", "region"),
    "inflow": ("service", "region", "kind"),  # version 2, "Inflow, queue and turnover"
    "plans": ("service", "region"),
    "firstPlan": ("region",),  # version 2
    "assignment": ("region",),
    "caseload": ("worker",),
    "durations": ("service", "region"),
    "backlog": ("service", "region"),
    "backlogAge": ("service", "region"),  # "Inflow, queue and turnover"
    "backlogForecast": ("service",),  # "Inflow, queue and turnover" (organisation-wide only)
    "meetings": ("region",),
    "personalWorker": ("service", "region"),  # "Every service"
    "assessor": ("service", "region"),  # "Every service"
    "workload": ("worker",),  # "Every service"
    "repeatReferrals": ("service", "region"),  # "Every service"
    "staffing": ("region", "service", "role"),
    "turnover": ("region", "service", "role"),  # "Inflow, queue and turnover"
    "rejected": ("source", "line"),
}
SCALARS = ("schema", "organisation", "asOf", "period")


def tag_first_lines(path):
    """Maps every line of a start tag broken over lines (after its first) to its first line."""
    with open(path, encoding="utf-8", errors="replace", newline="") as fh:
        text = fh.read().replace("\r\n", "\n").replace("\r", "\n")  # XML 1.0 § 2.11
    mapping = {}
    i, line, n = 0, 1, len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
            continue
        if c != "<":
            i += 1
            continue
        for opener, closer in (("<!--", "-->"), ("<?", "?>"), ("<![CDATA[", "]]>")):
            if text.startswith(opener, i):
                j = text.find(closer, i)
                j = n if j < 0 else j + len(closer)
                line += text.count("\n", i, j)
                i = j
                break
        else:
            first, quote, j = line, None, i + 1
            while j < n:
                ch = text[j]
                if ch == "\n":
                    line += 1
                elif quote:
                    if ch == quote:
                        quote = None
                elif ch in "\"'":
                    quote = ch
                elif ch == ">":
                    break
                j += 1
            for ln in range(first + 1, line + 1):
                mapping[ln] = first
            i = j + 1
    return mapping


def normalise_lines(doc, maps):
    for r in doc.get("rejected") or []:
        m = maps.get(r.get("source"))
        if m and r.get("line") in m:
            r["line"] = m[r["line"]]


def same(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= 1e-9
    return a == b


def leaf_diffs(a, b, path):
    """Differences between two values, nested objects key by key: a list of 'path: a vs b'."""
    if isinstance(a, dict) and isinstance(b, dict):
        out = []
        for k in list(a) + [k for k in b if k not in a]:
            p = f"{path}.{k}" if path else k
            if k not in a or k not in b:
                out.append(f"{p}: {'missing' if k not in a else json.dumps(a[k], ensure_ascii=False)} vs "
                           f"{'missing' if k not in b else json.dumps(b[k], ensure_ascii=False)}")
            else:
                out.extend(leaf_diffs(a[k], b[k], p))
        return out
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in leaf_diffs(x, y, f"{path}[{i}]")]
    if same(a, b):
        return []
    return [f"{path}: {json.dumps(a, ensure_ascii=False)} vs {json.dumps(b, ensure_ascii=False)}"]


def fmt_key(key):
    key, k = key
    text = ", ".join("null" if v is None else str(v) for v in key)
    return text + (f" #{k + 1}" if k else "")


def compare(a, b, name_a="A", name_b="B", out=print, check_order=True, check_key_order=False):
    diffs = 0
    per_array = {}
    order_diffs = []
    if check_key_order and list(a) != list(b):
        out(f"top-level key order differs: {name_a} {list(a)} vs {name_b} {list(b)}")
        order_diffs.append("top-level keys")
    for k in SCALARS:
        for d in leaf_diffs(a.get(k), b.get(k), k):
            out(f"{d}  ({name_a} vs {name_b})")
            diffs += 1
    for extra in sorted(set(a) ^ set(b)):
        where = name_a if extra in a else name_b
        out(f"top-level key '{extra}' only in {where}")
        diffs += 1
    for arr, keycols in KEYS.items():
        n = 0
        rows_a, rows_b = a.get(arr), b.get(arr)
        if not isinstance(rows_a, list) or not isinstance(rows_b, list):
            if rows_a != rows_b:
                out(f"[{arr}] missing or not an array: {name_a}={type(rows_a).__name__} {name_b}={type(rows_b).__name__}")
                diffs += 1
                per_array[arr] = 1
            continue

        def index(rows, who):
            nonlocal n
            idx = {}
            order = []
            for r in rows:
                missing = [c for c in keycols if c not in r]
                if missing:
                    out(f"[{arr}] {who}: row without key column(s) {missing}: {json.dumps(r, ensure_ascii=False)}")
                    n += 1
                key = tuple(r.get(c) for c in keycols)
                # a key may repeat only in `rejected` (a one-line post and its occupancy);
                # the k-th occurrence is paired with the other file's k-th occurrence
                k = 0
                while (key, k) in idx:
                    k += 1
                if k and arr != "rejected":
                    out(f"[{arr}] {who}: duplicate row ({fmt_key(key)})")
                    n += 1
                idx[(key, k)] = r
                order.append((key, k))
            return idx, order

        ia, oa = index(rows_a, name_a)
        ib, ob = index(rows_b, name_b)
        for key in oa:
            if key not in ib:
                ra = ia[key]
                if arr == "rejected":
                    out(f"[rejected] ({fmt_key(key)}) only in {name_a}: {ra.get('reason')}")
                else:
                    out(f"[{arr}] ({fmt_key(key)}) only in {name_a}: {json.dumps(ra, ensure_ascii=False)}")
                n += 1
        for key in ob:
            if key not in ia:
                rb = ib[key]
                if arr == "rejected":
                    out(f"[rejected] ({fmt_key(key)}) only in {name_b}: {rb.get('reason')}")
                else:
                    out(f"[{arr}] ({fmt_key(key)}) only in {name_b}: {json.dumps(rb, ensure_ascii=False)}")
                n += 1
        for key in oa:
            if key not in ib:
                continue
            ra, rb = ia[key], ib[key]
            if arr == "rejected":
                if set(ra) != set(rb):
                    out(f"[rejected] ({fmt_key(key)}) fields differ: {sorted(ra)} vs {sorted(rb)}")
                    n += 1
                continue
            fields = [c for c in list(ra) + [c for c in rb if c not in ra] if c not in keycols]
            bad = []
            for c in fields:
                if c not in ra or c not in rb:
                    bad.append(f"{c}: {'missing' if c not in ra else json.dumps(ra[c])} vs "
                               f"{'missing' if c not in rb else json.dumps(rb[c])}")
                else:
                    bad.extend(leaf_diffs(ra[c], rb[c], c))
            if bad:
                out(f"[{arr}] ({fmt_key(key)}): " + "; ".join(bad))
                n += 1
        if check_key_order:
            for key in oa:
                if key in ib and list(ia[key]) != list(ib[key]):
                    out(f"[{arr}] key order differs, first at ({fmt_key(key)}): {name_a} {list(ia[key])} vs "
                        f"{name_b} {list(ib[key])}")
                    order_diffs.append(f"{arr} keys")
                    break
        # order of the common rows
        common_a = [k for k in oa if k in ib]
        common_b = [k for k in ob if k in ia]
        if check_order and common_a != common_b:
            first = next(i for i, (x, y) in enumerate(zip(common_a, common_b)) if x != y)
            out(f"[{arr}] row order differs: first at common row {first}: {name_a} has ({fmt_key(common_a[first])}), "
                f"{name_b} has ({fmt_key(common_b[first])})")
            order_diffs.append(arr)
        if arr == "rejected":
            # reasons side by side, for reading (not a difference)
            for key in oa:
                if key in ib and ia[key].get("reason") != ib[key].get("reason"):
                    out(f"  reason ({fmt_key(key)}): {name_a}: {ia[key].get('reason')} | {name_b}: {ib[key].get('reason')}")
        per_array[arr] = n
        diffs += n
    summary = ", ".join(f"{k} {v}" for k, v in per_array.items() if v)
    out(f"SUMMARY: {diffs} difference(s) in content" + (f" ({summary})" if summary else "") +
        f", {len(order_diffs)} array(s) in another order" + (f" ({', '.join(order_diffs)})" if order_diffs else "") +
        f"; rows {name_a}/{name_b}: " +
        ", ".join(f"{k} {len(a.get(k) or [])}/{len(b.get(k) or [])}" for k in KEYS if k in a or k in b))
    return diffs + len(order_diffs)


def main(argv):
    files, xmls, args, check_order, check_key_order = [], [], iter(argv[1:]), True, False
    for arg in args:
        if arg == "--ignore-order":
            check_order = False
        elif arg == "--key-order":
            check_key_order = True
        elif arg == "--xml":
            xmls.append(next(args, None))
        else:
            files.append(arg)
    if len(files) != 2 or None in xmls:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    try:
        with open(files[0], encoding="utf-8") as fa:
            a = json.load(fa)
        with open(files[1], encoding="utf-8") as fb:
            b = json.load(fb)
        maps = {os.path.basename(x): tag_first_lines(x) for x in xmls}
    except (OSError, ValueError) as e:
        print(f"cannot read: {e}", file=sys.stderr)
        return 2
    normalise_lines(a, maps)
    normalise_lines(b, maps)
    return 1 if compare(a, b, "A", "B", check_order=check_order, check_key_order=check_key_order) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
