import CaseModel

/// `inflow`: referrals received in the period and on or before T, per service,
/// region and kind; a child welfare matter under `lastensuojelu`, any other under
/// its case's service ("child welfare notifications" are the rows of kind
/// `lastensuojeluilmoitus`).
public enum InflowMeasure: Rule {
    static func add(_ matter: Matter, kind: ReferralKind, to tally: inout RegionTally, period: ClosedRange<CalendarDate>) {
        guard period.contains(matter.received) else { return }
        tally.inflow[matter.service.index * ReferralKind.allCases.count + kindIndex(kind)] += 1
    }

    static func kindIndex(_ kind: ReferralKind) -> Int {
        switch kind {
        case .lastensuojeluilmoitus: return 0
        case .pyyntoArvioida: return 1
        case .sosiaalihuoltoilmoitus: return 2
        case .hakemus: return 3
        case .yhteydenotto: return 4
        }
    }

    public static let definition = RuleDescription(
        id: .inflow, reference: "LSL 25 §; SHL 35 §",
        name: ["fi": "Saapuneet ilmoitukset ja asiat", "sv": "Inkomna anmälningar och ärenden", "en": "Inflow"],
        statement: [
            "fi": "Tarkastelujaksolla vireille tulleet lastensuojeluilmoitukset ja muut asiat lajeittain.",
            "sv": "Barnskyddsanmälningar och andra ärenden som inletts under perioden, per slag.",
            "en": "Child welfare notifications and other matters that became pending in the period, by kind.",
        ],
        isPolicy: false)

    public static var hasFailingState: Bool { false }

    public static func tally(_ evaluation: Evaluation) -> RuleTally {
        RuleTally(
            counted: evaluation.findings.inflow.filter { $0.region == Findings.allRegions }.reduce(0) { $0 + $1.received },
            failing: 0)
    }

    public static var examples: [RuleExample] {
        [
            RuleExample(
                "a notification in a family case counts under child welfare, an application under the family's service",
                Ex.export(
                    [
                        Ex.child(
                            "C1", .lapsiperheet,
                            referrals: [
                                Ex.referral(received: "2025-02-03"), Ex.referral(.hakemus, id: "R2", received: "2025-03-03"),
                            ])
                    ], generated: "2025-06-16"),
                expected: RuleTally(counted: 2, failing: 0)),
            RuleExample(
                "received before the period, or after T: not in it",
                Ex.export(
                    [Ex.child("C1", referrals: [Ex.referral(received: "2024-12-31"), Ex.referral(id: "R2", received: "2025-06-17")])],
                    generated: "2025-06-20", period: ("2025-01-01", "2025-06-30")),
                asOf: Ex.d("2025-06-16"), expected: RuleTally(counted: 0, failing: 0)),
        ]
    }
}
