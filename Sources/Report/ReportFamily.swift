/// A family of figures a question of the authority can ask for (report.md "Decisions on 'A reply
/// a director signs'", `questions`): a rule id, or an array name of the findings JSON.
public enum ReportFamily: String, CaseIterable, Sendable {
    case urgency = "LSL26-urgency"
    case screening = "LSL26-screening-7wd"
    case assessmentStart = "SHL36-start-7wd"
    case assessmentCompletion = "SHL36-complete-3m"
    case socialUrgency = "SHL36-urgency"
    case childWelfarePlan = "LSL30-plan"
    case socialWelfarePlan = "SHL39-plan"
    case assigned = "LSL13b-assigned"
    case qualified = "LSL13b-qualified"
    case meeting = "LSL29-meeting"
    case deadlines, inflow, plans, firstPlan, assignment, caseload, durations, backlog, backlogAge
    case backlogForecast, meetings, personalWorker, assessor, workload, repeatReferrals, staffing, turnover
    case rejected
}
