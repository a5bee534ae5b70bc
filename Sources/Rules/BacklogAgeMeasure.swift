import CaseModel
import FinnishCalendar

/// `backlogAge`: the `SHL36-backlog` items open on T by how long ago their
/// referral was received, in whole months by the month rule without the
/// working-day shift: under a month (received + 1 month > T), 1–3, 3–6, and
/// 6 months or more (received + 6 months ≤ T).
public enum BacklogAgeMeasure: Rule {
    static func add(received: CalendarDate, service s: Int, to tally: inout RegionTally, asOf t: CalendarDate) {
        if WorkingDayCalendar.addingMonths(1, to: received) > t {
            tally.backlogAge[s].under1m += 1
        } else if WorkingDayCalendar.addingMonths(3, to: received) > t {
            tally.backlogAge[s].m1to3 += 1
        } else if WorkingDayCalendar.addingMonths(6, to: received) > t {
            tally.backlogAge[s].m3to6 += 1
        } else {
            tally.backlogAge[s].over6m += 1
        }
    }

    public static let definition = RuleDescription(
        id: .backlogAge, reference: "SHL 36 § 3 mom.; LSL 27 §",
        name: ["fi": "Jonon ikä", "sv": "Köns ålder", "en": "How old the queue is"],
        statement: [
            "fi": "Keskeneräiset palvelutarpeen arvioinnit sen mukaan, kuinka kauan asia on ollut vireillä.",
            "sv": "Pågående bedömningar av servicebehovet efter hur länge ärendet har varit anhängigt.",
            "en": "Open service-needs assessments by how long the matter has been pending.",
        ],
        isPolicy: false)

    public static var hasFailingState: Bool { false }

    /// Open items, of which six months or older.
    public static func tally(_ evaluation: Evaluation) -> RuleTally {
        let rows = evaluation.findings.backlogAge.filter { $0.region == Findings.allRegions }
        return RuleTally(
            counted: rows.reduce(0) { $0 + $1.under1m + $1.m1to3 + $1.m3to6 + $1.over6m }, failing: 0)
    }

    public static var examples: [RuleExample] {
        [
            RuleExample(
                "Inflow example 1: received 20.5., 16.3., 17.3. and 16.12.2024 seen on 16.6.2025",
                Ex.export(
                    ["2025-05-20", "2025-03-16", "2025-03-17", "2024-12-16"].enumerated().map { i, day in
                        Ex.child("C\(i)", referrals: [Ex.referral(received: day)], assessments: [Ex.assessment()])
                    }, generated: "2025-06-16"),
                expected: RuleTally(counted: 4, failing: 0)),
            RuleExample(
                "a completed assessment is not in the queue",
                Ex.export(
                    [
                        Ex.child(
                            "C1", referrals: [Ex.referral(received: "2025-03-01")],
                            assessments: [Ex.assessment(started: "2025-03-02", completed: "2025-04-01")])
                    ], generated: "2025-06-16"),
                expected: RuleTally(counted: 0, failing: 0)),
        ]
    }
}
