/// Report model of rules.md "Every service" and "Inflow, the queue's age and
/// pace, staff turnover": the section on family and working-age social services,
/// the inflow that opens section 2, the queue's age bands and pace, and the
/// staff turnover. Numbers formatted, sections decided; the templates hold the words.

/// Section 2 opens with this: referrals received in the period, by region.
public struct InflowSection: Sendable {
    public var tag = TableTag()
    /// The sentence names all three kinds of matter: printed when the reply covers every service.
    public var hasSentence = true
    /// The columns of the services in the reply's scope.
    public var showChildWelfare = true
    public var showFamily = true
    public var showWorkingAge = true
    public var rows: [InflowRowModel]
    public var hasRows: Bool
    /// The organisation's child welfare notifications, other child welfare matters, other matters.
    public var notifications: String
    public var otherChildWelfare: String
    public var otherMatters: String
}

public struct InflowRowModel: Sendable {
    public var region: RegionRef
    /// The previous period's child welfare notifications of the region (periodic report).
    public var previousNotifications: String
    /// Child welfare notifications (`lastensuojeluilmoitus`).
    public var notifications: String
    /// Requests to assess the need for child welfare (`pyynto-arvioida`).
    public var requests: String
    /// Other child welfare matters (another kind marked child welfare).
    public var otherChildWelfare: String
    public var familyWork: String
    public var workingAge: String
}

/// One sentence on the queue's pace per service, with the 13 weeks' counts it rests on.
public struct PaceSentence: Sendable {
    public var service: String
    public var received: String
    public var completed: String
    public var clears: Bool
    public var clearsOn: String
    public var grows: Bool
    public var growthPerMonth: String
    public var steady: Bool
}

/// The section "Lapsiperheiden ja työikäisten sosiaalipalvelut".
public struct ServiceSection: Sendable {
    /// The whole fixed section: its introduction is printed.
    public var showIntro = true
    public var personalWorkerTag = TableTag()
    public var assessorTag = TableTag()
    public var workloadTag = TableTag()
    public var workloadRegionTag = TableTag()
    public var repeatTag = TableTag()
    public var hasContent: Bool
    /// `SHL36-urgency` tables (deadline tables of every service).
    public var urgency: [DeadlineTable]
    public var hasUrgency: Bool
    public var personalWorker: [PersonalWorkerRowModel]
    public var hasPersonalWorker: Bool
    public var assessor: [AssessorRowModel]
    public var hasAssessor: Bool
    public var workload: [WorkloadRowModel]
    public var hasWorkload: Bool
    public var workloadByRegion: [WorkloadRowModel]
    public var repeatReferrals: [RepeatRowModel]
    public var hasRepeatReferrals: Bool
    public var repeatReferralCount: String
    /// Sentences that open the tables (figures of the organisation).
    public var personalWorkerFindings: [PersonalWorkerFinding]
    public var assessorFindings: [AssessorFinding]
    public var workloadFindings: [WorkloadFinding]
}

public struct PersonalWorkerRowModel: Sendable {
    public var service: String
    /// The first row of its service: the DOCX, too narrow for nine columns, heads each service's
    /// rows with a row of its own instead of a service column.
    public var startsService = false
    public var region: RegionRef
    public var active: String
    public var withoutWorker: String
    public var share: String
    public var specialSupport: String
    public var specialWithoutWorker: String
    public var specialWithoutSocialWorker: String
    public var specialShare: String
}

public struct PersonalWorkerFinding: Sendable {
    public var service: String
    public var active: String
    public var withoutWorker: String
    public var specialSupport: String
    public var hasSpecial: Bool
    public var specialWithoutSocialWorker: String
    public var specialWithoutWorker: String
}

public struct AssessorRowModel: Sendable {
    public var service: String
    public var region: RegionRef
    public var assessments: String
    public var bySocialWorker: String
    public var byOther: String
    public var noWorker: String
    public var share: String
}

public struct AssessorFinding: Sendable {
    public var service: String
    public var assessments: String
    public var bySocialWorker: String
    public var byOther: String
    public var noWorker: String
}

/// Workload of a service and role (or a region): workers, median, 90th percentile, most, over the limit.
public struct WorkloadRowModel: Sendable {
    public var service: String
    public var role: String
    public var region: RegionRef
    public var workers: String
    public var median: String
    public var p90: String
    public var most: String
    public var overLimit: String
    public var differs: Bool
}

public struct WorkloadFinding: Sendable {
    public var service: String
    public var workers: String
    public var median: String
    public var hasLimit: Bool
    public var limit: String
    public var overLimit: String
}

public struct RepeatRowModel: Sendable {
    public var service: String
    public var region: RegionRef
    public var cases: String
    public var withoutAssessment: String
}



public struct TurnoverRowModel: Sendable {
    public var service: String
    public var role: String
    public var employedStart: String
    public var employedEnd: String
    public var joined: String
    public var left: String
    public var rate: String
    public var previousRate: String
    public var isTotal: Bool
}

public struct TurnoverSection: Sendable {
    public var tag = TableTag()
    public var rows: [TurnoverRowModel]
    public var hasRows: Bool
    public var periodStart: String
    public var periodEnd: String
}
