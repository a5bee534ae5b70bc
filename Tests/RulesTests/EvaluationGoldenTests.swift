import CaseModel
import Testing

@testable import Rules

/// Golden figures on one hand-built export with two regions (and a third,
/// `C`, with nothing to count), worked out by hand from rules.md.
/// T = Fri 31.5.2024, period 1.1.–31.5.2024.
@Suite struct EvaluationGoldenTests {
    static let export: CaseExport = {
        let workers = [
            Ex.worker("W1"), Ex.worker("W2", .sosiaaliohjaaja), Ex.worker("W3", .johtava, region: "B"),
            Ex.worker("W4", region: "B"),
        ]
        let cases = [
            // Everything in time; client since 28.3. (under 90 days: not in the meetings population).
            Ex.child(
                "K1",
                referrals: [
                    Ex.referral(
                        received: "2024-01-03", urgent: true, urgencyAssessed: "2024-01-03", decided: "2024-01-12",
                        outcome: .selvitys)
                ], assessments: [Ex.assessment(started: "2024-01-12", completed: "2024-03-28")],
                clientships: [Ex.clientship(start: "2024-03-28")],
                assignments: [Ex.assignment("W1", from: "2024-03-28")],
                plans: [Ex.plan("2024-04-15")], meetings: [Ex.meeting("2024-05-02")]),
            // Referral before the period: only in the backlog. Unassigned for a year; plan exactly 12 months old.
            Ex.child(
                "K2", referrals: [Ex.referral(received: "2023-12-20")], assessments: [Ex.assessment()],
                clientships: [Ex.clientship(start: "2023-06-01")], plans: [Ex.plan("2023-05-31")]),
            // Region B: a pending and a late screening, a late start, an overdue completion.
            Ex.child(
                "K3", region: "B",
                referrals: [
                    Ex.referral(.pyyntoArvioida, received: "2024-05-27"),
                    Ex.referral(id: "R2", received: "2024-02-05", decided: "2024-02-15", outcome: .selvitys),
                ], assessments: [Ex.assessment("R2", started: "2024-02-20")],
                clientships: [Ex.clientship(start: "2024-02-20"), Ex.clientship(start: "2024-04-01")],
                assignments: [
                    Ex.assignment("W3", from: "2024-02-20"), Ex.assignment("W2", from: "2024-03-01", to: "2024-05-31"),
                ],
                meetings: [Ex.meeting("2024-03-02"), Ex.meeting("2024-03-03")]),
            // A family case with special support across Easter; an aftercare child welfare clientship.
            Ex.child(
                "K4", .lapsiperheet, region: "B", specialSupport: true,
                referrals: [Ex.referral(.sosiaalihuoltoilmoitus, received: "2024-03-27")],
                assessments: [Ex.assessment(started: "2024-04-09", completed: "2024-05-31")],
                clientships: [
                    Ex.clientship(.lapsiperheet, start: "2024-04-09"),
                    Ex.clientship(start: "2024-01-01", aftercare: true),
                ],
                assignments: [Ex.assignment("W2", from: "2024-01-01")], plans: [Ex.plan("2024-04-10")],
                meetings: [Ex.meeting("2024-05-30")]),
            // Working-age: two assessments of one referral (durations only); clientship ended on T.
            Ex.child(
                "K5", .tyoikaiset, referrals: [Ex.referral(.hakemus, received: "2024-02-01")],
                assessments: [
                    Ex.assessment(started: "2024-02-02", completed: "2024-03-02"),
                    Ex.assessment(started: "2024-02-02", completed: "2024-02-10"),
                ],
                clientships: [Ex.clientship(.tyoikaiset, start: "2024-03-02", end: "2024-05-31")],
                assignments: [Ex.assignment("W4", from: "2024-03-02")]),
            // A family case without special support: screening counts, SHL36 does not.
            Ex.child(
                "K6", .lapsiperheet, referrals: [Ex.referral(received: "2024-04-30", decided: "2024-05-13")],
                assessments: [Ex.assessment(started: "2024-05-14")],
                clientships: [Ex.clientship(.lapsiperheet, start: "2024-05-01")]),
            // Two assignments of one worker count once; a stale plan; met on T itself.
            Ex.child(
                "K7", clientships: [Ex.clientship(start: "2024-01-01")],
                assignments: [
                    Ex.assignment("W1", from: "2024-01-01", to: "2024-05-31"), Ex.assignment("W1", from: "2024-05-01"),
                ],
                plans: [Ex.plan("2023-05-30")], meetings: [Ex.meeting("2024-05-31")]),
        ]
        let posts = [
            Ex.post("P1", occupancies: [Ex.occupancy("W1", from: "2023-01-01")]),
            Ex.post("P2", fte: "0.5"),
            Ex.post(
                "P3", region: "B", role: .johtava, occupancies: [Ex.occupancy("W3", from: "2023-01-01", fte: "1.2")]),
            Ex.post("P4", region: nil, service: nil, role: nil),
        ]
        var e = Ex.export(
            cases, workers: workers, posts: posts, generated: "2024-05-31",
            rejected: [
                Rejection(location: SourceLocation(source: "b.xml", line: 5), reason: "case X1 names unknown region Q"),
                Rejection(
                    location: SourceLocation(source: "a.xml", line: 9),
                    reason: "assessment P7 names unknown referral R9"),
            ])
        e.regions.append(Region(code: "C", name: "Alue C", location: Ex.here))
        return e
    }()

    static let evaluation = evaluate(export)

    typealias D = Findings.DeadlineRow

    /// Version 2: K6's notification counts under `lastensuojelu` although its case is family work now;
    /// urgency is assessed for every child welfare matter (K3's two and K6's have no date recorded);
    /// completion counts K2, whose referral came before the period, as overdue in it.
    @Test func deadlines() {
        let none = OutcomeCounts.zero
        #expect(
            Self.evaluation.findings.deadlines == [
                D(rule: "LSL26-screening-7wd", service: "lastensuojelu", region: "*", met: 2, late: 1, overdue: 0, pending: 1),
                D(rule: "LSL26-screening-7wd", service: "lastensuojelu", region: "A", met: 2, late: 0, overdue: 0, pending: 0),
                D(rule: "LSL26-screening-7wd", service: "lastensuojelu", region: "B", met: 0, late: 1, overdue: 0, pending: 1),
                D(
                    rule: "LSL26-urgency", service: "lastensuojelu", region: "*", met: 1, late: 0, overdue: 3, pending: 0,
                    urgentOnly: OutcomeCounts(met: 1)),
                D(
                    rule: "LSL26-urgency", service: "lastensuojelu", region: "A", met: 1, late: 0, overdue: 1, pending: 0,
                    urgentOnly: OutcomeCounts(met: 1)),
                D(
                    rule: "LSL26-urgency", service: "lastensuojelu", region: "B", met: 0, late: 0, overdue: 2, pending: 0,
                    urgentOnly: none),
                D(rule: "SHL36-complete-3m", service: "lapsiperheet", region: "*", met: 1, late: 0, overdue: 0, pending: 0),
                D(rule: "SHL36-complete-3m", service: "lapsiperheet", region: "B", met: 1, late: 0, overdue: 0, pending: 0),
                D(rule: "SHL36-complete-3m", service: "lastensuojelu", region: "*", met: 1, late: 0, overdue: 2, pending: 1),
                D(rule: "SHL36-complete-3m", service: "lastensuojelu", region: "A", met: 1, late: 0, overdue: 1, pending: 1),
                D(rule: "SHL36-complete-3m", service: "lastensuojelu", region: "B", met: 0, late: 0, overdue: 1, pending: 0),
                D(rule: "SHL36-start-7wd", service: "lapsiperheet", region: "*", met: 1, late: 0, overdue: 0, pending: 0),
                D(rule: "SHL36-start-7wd", service: "lapsiperheet", region: "B", met: 1, late: 0, overdue: 0, pending: 0),
                D(rule: "SHL36-start-7wd", service: "lastensuojelu", region: "*", met: 1, late: 2, overdue: 0, pending: 0),
                D(rule: "SHL36-start-7wd", service: "lastensuojelu", region: "A", met: 1, late: 1, overdue: 0, pending: 0),
                D(rule: "SHL36-start-7wd", service: "lastensuojelu", region: "B", met: 0, late: 1, overdue: 0, pending: 0),
                // Every service: K4's social welfare notification and K5's application, never assessed for urgency.
                D(
                    rule: "SHL36-urgency", service: "lapsiperheet", region: "*", met: 0, late: 0, overdue: 1, pending: 0,
                    urgentOnly: none),
                D(
                    rule: "SHL36-urgency", service: "lapsiperheet", region: "B", met: 0, late: 0, overdue: 1, pending: 0,
                    urgentOnly: none),
                D(
                    rule: "SHL36-urgency", service: "tyoikaiset", region: "*", met: 0, late: 0, overdue: 1, pending: 0,
                    urgentOnly: none),
                D(
                    rule: "SHL36-urgency", service: "tyoikaiset", region: "A", met: 0, late: 0, overdue: 1, pending: 0,
                    urgentOnly: none),
            ])
    }

    @Test func items() {
        let items = Self.evaluation.items
        #expect(items.count == 19)
        #expect(
            items.map(\.caseId) == [
                "K1", "K6", "K3", "K3", "K1", "K6", "K3", "K3", "K4", "K1", "K2", "K6", "K3", "K4", "K1", "K6", "K3",
                "K4", "K5",
            ])
        let late = items.filter { $0.outcome == .late }
        #expect(
            late.map {
                "\($0.rule) \($0.deadline.iso) \($0.done?.iso ?? "-") \($0.daysLate(asOf: Self.evaluation.asOf))"
            } == [
                "LSL26-screening-7wd 2024-02-14 2024-02-15 1", "SHL36-start-7wd 2024-05-13 2024-05-14 1",
                "SHL36-start-7wd 2024-02-14 2024-02-20 6",
            ])
        // The first overdue item: K6's urgency (received 30.4., deadline 1.5.), with no date recorded.
        let overdue = items.first { $0.outcome == .overdue }
        #expect(overdue?.caseId == "K6" && overdue?.deadline.iso == "2024-05-01" && overdue?.unrecorded == true)
        #expect(overdue?.daysLate(asOf: Self.evaluation.asOf) == 30)
        #expect(items.filter { $0.inSubset }.map(\.caseId) == ["K1"])
        // Urgency with no date recorded: K6 and K3's two (LSL26), K4 and K5 (SHL36); and K2's and K3's open completions.
        #expect(items.filter { $0.outcome == .overdue && $0.unrecorded }.count == 3 + 2 + 2)
    }

    @Test func durationsAndBacklog() {
        #expect(
            Self.evaluation.findings.durations == [
                .init(service: "lapsiperheet", region: "*", completed: 1, medianDays: 65, p90Days: 65),
                .init(service: "lapsiperheet", region: "B", completed: 1, medianDays: 65, p90Days: 65),
                .init(service: "lastensuojelu", region: "*", completed: 1, medianDays: 85, p90Days: 85),
                .init(service: "lastensuojelu", region: "A", completed: 1, medianDays: 85, p90Days: 85),
                .init(service: "tyoikaiset", region: "*", completed: 2, medianDays: 9, p90Days: 30),
                .init(service: "tyoikaiset", region: "A", completed: 2, medianDays: 9, p90Days: 30),
            ])
        #expect(
            Self.evaluation.findings.backlog == [
                .init(service: "lastensuojelu", region: "*", open: 3, notStarted: 1, overdue: 2, oldestDays: 163),
                .init(service: "lastensuojelu", region: "A", open: 2, notStarted: 1, overdue: 1, oldestDays: 163),
                .init(service: "lastensuojelu", region: "B", open: 1, notStarted: 0, overdue: 1, oldestDays: 116),
            ])
    }

    @Test func pointInTime() {
        let f = Self.evaluation.findings
        #expect(
            f.plans == [
                .init(service: "lapsiperheet", region: "*", active: 2, withPlan: 1, upToDate: 1),
                .init(service: "lapsiperheet", region: "A", active: 1, withPlan: 0, upToDate: 0),
                .init(service: "lapsiperheet", region: "B", active: 1, withPlan: 1, upToDate: 1),
                .init(service: "lastensuojelu", region: "*", active: 5, withPlan: 4, upToDate: 3),
                .init(service: "lastensuojelu", region: "A", active: 3, withPlan: 3, upToDate: 2),
                .init(service: "lastensuojelu", region: "B", active: 2, withPlan: 1, upToDate: 1),
            ])
        #expect(
            f.assignment == [
                .init(region: "*", active: 5, unassigned: 1, unqualified: 1),
                .init(region: "A", active: 3, unassigned: 1, unqualified: 0),
                .init(region: "B", active: 2, unassigned: 0, unqualified: 1),
            ])
        #expect(
            f.meetings == [
                .init(region: "*", active: 4, metWithin: 3), .init(region: "A", active: 2, metWithin: 1),
                .init(region: "B", active: 2, metWithin: 2),
            ])
        // K4's aftercare clientship is a 12-year-old's: a child counts; W4's only client is working-age: no row.
        #expect(
            f.caseload == [
                .init(worker: "W1", region: "A", children: 2, limit: 30),
                .init(worker: "W2", region: "A", children: 2, limit: 30),
                .init(worker: "W3", region: "B", children: 1, limit: 30),
            ])
        // K1 from 28.3. (plan 15.4.: 18 days), K7 from 1.1. (its plan is older), K3's two, K4's from 1.1. (100 days).
        #expect(
            f.firstPlan == [
                .init(region: "*", started: 5, withPlan: 2, withoutPlan: 3, medianDays: 18, p90Days: 100),
                .init(region: "A", started: 2, withPlan: 1, withoutPlan: 1, medianDays: 18, p90Days: 18),
                .init(region: "B", started: 3, withPlan: 1, withoutPlan: 2, medianDays: 100, p90Days: 100),
            ])
        #expect(Self.evaluation.unassigned == [UnassignedChild(caseId: "K2", region: "A", waitingDays: 365)])
        #expect(Self.evaluation.caseloadLimit == 30)
    }

    @Test func staffingAndRejected() {
        let f = Self.evaluation.findings
        #expect(
            f.staffing == [
                .init(region: "*", service: nil, role: nil, posts: 1.0, vacant: 1.0),
                .init(region: nil, service: nil, role: nil, posts: 1.0, vacant: 1.0),
                .init(region: "*", service: "lastensuojelu", role: "johtava", posts: 1.0, vacant: 0),
                .init(region: "*", service: "lastensuojelu", role: "sosiaalityontekija", posts: 1.5, vacant: 0.5),
                .init(region: "A", service: "lastensuojelu", role: "sosiaalityontekija", posts: 1.5, vacant: 0.5),
                .init(region: "B", service: "lastensuojelu", role: "johtava", posts: 1.0, vacant: 0),
            ])
        #expect(f.rejected.map { "\($0.source):\($0.line)" } == ["a.xml:9", "b.xml:5"])
    }

    @Test func rowsThatMustNotExist() {
        let f = Self.evaluation.findings
        let regions =
            f.deadlines.map(\.region) + f.plans.map(\.region) + f.assignment.map(\.region)
            + f.meetings.map(\.region) + f.durations.map(\.region) + f.backlog.map(\.region) + f.caseload.map(\.region)
        #expect(!regions.contains("C"))
        // Working-age services have no deadline of child welfare or of SHL 36 § 3 mom.; only urgency.
        #expect(!f.deadlines.contains { $0.service == "tyoikaiset" && $0.rule != "SHL36-urgency" })
        #expect(!f.plans.contains { $0.service == "tyoikaiset" })
        #expect(!f.caseload.contains { $0.region == "*" })
        #expect(
            f.asOf == "2024-05-31"
                && f.period
                    == Findings.Period(
                        start: "2024-01-01", end: "2024-05-31",
                        basis: ["SHL36-complete-3m": "completed", "*": "clock-start"]))
        #expect(Self.evaluation.regionNames["C"] == "Alue C")
    }

    /// Seen on an earlier T (the export is from 31.5.): later dates have not happened yet.
    @Test func seenOnAnEarlierDay() {
        let e = evaluate(Self.export, asOf: Ex.d("2024-02-14"), period: Ex.d("2024-01-01")...Ex.d("2024-05-31"))
        let f = e.findings
        // K3 R2 is undecided on 14.2. and its deadline is 14.2. itself: pending; K6 and K3 R1 do not exist yet.
        #expect(
            f.deadlines.filter { $0.rule == "LSL26-screening-7wd" } == [
                D(
                    rule: "LSL26-screening-7wd", service: "lastensuojelu", region: "*", met: 1, late: 0, overdue: 0,
                    pending: 1),
                D(
                    rule: "LSL26-screening-7wd", service: "lastensuojelu", region: "A", met: 1, late: 0, overdue: 0,
                    pending: 0),
                D(
                    rule: "LSL26-screening-7wd", service: "lastensuojelu", region: "B", met: 0, late: 0, overdue: 0,
                    pending: 1),
            ])
        // K1 is completed only on 28.3.: open on 14.2.; K2's deadline 20.3. is not yet past; K3 R2 not started.
        #expect(
            f.backlog.first { $0.region == "*" }
                == .init(
                    service: "lastensuojelu", region: "*", open: 3, notStarted: 2, overdue: 0, oldestDays: 56))
        // Only K5's second assessment is completed by 14.2.
        #expect(
            f.durations == [
                .init(service: "tyoikaiset", region: "*", completed: 1, medianDays: 9, p90Days: 9),
                .init(service: "tyoikaiset", region: "A", completed: 1, medianDays: 9, p90Days: 9),
            ])
        // Assignments from 20.2., 1.3., 2.3. and 28.3. do not exist yet; W2's only child on 14.2. is in
        // aftercare but 12 years old, so counts.
        #expect(
            f.caseload == [
                .init(worker: "W1", region: "A", children: 1, limit: 30),
                .init(worker: "W2", region: "A", children: 1, limit: 30),
            ])
        #expect(
            f.assignment == [
                .init(region: "*", active: 3, unassigned: 1, unqualified: 1),
                .init(region: "A", active: 2, unassigned: 1, unqualified: 0),
                .init(region: "B", active: 1, unassigned: 0, unqualified: 1),
            ])
    }
}
