import CaseModel

/// The stable id of every rule and measure of rules.md (Version 2), typed so
/// that a misspelt id is a compile error rather than an empty table. The raw
/// value is the id the findings JSON, the metadata `reasons:` and the
/// templates use.
public enum RuleID: String, CaseIterable, Sendable, Codable, Comparable {
    case urgency = "LSL26-urgency"
    case screening = "LSL26-screening-7wd"
    case assessmentStart = "SHL36-start-7wd"
    case assessmentCompletion = "SHL36-complete-3m"
    case backlog = "SHL36-backlog"
    case durations = "SHL36-durations"
    case childWelfarePlan = "LSL30-plan"
    case firstPlan = "LSL30-first-plan"
    case socialWelfarePlan = "SHL39-plan"
    case assigned = "LSL13b-assigned"
    case qualified = "LSL13b-qualified"
    case caseload = "LSL13b-caseload"
    case meeting = "LSL29-meeting"
    case staffing = "staffing"
    case socialUrgency = "SHL36-urgency"
    case personalWorker = "SHL42-personal-worker"
    case assessor = "SHL36-assessor"
    case workload = "workload"
    case repeatReferrals = "repeatReferrals"
    case inflow = "inflow"
    case backlogAge = "backlogAge"
    case backlogForecast = "backlogForecast"
    case turnover = "turnover"

    public static func < (a: RuleID, b: RuleID) -> Bool { a.rawValue < b.rawValue }

    /// The plan rule of a service: LSL 30 § for child welfare, SHL 39 § for the others.
    public static func plan(for service: Service) -> RuleID {
        service == .lastensuojelu ? .childWelfarePlan : .socialWelfarePlan
    }

    /// The plan rule of a service code (nil for an unknown code).
    public static func plan(forCode code: String) -> RuleID? { Service(rawValue: code).map(plan(for:)) }
}
