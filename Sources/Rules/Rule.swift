import CaseModel

/// One rule of rules.md: described by one value, tallied from an evaluation,
/// and shown by examples that the test suite runs (a rule without compliant
/// and non-compliant examples fails the suite).
///
/// The counting itself happens in `evaluate`, one pass per rule family,
/// because 500 000 cases must not be walked once per rule.
public protocol Rule {
    static var definition: RuleDescription { get }
    /// false for a measure that has no failing state (processing times).
    static var hasFailingState: Bool { get }
    /// What the rule counted on an evaluation and how much of it fails the rule.
    static func tally(_ evaluation: Evaluation) -> RuleTally
    /// Small exports with the exact tally each must give.
    static var examples: [RuleExample] { get }
}

extension Rule {
    public static var hasFailingState: Bool { true }
}

/// Counted units and failing units of one rule. Per rule: deadline rules count
/// met + late + overdue and fail late + overdue (pending is in no rate); the
/// backlog counts open assessments and fails those past 3 months; plans count
/// active clients and fail those without an up-to-date plan; assignment counts
/// active clients and fails the unassigned; qualification counts assigned
/// clients and fails the unqualified; caseload counts workers and fails those
/// over the limit; meetings count the population and fail those not met;
/// staffing counts (region, service, role) rows and fails those with vacant FTE.
public struct RuleTally: Sendable, Equatable, CustomStringConvertible {
    public var counted: Int
    public var failing: Int

    public init(counted: Int, failing: Int) {
        self.counted = counted
        self.failing = failing
    }

    /// (counted − failing) ÷ counted, nil when nothing was counted.
    public var rate: Double? { counted > 0 ? Double(counted - failing) / Double(counted) : nil }
    public var description: String { "\(counted) counted, \(failing) failing" }
}

/// A compliant or non-compliant example of a rule: an export and what it must give.
public struct RuleExample: Sendable {
    public var title: String
    public var export: CaseExport
    public var asOf: CalendarDate?
    public var period: ClosedRange<CalendarDate>?
    public var settings: RuleSettings
    public var expected: RuleTally

    public init(
        _ title: String, _ export: CaseExport, asOf: CalendarDate? = nil,
        period: ClosedRange<CalendarDate>? = nil, settings: RuleSettings = RuleSettings(),
        expected: RuleTally
    ) {
        self.title = title
        self.export = export
        self.asOf = asOf
        self.period = period
        self.settings = settings
        self.expected = expected
    }

    /// Something was counted and nothing failed.
    public var isCompliant: Bool { expected.counted > 0 && expected.failing == 0 }
}

/// Every rule, in the order the report lists the provisions applied.
public enum RuleCatalog {
    public static var all: [any Rule.Type] {
        [
            UrgencyAssessmentRule.self, ScreeningDecisionRule.self, AssessmentStartRule.self,
            AssessmentCompletionRule.self, AssessmentBacklogRule.self, ProcessingTimeMeasure.self,
            ChildWelfarePlanRule.self, SocialWelfarePlanRule.self, ResponsibleWorkerRule.self,
            QualifiedWorkerRule.self, CaseloadRule.self, MeetingRule.self, StaffingMeasure.self,
        ]
    }

    public static var descriptions: [RuleDescription] { all.map { $0.definition } }

    public static func rule(id: String) -> (any Rule.Type)? { all.first { $0.definition.id == id } }

    /// Each rule with its tally on an evaluation.
    public static func tallies(_ evaluation: Evaluation) -> [(RuleDescription, RuleTally)] {
        all.map { ($0.definition, $0.tally(evaluation)) }
    }
}

extension Findings {
    /// The organisation-wide (`*`) deadline rows of one rule.
    func totalDeadlines(_ rule: String) -> (met: Int, late: Int, overdue: Int, pending: Int) {
        deadlines.filter { $0.rule == rule && $0.region == Findings.allRegions }
            .reduce((0, 0, 0, 0)) { ($0.0 + $1.met, $0.1 + $1.late, $0.2 + $1.overdue, $0.3 + $1.pending) }
    }
}

/// The tally shared by the four deadline rules.
func deadlineTally(_ evaluation: Evaluation, _ rule: String) -> RuleTally {
    let t = evaluation.findings.totalDeadlines(rule)
    return RuleTally(counted: t.met + t.late + t.overdue, failing: t.late + t.overdue)
}
