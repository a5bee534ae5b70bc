/// The report as plain values: every number already formatted for the
/// language, every section already decided. The templates only place these
/// values; they hold every word. Names here are the template keys documented
/// in docs/templates.md.
public struct ReportModel: Sendable {
    /// The language's labels (`templates/<lang>/labels.yaml`), filled in by the renderer.
    public var t = Labels()
    public var language: String
    public var isAviResponse: Bool
    public var isOmavalvonta: Bool
    /// Counts 1–4 are shown as `< 5` and rates of small denominators as `–`.
    public var suppressed: Bool
    /// A previous period was given: tables carry its figures beside the current ones.
    public var hasPrevious: Bool
    public var document: DocumentHeader
    /// The sections as printed, numbered (Layout.swift); the templates iterate these.
    public var sections: [SectionModel] = []
    public var summary: Summary
    public var deadlines: DeadlineSection
    public var plans: PlanSection
    public var workers: WorkerSection
    /// Family and working-age social services (rules.md "Every service").
    public var services: ServiceSection
    public var staffing: StaffingSection
    public var regional: RegionalSection
    public var actions: ActionsSection
    public var provisions: [Provision]
    public var hasPolicyProvisions: Bool
    /// The periodic report's findings, most severe first.
    public var findingsList: [ListedFinding]
    public var hasFindingsList: Bool
    /// The severity criteria under the findings list, with the settings' thresholds.
    public var severityCriteria: String = ""
    public var closing: Closing
    public var appendix: Appendix
    /// The earlier evaluations of `--history` (HistoryTrend.swift).
    public var history = HistoryTrendModel()
}

public struct DocumentHeader: Sendable {
    public var organisation: String
    public var unit: String
    public var hasUnit: Bool
    public var date: String
    public var recipient: String
    public var hasRecipient: Bool
    public var hasReference: Bool
    public var reference: String
    public var requestDate: String
    public var hasRequestDate: Bool
    public var subject: String
    public var hasSubject: Bool
    public var periodStart: String
    public var periodEnd: String
    public var asOf: String
    public var hasPreviousPeriod: Bool
    public var previousPeriodStart: String
    public var previousPeriodEnd: String
    /// The previous period's figures were counted on the basis before rules.md Version 2.
    public var previousIsVersion1: Bool
    public var toolVersion: String
    /// The region's own diary number (`reference`), under the date.
    public var ownReference: String
    public var hasOwnReference: Bool
    /// The letter's first paragraph (`opening`, or one sentence naming the request).
    public var opening: String
    public var hasOpening: Bool
}

/// A region (or the whole organisation) as a table row label.
public struct RegionRef: Sendable {
    public var code: String
    public var name: String
    public var isTotal: Bool
}

/// A rate with what a sentence says about it.
public struct RateFinding: Sendable {
    /// The rule, measure or service the rate belongs to.
    public var label: String
    public var rule: String
    public var reference: String
    public var hasRate: Bool
    /// Nothing was counted (as opposed to a rate hidden by suppression).
    public var noCases: Bool
    public var rate: String
    public var numerator: String
    public var denominator: String
    public var hasPrevious: Bool
    public var previousRate: String
    /// Percentage points since the previous period, signed; "better" follows the rate's direction.
    public var change: String
    /// The same change without its sign, for sentences that say the direction in words.
    public var changeSize: String
    public var improved: Bool
    public var worsened: Bool
    public var unchanged: Bool
    public var higherIsBetter: Bool
    /// Regions that differ materially (denominator ≥ 5, ≥ the gap worse than the organisation).
    public var differing: [RegionRef]
    public var hasDiffering: Bool
    public var hasSpread: Bool
    public var best: RegionRef?
    public var bestRate: String
    public var worst: RegionRef?
    public var worstRate: String
}

public struct Summary: Sendable {
    /// One per deadline rule, every service together.
    public var deadlines: [RateFinding]
    public var hasBacklog: Bool
    /// The queue on T, one per service.
    public var backlog: [BacklogTotals]
    public var plans: [PlanFinding]
    public var hasAssignment: Bool
    public var unassigned: RateFinding
    public var unqualified: String
    public var hasUnqualified: Bool
    public var caseload: CaseloadTotals
    public var hasMeetings: Bool
    public var meetings: RateFinding
    public var hasStaffing: Bool
    public var vacancy: RateFinding
    /// Personal workers and assessors in family and working-age services (rules.md "Every service").
    public var serviceRates: [RateFinding]
    public var rejected: String
    public var hasRejected: Bool
}

public struct BacklogTotals: Sendable {
    public var service: String
    public var open: String
    public var notStarted: String
    public var overdue: String
    public var hasOverdue: Bool
    public var oldestDays: String
    /// The day the oldest open matter became pending (T − oldestDays): ages are dates, never "N days ago".
    public var oldestDate: String = ""
}

public struct PlanFinding: Sendable {
    public var service: String
    public var coverage: RateFinding
    public var upToDate: RateFinding
}

public struct CaseloadTotals: Sendable {
    public var hasWorkers: Bool
    public var hasLimit: Bool
    public var limit: String
    public var workers: String
    public var overLimit: String
    public var hasOverLimit: Bool
    public var maxChildren: String
}

public struct DeadlineSection: Sendable {
    public var tables: [DeadlineTable]
    public var hasTables: Bool
    public var charts: [TrendChart]
    public var hasCharts: Bool
    public var backlog: [BacklogRowModel]
    public var hasBacklog: Bool
    public var backlogReason: String
    public var hasBacklogReason: Bool
    public var durations: [DurationRowModel]
    public var hasDurations: Bool
    /// The period's inflow, which opens the section.
    public var inflow: InflowSection
    /// One sentence per service on the queue's pace.
    public var pace: [PaceSentence]
    public var hasPace: Bool
    /// The whole fixed section has no deadline table at all: it says so.
    public var showNoRows = false
    public var backlogTag = TableTag()
    public var durationsTag = TableTag()
}

public struct DeadlineTable: Sendable {
    public var rule: String
    public var ruleName: String
    public var reference: String
    public var service: String
    public var rows: [DeadlineRowModel]
    /// The table counts by completion in the period (THL's basis), not by clock start.
    public var isCompletionBasis: Bool
    /// `LSL26-urgency`: the statutory duty and the policy reading of "välittömästi" are stated.
    public var isUrgency: Bool
    public var urgencyDays: String
    /// `urgencyDays` is 1: Swedish and English take the singular ("1 calendar day").
    public var urgencyOneDay: Bool
    /// The organisation's items flagged urgent (`urgentOnly`), one row.
    public var urgentOnly: [DeadlineRowModel]
    public var hasUrgentOnly: Bool
    /// Overdue items whose done date is not recorded at all (a recording gap, not a late assessment).
    public var unrecorded: String
    public var hasUnrecorded: Bool
    /// The region's explanation from the metadata (`reasons:`).
    public var reason: String
    public var hasReason: Bool
    public var tag = TableTag()
    /// The part of the service the rule covers, for the caption (report.md: narrower populations).
    public var population: String = ""
    public var hasPopulation = false
}

public struct DeadlineRowModel: Sendable {
    public var region: RegionRef
    public var met: String
    public var late: String
    public var overdue: String
    public var pending: String
    public var rate: String
    public var previousRate: String
}

public struct BacklogRowModel: Sendable {
    public var service: String
    public var region: RegionRef
    public var open: String
    public var notStarted: String
    public var overdue: String
    public var oldestDays: String
    /// Age bands (rules.md "Inflow…", `backlogAge`).
    public var under1m: String
    public var m1to3: String
    public var m3to6: String
    public var over6m: String
}

public struct DurationRowModel: Sendable {
    public var service: String
    public var region: RegionRef
    public var completed: String
    public var medianDays: String
    public var p90Days: String
}

/// A monthly trend of one deadline rule's rate (every service of the report), by month of clock
/// start. Geometry is in SVG user units; the template draws it.
public struct TrendChart: Sendable {
    public var rule: String
    public var ruleName: String
    public var width: String
    public var height: String
    public var plotLeft: String
    public var plotRight: String
    /// The grid under 100 % (0, 25, 50, 75 %), with its labels.
    public var gridLines: [GridLine]
    /// The 100 % line and its label.
    public var targetY: String
    public var targetLabel: String
    /// The font size of the month, rate and count labels (smaller when the months are many).
    public var labelSize: String
    public var bars: [TrendBar]
    /// Some month of the period has items of the rule (the chart is drawn even when every rate is withheld).
    public var hasBars: Bool
    /// The legend: a swatch from `legendX` (a line to `legendLineEnd`), its text at `legendTextX`.
    public var legendX: String
    public var legendTextX: String
    public var legendLineEnd: String
    public var legendRate: LegendRow
    public var legendTarget: LegendRow
    public var legendIncomplete: LegendRow
    /// The months marked incomplete, in order, and T (why they are: deadlines not passed before it).
    public var incompleteMonths: [String]
    public var hasIncomplete: Bool
    public var asOf: String
    /// The rule's tables count by completion (THL's basis); the chart, like every chart, by clock start.
    public var isCompletionBasis: Bool
    /// The symbols its counts use (report.md Decisions: "Each table says under it which of these it uses").
    public var legend: String = ""
    public var hasLegend: Bool = false
}

public struct GridLine: Sendable {
    public var y: String
    public var label: String
}

/// One row of a chart's legend: the swatch's top, its middle (a line) and the text's baseline.
public struct LegendRow: Sendable {
    public var y: String
    public var middle: String
    public var textY: String
}

public struct TrendBar: Sendable {
    public var month: String
    /// The month is complete and its rate printed: a bar is drawn.
    public var hasValue: Bool
    /// Not every item whose clock started in the month had reached its deadline before T (or the
    /// month had not ended): no rate and no count, a hatched band instead.
    public var isIncomplete: Bool
    /// The rate as printed (`..` withheld, `–` nothing to count); empty when incomplete.
    public var value: String
    /// Items met and items counted, as the tables print counts (`< 5`, `..`); empty when incomplete.
    public var met: String
    public var counted: String
    public var x: String
    public var y: String
    public var width: String
    public var height: String
    /// The centre of the month's slot; the baselines of the month and of its count.
    public var labelX: String
    public var labelY: String
    public var countY: String
    /// The baseline of the rate: inside the bar's top (white) when the bar is tall enough, else above it.
    public var valueY: String
    public var valueInside: Bool
    /// The incomplete month's band (the plot's height) and the middle of its upright label.
    public var bandY: String
    public var bandHeight: String
    public var bandTextY: String
}

public struct PlanSection: Sendable {
    public var rows: [PlanRowModel]
    public var hasRows: Bool
    /// This section prints the plans table (a question may ask for part of its services).
    public var showTable = true
    public var plansTag = TableTag()
    public var firstPlanTag = TableTag()
    public var reason: String
    public var hasReason: Bool
    /// `LSL30-first-plan`, by region, the organisation last.
    public var firstPlan: [FirstPlanRowModel]
    public var hasFirstPlan: Bool
    public var firstPlanReason: String
    public var hasFirstPlanReason: Bool
}

public struct FirstPlanRowModel: Sendable {
    public var region: RegionRef
    public var started: String
    public var withPlan: String
    public var withoutPlan: String
    public var medianDays: String
    public var p90Days: String
}

public struct PlanRowModel: Sendable {
    public var service: String
    public var serviceCode: String = ""
    public var region: RegionRef
    public var active: String
    public var withPlan: String
    public var coverage: String
    public var upToDate: String
    public var upToDateRate: String
    public var previousCoverage: String
    public var previousUpToDateRate: String
}

public struct WorkerSection: Sendable {
    public var showAssignment = true
    public var showCaseload = true
    public var showMeetings = true
    public var assignmentTag = TableTag()
    public var caseloadTag = TableTag()
    public var meetingsTag = TableTag()
    public var assignment: [AssignmentRowModel]
    public var hasAssignment: Bool
    public var caseload: [CaseloadRowModel]
    public var hasCaseload: Bool
    public var hasLimit: Bool
    public var limit: String
    public var meetings: [MeetingRowModel]
    public var hasMeetings: Bool
    public var meetingIntervalDays: String
    public var assignmentReason: String
    public var hasAssignmentReason: Bool
    public var caseloadReason: String
    public var hasCaseloadReason: Bool
    public var meetingReason: String
    public var hasMeetingReason: Bool
}

public struct AssignmentRowModel: Sendable {
    public var region: RegionRef
    public var active: String
    public var unassigned: String
    public var share: String
    public var previousShare: String
    public var longestWaitDays: String
    public var medianWaitDays: String
    public var unqualified: String
}

public struct CaseloadRowModel: Sendable {
    public var region: RegionRef
    public var workers: String
    public var medianChildren: String
    public var maxChildren: String
    public var overLimit: String
}

public struct MeetingRowModel: Sendable {
    public var region: RegionRef
    public var active: String
    public var metWithin: String
    public var rate: String
    public var previousRate: String
}

public struct StaffingSection: Sendable {
    public var showTable = true
    public var staffingTag = TableTag()
    public var rows: [StaffingRowModel]
    public var hasRows: Bool
    public var reason: String
    public var hasReason: Bool
    public var turnover: TurnoverSection
}

/// A row of the staffing table: the organisation's figure of a service and role
/// (`isGroup`), then that service and role by region; the grand total last.
public struct StaffingRowModel: Sendable {
    public var service: String
    public var role: String
    public var isGroup: Bool
    public var region: RegionRef
    public var posts: String
    public var vacant: String
    public var rate: String
    public var previousRate: String
}

public struct RegionalSection: Sendable {
    public var rates: [RateFinding]
    public var hasRates: Bool
    public var anyDiffering: Bool
    public var gapPoints: String
    /// `regionalMinCount`: the least denominator of a region that is named.
    public var minCount: String = ""
}

/// The corrective actions, parsed from the metadata's Markdown into blocks of
/// plain (unescaped) text; the templates escape and mark them up.
public struct ActionsSection: Sendable {
    public var hasActions: Bool
    public var blocks: [TextBlock]
    /// `actions:` as a list of {action, owner, due}: a table.
    public var items: [ActionRow] = []
    public var hasItems = false
}

public struct ActionRow: Sendable {
    public var action: String
    public var owner: String
    public var due: String
}

public struct TextBlock: Sendable {
    public var isParagraph: Bool
    public var isList: Bool
    /// A paragraph is one item; a list has one item per `-` line.
    public var items: [TextLine]
}

public struct TextLine: Sendable {
    public var spans: [TextSpan]
}

public struct TextSpan: Sendable {
    public var text: String
    public var bold: Bool
}

public struct Provision: Sendable {
    public var rule: String
    public var name: String
    public var reference: String
    public var statement: String
    public var isPolicy: Bool
    /// The subsections used ("1 ja 2 mom.", "(1) and (2)").
    public var subsections: String = ""
    public var hasSubsections: Bool = false
    /// The numbers of the tables counted under the section ("2, 3 ja 8").
    public var tables: String = ""
    public var hasTables: Bool = false
    public var severalTables: Bool = false
}

/// One line of the periodic report's findings list.
public struct ListedFinding: Sendable {
    /// Families without a level (staffing): listed for information.
    public var severityInfo: Bool = false
    /// The share is withheld (small numbers): so is its level.
    public var severityHidden: Bool = false
    /// The share that met the rule (assigned, not unassigned; filled, not vacant), as printed.
    public var metRate: String = ""
    public var previousMetRate: String = ""
    /// The difference of the two printed shares, in percentage points, signed.
    public var change: String = ""
    public var severityHigh: Bool
    public var severityMedium: Bool
    public var severityLow: Bool
    public var finding: RateFinding
}

public struct Closing: Sendable {
    public var hasSignatory: Bool
    public var signatoryName: String
    public var signatoryTitle: String
    public var hasContact: Bool
    public var contact: String
    public var distribution: [String]
    public var hasDistribution: Bool
    public var hasExceptionsAppendix: Bool
    /// LIITTEET: the metadata's `attachments`, then the exceptions appendix when included, numbered.
    public var attachments: [Attachment]
    public var hasAttachments: Bool
}

/// One line of LIITTEET.
public struct Attachment: Sendable {
    public var number: String
    public var title: String
}

public struct Appendix: Sendable {
    public var included: Bool
    /// Its number under LIITTEET (after the metadata's `attachments`).
    public var number: String = "1"
    public var exceptions: [ExceptionRowModel]
    public var hasExceptions: Bool
    public var rejected: [RejectedRowModel]
    public var hasRejected: Bool
}

public struct ExceptionRowModel: Sendable {
    public var caseId: String
    public var region: String
    public var rule: String
    public var service: String
    public var clockStart: String
    public var deadline: String
    public var done: String
    public var isOverdue: Bool
    public var daysLate: String
}

public struct RejectedRowModel: Sendable {
    public var source: String
    public var line: String
    public var reason: String
}
