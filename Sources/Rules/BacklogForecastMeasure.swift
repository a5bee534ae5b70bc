import CaseModel

/// `backlogForecast`: per service, for the whole organisation, when the backlog has
/// an open item on T: the backlog population's assessments whose referral was
/// received in the 91 days ending on T (T − 90 … T, each record once, open or
/// completed) and those completed in the same days (whenever received); when more
/// were completed than received, the queue clears on T + ⌈open × 91 ÷ (completed −
/// received)⌉ days (integer arithmetic), else it does not shrink at this pace (null).
public enum BacklogForecastMeasure: Rule {
    static func add(_ matter: Matter, to tally: inout RegionTally, asOf t: CalendarDate) {
        guard matter.isInSHL36Population else { return }
        let window = t.adding(days: -90)...t
        let s = matter.service.index
        if window.contains(matter.received) { tally.forecast[s].received13w += 1 }
        if let completed = matter.completed, window.contains(completed) { tally.forecast[s].completed13w += 1 }
    }

    /// ⌈open × 91 ÷ (completed − received)⌉ days after T, or nil when the queue does not shrink.
    public static func clearsOn(open: Int, received: Int, completed: Int, asOf t: CalendarDate) -> CalendarDate? {
        guard completed > received else { return nil }
        let pace = completed - received
        return t.adding(days: (open * 91 + pace - 1) / pace)
    }

    public static let definition = RuleDescription(
        id: .backlogForecast, reference: "SHL 36 § 3 mom.; LSL 27 §",
        name: ["fi": "Jonon purkautuminen", "sv": "När kön töms", "en": "When the queue clears"],
        statement: [
            "fi": "Viimeisten 13 viikon uudet ja valmistuneet arvioinnit ja päivä, jona jono nykyisellä tahdilla purkautuu.",
            "sv": "De senaste 13 veckornas nya och slutförda bedömningar och den dag då kön töms i nuvarande takt.",
            "en": "The last 13 weeks' new and completed assessments and the day the queue clears at that pace.",
        ],
        isPolicy: false)

    public static var hasFailingState: Bool { false }

    public static func tally(_ evaluation: Evaluation) -> RuleTally {
        RuleTally(counted: evaluation.findings.backlogForecast.reduce(0) { $0 + $1.open }, failing: 0)
    }

    public static var examples: [RuleExample] {
        [
            RuleExample(
                "one open and one completed in the 13 weeks: the forecast counts the open one",
                Ex.export(
                    [
                        Ex.child("C1", referrals: [Ex.referral(received: "2025-05-01")], assessments: [Ex.assessment()]),
                        Ex.child(
                            "C2", referrals: [Ex.referral(received: "2025-02-01")],
                            assessments: [Ex.assessment(started: "2025-02-02", completed: "2025-04-01")]),
                    ], generated: "2025-06-16"),
                expected: RuleTally(counted: 1, failing: 0)),
            RuleExample(
                "no open item: no forecast",
                Ex.export(
                    [
                        Ex.child(
                            "C2", referrals: [Ex.referral(received: "2025-02-01")],
                            assessments: [Ex.assessment(started: "2025-02-02", completed: "2025-04-01")])
                    ], generated: "2025-06-16"),
                expected: RuleTally(counted: 0, failing: 0)),
        ]
    }
}
