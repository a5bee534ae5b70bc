import CaseModel

/// `LSL26-urgency` (LSL 26 § 1 mom.: "on välittömästi arvioitava"): for every
/// child welfare matter, whatever its `urgent` flag, the need for urgent child
/// welfare is assessed immediately. The duty is statutory; only the reading of
/// "välittömästi" as received + `urgencyDays` calendar days (even onto a
/// holiday) is policy. Clock `received`, done `urgencyAssessed` (absent: no
/// date recorded, not done). Items flagged `urgent` are counted apart as well
/// (`urgentOnly`). Counted under `lastensuojelu` whatever the case's service.
public enum UrgencyAssessmentRule: CountsDeadlines {
    static let deadline = DeadlineRule(
        .urgency, .referral, limit: .urgencyDays,
        population: { $0.isChildWelfare }, done: { $0.urgencyAssessed },
        subset: { $0.urgent })

    public static let definition = RuleDescription(
        id: .urgency, reference: "LSL 26 § 1 mom.",
        name: [
            "fi": "Kiireellisen lastensuojelun tarpeen arviointi",
            "sv": "Bedömning av behovet av brådskande barnskydd",
            "en": "Assessment of an urgent need for child welfare",
        ],
        statement: [
            "fi": "Lastensuojeluasiassa lapsen mahdollinen kiireellinen lastensuojelun tarve on arvioitava "
                + "välittömästi; välittömäksi luetaan tässä vastaanottopäivä tai sitä seuraava kalenteripäivä.",
            "sv": "I ett barnskyddsärende ska barnets eventuella behov av brådskande barnskydd bedömas omedelbart; "
                + "här räknas mottagningsdagen eller följande kalenderdag som omedelbart.",
            "en": "In a child welfare matter a child's possible need for urgent child welfare must be assessed "
                + "immediately, read here as the day of receipt or the next calendar day.",
        ],
        isPolicy: false)

    public static func tally(_ evaluation: Evaluation) -> RuleTally { deadlineTally(evaluation, id) }

    public static var examples: [RuleExample] {
        [
            RuleExample(
                "received on Good Friday, assessed on Saturday: the next calendar day is in time, flagged urgent "
                    + "or not, in a family case too; an application is not a child welfare matter",
                Ex.export(
                    [
                        Ex.child(
                            "C1",
                            referrals: [
                                Ex.referral(received: "2024-03-29", urgent: true, urgencyAssessed: "2024-03-30")
                            ]),
                        Ex.child(
                            "C2", .lapsiperheet,
                            referrals: [Ex.referral(received: "2024-03-29", urgencyAssessed: "2024-03-29")]),
                        Ex.child("C3", .lapsiperheet, referrals: [Ex.referral(.hakemus, received: "2024-03-01")]),
                    ], generated: "2024-05-31"),
                expected: .outcomes(met: 2), cases: ["C1": [.met], "C2": [.met]]),
            RuleExample(
                "Version 2 examples 3 and 4: never assessed is overdue whatever the flag; a contact marked child "
                    + "welfare assessed on the third day is late; assessed only after T is pending",
                Ex.export(
                    [
                        Ex.child("C3", referrals: [Ex.referral(.pyyntoArvioida, received: "2025-05-02")]),
                        Ex.child(
                            "C4", .lapsiperheet,
                            referrals: [
                                Ex.referral(
                                    .yhteydenotto, received: "2025-06-13", urgent: true, urgencyAssessed: "2025-06-16",
                                    childWelfare: true)
                            ]),
                        Ex.child(
                            "C5",
                            referrals: [Ex.referral(received: "2025-06-16", urgencyAssessed: "2025-06-17")]),
                    ], generated: "2025-06-17", period: ("2025-01-01", "2025-06-16")),
                asOf: Ex.d("2025-06-16"),
                expected: .outcomes(late: 1, overdue: 1, pending: 1),
                cases: ["C3": [.overdue], "C4": [.late], "C5": [.pending]]),
        ]
    }
}
