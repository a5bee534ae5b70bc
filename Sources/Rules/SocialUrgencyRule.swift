import CaseModel

/// `SHL36-urgency` (SHL 36 § 1 mom.: whoever learns of a person in need of social
/// welfare sees that the need for urgent help "arvioidaan välittömästi"; adults
/// included): every referral that is not a child welfare matter (those are
/// `LSL26-urgency`), under its case's service, in every service. Clock `received`,
/// done `urgencyAssessed` (absent: no date recorded, not done), deadline received +
/// `urgencyDays` calendar days; items flagged `urgent` counted apart (`urgentOnly`).
public enum SocialUrgencyRule: CountsDeadlines {
    static let deadline = DeadlineRule(
        .socialUrgency, .referral, limit: .urgencyDays,
        population: { !$0.isChildWelfare }, done: { $0.urgencyAssessed }, subset: { $0.urgent })

    public static let definition = RuleDescription(
        id: .socialUrgency, reference: "SHL 36 § 1 mom.",
        name: [
            "fi": "Kiireellisen avun tarpeen arviointi",
            "sv": "Bedömning av behovet av brådskande hjälp",
            "en": "Assessment of the need for urgent help",
        ],
        statement: [
            "fi": "Sosiaalihuollon tarpeessa olevan henkilön kiireellisen avun tarve on arvioitava välittömästi; "
                + "välittömäksi luetaan tässä vastaanottopäivä tai sitä seuraava kalenteripäivä.",
            "sv": "En persons behov av brådskande hjälp ska bedömas omedelbart; här räknas mottagningsdagen eller "
                + "följande kalenderdag som omedelbart.",
            "en": "A person's need for urgent help must be assessed immediately, read here as the day of receipt "
                + "or the next calendar day.",
        ],
        isPolicy: false)

    public static func tally(_ evaluation: Evaluation) -> RuleTally { deadlineTally(evaluation, id) }

    public static var examples: [RuleExample] {
        [
            RuleExample(
                "Every service example 1: an application in a working-age case assessed the day it came is met; "
                    + "a child welfare notification is LSL26-urgency's, not this rule's",
                Ex.export(
                    [
                        Ex.child(
                            "C1", .tyoikaiset,
                            referrals: [Ex.referral(.hakemus, received: "2025-06-03", urgencyAssessed: "2025-06-03")]),
                        Ex.child("C2", referrals: [Ex.referral(received: "2025-06-03")]),
                    ], generated: "2025-06-16"),
                expected: .outcomes(met: 1), cases: ["C1": [.met]]),
            RuleExample(
                "Every service example 2: a social welfare notification of Fri 6.6. never assessed is overdue "
                    + "(deadline 7.6.); assessed two days late is late; received on T is pending",
                Ex.export(
                    [
                        Ex.child("C2", .lapsiperheet, referrals: [Ex.referral(.sosiaalihuoltoilmoitus, received: "2025-06-06")]),
                        Ex.child(
                            "C3", .tyoikaiset,
                            referrals: [Ex.referral(.yhteydenotto, received: "2025-05-05", urgencyAssessed: "2025-05-07")]),
                        Ex.child("C4", .tyoikaiset, referrals: [Ex.referral(.hakemus, received: "2025-06-16")]),
                    ], generated: "2025-06-16"),
                expected: .outcomes(late: 1, overdue: 1, pending: 1),
                cases: ["C2": [.overdue], "C3": [.late], "C4": [.pending]]),
        ]
    }
}
