import CaseModel

/// `SHL36-start-7wd` (SHL 36 § 2 mom., LSL 27 §): the service-needs
/// assessment started by the 7th working day. Who: the SHL 36 § population
/// (`Matter.isInSHL36Population`): assessments of a child welfare matter
/// (under `lastensuojelu`) or with special support (under the case's
/// service). Clock: the referral's `received` (vireilletulo, never the start
/// decision). Done: `started`. Period basis: clock start.
public enum AssessmentStartRule: CountsDeadlines {
    static let deadline = DeadlineRule(
        .assessmentStart, .assessment, limit: .workingDays(7),
        population: { $0.isInSHL36Population }, done: { $0.started })

    public static let definition = RuleDescription(
        id: .assessmentStart, reference: "SHL 36 § 2 mom.; LSL 27 §",
        name: [
            "fi": "Palvelutarpeen arvioinnin aloittaminen 7 arkipäivässä",
            "sv": "Bedömningen av servicebehovet inleds inom 7 vardagar",
            "en": "Service-needs assessment started within 7 working days",
        ],
        statement: [
            "fi": "Lastensuojeluasiassa ja erityistä tukea tarvitsevan lapsen asiassa palvelutarpeen arviointi on "
                + "aloitettava viimeistään seitsemäntenä arkipäivänä asian vireilletulosta.",
            "sv": "I ett barnskyddsärende och i ett ärende som gäller ett barn i behov av särskilt stöd ska "
                + "bedömningen av servicebehovet inledas senast den sjunde vardagen efter att ärendet inletts.",
            "en": "In a child welfare matter and in the matter of a child in need of special support, the "
                + "service-needs assessment must start by the seventh working day after the matter became pending.",
        ],
        isPolicy: false)

    public static func tally(_ evaluation: Evaluation) -> RuleTally { deadlineTally(evaluation, id) }

    public static var examples: [RuleExample] {
        let midsummer = Ex.export(
            [
                Ex.child(
                    "C1", referrals: [Ex.referral(received: "2024-06-19")],
                    assessments: [Ex.assessment(started: "2024-07-01")]),
                Ex.child(
                    "C2", .lapsiperheet, specialSupport: true, referrals: [Ex.referral(.hakemus, received: "2024-06-03")],
                    assessments: [Ex.assessment(started: "2024-06-03")]),
                // A family case without special support and no child welfare matter has no deadline in law.
                Ex.child(
                    "C3", .lapsiperheet, referrals: [Ex.referral(.hakemus, received: "2024-06-03")],
                    assessments: [Ex.assessment(started: "2024-07-30")]),
            ], generated: "2024-07-31", period: ("2024-06-01", "2024-07-31"))
        return [
            RuleExample(
                "started on the 7th working day after Midsummer Eve is in time", midsummer,
                expected: .outcomes(met: 2), cases: ["C1": [.met], "C2": [.met]]),
            RuleExample(
                "when Midsummer Eve is a working day the same start is late", midsummer,
                settings: RuleSettings(evesAreHolidays: false), expected: .outcomes(met: 1, late: 1),
                cases: ["C1": [.late], "C2": [.met]]),
            RuleExample(
                "Version 2 examples 1 and 5: a notification in a family case started on the 6th working day is met; "
                    + "special support on the assessment only counts; not started by T is overdue, or pending "
                    + "before its deadline; the case's flag overridden by the assessment's false is in no rule",
                Ex.export(
                    [
                        Ex.child(
                            "C1", .lapsiperheet,
                            referrals: [Ex.referral(received: "2025-02-03", urgencyAssessed: "2025-02-03")],
                            assessments: [Ex.assessment(started: "2025-02-11", completed: "2025-04-30")]),
                        Ex.child(
                            "C5", .lapsiperheet, referrals: [Ex.referral(.hakemus, received: "2025-03-03")],
                            assessments: [Ex.assessment(started: "2025-03-06", specialSupport: true)]),
                        Ex.child(
                            "C6", .lapsiperheet, specialSupport: true,
                            referrals: [Ex.referral(.hakemus, received: "2025-03-03")],
                            assessments: [Ex.assessment(started: "2025-03-06", specialSupport: false)]),
                        Ex.child("C7", referrals: [Ex.referral(received: "2025-05-02")], assessments: [Ex.assessment()]),
                        Ex.child("C8", referrals: [Ex.referral(received: "2025-06-12")], assessments: [Ex.assessment()]),
                    ], generated: "2025-06-16", period: ("2025-01-01", "2025-06-16")),
                expected: .outcomes(met: 2, overdue: 1, pending: 1),
                cases: ["C1": [.met], "C5": [.met], "C7": [.overdue], "C8": [.pending]]),
        ]
    }
}
