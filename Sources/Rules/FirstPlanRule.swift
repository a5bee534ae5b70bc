import CaseModel

/// `LSL30-first-plan` (LSL 30 §: the plan is drawn up "viipymättä"): for each
/// clientship of `lastensuojelu` whose `start` lies in the period and on or
/// before T, the days from its start to the case's first plan dated on or
/// after the start and on or before T. A clientship counts whether or not it
/// is still active on T; a case with two such clientships counts twice. The
/// law sets no number of days: the setting `firstPlanDays` only marks the late
/// ones in the exceptions list.
public enum FirstPlanRule: Rule {
    static func add(
        _ c: Case, to tally: inout RegionTally, items: inout [FirstPlanItem], asOf t: CalendarDate,
        period: ClosedRange<CalendarDate>
    ) {
        for cs in c.clientships where cs.service == .lastensuojelu && cs.start <= t && period.contains(cs.start) {
            var first: CalendarDate?
            for p in c.plans where p.date >= cs.start && p.date <= t { first = min(first ?? p.date, p.date) }
            let days = first.map { $0.days(since: cs.start) }
            tally.firstPlan.started += 1
            if let days { tally.firstPlan.days.values.append(days) }
            items.append(FirstPlanItem(caseId: c.id, region: c.region, start: cs.start, days: days))
        }
    }

    /// The clientships whose first plan came, or is still missing, later than `firstPlanDays`
    /// after their start (the setting; no deadline in law), as items of the exceptions list:
    /// late with the plan's date, overdue without one. Sorted by region, case id, start.
    public static func lateItems(_ e: Evaluation) -> [DeadlineItem] {
        let allowed = e.settings.firstPlanDays
        return e.firstPlans.compactMap { p in
            let deadline = p.start.adding(days: allowed)
            if let days = p.days {
                guard days > allowed else { return nil }
                return DeadlineItem(
                    rule: id.rawValue, service: .lastensuojelu, region: p.region, caseId: p.caseId, clockStart: p.start,
                    deadline: deadline, done: p.start.adding(days: days), outcome: .late)
            }
            guard deadline < e.asOf else { return nil }
            return DeadlineItem(
                rule: id.rawValue, service: .lastensuojelu, region: p.region, caseId: p.caseId, clockStart: p.start,
                deadline: deadline, done: nil, outcome: .overdue, unrecorded: true)
        }
    }

    public static let definition = RuleDescription(
        id: .firstPlan, reference: "LSL 30 § 1 mom.",
        name: [
            "fi": "Ensimmäinen asiakassuunnitelma viipymättä",
            "sv": "Den första klientplanen utan dröjsmål",
            "en": "First client plan without delay",
        ],
        statement: [
            "fi": "Lastensuojelun asiakkuuden alettua asiakassuunnitelma on laadittava viipymättä; raportoidaan "
                + "päivät asiakkuuden alusta ensimmäiseen suunnitelmaan.",
            "sv": "När ett klientskap inom barnskyddet har börjat ska en klientplan utarbetas utan dröjsmål; "
                + "dagarna från klientskapets början till den första planen rapporteras.",
            "en": "Once a child welfare clientship has started, a client plan must be drawn up without delay; the "
                + "days from its start to the first plan are reported.",
        ],
        isPolicy: false)

    /// Started clientships, failing those without a plan on T.
    public static func tally(_ evaluation: Evaluation) -> RuleTally {
        let total = evaluation.findings.firstPlan.first { $0.region == Findings.allRegions }
        return RuleTally(counted: total?.started ?? 0, failing: total?.withoutPlan ?? 0)
    }

    public static var examples: [RuleExample] {
        [
            RuleExample(
                "Version 2 example 7: a clientship from 14.2. with its first plan on 10.3. (a plan before the start "
                    + "does not count)",
                Ex.export(
                    [
                        Ex.child(
                            "C1", clientships: [Ex.clientship(start: "2025-02-14")],
                            plans: [Ex.plan("2024-11-01"), Ex.plan("2025-03-10"), Ex.plan("2025-05-10")])
                    ], generated: "2025-06-16"),
                expected: RuleTally(counted: 1, failing: 0)),
            RuleExample(
                "a clientship from 2.6. with no plan yet, and one that started and ended in the period without a plan; "
                    + "one started before the period is not counted",
                Ex.export(
                    [
                        Ex.child("C2", clientships: [Ex.clientship(start: "2025-06-02")]),
                        Ex.child("C3", clientships: [Ex.clientship(start: "2025-01-10", end: "2025-03-01")]),
                        Ex.child("C4", clientships: [Ex.clientship(start: "2024-12-31")]),
                    ], generated: "2025-06-16"),
                expected: RuleTally(counted: 2, failing: 2)),
        ]
    }
}
