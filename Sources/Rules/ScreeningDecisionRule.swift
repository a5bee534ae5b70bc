import CaseModel

/// `LSL26-screening-7wd` (LSL 26 § 2 mom.): the decision whether to act, by
/// the 7th working day. Who: every child welfare matter (kind in
/// `childWelfareKinds`, or `childWelfare=true`), also when decided
/// `ei-toimenpiteita`/`jo-asiakas`, counted under `lastensuojelu` whatever
/// the case's service. Clock `received`, done `decided`.
public enum ScreeningDecisionRule: CountsDeadlines {
    static let deadline = DeadlineRule(
        .screening, .referral, limit: .workingDays(7),
        population: { $0.isChildWelfare }, done: { $0.decided })

    public static let definition = RuleDescription(
        id: .screening, reference: "LSL 26 § 2 mom.",
        name: [
            "fi": "Ratkaisu jatkotoimista 7 arkipäivässä",
            "sv": "Beslut om fortsatta åtgärder inom 7 vardagar",
            "en": "Screening decision within 7 working days",
        ],
        statement: [
            "fi": "Lastensuojeluilmoituksen tai lastensuojelutarpeen arviointipyynnön johdosta on viimeistään "
                + "seitsemäntenä arkipäivänä ratkaistava, ryhdytäänkö toimenpiteisiin, aloitetaanko palvelutarpeen "
                + "arviointi vai onko asia selvästi sellainen, ettei toimenpiteisiin tarvitse ryhtyä.",
            "sv": "Efter en barnskyddsanmälan eller en begäran om bedömning av behovet av barnskydd ska det senast "
                + "den sjunde vardagen avgöras om åtgärder vidtas, om en bedömning av servicebehovet inleds eller om "
                + "ärendet uppenbart inte kräver åtgärder.",
            "en": "By the seventh working day after a child welfare notification or a request to assess the need "
                + "for child welfare, it must be decided whether to act, to start a service-needs assessment, or "
                + "that the matter clearly needs no action.",
        ],
        isPolicy: false)

    public static func tally(_ evaluation: Evaluation) -> RuleTally { deadlineTally(evaluation, id) }

    public static var examples: [RuleExample] {
        [
            RuleExample(
                "decided on the 7th working day (Epiphany on a Saturday; Easter) is in time, in any service",
                Ex.export(
                    [
                        Ex.child(
                            "C1",
                            referrals: [Ex.referral(received: "2024-01-03", decided: "2024-01-12", outcome: .selvitys)]),
                        Ex.child(
                            "C2", .tyoikaiset,
                            referrals: [
                                Ex.referral(
                                    .pyyntoArvioida, received: "2024-03-27", decided: "2024-04-09",
                                    outcome: .eiToimenpiteita),
                                // An application is not a child welfare matter.
                                Ex.referral(.hakemus, id: "R2", received: "2024-03-27"),
                            ]),
                    ], generated: "2024-05-31"),
                expected: .outcomes(met: 2), cases: ["C1": [.met], "C2": [.met]]),
            RuleExample(
                "decided on the 8th working day is late; undecided past the deadline, and decided only after T, "
                    + "are both overdue on T; a contact marked child welfare received on T is pending",
                Ex.export(
                    [
                        Ex.child("C1", referrals: [Ex.referral(received: "2024-05-20")]),
                        Ex.child(
                            "C2", .lapsiperheet, referrals: [Ex.referral(received: "2024-05-17", decided: "2024-06-03")]
                        ),
                        Ex.child("C3", referrals: [Ex.referral(received: "2024-01-03", decided: "2024-01-15")]),
                        Ex.child(
                            "C4", .tyoikaiset,
                            referrals: [Ex.referral(.yhteydenotto, received: "2024-05-31", childWelfare: true)]),
                    ], generated: "2024-06-30", period: ("2024-01-01", "2024-05-31")),
                asOf: Ex.d("2024-05-31"),
                expected: .outcomes(late: 1, overdue: 2, pending: 1),
                cases: ["C1": [.overdue], "C2": [.overdue], "C3": [.late], "C4": [.pending]]),
        ]
    }
}
