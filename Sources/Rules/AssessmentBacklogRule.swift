import CaseModel
import FinnishCalendar

/// `SHL36-backlog`: the queue on T, whatever the period: assessments of the
/// SHL 36 § population (as `SHL36-start-7wd`, grouped under the same
/// service) whose referral was received ≤ T and that are not completed on T;
/// not started, and overdue when the 3-month deadline < T.
public enum AssessmentBacklogRule: Rule {
    /// The backlog's deadline is the completion rule's.
    static let limit = AssessmentCompletionRule.deadline.limit

    static func add(_ matter: Matter, to tally: inout RegionTally, asOf t: CalendarDate, calendar: WorkingDayCalendar) {
        guard matter.isInSHL36Population else { return }
        // Seen on T: a completion after T is still open.
        guard matter.completed.map({ $0 > t }) ?? true else { return }
        let received = matter.received
        let s = matter.service.index
        tally.backlog[s].open += 1
        if matter.started.map({ $0 > t }) ?? true { tally.backlog[s].notStarted += 1 }
        if calendar.addingMonths(3, to: received) < t { tally.backlog[s].overdue += 1 }
        tally.backlog[s].earliestReceived = min(tally.backlog[s].earliestReceived, received.dayNumber)
        BacklogAgeMeasure.add(received: received, service: s, to: &tally, asOf: t)
    }

    public static let definition = RuleDescription(
        id: .backlog, reference: "SHL 36 § 3 mom.; LSL 27 §",
        name: [
            "fi": "Keskeneräiset palvelutarpeen arvioinnit",
            "sv": "Pågående bedömningar av servicebehovet",
            "en": "Open service-needs assessments",
        ],
        statement: [
            "fi": "Tarkastelupäivänä keskeneräiset lastensuojeluasioiden ja erityistä tukea tarvitsevien lasten "
                + "palvelutarpeen arvioinnit: aloittamattomat ja kolmen kuukauden määräajan ylittäneet.",
            "sv": "Bedömningar av servicebehovet i barnskyddsärenden och för barn i behov av särskilt stöd som pågår "
                + "på granskningsdagen: de som inte inletts och de som överskridit tremånadersfristen.",
            "en": "Service-needs assessments in child welfare matters and of children in need of special support "
                + "still open on the review date: those not started and those past the three-month deadline.",
        ],
        isPolicy: false)

    public static func tally(_ evaluation: Evaluation) -> RuleTally {
        let rows = evaluation.findings.backlog.filter { $0.region == Findings.allRegions }
        return RuleTally(counted: rows.reduce(0) { $0 + $1.open }, failing: rows.reduce(0) { $0 + $1.overdue })
    }

    public static var examples: [RuleExample] {
        let open = Ex.child("C1", referrals: [Ex.referral(received: "2024-02-29")], assessments: [Ex.assessment()])
        return [
            RuleExample(
                "open, deadline 29.5. equal to T: not yet overdue; a completed one is not in the queue",
                Ex.export(
                    [
                        open,
                        Ex.child(
                            "C2", referrals: [Ex.referral(received: "2023-12-01")],
                            assessments: [Ex.assessment(started: "2023-12-04", completed: "2024-02-01")]),
                    ], generated: "2024-05-29"),
                expected: RuleTally(counted: 1, failing: 0)),
            RuleExample(
                "the same assessment one day later is overdue", Ex.export([open], generated: "2024-05-30"),
                expected: RuleTally(counted: 1, failing: 1)),
            RuleExample(
                "Version 2 example 5: special support on the assessment only puts a family case's open assessment "
                    + "in the queue, past its deadline 3.6.; without it the same one is not in the queue",
                Ex.export(
                    [
                        Ex.child(
                            "C5", .lapsiperheet, referrals: [Ex.referral(.hakemus, received: "2025-03-03")],
                            assessments: [Ex.assessment(started: "2025-03-06", specialSupport: true)]),
                        Ex.child(
                            "C6", .lapsiperheet, specialSupport: true,
                            referrals: [Ex.referral(.hakemus, received: "2025-03-03")],
                            assessments: [Ex.assessment(started: "2025-03-06", specialSupport: false)]),
                    ], generated: "2025-06-16"),
                expected: RuleTally(counted: 1, failing: 1)),
        ]
    }
}
