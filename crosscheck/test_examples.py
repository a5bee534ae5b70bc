#!/usr/bin/env python3
"""Asserts the outcomes of rules.md "Version 2" → "Examples" (1)–(7) on the exports in
crosscheck/examples/, plus the readings README.md takes where Version 2 is silent.

    python3 crosscheck/test_examples.py [-v] [--cmd 'PROGRAM {exports} {options}']

T = Mon 16.6.2025 (each export's `generated`), period 1.1.–16.6.2025 (the exports'
header), `urgencyDays` 1. By default the findings come from crosscheck/reference.py;
`--cmd` runs any other implementation that prints findings JSON version 2, e.g.
`--cmd '.build/debug/valvonta check {exports} --format json {options}'` ({exports}:
the export paths; {options}: `--as-of … --period …` when a check needs them).
Each XML example is also converted to a CSV folder (with the Version 2 columns
`childWelfare` and `specialSupport`) and must give the identical JSON; and all
examples read together (several exports of one organisation) must give the sums.

Python 3 standard library only. Exit 0 when every assertion holds, 1 otherwise.
"""
import csv
import json
import os
import shlex
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
EX = os.path.join(HERE, "examples")
NS = "{urn:valvonta:case-export:1}"
ZERO = {"met": 0, "late": 0, "overdue": 0, "pending": 0}

CMD = [sys.executable, os.path.join(HERE, "reference.py"), "{exports}", "{options}"]
VERBOSE = False
failures = []
passed = 0


def run(exports, options=()):
    argv = []
    for part in CMD:
        if part == "{exports}":
            argv.extend(exports)
        elif part == "{options}":
            argv.extend(options)
        else:
            argv.append(part)
    p = subprocess.run(argv, capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {p.returncode}:\n{p.stderr}")
    return json.loads(p.stdout)


def ex(name):
    return os.path.join(EX, name)


def check(label, got, want):
    global passed
    if got == want:
        passed += 1
        if VERBOSE:
            print(f"ok   {label}")
    else:
        failures.append(label)
        print(f"FAIL {label}\n     got:  {json.dumps(got, ensure_ascii=False)}\n     want: "
              f"{json.dumps(want, ensure_ascii=False)}")


def counts(row):
    """The outcome counts of a deadline row (and urgentOnly when it has one), or None."""
    if row is None:
        return None
    out = {k: row[k] for k in ZERO}
    if "urgentOnly" in row:
        out["urgentOnly"] = row["urgentOnly"]
    return out


def dl(doc, rule, service, region="JKL"):
    rows = [r for r in doc["deadlines"] if (r["rule"], r["service"], r["region"]) == (rule, service, region)]
    return counts(rows[0]) if rows else None


def regional(doc, array):
    """The rows of an array without the `*` rows, keyed columns and all."""
    return [r for r in doc[array] if r.get("region") != "*"]


def deadline_keys(doc):
    return sorted((r["rule"], r["service"], r["region"]) for r in doc["deadlines"] if r["region"] != "*")


def o(**kw):
    return {**ZERO, **kw}


def urg(u=None, **kw):
    return {**ZERO, **kw, "urgentOnly": {**ZERO, **(u or {})}}


# --------------------------------------------------------------------------------------
def example_1():
    d = run([ex("ex1-notification-in-family-case.xml")])
    check("(1) schema", d["schema"], "valvonta-findings/2")
    check("(1) period.basis", d["period"], {"start": "2025-01-01", "end": "2025-06-16",
                                            "basis": {"SHL36-complete-3m": "completed", "*": "clock-start"}})
    check("(1) key order", list(d), ["schema", "organisation", "asOf", "period", "deadlines", "plans", "firstPlan",
                                     "assignment", "caseload", "durations", "backlog", "meetings", "staffing",
                                     "rejected"])
    check("(1) LSL26-urgency met under lastensuojelu, urgentOnly zeros",
          dl(d, "LSL26-urgency", "lastensuojelu"), urg(met=1))
    check("(1) LSL26-screening-7wd met under lastensuojelu",
          dl(d, "LSL26-screening-7wd", "lastensuojelu"), o(met=1))
    check("(1) SHL36-start-7wd met under lastensuojelu", dl(d, "SHL36-start-7wd", "lastensuojelu"), o(met=1))
    check("(1) SHL36-complete-3m met under lastensuojelu", dl(d, "SHL36-complete-3m", "lastensuojelu"), o(met=1))
    check("(1) no row under the case's service lapsiperheet",
          [r for r in d["deadlines"] + d["durations"] + d["backlog"] if r["service"] != "lastensuojelu"], [])
    check("(1) 86 days: a lastensuojelu processing time", regional(d, "durations"),
          [{"service": "lastensuojelu", "region": "JKL", "completed": 1, "medianDays": 86, "p90Days": 86}])
    check("(1) deadline rows exist for JKL and * only",
          sorted({r["region"] for r in d["deadlines"]}), ["*", "JKL"])
    check("(1) urgency `*` row carries urgentOnly",
          counts(next(r for r in d["deadlines"] if r["rule"] == "LSL26-urgency" and r["region"] == "*")),
          urg(met=1))
    check("(1) urgentOnly is the last key of an urgency row",
          list(next(r for r in d["deadlines"] if r["rule"] == "LSL26-urgency")),
          ["rule", "service", "region", "met", "late", "overdue", "pending", "urgentOnly"])
    check("(1) no urgentOnly on other rules",
          [r["rule"] for r in d["deadlines"] if r["rule"] != "LSL26-urgency" and "urgentOnly" in r], [])


def example_2():
    d = run([ex("ex2-completed-in-period.xml")])
    check("(2) SHL36-complete-3m late in this period (deadline 4.2.2025, completed 14.2.)",
          dl(d, "SHL36-complete-3m", "lastensuojelu"), o(late=1))
    check("(2) urgency, screening and start not in this period", deadline_keys(d),
          [("SHL36-complete-3m", "lastensuojelu", "JKL")])
    check("(2) not a processing time of this period (received 4.11.2024)", d["durations"], [])
    e = run([ex("ex2-completed-in-period.xml")], ["--as-of", "2025-06-16", "--period", "2024-07-01..2024-12-31"])
    check("(2) earlier period: urgency met", dl(e, "LSL26-urgency", "lastensuojelu"), urg(met=1))
    check("(2) earlier period: screening met", dl(e, "LSL26-screening-7wd", "lastensuojelu"), o(met=1))
    check("(2) earlier period: start met", dl(e, "SHL36-start-7wd", "lastensuojelu"), o(met=1))
    check("(2) earlier period: not in SHL36-complete-3m", dl(e, "SHL36-complete-3m", "lastensuojelu"), None)


def example_3():
    d = run([ex("ex3-request-not-urgent.xml")])
    check("(3) LSL26-urgency overdue, not in urgentOnly", dl(d, "LSL26-urgency", "lastensuojelu"), urg(overdue=1))
    e = run([ex("ex3-request-not-urgent.xml")], ["--as-of", "2025-05-03", "--period", "2025-01-01..2025-06-16"])
    check("(3) deadline 3.5.: pending on T 3.5.", dl(e, "LSL26-urgency", "lastensuojelu"), urg(pending=1))
    e = run([ex("ex3-request-not-urgent.xml")], ["--as-of", "2025-05-04", "--period", "2025-01-01..2025-06-16"])
    check("(3) deadline 3.5.: overdue on T 4.5.", dl(e, "LSL26-urgency", "lastensuojelu"), urg(overdue=1))


def example_4():
    d = run([ex("ex4-contact-marked-child-welfare.xml")])
    check("(4) LSL26-urgency late, late in urgentOnly", dl(d, "LSL26-urgency", "lastensuojelu"),
          urg({"late": 1}, late=1))
    check("(4) screening pending", dl(d, "LSL26-screening-7wd", "lastensuojelu"), o(pending=1))
    check("(4) under lastensuojelu though the case is lapsiperheet", deadline_keys(d),
          [("LSL26-screening-7wd", "lastensuojelu", "JKL"), ("LSL26-urgency", "lastensuojelu", "JKL")])
    e = run([ex("ex4-contact-marked-child-welfare.xml")], ["--as-of", "2025-06-25", "--period", "2025-01-01..2025-06-16"])
    check("(4) screening deadline 25.6. (Midsummer Eve 20.6. skipped): pending on T 25.6.",
          dl(e, "LSL26-screening-7wd", "lastensuojelu"), o(pending=1))
    d = run([ex("ex4b-contact-not-child-welfare.xml")])
    check("(4 control) a yhteydenotto without childWelfare is in no LSL 26 rule", d["deadlines"], [])


def example_5():
    d = run([ex("ex5-assessment-special-support.xml")])
    check("(5) SHL36-start-7wd met under lapsiperheet", dl(d, "SHL36-start-7wd", "lapsiperheet"), o(met=1))
    check("(5) SHL36-complete-3m overdue under lapsiperheet",
          dl(d, "SHL36-complete-3m", "lapsiperheet"), o(overdue=1))
    check("(5) only those two rows", deadline_keys(d),
          [("SHL36-complete-3m", "lapsiperheet", "JKL"), ("SHL36-start-7wd", "lapsiperheet", "JKL")])
    check("(5) in the backlog, 105 days old", regional(d, "backlog"),
          [{"service": "lapsiperheet", "region": "JKL", "open": 1, "notStarted": 0, "overdue": 1,
            "oldestDays": 105}])
    e = run([ex("ex5-assessment-special-support.xml")], ["--as-of", "2025-06-03", "--period", "2025-01-01..2025-06-03"])
    check("(5) deadline 3.6.: pending on T 3.6.", dl(e, "SHL36-complete-3m", "lapsiperheet"), o(pending=1))
    e = run([ex("ex5-assessment-special-support.xml")], ["--as-of", "2025-06-04", "--period", "2025-01-01..2025-06-04"])
    check("(5) deadline 3.6.: overdue on T 4.6.", dl(e, "SHL36-complete-3m", "lapsiperheet"), o(overdue=1))
    d = run([ex("ex5b-case-special-support-assessment-false.xml")])
    check("(5b) case true, assessment false: in no SHL36 rule", d["deadlines"], [])
    check("(5b) ... and not in the backlog", d["backlog"], [])


def example_6():
    d = run([ex("ex6-caseload-children.xml")])
    check("(6) 2008 in aftercare counts (17 on T), 2007 in aftercare does not; W2 (adults only) has no row",
          d["caseload"], [{"worker": "W1", "region": "JKL", "children": 1, "limit": 30}])


def example_7():
    d = run([ex("ex7-first-plan.xml")])
    row = {"started": 2, "withPlan": 1, "withoutPlan": 1, "medianDays": 24, "p90Days": 24}
    check("(7) firstPlan: 24 days, and one withoutPlan",
          d["firstPlan"], [{"region": "*", **row}, {"region": "JKL", **row}])
    check("(7) firstPlan key order", list(d["firstPlan"][0]),
          ["region", "started", "withPlan", "withoutPlan", "medianDays", "p90Days"])
    e = run([ex("ex7-first-plan.xml")], ["--as-of", "2025-06-16", "--period", "2025-06-01..2025-06-16"])
    check("(7) only the 2.6. clientship in June: medians null",
          e["firstPlan"], [{"region": r, "started": 1, "withPlan": 0, "withoutPlan": 1, "medianDays": None,
                            "p90Days": None} for r in ("*", "JKL")])


def readings():
    d = run([ex("readings-populations.xml")])
    check("(reading) firstPlan: region of the case, ended clientship counts, clientship without service "
          "takes the case's, plan before the start ignored, lapsiperheet and pre-period starts left out",
          regional(d, "firstPlan"),
          [{"region": "AANE", "started": 1, "withPlan": 1, "withoutPlan": 0, "medianDays": 30, "p90Days": 30}])
    check("(reading) caseload: 19 not a child; no birthYear + aftercare not counted; ended clientship not "
          "counted; no birthYear counted; 18 with one non-aftercare clientship counted once",
          d["caseload"], [{"worker": "W1", "region": "JKL", "children": 2, "limit": 30}])
    check("(reading) SHL36 population: child welfare matter with specialSupport=false in it under "
          "lastensuojelu; tyoikaiset with special support under tyoikaiset; hakemus without special "
          "support in none", deadline_keys(d),
          [("LSL26-screening-7wd", "lastensuojelu", "JKL"), ("LSL26-urgency", "lastensuojelu", "JKL"),
           ("SHL36-complete-3m", "lastensuojelu", "JKL"), ("SHL36-complete-3m", "tyoikaiset", "JKL"),
           ("SHL36-start-7wd", "lastensuojelu", "JKL"), ("SHL36-start-7wd", "tyoikaiset", "JKL")])
    check("(reading) SHL36 counts once for a child welfare matter", dl(d, "SHL36-start-7wd", "lastensuojelu"),
          o(met=1))
    check("(reading) durations keep every assessment (case's service when not child welfare)",
          regional(d, "durations"),
          [{"service": "lastensuojelu", "region": "JKL", "completed": 1, "medianDays": 30, "p90Days": 30}])
    check("(reading) backlog groups as SHL36", [(r["service"], r["open"]) for r in regional(d, "backlog")],
          [("lastensuojelu", 1), ("tyoikaiset", 1)])
    e = run([ex("readings-complete-basis.xml")], ["--as-of", "2025-06-16", "--period", "2025-04-01..2025-06-16"])
    check("(reading) SHL36-complete-3m completion basis: met by completion, late completed in the period, "
          "overdue with deadline in the period, pending only when received in it",
          dl(e, "SHL36-complete-3m", "lastensuojelu"), o(met=1, late=1, overdue=1, pending=1))
    check("(reading) SHL36-start-7wd keeps the clock-start basis", dl(e, "SHL36-start-7wd", "lastensuojelu"),
          o(met=1, overdue=1))
    check("(reading) backlog whatever the period", regional(e, "backlog"),
          [{"service": "lastensuojelu", "region": "JKL", "open": 4, "notStarted": 4, "overdue": 2,
            "oldestDays": 196}])


# --------------------------------------------------------------------------------------
CSV_COLUMNS = {  # table -> (element, parent key column, columns)
    "regions.csv": ("region", None, ["code", "name"]),
    "workers.csv": ("worker", None, ["id", "region", "service", "role", "start", "end"]),
    "posts.csv": ("post", None, ["id", "region", "service", "role", "fte"]),
    "occupancies.csv": ("occupancy", "post", ["worker", "from", "to", "fte"]),
    "cases.csv": ("case", None, ["id", "region", "service", "birthYear", "specialSupport"]),
    "referrals.csv": ("referral", "case", ["id", "kind", "received", "urgent", "urgencyAssessed", "decided",
                                           "outcome", "childWelfare"]),
    "assessments.csv": ("assessment", "case", ["id", "referral", "started", "completed", "worker", "result",
                                               "specialSupport"]),
    "clientships.csv": ("clientship", "case", ["service", "start", "end", "aftercare"]),
    "assignments.csv": ("assignment", "case", ["worker", "from", "to"]),
    "plans.csv": ("plan", "case", ["id", "date"]),
    "meetings.csv": ("meeting", "case", ["date", "worker", "withChild"]),
}


def xml_to_csv(path, folder):
    root = ET.parse(path).getroot()
    os.makedirs(folder)
    with open(os.path.join(folder, "export.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, delimiter=";")
        cols = ["organisation", "generated", "periodStart", "periodEnd"]
        w.writerow(cols)
        w.writerow([root.get(c) for c in cols])
    for table, (elem, parent, cols) in CSV_COLUMNS.items():
        rows = []
        for p in root.iter():
            for e in p.findall(NS + elem):
                key = [p.get("id")] if parent else []
                rows.append(key + [e.get(c, "") for c in cols])
        with open(os.path.join(folder, table), "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh, delimiter=";")
            w.writerow(([parent] if parent else []) + cols)
            w.writerows(rows)


def syntaxes_and_merge():
    files = sorted(f for f in os.listdir(EX) if f.endswith(".xml"))
    with tempfile.TemporaryDirectory() as tmp:
        for f in files:
            folder = os.path.join(tmp, f[:-4])
            xml_to_csv(ex(f), folder)
            a, b = run([ex(f)]), run([folder])
            check(f"(csv) {f}: the CSV form gives the identical findings", b, a)
    examples = [ex(f) for f in files if f.startswith("ex")]
    d = run(examples)
    check("(merged) all examples as several exports: LSL26-urgency `*`",
          dl(d, "LSL26-urgency", "lastensuojelu", "*"), urg({"late": 1}, met=1, late=1, overdue=1))
    check("(merged) LSL26-screening-7wd `*` (met (1), overdue (3), pending (4))",
          dl(d, "LSL26-screening-7wd", "lastensuojelu", "*"), o(met=1, overdue=1, pending=1))
    check("(merged) SHL36-complete-3m lastensuojelu `*` (met (1), late (2))",
          dl(d, "SHL36-complete-3m", "lastensuojelu", "*"), o(met=1, late=1))
    check("(merged) caseload", d["caseload"], [{"worker": "W1", "region": "JKL", "children": 1, "limit": 30}])


def main(argv):
    global VERBOSE, CMD
    args = iter(argv[1:])
    for a in args:
        if a == "-v":
            VERBOSE = True
        elif a == "--cmd":
            CMD = shlex.split(next(args))
        else:
            print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
            return 2
    for test in (example_1, example_2, example_3, example_4, example_5, example_6, example_7, readings,
                 syntaxes_and_merge):
        test()
    print(f"{passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
