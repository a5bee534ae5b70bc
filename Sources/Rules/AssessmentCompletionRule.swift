import CaseModel

/// `SHL36-complete-3m` (SHL 36 § 3 mom., LSL 27 §): the assessment completed
/// within 3 months of the referral's `received` (MLL month rule; a deadline
/// on a non-working day moves to the next working day). Same population as
/// `SHL36-start-7wd`. Period basis THL's: met/late when completed in the
/// period (and on or before T), whenever the referral came; overdue when open
/// on T with its deadline in the period and before T; pending when open, the
/// deadline not yet passed, and received in the period.
public enum AssessmentCompletionRule: CountsDeadlines {
    static let deadline = DeadlineRule(
        .assessmentCompletion, .assessment, limit: .months(3), basis: .completed,
        population: { $0.isInSHL36Population }, done: { $0.completed })

    public static let definition = RuleDescription(
        id: .assessmentCompletion, reference: "SHL 36 § 3 mom.; LSL 27 §",
        name: [
            "fi": "Palvelutarpeen arvioinnin valmistuminen 3 kuukaudessa",
            "sv": "Bedömningen av servicebehovet färdig inom 3 månader",
            "en": "Service-needs assessment completed within 3 months",
        ],
        statement: [
            "fi": "Lastensuojeluasiassa ja erityistä tukea tarvitsevan lapsen asiassa palvelutarpeen arvioinnin on "
                + "valmistuttava viimeistään kolmen kuukauden kuluessa asian vireilletulosta.",
            "sv": "I ett barnskyddsärende och i ett ärende som gäller ett barn i behov av särskilt stöd ska "
                + "bedömningen av servicebehovet vara klar senast tre månader efter att ärendet inletts.",
            "en": "In a child welfare matter and in the matter of a child in need of special support, the "
                + "service-needs assessment must be completed within three months after the matter became pending.",
        ],
        isPolicy: false)

    public static func tally(_ evaluation: Evaluation) -> RuleTally { deadlineTally(evaluation, id) }

    public static var examples: [RuleExample] {
        let easter = Ex.export(
            [
                Ex.child(
                    "C1", referrals: [Ex.referral(received: "2024-03-31")],
                    assessments: [Ex.assessment(started: "2024-04-02", completed: "2024-07-01")])
            ], generated: "2024-07-31", period: ("2024-01-01", "2024-07-31"))
        return [
            RuleExample(
                "received on Easter Sunday 31.3.: 30.6. is a Sunday, so 1.7. is in time", easter,
                expected: .outcomes(met: 1), cases: ["C1": [.met]]),
            RuleExample(
                "without the working-day shift 1.7. is late", easter,
                settings: RuleSettings(monthDeadlineRolls: false), expected: .outcomes(late: 1),
                cases: ["C1": [.late]]),
            RuleExample(
                "30.11.2023 + 3 months is 29.2.2024: completed 1.3. is late; one open on T whose deadline 20.5. "
                    + "lies after the period is in no table of the period",
                Ex.export(
                    [
                        Ex.child(
                            "C1", referrals: [Ex.referral(received: "2023-11-30")],
                            assessments: [Ex.assessment(started: "2023-12-01", completed: "2024-03-01")]),
                        Ex.child(
                            "C2", .lapsiperheet, specialSupport: true,
                            referrals: [Ex.referral(.hakemus, received: "2024-02-20")],
                            assessments: [Ex.assessment(started: "2024-02-21")]),
                    ], generated: "2024-05-31", period: ("2023-10-01", "2024-03-31")),
                expected: .outcomes(late: 1), cases: ["C1": [.late]]),
            RuleExample(
                "Version 2 examples 1, 2 and 5: completed 30.4. (deadline Sat 3.5. → 5.5.) is met; received "
                    + "4.11.2024 and completed 14.2.2025 is late in this period; open past 3.6. is overdue; "
                    + "received in the period and open before its deadline is pending",
                Ex.export(
                    [
                        Ex.child(
                            "C1", .lapsiperheet, referrals: [Ex.referral(received: "2025-02-03")],
                            assessments: [Ex.assessment(started: "2025-02-11", completed: "2025-04-30")]),
                        Ex.child(
                            "C2", referrals: [Ex.referral(received: "2024-11-04")],
                            assessments: [Ex.assessment(started: "2024-11-05", completed: "2025-02-14")]),
                        Ex.child(
                            "C5", .lapsiperheet, referrals: [Ex.referral(.hakemus, received: "2025-03-03")],
                            assessments: [Ex.assessment(started: "2025-03-06", specialSupport: true)]),
                        Ex.child(
                            "C8", referrals: [Ex.referral(received: "2025-06-02")],
                            assessments: [Ex.assessment(started: "2025-06-03")]),
                    ], generated: "2025-06-16", period: ("2025-01-01", "2025-06-16")),
                expected: .outcomes(met: 1, late: 1, overdue: 1, pending: 1),
                cases: ["C1": [.met], "C2": [.late], "C5": [.overdue], "C8": [.pending]]),
        ]
    }
}
