import CaseModel

/// `SHL36-assessor` (SHL 36 § 5 mom.: a social worker is responsible for the
/// assessment of a child or another person in need of special support): the
/// assessments with special support (Version 2's reading: its own flag, else its
/// case's), any service, whose referral was received in the period and on or
/// before T and which were started on or before T; grouped as processing times
/// (a child welfare matter's under `lastensuojelu`, any other under its case's
/// service). By a social worker (`sosiaalityontekija`, `johtava`), by another
/// role, or with no worker recorded.
public enum AssessorRule: Rule {
    static func add(
        _ matter: Matter, hasWorker: Bool, role: WorkerRole?, to tally: inout RegionTally, asOf t: CalendarDate,
        period: ClosedRange<CalendarDate>
    ) {
        guard matter.isAssessment, matter.hasSpecialSupport, matter.received <= t, period.contains(matter.received),
            let started = matter.started, started <= t
        else { return }
        let s = matter.service.index
        tally.assessor[s].assessments += 1
        if !hasWorker {
            tally.assessor[s].noWorker += 1
        } else if role?.isQualifiedSocialWorker == true {
            tally.assessor[s].bySocialWorker += 1
        } else {
            tally.assessor[s].byOther += 1
        }
    }

    public static let definition = RuleDescription(
        id: .assessor, reference: "SHL 36 § 5 mom.",
        name: [
            "fi": "Erityistä tukea tarvitsevan palvelutarpeen arvioija",
            "sv": "Den som bedömer servicebehovet för en person i behov av särskilt stöd",
            "en": "Who assessed people in need of special support",
        ],
        statement: [
            "fi": "Erityistä tukea tarvitsevan lapsen tai muun henkilön palvelutarpeen arvioinnista vastaa "
                + "sosiaalityöntekijä.",
            "sv": "För bedömningen av servicebehovet för ett barn eller en annan person i behov av särskilt stöd "
                + "ansvarar en socialarbetare.",
            "en": "A social worker is responsible for the assessment of a child or another person in need of "
                + "special support.",
        ],
        isPolicy: false)

    /// Assessments, failing those not by a social worker.
    public static func tally(_ evaluation: Evaluation) -> RuleTally {
        let rows = evaluation.findings.assessor.filter { $0.region == Findings.allRegions }
        return RuleTally(
            counted: rows.reduce(0) { $0 + $1.assessments }, failing: rows.reduce(0) { $0 + $1.byOther + $1.noWorker })
    }

    public static var examples: [RuleExample] {
        let workers = [
            Ex.worker("W4", .sosiaaliohjaaja, service: .tyoikaiset), Ex.worker("W3", service: .tyoikaiset),
        ]
        let adult = { (worker: String?) in
            Ex.child(
                "C4", .tyoikaiset, birthYear: 1980, specialSupport: true,
                referrals: [Ex.referral(.hakemus, received: "2025-01-07")],
                assessments: [Ex.assessment(started: "2025-01-10", completed: "2025-05-20", worker: worker)])
        }
        return [
            RuleExample(
                "an adult's assessment made by W3, a social worker",
                Ex.export([adult("W3")], workers: workers, generated: "2025-06-16"),
                expected: RuleTally(counted: 1, failing: 0)),
            RuleExample(
                "Every service example 4: the same assessment made by W4, an instructor, is by another role; one "
                    + "with no worker recorded fails too; one not started on T is not counted",
                Ex.export(
                    [
                        adult("W4"),
                        Ex.child(
                            "C6", .lapsiperheet, specialSupport: true,
                            referrals: [Ex.referral(.hakemus, received: "2025-02-01")],
                            assessments: [Ex.assessment(started: "2025-02-03")]),
                        Ex.child(
                            "C7", .lapsiperheet, specialSupport: true,
                            referrals: [Ex.referral(.hakemus, received: "2025-06-10")],
                            assessments: [Ex.assessment(completed: "2025-06-12")]),
                    ], workers: workers, generated: "2025-06-16"),
                expected: RuleTally(counted: 2, failing: 2)),
        ]
    }
}
