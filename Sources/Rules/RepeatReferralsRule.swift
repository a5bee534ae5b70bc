import CaseModel

/// `repeatReferrals` (policy: notifications that keep coming about a client the
/// service does not reach): per the case's service and region, the cases with at
/// least `repeatReferralCount` referrals (any kind) received in the period and on
/// or before T; `withoutAssessment`, those none of whose referrals received in the
/// period has an assessment started on or before T, whatever the decisions were.
public enum RepeatReferralsRule: Rule {
    static func add(
        _ c: Case, to tally: inout RegionTally, asOf t: CalendarDate, period: ClosedRange<CalendarDate>, minimum: Int
    ) {
        var count = 0
        for r in c.referrals where r.received <= t && period.contains(r.received) { count += 1 }
        guard count >= minimum else { return }
        let s = c.service.index
        tally.repeatReferrals[s].cases += 1
        let assessed = c.assessments.contains { a in
            guard let started = a.started, started <= t else { return false }
            return c.referrals.contains { $0.id == a.referral && $0.received <= t && period.contains($0.received) }
        }
        if !assessed { tally.repeatReferrals[s].withoutAssessment += 1 }
    }

    public static let definition = RuleDescription(
        id: .repeatReferrals, reference: "SHL 35 §",
        name: [
            "fi": "Toistuvat ilmoitukset ilman arviointia", "sv": "Upprepade anmälningar utan bedömning",
            "en": "Repeated referrals without an assessment",
        ],
        statement: [
            "fi": "Asiakkaat, joista on tullut jakson aikana useita ilmoituksia tai yhteydenottoja; niistä ne, joiden "
                + "palvelutarpeen arviointia ei ole aloitettu (toimintaohje).",
            "sv": "Klienter om vilka flera anmälningar eller kontakter har kommit under perioden; av dem de vars "
                + "bedömning av servicebehovet inte har inletts (riktlinje).",
            "en": "Clients about whom several referrals came in the period; of them, those whose service-needs "
                + "assessment was not started (policy).",
        ],
        isPolicy: true)

    public static func tally(_ evaluation: Evaluation) -> RuleTally {
        let rows = evaluation.findings.repeatReferrals.filter { $0.region == Findings.allRegions }
        return RuleTally(counted: rows.reduce(0) { $0 + $1.cases }, failing: rows.reduce(0) { $0 + $1.withoutAssessment })
    }

    public static var examples: [RuleExample] {
        let three = [
            Ex.referral(.sosiaalihuoltoilmoitus, id: "R1", received: "2025-02-10"),
            Ex.referral(.yhteydenotto, id: "R2", received: "2025-04-03"),
            Ex.referral(.hakemus, id: "R3", received: "2025-06-02"),
        ]
        return [
            RuleExample(
                "three referrals, the second assessed: counted and reached; two referrals are not counted",
                Ex.export(
                    [
                        Ex.child("C1", .lapsiperheet, referrals: three, assessments: [Ex.assessment("R2", started: "2025-04-05")]),
                        Ex.child("C2", .lapsiperheet, referrals: Array(three.prefix(2))),
                    ], generated: "2025-06-16"),
                expected: RuleTally(counted: 1, failing: 0)),
            RuleExample(
                "Every service example 6: referrals 10.2., 3.4. and 2.6., none assessed",
                Ex.export([Ex.child("C6", .tyoikaiset, referrals: three)], generated: "2025-06-16"),
                expected: RuleTally(counted: 1, failing: 1)),
        ]
    }
}
