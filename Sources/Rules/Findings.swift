import CaseModel

/// Findings JSON, version 2 (report.md, "Findings JSON" and "Version 2"): the
/// counts of every rule, per region and organisation-wide (`*`). Rates are not
/// stored. Version 1 files decode too (as `--previous`): `schema` tells them
/// apart, and what version 1 lacks is empty.
public struct Findings: Codable, Sendable, Equatable {
    public static let currentSchema = "valvonta-findings/2"
    public static let version1Schema = "valvonta-findings/1"

    public var schema: String = Findings.currentSchema
    public var organisation: String
    public var asOf: String
    public var period: Period
    public var deadlines: [DeadlineRow]
    public var inflow: [InflowRow] = []
    public var plans: [PlanRow]
    public var firstPlan: [FirstPlanRow]
    public var assignment: [AssignmentRow]
    public var caseload: [CaseloadRow]
    public var durations: [DurationRow]
    public var backlog: [BacklogRow]
    public var backlogAge: [BacklogAgeRow] = []
    public var backlogForecast: [BacklogForecastRow] = []
    public var meetings: [MeetingRow]
    public var personalWorker: [PersonalWorkerRow] = []
    public var assessor: [AssessorRow] = []
    public var workload: [WorkloadRow] = []
    public var repeatReferrals: [RepeatReferralRow] = []
    public var staffing: [StaffingRow]
    public var turnover: [TurnoverRow] = []
    public var rejected: [RejectedRow]

    public init(organisation: String, asOf: String, period: Period, deadlines: [DeadlineRow] = [],
                plans: [PlanRow] = [], firstPlan: [FirstPlanRow] = [], assignment: [AssignmentRow] = [],
                caseload: [CaseloadRow] = [],
                durations: [DurationRow] = [], backlog: [BacklogRow] = [], meetings: [MeetingRow] = [],
                staffing: [StaffingRow] = [], rejected: [RejectedRow] = []) {
        self.organisation = organisation
        self.asOf = asOf
        self.period = period
        self.deadlines = deadlines
        self.plans = plans
        self.firstPlan = firstPlan
        self.assignment = assignment
        self.caseload = caseload
        self.durations = durations
        self.backlog = backlog
        self.meetings = meetings
        self.staffing = staffing
        self.rejected = rejected
    }

    /// The region key of an organisation-wide row.
    public static let allRegions = "*"

    /// The period basis of a rule ("clock-start" or "completed"), by `period.basis` (version 1: clock start).
    public static func basis(of rule: String, in f: Findings) -> String {
        f.period.basis?[rule] ?? f.period.basis?[allRegions] ?? "clock-start"
    }

    /// True for a file counted on the basis of version 1 (before rules.md Version 2).
    public var isVersion1: Bool { schema == Findings.version1Schema }

    enum CodingKeys: String, CodingKey {
        case schema, organisation, asOf, period, deadlines, inflow, plans, firstPlan, assignment, caseload, durations
        case backlog, backlogAge, backlogForecast, meetings, personalWorker, assessor, workload, repeatReferrals
        case staffing, turnover, rejected
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try c.decode(String.self, forKey: .schema)
        organisation = try c.decode(String.self, forKey: .organisation)
        asOf = try c.decode(String.self, forKey: .asOf)
        period = try c.decode(Period.self, forKey: .period)
        deadlines = try c.decode([DeadlineRow].self, forKey: .deadlines)
        // Arrays later sections added are absent from earlier files.
        inflow = try c.decodeIfPresent([InflowRow].self, forKey: .inflow) ?? []
        backlogAge = try c.decodeIfPresent([BacklogAgeRow].self, forKey: .backlogAge) ?? []
        backlogForecast = try c.decodeIfPresent([BacklogForecastRow].self, forKey: .backlogForecast) ?? []
        personalWorker = try c.decodeIfPresent([PersonalWorkerRow].self, forKey: .personalWorker) ?? []
        assessor = try c.decodeIfPresent([AssessorRow].self, forKey: .assessor) ?? []
        workload = try c.decodeIfPresent([WorkloadRow].self, forKey: .workload) ?? []
        repeatReferrals = try c.decodeIfPresent([RepeatReferralRow].self, forKey: .repeatReferrals) ?? []
        turnover = try c.decodeIfPresent([TurnoverRow].self, forKey: .turnover) ?? []
        plans = try c.decode([PlanRow].self, forKey: .plans)
        // Version 1 has no first plans.
        firstPlan = try c.decodeIfPresent([FirstPlanRow].self, forKey: .firstPlan) ?? []
        assignment = try c.decode([AssignmentRow].self, forKey: .assignment)
        caseload = try c.decode([CaseloadRow].self, forKey: .caseload)
        durations = try c.decode([DurationRow].self, forKey: .durations)
        backlog = try c.decodeIfPresent([BacklogRow].self, forKey: .backlog) ?? []
        meetings = try c.decode([MeetingRow].self, forKey: .meetings)
        staffing = try c.decode([StaffingRow].self, forKey: .staffing)
        rejected = try c.decode([RejectedRow].self, forKey: .rejected)
    }

    public struct Period: Codable, Sendable, Equatable {
        public var start: String
        public var end: String
        /// rule id (or `*` for every other rule) → "clock-start" or "completed"; nil in version 1.
        public var basis: [String: String]?
        public init(start: String, end: String, basis: [String: String]? = nil) {
            self.start = start
            self.end = end
            self.basis = basis
        }
    }

    public struct DeadlineRow: Codable, Sendable, Equatable {
        public var rule: String
        public var service: String
        public var region: String
        public var met: Int
        public var late: Int
        public var overdue: Int
        public var pending: Int
        /// `LSL26-urgency` only: the same outcomes of its items flagged `urgent`.
        public var urgentOnly: OutcomeCounts?
        public init(
            rule: String, service: String, region: String, met: Int, late: Int, overdue: Int, pending: Int,
            urgentOnly: OutcomeCounts? = nil
        ) {
            self.rule = rule
            self.service = service
            self.region = region
            self.met = met
            self.late = late
            self.overdue = overdue
            self.pending = pending
            self.urgentOnly = urgentOnly
        }

        public var counts: OutcomeCounts { OutcomeCounts(met: met, late: late, overdue: overdue, pending: pending) }
    }

    /// `LSL30-first-plan`: clientships of `lastensuojelu` started in the period (and ≤ T).
    public struct FirstPlanRow: Codable, Sendable, Equatable {
        public var region: String
        public var started: Int
        public var withPlan: Int
        public var withoutPlan: Int
        /// Nearest-rank, over those with a plan; nil (JSON null) when none has one.
        public var medianDays: Int?
        public var p90Days: Int?
        public init(region: String, started: Int, withPlan: Int, withoutPlan: Int, medianDays: Int?, p90Days: Int?) {
            self.region = region
            self.started = started
            self.withPlan = withPlan
            self.withoutPlan = withoutPlan
            self.medianDays = medianDays
            self.p90Days = p90Days
        }
    }

    public struct PlanRow: Codable, Sendable, Equatable {
        public var service: String
        public var region: String
        public var active: Int
        public var withPlan: Int
        public var upToDate: Int
        public init(service: String, region: String, active: Int, withPlan: Int, upToDate: Int) {
            self.service = service
            self.region = region
            self.active = active
            self.withPlan = withPlan
            self.upToDate = upToDate
        }
    }

    public struct AssignmentRow: Codable, Sendable, Equatable {
        public var region: String
        public var active: Int
        public var unassigned: Int
        public var unqualified: Int
        public init(region: String, active: Int, unassigned: Int, unqualified: Int) {
            self.region = region
            self.active = active
            self.unassigned = unassigned
            self.unqualified = unqualified
        }
    }

    public struct CaseloadRow: Codable, Sendable, Equatable {
        public var worker: String
        public var region: String
        public var children: Int
        /// nil (JSON null) before the statutory limit existed (1.1.2022).
        public var limit: Int?
        public init(worker: String, region: String, children: Int, limit: Int?) {
            self.worker = worker
            self.region = region
            self.children = children
            self.limit = limit
        }
        enum CodingKeys: String, CodingKey { case worker, region, children, limit }
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(worker, forKey: .worker)
            try c.encode(region, forKey: .region)
            try c.encode(children, forKey: .children)
            try c.encode(limit, forKey: .limit)  // explicit null, the key is required
        }
    }

    public struct DurationRow: Codable, Sendable, Equatable {
        public var service: String
        public var region: String
        public var completed: Int
        public var medianDays: Int
        public var p90Days: Int
        public init(service: String, region: String, completed: Int, medianDays: Int, p90Days: Int) {
            self.service = service
            self.region = region
            self.completed = completed
            self.medianDays = medianDays
            self.p90Days = p90Days
        }
    }

    public struct BacklogRow: Codable, Sendable, Equatable {
        public var service: String
        public var region: String
        public var open: Int
        public var notStarted: Int
        public var overdue: Int
        public var oldestDays: Int
        public init(service: String, region: String, open: Int, notStarted: Int, overdue: Int, oldestDays: Int) {
            self.service = service
            self.region = region
            self.open = open
            self.notStarted = notStarted
            self.overdue = overdue
            self.oldestDays = oldestDays
        }
    }

    public struct MeetingRow: Codable, Sendable, Equatable {
        public var region: String
        public var active: Int
        public var metWithin: Int
        public init(region: String, active: Int, metWithin: Int) {
            self.region = region
            self.active = active
            self.metWithin = metWithin
        }
    }

    public struct StaffingRow: Codable, Sendable, Equatable {
        public var region: String?
        public var service: String?
        public var role: String?
        public var posts: Double
        public var vacant: Double
        public init(region: String?, service: String?, role: String?, posts: Double, vacant: Double) {
            self.region = region
            self.service = service
            self.role = role
            self.posts = posts
            self.vacant = vacant
        }
        enum CodingKeys: String, CodingKey { case region, service, role, posts, vacant }
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(region, forKey: .region)
            try c.encode(service, forKey: .service)
            try c.encode(role, forKey: .role)
            try c.encode(posts, forKey: .posts)
            try c.encode(vacant, forKey: .vacant)
        }
    }

    /// rules.md "Every service": `SHL42-personal-worker`, per service and region.
    public struct PersonalWorkerRow: Codable, Sendable, Equatable {
        public var service: String
        public var region: String
        public var active: Int
        public var withoutWorker: Int
        public var specialSupport: Int
        public var specialWithoutWorker: Int
        public var specialWithoutSocialWorker: Int
        public init(
            service: String, region: String, active: Int, withoutWorker: Int, specialSupport: Int,
            specialWithoutWorker: Int, specialWithoutSocialWorker: Int
        ) {
            self.service = service
            self.region = region
            self.active = active
            self.withoutWorker = withoutWorker
            self.specialSupport = specialSupport
            self.specialWithoutWorker = specialWithoutWorker
            self.specialWithoutSocialWorker = specialWithoutSocialWorker
        }
    }

    /// `SHL36-assessor`: who made the special-support assessments.
    public struct AssessorRow: Codable, Sendable, Equatable {
        public var service: String
        public var region: String
        public var assessments: Int
        public var bySocialWorker: Int
        public var byOther: Int
        public var noWorker: Int
        public init(service: String, region: String, assessments: Int, bySocialWorker: Int, byOther: Int, noWorker: Int) {
            self.service = service
            self.region = region
            self.assessments = assessments
            self.bySocialWorker = bySocialWorker
            self.byOther = byOther
            self.noWorker = noWorker
        }
    }

    /// `workload`: one worker's clients on T.
    public struct WorkloadRow: Codable, Sendable, Equatable {
        public var worker: String
        public var region: String
        public var role: String
        public var service: String?
        public var clients: Int
        public var limit: Int?
        public init(worker: String, region: String, role: String, service: String?, clients: Int, limit: Int?) {
            self.worker = worker
            self.region = region
            self.role = role
            self.service = service
            self.clients = clients
            self.limit = limit
        }
    }

    /// `repeatReferrals`: clients about whom referrals keep coming.
    public struct RepeatReferralRow: Codable, Sendable, Equatable {
        public var service: String
        public var region: String
        public var cases: Int
        public var withoutAssessment: Int
        public init(service: String, region: String, cases: Int, withoutAssessment: Int) {
            self.service = service
            self.region = region
            self.cases = cases
            self.withoutAssessment = withoutAssessment
        }
    }

    /// `inflow`: referrals received in the period, by kind.
    public struct InflowRow: Codable, Sendable, Equatable {
        public var service: String
        public var region: String
        public var kind: String
        public var received: Int
        public init(service: String, region: String, kind: String, received: Int) {
            self.service = service
            self.region = region
            self.kind = kind
            self.received = received
        }
    }

    /// `backlogAge`: the queue on T by how long ago its referrals came.
    public struct BacklogAgeRow: Codable, Sendable, Equatable {
        public var service: String
        public var region: String
        public var under1m: Int
        public var m1to3: Int
        public var m3to6: Int
        public var over6m: Int
        public init(service: String, region: String, under1m: Int, m1to3: Int, m3to6: Int, over6m: Int) {
            self.service = service
            self.region = region
            self.under1m = under1m
            self.m1to3 = m1to3
            self.m3to6 = m3to6
            self.over6m = over6m
        }
    }

    /// `backlogForecast`: the last 13 weeks' pace of the queue and the day it clears.
    public struct BacklogForecastRow: Codable, Sendable, Equatable {
        public var service: String
        public var open: Int
        public var received13w: Int
        public var completed13w: Int
        /// ISO date; nil (JSON null) when the queue does not shrink at this pace.
        public var clearsOn: String?
        public init(service: String, open: Int, received13w: Int, completed13w: Int, clearsOn: String?) {
            self.service = service
            self.open = open
            self.received13w = received13w
            self.completed13w = completed13w
            self.clearsOn = clearsOn
        }
    }

    /// `turnover`: staff employed, joined and left in the period.
    public struct TurnoverRow: Codable, Sendable, Equatable {
        public var service: String?
        public var region: String
        public var role: String
        public var employedStart: Int
        public var employedEnd: Int
        public var joined: Int
        public var left: Int
        public init(
            service: String?, region: String, role: String, employedStart: Int, employedEnd: Int, joined: Int, left: Int
        ) {
            self.service = service
            self.region = region
            self.role = role
            self.employedStart = employedStart
            self.employedEnd = employedEnd
            self.joined = joined
            self.left = left
        }
    }

    public struct RejectedRow: Codable, Sendable, Equatable {
        public var source: String
        public var line: Int
        public var reason: String
        public init(source: String, line: Int, reason: String) {
            self.source = source
            self.line = line
            self.reason = reason
        }
    }
}
