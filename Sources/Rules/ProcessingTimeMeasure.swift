import CaseModel

/// Processing times (no deadline in law for working-age services and for
/// family matters without special support: "viipymättä"): for completed
/// assessments of every service whose referral was received in the period
/// (and ≤ T) and completed ≤ T, the count, nearest-rank median and 90th
/// percentile of calendar days received → completed. An assessment of a child
/// welfare matter counts under `lastensuojelu`, any other under its case's
/// service. A negative duration is counted as it is.
public enum ProcessingTimeMeasure: Rule {
    static func add(_ matter: Matter, to tally: inout RegionTally, asOf t: CalendarDate, period: ClosedRange<CalendarDate>) {
        let received = matter.received
        guard period.contains(received), let completed = matter.completed, completed <= t else { return }
        tally.durations[matter.service.index].values.append(completed.days(since: received))
    }

    public static let definition = RuleDescription(
        id: .durations, reference: "SHL 36 §",
        name: [
            "fi": "Palvelutarpeen arviointien käsittelyajat",
            "sv": "Handläggningstider för bedömningar av servicebehovet",
            "en": "Processing times of service-needs assessments",
        ],
        statement: [
            "fi": "Arviointi on tehtävä viipymättä; valmistuneista arvioinneista raportoidaan käsittelyajan mediaani "
                + "ja 90. persentiili kalenteripäivinä vireilletulosta valmistumiseen.",
            "sv": "Bedömningen ska göras utan dröjsmål; för slutförda bedömningar rapporteras medianen och den 90:e "
                + "percentilen av handläggningstiden i kalenderdagar från att ärendet inletts tills bedömningen är klar.",
            "en": "Assessments must be made without delay; for completed assessments the median and 90th percentile "
                + "of calendar days from the matter becoming pending to completion are reported.",
        ],
        isPolicy: false)

    public static var hasFailingState: Bool { false }

    public static func tally(_ evaluation: Evaluation) -> RuleTally {
        RuleTally(
            counted: evaluation.findings.durations.filter { $0.region == Findings.allRegions }
                .reduce(0) { $0 + $1.completed }, failing: 0)
    }

    public static var examples: [RuleExample] {
        [
            RuleExample(
                "a working-age client's assessment completed in 30 days is counted",
                Ex.export(
                    [
                        Ex.child(
                            "C1", .tyoikaiset, referrals: [Ex.referral(.hakemus, received: "2024-02-01")],
                            assessments: [Ex.assessment(started: "2024-02-05", completed: "2024-03-02")])
                    ], generated: "2024-05-31"), expected: RuleTally(counted: 1, failing: 0)),
            RuleExample(
                "received before the period, or not completed on T: left out",
                Ex.export(
                    [
                        Ex.child(
                            "C1", .tyoikaiset, referrals: [Ex.referral(.hakemus, received: "2023-12-15")],
                            assessments: [Ex.assessment(started: "2023-12-20", completed: "2024-01-15")]),
                        Ex.child(
                            "C2", .lapsiperheet, referrals: [Ex.referral(.hakemus, received: "2024-05-02")],
                            assessments: [Ex.assessment(started: "2024-05-03", completed: "2024-06-03")]),
                    ], generated: "2024-06-30", period: ("2024-01-01", "2024-05-31")), asOf: Ex.d("2024-05-31"),
                expected: RuleTally(counted: 0, failing: 0)),
        ]
    }
}
