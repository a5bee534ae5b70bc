#!/usr/bin/env python3
"""Asserts the outcomes of rules.md "Version 2" → "Examples" (1)–(7) (examples/ex*),
"Every service" → "Examples" (1)–(6) (examples/es*) and "Inflow, the queue's age and pace,
staff turnover" → "Examples" (1)–(3) (examples/fl*) on the exports in crosscheck/examples/,
plus the readings README.md takes where the spec is silent (examples/readings-*).

    python3 crosscheck/test_examples.py [-v] [--cmd 'PROGRAM {exports} {options}']

T = Mon 16.6.2025 (each export's `generated`), period 1.1.–16.6.2025 (the exports'
header), `urgencyDays` 1. By default the findings come from crosscheck/reference.py;
`--cmd` runs any other implementation that prints findings JSON version 2, e.g.
`--cmd '.build/debug/valvonta check {exports} --format json {options}'` ({exports}:
the export paths; {options}: `--as-of … --period … --settings …` when a check needs them).
Each XML example is also converted to a CSV folder (with the Version 2 columns
`childWelfare` and `specialSupport`) and must give the identical JSON (`rejected` compared
by reason); and the examples read together (several exports of one organisation) must
give the sums.

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
KEY_ORDER = ["schema", "organisation", "asOf", "period", "deadlines", "inflow", "plans", "firstPlan", "assignment",
             "caseload", "durations", "backlog", "backlogAge", "backlogForecast", "meetings", "personalWorker",
             "assessor", "workload", "repeatReferrals", "staffing", "turnover", "rejected"]

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


def deadline_keys(doc, without=("SHL36-urgency",)):
    """The regional deadline rows' keys, by default without "Every service"'s SHL36-urgency rows
    (the Version 2 assertions are about the other rules)."""
    return sorted((r["rule"], r["service"], r["region"]) for r in doc["deadlines"]
                  if r["region"] != "*" and r["rule"] not in without)


def rows_of(doc, array, **match):
    return [r for r in doc[array] if all(r.get(k) == v for k, v in match.items())]


def strip_keys(rows, *names):
    return [{k: v for k, v in r.items() if k not in names} for r in rows]


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
    check("(1) key order (report.md: inflow after deadlines; backlogAge, backlogForecast after backlog; "
          "personalWorker, assessor, workload, repeatReferrals after meetings; turnover after staffing)",
          list(d), KEY_ORDER)
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
    check("(4 control) a yhteydenotto without childWelfare is in no LSL 26 rule", deadline_keys(d), [])
    check("(4 control, Every service) ... it is an SHL36-urgency item under lastensuojelu: late (deadline 14.6.), "
          "late in urgentOnly", dl(d, "SHL36-urgency", "lastensuojelu"), urg({"late": 1}, late=1))


def example_5():
    d = run([ex("ex5-assessment-special-support.xml")])
    check("(5) SHL36-start-7wd met under lapsiperheet", dl(d, "SHL36-start-7wd", "lapsiperheet"), o(met=1))
    check("(5) SHL36-complete-3m overdue under lapsiperheet",
          dl(d, "SHL36-complete-3m", "lapsiperheet"), o(overdue=1))
    check("(5) only those two rows (beside SHL36-urgency)", deadline_keys(d),
          [("SHL36-complete-3m", "lapsiperheet", "JKL"), ("SHL36-start-7wd", "lapsiperheet", "JKL")])
    check("(5, Every service) the hakemus without urgencyAssessed: SHL36-urgency overdue under lapsiperheet",
          dl(d, "SHL36-urgency", "lapsiperheet"), urg(overdue=1))
    check("(5) in the backlog, 105 days old", regional(d, "backlog"),
          [{"service": "lapsiperheet", "region": "JKL", "open": 1, "notStarted": 0, "overdue": 1,
            "oldestDays": 105}])
    e = run([ex("ex5-assessment-special-support.xml")], ["--as-of", "2025-06-03", "--period", "2025-01-01..2025-06-03"])
    check("(5) deadline 3.6.: pending on T 3.6.", dl(e, "SHL36-complete-3m", "lapsiperheet"), o(pending=1))
    e = run([ex("ex5-assessment-special-support.xml")], ["--as-of", "2025-06-04", "--period", "2025-01-01..2025-06-04"])
    check("(5) deadline 3.6.: overdue on T 4.6.", dl(e, "SHL36-complete-3m", "lapsiperheet"), o(overdue=1))
    d = run([ex("ex5b-case-special-support-assessment-false.xml")])
    check("(5b) case true, assessment false: in no SHL36 rule (beside SHL36-urgency)", deadline_keys(d), [])
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
          "lastensuojelu; tyoikaiset with special support in none (Every service); hakemus without special "
          "support in none", deadline_keys(d),
          [("LSL26-screening-7wd", "lastensuojelu", "JKL"), ("LSL26-urgency", "lastensuojelu", "JKL"),
           ("SHL36-complete-3m", "lastensuojelu", "JKL"), ("SHL36-start-7wd", "lastensuojelu", "JKL")])
    check("(reading) SHL36 counts once for a child welfare matter", dl(d, "SHL36-start-7wd", "lastensuojelu"),
          o(met=1))
    check("(reading) durations keep every assessment (case's service when not child welfare)",
          regional(d, "durations"),
          [{"service": "lastensuojelu", "region": "JKL", "completed": 1, "medianDays": 30, "p90Days": 30}])
    check("(reading) backlog groups as SHL36 (no tyoikaiset: Every service)",
          [(r["service"], r["open"]) for r in regional(d, "backlog")], [("lastensuojelu", 1)])
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
# rules.md "Every service" -> Examples (1)-(6), and the Decisions on it
def every_service_1_2():
    d = run([ex("es1-urgency-application.xml")])
    check("(ES1) SHL36-urgency met under tyoikaiset, urgentOnly zeros", dl(d, "SHL36-urgency", "tyoikaiset"),
          urg(met=1))
    check("(ES1) SHL36-urgency `*` row carries urgentOnly", dl(d, "SHL36-urgency", "tyoikaiset", "*"), urg(met=1))
    check("(ES1) the only deadline rows", deadline_keys(d, without=()), [("SHL36-urgency", "tyoikaiset", "JKL")])
    check("(ES1) key order of an SHL36-urgency row",
          list(next(r for r in d["deadlines"] if r["rule"] == "SHL36-urgency")),
          ["rule", "service", "region", "met", "late", "overdue", "pending", "urgentOnly"])
    check("(ES1) inflow: one hakemus under tyoikaiset", d["inflow"],
          [{"service": "tyoikaiset", "region": r, "kind": "hakemus", "received": 1} for r in ("*", "JKL")])
    check("(ES1) inflow key order", list(d["inflow"][0]), ["service", "region", "kind", "received"])
    e = run([ex("es1b-application-in-child-welfare-case.xml")])
    check("(ES Decisions a) a hakemus in a lastensuojelu case: SHL36-urgency under lastensuojelu, late, "
          "late in urgentOnly", dl(e, "SHL36-urgency", "lastensuojelu", "AANE"), urg({"late": 1}, late=1))
    check("(ES Decisions a) ... and in no LSL 26 rule", deadline_keys(e, without=()),
          [("SHL36-urgency", "lastensuojelu", "AANE")])
    d = run([ex("es2-notification-no-urgency-date.xml")])
    check("(ES2) sosiaalihuoltoilmoitus without urgencyAssessed: overdue (deadline Sat 7.6.)",
          dl(d, "SHL36-urgency", "lapsiperheet"), urg(overdue=1))
    e = run([ex("es2-notification-no-urgency-date.xml")], ["--as-of", "2025-06-07", "--period", "2025-01-01..2025-06-16"])
    check("(ES2) deadline 7.6. (calendar days, onto a Saturday): pending on T 7.6.",
          dl(e, "SHL36-urgency", "lapsiperheet"), urg(pending=1))
    e = run([ex("es2-notification-no-urgency-date.xml")], ["--as-of", "2025-06-08", "--period", "2025-01-01..2025-06-16"])
    check("(ES2) overdue on T 8.6.", dl(e, "SHL36-urgency", "lapsiperheet"), urg(overdue=1))
    e = run([ex("es2-notification-no-urgency-date.xml")], ["--as-of", "2025-06-05", "--period", "2025-01-01..2025-06-16"])
    check("(ES2) received after T: does not exist yet", e["deadlines"], [])


def every_service_3_4():
    d = run([ex("es3-adult-special-support.xml")])
    check("(ES3) adult with special support, W4 (sosiaaliohjaaja) only: specialWithoutSocialWorker",
          d["personalWorker"],
          [{"service": "tyoikaiset", "region": r, "active": 1, "withoutWorker": 0, "specialSupport": 1,
            "specialWithoutWorker": 0, "specialWithoutSocialWorker": 1} for r in ("*", "JKL")])
    check("(ES3) personalWorker key order", list(d["personalWorker"][0]),
          ["service", "region", "active", "withoutWorker", "specialSupport", "specialWithoutWorker",
           "specialWithoutSocialWorker"])
    check("(ES4) the assessment by W4: assessor byOther under tyoikaiset", d["assessor"],
          [{"service": "tyoikaiset", "region": r, "assessments": 1, "bySocialWorker": 0, "byOther": 1,
            "noWorker": 0} for r in ("*", "JKL")])
    check("(ES4) assessor key order", list(d["assessor"][0]),
          ["service", "region", "assessments", "bySocialWorker", "byOther", "noWorker"])
    check("(ES4) in no SHL36 rule (only SHL36-urgency met)", deadline_keys(d, without=()),
          [("SHL36-urgency", "tyoikaiset", "JKL")])
    check("(ES4) not in the backlog, so no backlogAge or backlogForecast",
          (d["backlog"], d["backlogAge"], d["backlogForecast"]), ([], [], []))
    check("(ES4) durations keep tyoikaiset: 7.1. to 20.5. = 133 days", regional(d, "durations"),
          [{"service": "tyoikaiset", "region": "JKL", "completed": 1, "medianDays": 133, "p90Days": 133}])
    check("(ES3) workload: W4 one client, tyoikaiset limit 50 (Talentia's recommendation, the default)",
          d["workload"], [{"worker": "W4", "region": "JKL", "role": "sosiaaliohjaaja", "service": "tyoikaiset",
                           "clients": 1, "limit": 50}])
    e = run([ex("es3-adult-special-support.xml")], ["--as-of", "2025-06-16", "--period", "2025-01-01..2025-01-09"])
    check("(ES4) started 10.1.: a period ending 9.1. still has it (received 7.1. in the period, started <= T)",
          regional(e, "assessor"), [{"service": "tyoikaiset", "region": "JKL", "assessments": 1, "bySocialWorker": 0,
                                     "byOther": 1, "noWorker": 0}])
    e = run([ex("es3-adult-special-support.xml")], ["--as-of", "2025-01-09", "--period", "2025-01-01..2025-06-16"])
    check("(ES4) on T 9.1. not started yet: not in assessor", e["assessor"], [])
    d = run([ex("es3b-adult-special-support-social-worker.xml")])
    check("(ES3) with W3 (sosiaalityontekija) beside W4: compliant", regional(d, "personalWorker"),
          [{"service": "tyoikaiset", "region": "JKL", "active": 1, "withoutWorker": 0, "specialSupport": 1,
            "specialWithoutWorker": 0, "specialWithoutSocialWorker": 0}])
    check("(ES3) workload: W3 and W4 one client each; key order worker, region, role, service, clients, limit",
          [list(r.items()) for r in d["workload"]],
          [list({"worker": w, "region": "JKL", "role": role, "service": "tyoikaiset", "clients": 1,
                 "limit": 50}.items()) for w, role in (("W3", "sosiaalityontekija"), ("W4", "sosiaaliohjaaja"))])


def every_service_5_6():
    d = run([ex("es5-family-client-unassigned.xml")])
    check("(ES5) lapsiperheet client since 1.3. without an assignment: withoutWorker", d["personalWorker"],
          [{"service": "lapsiperheet", "region": r, "active": 1, "withoutWorker": 1, "specialSupport": 0,
            "specialWithoutWorker": 0, "specialWithoutSocialWorker": 0} for r in ("*", "JKL")])
    check("(ES5) no workload row", d["workload"], [])
    e = run([ex("es5-family-client-unassigned.xml")], ["--as-of", "2025-03-01", "--period", "2025-01-01..2025-06-16"])
    check("(ES5) active from its start day (start <= T)", [r["active"] for r in e["personalWorker"]], [1, 1])
    e = run([ex("es5-family-client-unassigned.xml")], ["--as-of", "2025-02-28", "--period", "2025-01-01..2025-06-16"])
    check("(ES5) not a client before 1.3.", e["personalWorker"], [])
    d = run([ex("es6-repeat-referrals.xml")])
    check("(ES6) referrals 10.2., 3.4., 2.6., none assessed: repeatReferrals withoutAssessment", d["repeatReferrals"],
          [{"service": "lapsiperheet", "region": r, "cases": 1, "withoutAssessment": 1} for r in ("*", "JKL")])
    check("(ES6) repeatReferrals key order", list(d["repeatReferrals"][0]),
          ["service", "region", "cases", "withoutAssessment"])
    e = run([ex("es6-repeat-referrals.xml")], ["--as-of", "2025-06-01", "--period", "2025-01-01..2025-06-16"])
    check("(ES6) on T 1.6. only two received: no row", e["repeatReferrals"], [])
    e = run([ex("es6-repeat-referrals.xml")], ["--as-of", "2025-06-16", "--period", "2025-02-11..2025-06-16"])
    check("(ES6) a period from 11.2. holds only two: no row", e["repeatReferrals"], [])


def every_service_readings():
    f = ex("readings-every-service.xml")
    d = run([f])
    pw = lambda s, r, *v: dict(zip(("service", "region", "active", "withoutWorker", "specialSupport",
                                    "specialWithoutWorker", "specialWithoutSocialWorker"), (s, r) + v))
    check("(ES reading b) personalWorker by clientship (a child welfare case's lapsiperheet clientship counts; "
          "a case active in two services is in both rows; no lastensuojelu rows), special support the case's "
          "flag only, johtava qualified, clientship ending on T not active",
          d["personalWorker"],
          [pw("lapsiperheet", "*", 5, 1, 3, 1, 1), pw("lapsiperheet", "AANE", 3, 0, 1, 0, 0),
           pw("lapsiperheet", "JKL", 2, 1, 2, 1, 1), pw("tyoikaiset", "*", 2, 0, 1, 0, 0),
           pw("tyoikaiset", "AANE", 1, 0, 1, 0, 0), pw("tyoikaiset", "JKL", 1, 0, 0, 0, 0)])
    check("(ES reading b) ... and the child welfare case is in LSL13b-assigned too", regional(d, "assignment"),
          [{"region": "AANE", "active": 1, "unassigned": 0, "unqualified": 0}])
    ar = lambda s, r, *v: dict(zip(("service", "region", "assessments", "bySocialWorker", "byOther", "noWorker"),
                                   (s, r) + v))
    check("(ES reading) assessor: special support as Version 2 (the assessment's own flag counts); a child "
          "welfare matter with special support under lastensuojelu, without it not at all; completed without "
          "started, received before the period, worker rejected: not counted; tyoikaiset kept",
          d["assessor"],
          [ar("lapsiperheet", "*", 2, 1, 1, 0), ar("lapsiperheet", "AANE", 1, 0, 1, 0),
           ar("lapsiperheet", "JKL", 1, 1, 0, 0), ar("lastensuojelu", "*", 1, 1, 0, 0),
           ar("lastensuojelu", "JKL", 1, 1, 0, 0), ar("tyoikaiset", "*", 1, 0, 0, 1),
           ar("tyoikaiset", "JKL", 1, 0, 0, 1)])
    e = run([f], ["--as-of", "2025-06-11", "--period", "2025-01-01..2025-06-16"])
    check("(ES reading) assessor on T 11.6.: the assessment started 12.6. is not in it",
          rows_of(e, "assessor", service="lapsiperheet", region="JKL"), [])
    wl = lambda w, rg, role, s, n, lim: {"worker": w, "region": rg, "role": role, "service": s, "clients": n,
                                         "limit": lim}
    check("(ES reading c) workload: a row per worker with a client on T (assignment covering T, active "
          "clientship of any service), distinct cases, the worker record's region/role/service, limit by the "
          "worker's service or null; sorted by region, then worker",
          d["workload"],
          [wl("W5", "AANE", "johtava", "lapsiperheet", 2, None), wl("W6", "AANE", "muu", None, 1, None),
           wl("W4", "JKL", "sosiaaliohjaaja", "tyoikaiset", 1, 50),
           wl("W7", "JKL", "sosiaaliohjaaja", "lapsiperheet", 1, None)])
    e = run([f], ["--settings", ex("every-service-settings.yaml")])
    check("(ES reading) --settings workloadLimits {tyoikaiset: 45, lapsiperheet: 40}: limit by the worker's "
          "service, whatever the role", [(r["worker"], r["limit"]) for r in e["workload"]],
          [("W5", 40), ("W6", None), ("W4", 45), ("W7", 40)])
    rr = lambda s, r, n, wo: {"service": s, "region": r, "cases": n, "withoutAssessment": wo}
    check("(ES reading) repeatReferrals: the case's service (child welfare notifications in a lapsiperheet case "
          "under lapsiperheet), every kind and decision, an assessment started <= T of a referral in the period",
          d["repeatReferrals"],
          [rr("lapsiperheet", "*", 1, 1), rr("lapsiperheet", "JKL", 1, 1), rr("lastensuojelu", "*", 1, 0),
           rr("lastensuojelu", "JKL", 1, 0), rr("tyoikaiset", "*", 2, 1), rr("tyoikaiset", "AANE", 2, 1)])
    e = run([f], ["--as-of", "2025-06-13", "--period", "2025-01-01..2025-06-16"])
    check("(ES reading) repeatReferrals on T 13.6.: the assessment started 14.6. does not count yet",
          rows_of(e, "repeatReferrals", service="tyoikaiset", region="AANE"), [rr("tyoikaiset", "AANE", 2, 2)])
    e = run([f], ["--settings", ex("every-service-settings.yaml")])
    check("(ES reading) --settings repeatReferralCount 2: the case with two referrals in the period joins",
          rows_of(e, "repeatReferrals", service="lastensuojelu", region="JKL"), [rr("lastensuojelu", "JKL", 2, 1)])
    check("(ES reading) tyoikaiset exclusion by the case's service (even with birthYear of a child): no "
          "tyoikaiset row in the SHL36 deadline rules or the backlog; a child welfare matter in a tyoikaiset "
          "case is there under lastensuojelu",
          (sorted({r["service"] for r in d["deadlines"] if r["rule"] in ("SHL36-start-7wd", "SHL36-complete-3m")}),
           sorted({r["service"] for r in d["backlog"]}),
           [r["open"] for r in rows_of(d, "backlog", service="lastensuojelu", region="JKL")]),
          (["lapsiperheet", "lastensuojelu"], ["lapsiperheet", "lastensuojelu"], [3]))
    check("(ES reading) durations keep tyoikaiset (completed without started: 26 days)", regional(d, "durations"),
          [{"service": "tyoikaiset", "region": "JKL", "completed": 1, "medianDays": 26, "p90Days": 26}])


# --------------------------------------------------------------------------------------
# rules.md "Inflow, the queue's age and pace, staff turnover" -> Examples (1)-(3)
def inflow_examples():
    d = run([ex("fl1-backlog-age.xml")])
    row = {"under1m": 1, "m1to3": 1, "m3to6": 1, "over6m": 1}
    check("(IN1) backlogAge: 20.5. under1m, 17.3. m1to3, 16.3. m3to6, 16.12.2024 over6m", d["backlogAge"],
          [{"service": "lastensuojelu", "region": r, **row} for r in ("*", "JKL")])
    check("(IN1) backlogAge key order", list(d["backlogAge"][0]),
          ["service", "region", "under1m", "m1to3", "m3to6", "over6m"])
    check("(IN1) a backlogAge row for each backlog row", [(r["service"], r["region"]) for r in d["backlog"]],
          [(r["service"], r["region"]) for r in d["backlogAge"]])
    check("(IN1) backlogForecast: 4 open, 1 received in 18.3.-16.6. (17.3. is outside), none completed: null",
          d["backlogForecast"], [{"service": "lastensuojelu", "open": 4, "received13w": 1, "completed13w": 0,
                                  "clearsOn": None}])
    d = run([ex("fl2-forecast-clears.xml")])
    check("(IN2) 40 open, 30 received, 50 completed: clearsOn T + 182 days = 15.12.2025", d["backlogForecast"],
          [{"service": "lastensuojelu", "open": 40, "received13w": 30, "completed13w": 50, "clearsOn": "2025-12-15"}])
    check("(IN2) backlogForecast key order", list(d["backlogForecast"][0]),
          ["service", "open", "received13w", "completed13w", "clearsOn"])
    d = run([ex("fl2b-forecast-grows.xml")])
    check("(IN2) 40 open, 50 received, 30 completed: clearsOn null", d["backlogForecast"],
          [{"service": "lastensuojelu", "open": 40, "received13w": 50, "completed13w": 30, "clearsOn": None}])
    d = run([ex("fl3-turnover.xml")])
    tr = lambda r, *v: dict(zip(("service", "region", "role", "employedStart", "employedEnd", "joined", "left"),
                                ("lapsiperheet", r, "sosiaalityontekija") + v))
    check("(IN3) turnover: left 31.3. (start 1, left 1, end 0); started 1.1. (employed on the first day, not "
          "joined); started 2.1. (joined)", d["turnover"],
          [tr("*", 2, 2, 1, 1), tr("AANE", 1, 1, 0, 0), tr("JKL", 1, 0, 0, 1), tr("KEU", 0, 1, 1, 0)])
    check("(IN3) turnover key order", list(d["turnover"][0]),
          ["service", "region", "role", "employedStart", "employedEnd", "joined", "left"])
    check("(IN3) employedEnd = employedStart + joined - left on every row",
          [r for r in d["turnover"] if r["employedEnd"] != r["employedStart"] + r["joined"] - r["left"]], [])


def inflow_readings():
    d = run([ex("readings-inflow.xml")])
    fl = lambda s, r, k, n: {"service": s, "region": r, "kind": k, "received": n}
    check("(IN reading) inflow: child welfare matters (kind or flag) under lastensuojelu, others under the "
          "case's service; before the period or rejected: not counted; sorted by service, region (* first), kind",
          d["inflow"],
          [fl("lapsiperheet", "*", "hakemus", 1), fl("lapsiperheet", "JKL", "hakemus", 1),
           fl("lastensuojelu", "*", "hakemus", 1), fl("lastensuojelu", "*", "lastensuojeluilmoitus", 1),
           fl("lastensuojelu", "*", "sosiaalihuoltoilmoitus", 2), fl("lastensuojelu", "*", "yhteydenotto", 1),
           fl("lastensuojelu", "AANE", "hakemus", 1), fl("lastensuojelu", "AANE", "sosiaalihuoltoilmoitus", 2),
           fl("lastensuojelu", "JKL", "lastensuojeluilmoitus", 1), fl("lastensuojelu", "JKL", "yhteydenotto", 1)])
    e = run([ex("readings-inflow.xml")], ["--as-of", "2025-02-04", "--period", "2025-01-01..2025-06-16"])
    check("(IN reading) inflow on T 4.2.: only what was received by then",
          regional(e, "inflow"), [fl("lastensuojelu", "JKL", "lastensuojeluilmoitus", 1),
                                  fl("lastensuojelu", "JKL", "yhteydenotto", 1)])
    q = run([ex("readings-queue.xml")], ["--as-of", "2025-06-15", "--period", "2025-01-01..2025-06-16"])
    check("(IN reading d) backlogAge by the month rule WITHOUT the working-day shift (T Sun 15.6.: 14.5. + 1 "
          "month = Sat 14.6. is m1to3, 15.3. + 3 months = Sun 15.6. m3to6, 15.12.2024 + 6 months over6m)",
          rows_of(q, "backlogAge", region="JKL"),
          [{"service": "lastensuojelu", "region": "JKL", "under1m": 1, "m1to3": 1, "m3to6": 1, "over6m": 1}])
    check("(IN reading d) backlogAge `*` sums the regions",
          rows_of(q, "backlogAge", region="*"),
          [{"service": "lastensuojelu", "region": "*", "under1m": 2, "m1to3": 1, "m3to6": 1, "over6m": 1}])
    check("(IN reading e) backlogForecast: open = backlog `*`; received13w counts records received T-90...T "
          "(17.3. in), open or completed; completed13w whenever received; tyoikaiset special support not in "
          "the population; no row for a service with nothing open; ceil(5 * 91 / 2) = 228 days",
          q["backlogForecast"],
          [{"service": "lastensuojelu", "open": 5, "received13w": 5, "completed13w": 7, "clearsOn": "2026-01-29"}])
    t = run([ex("readings-turnover.xml")])
    tr = lambda s, r, role, *v: dict(zip(("service", "region", "role", "employedStart", "employedEnd", "joined",
                                          "left"), (s, r, role) + v))
    check("(IN reading f) turnover: worker record's own start/end (not occupancies); null service rows first; "
          "end on the first day = left; joined and left inside; planned end after T; start or end on E; a "
          "worker with all counts 0 makes no row; a rejected worker none",
          t["turnover"],
          [tr(None, "*", "muu", 1, 1, 0, 0), tr(None, "JKL", "muu", 1, 1, 0, 0),
           tr("lastensuojelu", "*", "johtava", 1, 1, 0, 0), tr("lastensuojelu", "*", "sosiaalityontekija", 2, 2, 2, 2),
           tr("lastensuojelu", "AANE", "johtava", 1, 1, 0, 0),
           tr("lastensuojelu", "AANE", "sosiaalityontekija", 1, 2, 1, 0),
           tr("lastensuojelu", "JKL", "sosiaalityontekija", 1, 0, 1, 2)])
    e = run([ex("readings-turnover.xml")], ["--period", "2025-01-01..2025-03-31"])
    check("(IN reading f) E = the period's end when it is before T (31.3.): the worker leaving 31.5. is "
          "employed on E and not left", rows_of(e, "turnover", service="lastensuojelu", role="sosiaalityontekija"),
          [tr("lastensuojelu", "*", "sosiaalityontekija", 2, 2, 1, 1),
           tr("lastensuojelu", "AANE", "sosiaalityontekija", 1, 1, 0, 0),
           tr("lastensuojelu", "JKL", "sosiaalityontekija", 1, 1, 1, 1)])
    e = run([ex("readings-turnover.xml")], ["--period", "2025"])
    check("(IN reading f) E = T when the period ends after T (year 2025, T 16.6.): the planned end 30.9. is "
          "not a leaving", rows_of(e, "turnover", service="lastensuojelu", region="AANE", role="sosiaalityontekija"),
          [tr("lastensuojelu", "AANE", "sosiaalityontekija", 1, 2, 1, 0)])
    e = run([ex("readings-turnover.xml")], ["--period", "2025H1"])
    check("(IN reading f) THL half-year 2025H1 (1.10.2024-31.3.2025): the worker ending 31.12.2024 left",
          rows_of(e, "turnover", service="lastensuojelu", region="AANE", role="muu"),
          [tr("lastensuojelu", "AANE", "muu", 1, 0, 0, 1)])
    e = run([ex("readings-turnover.xml")], ["--period", "2025-07-01..2025-12-31"])
    check("(IN reading f) T before the period's first day: no turnover rows", e["turnover"], [])


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
            # `rejected` names the file and line, which differ between the syntaxes: compare the reasons
            a["rejected"] = sorted(r["reason"] for r in a["rejected"])
            b["rejected"] = sorted(r["reason"] for r in b["rejected"])
            check(f"(csv) {f}: the CSV form gives the identical findings (rejected: the same reasons)", b, a)
    examples = [ex(f) for f in files if f.startswith("ex")]
    d = run(examples)
    check("(merged) all examples as several exports: LSL26-urgency `*`",
          dl(d, "LSL26-urgency", "lastensuojelu", "*"), urg({"late": 1}, met=1, late=1, overdue=1))
    check("(merged) LSL26-screening-7wd `*` (met (1), overdue (3), pending (4))",
          dl(d, "LSL26-screening-7wd", "lastensuojelu", "*"), o(met=1, overdue=1, pending=1))
    check("(merged) SHL36-complete-3m lastensuojelu `*` (met (1), late (2))",
          dl(d, "SHL36-complete-3m", "lastensuojelu", "*"), o(met=1, late=1))
    check("(merged) caseload", d["caseload"], [{"worker": "W1", "region": "JKL", "children": 1, "limit": 30}])
    d = run([ex(f) for f in files if f.startswith("es")])
    check("(merged ES) SHL36-urgency `*` rows: tyoikaiset met (1) and (4); lapsiperheet overdue (2) and met "
          "(6); lastensuojelu late (Decisions a)",
          [(r["service"], counts(r)) for r in rows_of(d, "deadlines", rule="SHL36-urgency", region="*")],
          [("lapsiperheet", urg(met=3, overdue=1)), ("lastensuojelu", urg({"late": 1}, late=1)),
           ("tyoikaiset", urg(met=2))])
    check("(merged ES) personalWorker `*`: (3) both halves, (5)", rows_of(d, "personalWorker", region="*"),
          [{"service": "lapsiperheet", "region": "*", "active": 1, "withoutWorker": 1, "specialSupport": 0,
            "specialWithoutWorker": 0, "specialWithoutSocialWorker": 0},
           {"service": "tyoikaiset", "region": "*", "active": 2, "withoutWorker": 0, "specialSupport": 2,
            "specialWithoutWorker": 0, "specialWithoutSocialWorker": 1}])
    check("(merged ES) workload: W4's clients from two exports count as distinct cases",
          [(r["worker"], r["clients"]) for r in d["workload"]], [("W3", 1), ("W4", 2)])
    d = run([ex(f) for f in files if f.startswith("fl")])
    check("(merged IN) backlogForecast over three exports: 84 open, 81 received, 80 completed: null",
          d["backlogForecast"], [{"service": "lastensuojelu", "open": 84, "received13w": 81, "completed13w": 80,
                                  "clearsOn": None}])
    check("(merged IN) backlogAge `*` (2.5. + 1 month = 2.6. <= T: m1to3)", rows_of(d, "backlogAge", region="*"),
          [{"service": "lastensuojelu", "region": "*", "under1m": 1, "m1to3": 81, "m3to6": 1, "over6m": 1}])
    d = run([ex(f) for f in files if f[:2] in ("ex", "es", "fl")])
    check("(merged all) every spec example together reads as one organisation; key order",
          (d["schema"], list(d)), ("valvonta-findings/2", KEY_ORDER))


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
                 every_service_1_2, every_service_3_4, every_service_5_6, every_service_readings,
                 inflow_examples, inflow_readings, syntaxes_and_merge):
        test()
    print(f"{passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
