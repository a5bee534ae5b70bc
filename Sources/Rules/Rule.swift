import CaseModel

/// One rule of rules.md: described by one value, tallied from an evaluation,
/// and shown by examples that the test suite runs (a rule without compliant
/// and non-compliant examples fails the suite).
///
/// A deadline rule's counting is its `DeadlineRule` value, which the single
/// pass over the cases asks for every referral and assessment; a point-in-time
/// rule counts in its own `add` function, called from the same pass.
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
    public static var id: RuleID { definition.rule }
}

/// Items of a deadline rule by outcome.
public struct OutcomeCounts: Sendable, Equatable, Codable {
    public var met: Int
    public var late: Int
    public var overdue: Int
    public var pending: Int

    public init(met: Int = 0, late: Int = 0, overdue: Int = 0, pending: Int = 0) {
        self.met = met
        self.late = late
        self.overdue = overdue
        self.pending = pending
    }

    public static let zero = OutcomeCounts()

    /// met + late + overdue: the rate's denominator (pending items are in no rate).
    public var decided: Int { met + late + overdue }

    public static func + (a: OutcomeCounts, b: OutcomeCounts) -> OutcomeCounts {
        OutcomeCounts(met: a.met + b.met, late: a.late + b.late, overdue: a.overdue + b.overdue, pending: a.pending + b.pending)
    }
}

/// Counted units and failing units of one rule. Per rule: deadline rules count
/// met + late + overdue and fail late + overdue (pending is in no rate), and
/// keep the four outcomes apart; the backlog counts open assessments and fails
/// those past 3 months; plans count active clients and fail those without an
/// up-to-date plan; the first plan counts started clientships and fails those
/// without a plan; assignment counts active clients and fails the unassigned;
/// qualification counts assigned clients and fails the unqualified; caseload
/// counts workers and fails those over the limit; meetings count the
/// population and fail those not met; staffing counts (region, service, role)
/// rows and fails those with vacant FTE.
public struct RuleTally: Sendable, Equatable, CustomStringConvertible {
    public var counted: Int
    public var failing: Int
    /// The four outcomes of a deadline rule (nil for other rules).
    public var outcomes: OutcomeCounts?

    public init(counted: Int, failing: Int) {
        self.counted = counted
        self.failing = failing
        outcomes = nil
    }

    /// A deadline rule's tally: counted met + late + overdue, failing late + overdue.
    public init(_ o: OutcomeCounts) {
        counted = o.decided
        failing = o.late + o.overdue
        outcomes = o
    }

    public static func outcomes(met: Int = 0, late: Int = 0, overdue: Int = 0, pending: Int = 0) -> RuleTally {
        RuleTally(OutcomeCounts(met: met, late: late, overdue: overdue, pending: pending))
    }

    /// (counted − failing) ÷ counted, nil when nothing was counted.
    public var rate: Double? { counted > 0 ? Double(counted - failing) / Double(counted) : nil }
    public var description: String {
        guard let o = outcomes else { return "\(counted) counted, \(failing) failing" }
        return "met \(o.met), late \(o.late), overdue \(o.overdue), pending \(o.pending)"
    }
}

/// A compliant or non-compliant example of a rule: an export and what it must give.
public struct RuleExample: Sendable {
    public var title: String
    public var export: CaseExport
    public var asOf: CalendarDate?
    public var period: ClosedRange<CalendarDate>?
    public var settings: RuleSettings
    public var expected: RuleTally
    /// For a deadline rule: the outcome of each example case's items, by case id
    /// (a case with several items lists them in the order of their clock start).
    public var cases: [String: [DeadlineOutcome]]
    /// Where the example was written, for the test's message.
    public var file: String
    public var line: Int

    public init(
        _ title: String, _ export: CaseExport, asOf: CalendarDate? = nil,
        period: ClosedRange<CalendarDate>? = nil, settings: RuleSettings = RuleSettings(),
        expected: RuleTally, cases: [String: [DeadlineOutcome]] = [:],
        file: String = #fileID, line: Int = #line
    ) {
        self.title = title
        self.export = export
        self.asOf = asOf
        self.period = period
        self.settings = settings
        self.expected = expected
        self.cases = cases
        self.file = file
        self.line = line
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
            ChildWelfarePlanRule.self, FirstPlanRule.self, SocialWelfarePlanRule.self, ResponsibleWorkerRule.self,
            QualifiedWorkerRule.self, CaseloadRule.self, MeetingRule.self, SocialUrgencyRule.self,
            PersonalWorkerRule.self, AssessorRule.self, WorkloadRule.self, RepeatReferralsRule.self,
            InflowMeasure.self, BacklogAgeMeasure.self, BacklogForecastMeasure.self, StaffingMeasure.self,
            TurnoverMeasure.self,
        ]
    }

    public static var descriptions: [RuleDescription] { all.map { $0.definition } }

    public static func rule(id: String) -> (any Rule.Type)? { all.first { $0.definition.id == id } }

    public static func rule(_ id: RuleID) -> any Rule.Type {
        // Every RuleID has its rule (a test holds the two lists equal).
        all.first { $0.definition.rule == id } ?? StaffingMeasure.self
    }

    /// Each rule with its tally on an evaluation.
    public static func tallies(_ evaluation: Evaluation) -> [(RuleDescription, RuleTally)] {
        all.map { ($0.definition, $0.tally(evaluation)) }
    }
}

extension Findings {
    /// The organisation-wide (`*`) deadline rows of one rule, every service together.
    func totalDeadlines(_ rule: RuleID) -> OutcomeCounts {
        deadlines.filter { $0.rule == rule.rawValue && $0.region == Findings.allRegions }
            .reduce(OutcomeCounts.zero) { $0 + $1.counts }
    }
}

/// The tally shared by the four deadline rules.
func deadlineTally(_ evaluation: Evaluation, _ rule: RuleID) -> RuleTally {
    RuleTally(evaluation.findings.totalDeadlines(rule))
}
