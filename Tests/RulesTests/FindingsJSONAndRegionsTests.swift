import CaseModel
import Foundation
import Testing

@testable import Rules

@Suite struct FindingsJSONTests {
    @Test func exactTextWithNullsAndEmptyArrays() {
        let f = Findings(
            organisation: "Keski-Suomen \"hyvinvointialue\"", asOf: "2021-12-31",
            period: .init(start: "2021-07-01", end: "2021-12-31"),
            caseload: [.init(worker: "T001", region: "JKL", children: 33, limit: nil)],
            staffing: [.init(region: nil, service: "lastensuojelu", role: nil, posts: 20.0, vacant: 3.5)],
            rejected: [.init(source: "export.xml", line: 812, reason: "assessment P7 names unknown referral R9")])
        #expect(
            FindingsJSON.encode(f) == """
                {
                  "schema": "valvonta-findings/2",
                  "organisation": "Keski-Suomen \\"hyvinvointialue\\"",
                  "asOf": "2021-12-31",
                  "period": { "start": "2021-07-01", "end": "2021-12-31" },
                  "deadlines": [],
                  "inflow": [],
                  "plans": [],
                  "firstPlan": [],
                  "assignment": [],
                  "caseload": [
                    { "worker": "T001", "region": "JKL", "children": 33, "limit": null }
                  ],
                  "durations": [],
                  "backlog": [],
                  "backlogAge": [],
                  "backlogForecast": [],
                  "meetings": [],
                  "personalWorker": [],
                  "assessor": [],
                  "workload": [],
                  "repeatReferrals": [],
                  "staffing": [
                    { "region": null, "service": "lastensuojelu", "role": null, "posts": 20.0, "vacant": 3.5 }
                  ],
                  "turnover": [],
                  "rejected": [
                    { "source": "export.xml", "line": 812, "reason": "assessment P7 names unknown referral R9" }
                  ]
                }

                """)
    }

    /// Version 2's additions: `urgentOnly` on urgency rows only, `firstPlan` with nulls, the period's basis.
    @Test func version2Keys() {
        let f = Findings(
            organisation: "O", asOf: "2025-06-16",
            period: .init(
                start: "2025-01-01", end: "2025-06-16", basis: ["*": "clock-start", "SHL36-complete-3m": "completed"]),
            deadlines: [
                .init(
                    rule: "LSL26-urgency", service: "lastensuojelu", region: "*", met: 3, late: 1, overdue: 2, pending: 0,
                    urgentOnly: OutcomeCounts(met: 1, late: 1)),
                .init(rule: "SHL36-start-7wd", service: "lastensuojelu", region: "*", met: 1, late: 0, overdue: 0, pending: 0),
            ],
            firstPlan: [.init(region: "*", started: 2, withPlan: 0, withoutPlan: 2, medianDays: nil, p90Days: nil)])
        let text = FindingsJSON.encode(f)
        #expect(
            text.contains(
                #""period": { "start": "2025-01-01", "end": "2025-06-16", "basis": { "SHL36-complete-3m": "completed", "*": "clock-start" } }"#
            ))
        #expect(
            text.contains(
                #""pending": 0, "urgentOnly": { "met": 1, "late": 1, "overdue": 0, "pending": 0 } }"#))
        #expect(text.contains(#"{ "rule": "SHL36-start-7wd", "service": "lastensuojelu", "region": "*", "met": 1, "late": 0, "overdue": 0, "pending": 0 }"#))
        #expect(
            text.contains(
                #"{ "region": "*", "started": 2, "withPlan": 0, "withoutPlan": 2, "medianDays": null, "p90Days": null }"#))
    }

    /// A version 1 file (as `--previous`) decodes: no first plans, no basis, no `urgentOnly`.
    @Test func version1Decodes() throws {
        let v1 = """
            { "schema": "valvonta-findings/1", "organisation": "O", "asOf": "2024-05-31",
              "period": { "start": "2024-01-01", "end": "2024-05-31" },
              "deadlines": [ { "rule": "LSL26-urgency", "service": "lastensuojelu", "region": "*", "met": 5, "late": 0, "overdue": 1, "pending": 0 } ],
              "plans": [], "assignment": [], "caseload": [], "durations": [], "backlog": [], "meetings": [],
              "staffing": [], "rejected": [] }
            """
        let f = try JSONDecoder().decode(Findings.self, from: Data(v1.utf8))
        #expect(f.isVersion1 && f.firstPlan.isEmpty && f.period.basis == nil)
        #expect(f.deadlines.first?.urgentOnly == nil && f.deadlines.first?.overdue == 1)
    }

    /// The golden export's JSON parses back to the same findings with every key present.
    @Test func roundTripsThroughJSONSerialization() throws {
        let f = EvaluationGoldenTests.evaluation.findings
        let text = FindingsJSON.encode(f)
        let decoded = try JSONDecoder().decode(Findings.self, from: Data(text.utf8))
        #expect(decoded == f)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(
            Set(object.keys) == [
                "schema", "organisation", "asOf", "period", "deadlines", "inflow", "plans", "firstPlan", "assignment",
                "caseload", "durations", "backlogAge", "backlogForecast", "personalWorker", "assessor", "workload",
                "repeatReferrals", "turnover",
                "backlog", "meetings", "staffing", "rejected",
            ])
        #expect(text.contains(#""region": null, "service": null, "role": null, "posts": 1.0, "vacant": 1.0"#))
    }

    @Test func escapes() {
        #expect(FindingsJSON.string("a\\b\n\u{01}ä") == #""a\\b\n\u0001ä""#)
    }
}

@Suite struct RegionalDifferencesTests {
    static let findings = Findings(
        organisation: "x", asOf: "2024-05-31", period: .init(start: "2024-01-01", end: "2024-05-31"),
        deadlines: [
            .init(
                rule: "LSL26-screening-7wd", service: "lastensuojelu", region: "*", met: 24, late: 5, overdue: 1,
                pending: 3),
            .init(
                rule: "LSL26-screening-7wd", service: "lastensuojelu", region: "A", met: 7, late: 2, overdue: 1,
                pending: 0),
            .init(
                rule: "LSL26-screening-7wd", service: "lastensuojelu", region: "B", met: 16, late: 0, overdue: 0,
                pending: 3),
            .init(
                rule: "LSL26-screening-7wd", service: "lastensuojelu", region: "C", met: 1, late: 3, overdue: 0,
                pending: 0),
        ],
        assignment: [
            .init(region: "*", active: 20, unassigned: 4, unqualified: 0),
            .init(region: "A", active: 10, unassigned: 1, unqualified: 0),
            .init(region: "B", active: 10, unassigned: 3, unqualified: 0),
        ],
        staffing: [
            .init(region: "*", service: "lastensuojelu", role: "sosiaalityontekija", posts: 20, vacant: 2),
            .init(region: "A", service: "lastensuojelu", role: "sosiaalityontekija", posts: 10, vacant: 2),
            .init(region: "B", service: "lastensuojelu", role: "sosiaalityontekija", posts: 10, vacant: 0),
        ])

    @Test func exactlyTenPointsWorseDiffers() throws {
        let all = regionalDifferences(Self.findings, minimumCount: 4)
        let deadline = try #require(all.first { $0.metric == .deadlineRate })
        #expect(deadline.organisation.rate == 0.8)
        // A: 70 % against 80 % (exactly 10 points, denominator 10); C: 25 % with 4 items, at the minimum.
        #expect(deadline.differing == ["A", "C"])
        #expect(deadline.best?.region == "B" && deadline.worst?.region == "C")
        // Unassigned share (lower is better): B 30 % against 20 %.
        let unassigned = try #require(all.first { $0.metric == .unassignedShare })
        #expect(unassigned.differing == ["B"])
        #expect(unassigned.best?.region == "A" && unassigned.worst?.region == "B")
        // Vacancy: A 20 % against 10 %.
        let vacancy = try #require(all.first { $0.metric == .vacancyRate })
        #expect(vacancy.differing == ["A"])
        #expect(vacancy.organisation.rate == 0.1)
        #expect(all.map(\.metric) == [.deadlineRate, .unassignedShare, .vacancyRate])
    }

    @Test func aLargerGapSetting() throws {
        let all = regionalDifferences(Self.findings, gapPoints: 10.5, minimumCount: 5)
        #expect(all.first { $0.metric == .deadlineRate }?.differing == [])
        #expect(all.first { $0.metric == .unassignedShare }?.differing == [])
    }
}

/// report.md "A reply a director signs": a region is named only at `regionalMinCount` (20 by
/// default) in its denominator, and the best and worst are taken over those regions alone.
@Suite struct RegionalMinimumTests {
    static func findings(_ rows: [(String, Int, Int)]) -> Findings {
        Findings(
            organisation: "x", asOf: "2024-05-31", period: .init(start: "2024-01-01", end: "2024-05-31"),
            deadlines: rows.map {
                .init(rule: "LSL26-screening-7wd", service: "lastensuojelu", region: $0.0, met: $0.1, late: $0.2 - $0.1,
                      overdue: 0, pending: 0)
            })
    }

    @Test func twentyIsTheDefaultMinimum() throws {
        // Organisation 90/100 = 90 %. A: 14/20 = 70 % (named); B: 10/19 ≈ 53 % (too small to be named);
        // C: 61/61 = 100 %.
        let f = Self.findings([("*", 90, 100), ("A", 14, 20), ("B", 10, 19), ("C", 61, 61)])
        let c = try #require(regionalDifferences(f).first)
        #expect(c.differing == ["A"])
        #expect(c.worst?.region == "A" && c.best?.region == "C")
        // With the old minimum of 5, B is named and is the worst.
        let old = try #require(regionalDifferences(f, minimumCount: 5).first)
        #expect(old.differing == ["A", "B"] && old.worst?.region == "B")
    }

    @Test func noRegionLargeEnoughNamesNone() throws {
        let f = Self.findings([("*", 20, 30), ("A", 5, 15), ("B", 15, 15)])
        let c = try #require(regionalDifferences(f).first)
        #expect(c.differing == [] && c.best == nil && c.worst == nil)
    }

    @Test func theSettingIsReadAndBounded() throws {
        #expect(RuleSettings().regionalMinCount == 20)
        #expect(try RuleSettings.parse(yaml: "regionalMinCount: 8").regionalMinCount == 8)
        #expect(throws: RuleSettingsError.self) { try RuleSettings.parse(yaml: "regionalMinCount: 0") }
        let s = try RuleSettings.parse(yaml: "severity: {serious: 70, notable: 90}")
        #expect(s.severity == .init(serious: 70, notable: 90))
        #expect(throws: RuleSettingsError.self) { try RuleSettings.parse(yaml: "severity: {serious: 96, notable: 95}") }
        #expect(throws: RuleSettingsError.self) { try RuleSettings.parse(yaml: "severity: {grave: 50}") }
    }
}

@Suite struct EdgeCaseTests {
    /// Clock start on the period's first and last day counts; the day before and after do not.
    @Test func periodBoundaries() {
        let e = Ex.export(
            [
                Ex.child(
                    "C1",
                    referrals: [
                        Ex.referral(id: "R0", received: "2023-12-31"), Ex.referral(id: "R1", received: "2024-01-01"),
                        Ex.referral(id: "R2", received: "2024-03-31"), Ex.referral(id: "R3", received: "2024-04-01"),
                    ])
            ], generated: "2024-05-31", period: ("2024-01-01", "2024-03-31"))
        let f = evaluate(e).findings
        #expect(
            f.deadlines.first
                == .init(
                    rule: "LSL26-screening-7wd", service: "lastensuojelu", region: "*",
                    met: 0, late: 0, overdue: 2, pending: 0))
    }

    /// Deadline equal to T is pending; one day before T is overdue.
    @Test func deadlineEqualToTAndOneDayBefore() {
        // 3.1.2024 + 7 working days = 12.1.2024.
        let export = Ex.export(
            [Ex.child("C1", referrals: [Ex.referral(received: "2024-01-03")])], generated: "2024-05-31")
        let onT = evaluate(export, asOf: Ex.d("2024-01-12"), period: nil).items.first?.outcome
        let dayAfter = evaluate(export, asOf: Ex.d("2024-01-13"), period: nil).items.first?.outcome
        #expect(onT == .pending && dayAfter == .overdue)
    }

    /// An assessment of a referral decided `ei-toimenpiteita` counts; done before the clock starts is met.
    @Test func assessmentOfAReferralWithNoActionAndDoneBeforeClock() {
        let e = Ex.export(
            [
                Ex.child(
                    "C1",
                    referrals: [
                        Ex.referral(
                            received: "2024-02-10", urgencyAssessed: "2024-02-10", decided: "2024-02-12",
                            outcome: .eiToimenpiteita)
                    ],
                    assessments: [Ex.assessment(started: "2024-02-08", completed: "2024-02-09")])
            ], generated: "2024-05-31")
        let f = evaluate(e).findings
        #expect(
            f.deadlines.filter { $0.region == "*" }.map { "\($0.rule) \($0.met)" } == [
                "LSL26-screening-7wd 1", "LSL26-urgency 1", "SHL36-complete-3m 1", "SHL36-start-7wd 1",
            ])
        // A negative duration is counted as it is.
        #expect(f.durations.first?.medianDays == -1)
    }

    /// Nearest-rank median and 90th percentile, never a mean of two.
    @Test func nearestRank() {
        let row = EvaluationPass.durationRow(service: .tyoikaiset, region: "A", days: [10, 1, 7, 3, 5, 9, 2, 8, 4, 6])
        #expect((row.completed, row.medianDays, row.p90Days) == (10, 5, 9))
        let eleven = EvaluationPass.durationRow(service: .tyoikaiset, region: "A", days: Array(1...11))
        #expect((eleven.medianDays, eleven.p90Days) == (6, 10))
        let one = EvaluationPass.durationRow(service: .tyoikaiset, region: "A", days: [42])
        #expect((one.medianDays, one.p90Days) == (42, 42))
    }

    /// Urgency deadline is calendar days, even onto a holiday; a larger setting moves it.
    @Test func urgencyDays() {
        let e = Ex.export(
            [
                Ex.child(
                    "C1", referrals: [Ex.referral(received: "2024-12-23", urgent: true, urgencyAssessed: "2024-12-25")])
            ], generated: "2024-12-31")
        #expect(evaluate(e).items.first { $0.rule == "LSL26-urgency" }?.outcome == .late)
        #expect(evaluate(e).items.first { $0.rule == "LSL26-urgency" }?.deadline.iso == "2024-12-24")
        let two = evaluate(e, settings: RuleSettings(urgencyDays: 2))
        #expect(two.items.first { $0.rule == "LSL26-urgency" }?.outcome == .met)
    }

    /// Waiting time from the last assignment's end when it is later than the clientship start.
    @Test func waitingSinceLastAssignment() {
        let e = Ex.export(
            [
                Ex.child(
                    "C1", clientships: [Ex.clientship(start: "2024-01-01")],
                    assignments: [Ex.assignment("W1", from: "2024-01-01", to: "2024-05-01")])
            ], workers: [Ex.worker("W1")], generated: "2024-05-31")
        #expect(evaluate(e).unassigned == [UnassignedChild(caseId: "C1", region: "A", waitingDays: 30)])
    }
}
