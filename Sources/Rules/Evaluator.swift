import CaseModel
import Dispatch
import FinnishCalendar

/// Evaluates every rule of rules.md on an export, seen on T (`asOf`, by
/// default the export's `generated` date) for a reporting period (by default
/// the export's own `periodStart…periodEnd`).
///
/// One pass over the cases feeds every rule family (each case's events are
/// looked at once, nothing is scanned twice), then one pass over the posts;
/// the rows are built from small per-region counters at the end.
public func evaluate(
    _ export: CaseExport, asOf: CalendarDate? = nil, period: ClosedRange<CalendarDate>? = nil,
    settings: RuleSettings = RuleSettings()
) -> Evaluation {
    evaluate(export, asOf: asOf, period: period, settings: settings, parts: nil)
}

/// - Parameter parts: how many runs of cases are counted at once (the tests
///   compare 1 with more); nil: two for a large export, else one.
func evaluate(
    _ export: CaseExport, asOf: CalendarDate?, period: ClosedRange<CalendarDate>?, settings: RuleSettings, parts: Int?
) -> Evaluation {
    let t = asOf ?? export.header.generatedDate
    let header = export.header
    // A header whose period is inverted is taken as the span it names rather than trapping.
    let range = period ?? min(header.periodStart, header.periodEnd)...max(header.periodStart, header.periodEnd)
    let parts = max(1, parts ?? (export.cases.count >= 20_000 ? 2 : 1))
    let passes = ThreadSlots((0..<parts).map { _ in EvaluationPass(export: export, asOf: t, period: range, settings: settings) })
    // A large export's cases in two halves at once; the halves' counters add up, their lists
    // join in case order (`absorb`), so the result is the one of a single pass.
    let size = (export.cases.count + parts - 1) / parts
    DispatchQueue.concurrentPerform(iterations: parts) { k in
        passes.update(k) { pass in
            for index in min(k * size, export.cases.count)..<min((k + 1) * size, export.cases.count) {
                pass.add(caseAt: index)
            }
        }
    }
    var pass = passes[0]
    for k in 1..<parts { pass.absorb(passes[k]) }
    pass.addStaffing()
    return pass.finish()
}

/// One deadline item while the pass runs: small integers, so that sorting a
/// million of them stays cheap; turned into `DeadlineItem` at the end.
struct ItemRecord {
    /// Index into `DeadlineRule.all`.
    var rule: UInt8
    var service: UInt8
    var outcome: UInt8
    /// bit 0: no done date recorded; bit 1: in the rule's subset (`urgentOnly`).
    var flags: UInt8
    var region: Int32
    var caseIndex: Int32
    var clockStart: Int32
    var deadline: Int32
    /// `Int32.min` when not done on T.
    var done: Int32
}

/// A counter that merges with the same counter of another pass over other
/// cases: the parallel halves of an evaluation add up through these, so a
/// counter cannot be left out of the merge by hand.
protocol Tally {
    mutating func merge(_ other: Self)
}

extension Int: Tally {
    mutating func merge(_ other: Int) { self += other }
}

extension Array: Tally where Element: Tally {
    /// Element by element; the arrays of one evaluation have equal lengths.
    mutating func merge(_ other: [Element]) {
        for i in other.indices {
            if i < count { self[i].merge(other[i]) } else { append(other[i]) }
        }
    }
}

/// Values kept as a list (durations, days to the first plan): merged by joining.
struct ValueList: Tally {
    var values: [Int] = []
    mutating func merge(_ other: ValueList) { values += other.values }
}

/// Counters of one region (index = `Service` position in `Service.allCases`).
struct RegionTally: Tally {
    /// [rule][service][outcome] flattened: ((rule * 3) + service) * 4 + outcome.
    var deadlines = [Int](repeating: 0, count: DeadlineRule.all.count * 3 * 4)
    /// The same for the items in each rule's subset (`urgentOnly`).
    var subsets = [Int](repeating: 0, count: DeadlineRule.all.count * 3 * 4)
    var durations = [ValueList](repeating: ValueList(), count: 3)
    var backlog = [BacklogTally](repeating: BacklogTally(), count: 3)
    var plans = [PlanTally](repeating: PlanTally(), count: 3)
    var firstPlan = FirstPlanTally()
    var assignment = AssignmentTally()
    var meetings = MeetingTally()
    /// rules.md "Every service" and "Inflow…", per service.
    var personalWorker = [PersonalWorkerTally](repeating: PersonalWorkerTally(), count: 3)
    var assessor = [AssessorTally](repeating: AssessorTally(), count: 3)
    var repeatReferrals = [RepeatReferralTally](repeating: RepeatReferralTally(), count: 3)
    /// [service][kind] flattened: service * kinds + kind (kinds in `ReferralKind.allCases` order).
    var inflow = [Int](repeating: 0, count: 3 * ReferralKind.allCases.count)
    var backlogAge = [BacklogAgeTally](repeating: BacklogAgeTally(), count: 3)
    var forecast = [ForecastTally](repeating: ForecastTally(), count: 3)

    mutating func merge(_ o: RegionTally) {
        personalWorker.merge(o.personalWorker)
        assessor.merge(o.assessor)
        repeatReferrals.merge(o.repeatReferrals)
        inflow.merge(o.inflow)
        backlogAge.merge(o.backlogAge)
        forecast.merge(o.forecast)
        deadlines.merge(o.deadlines)
        subsets.merge(o.subsets)
        durations.merge(o.durations)
        backlog.merge(o.backlog)
        plans.merge(o.plans)
        firstPlan.merge(o.firstPlan)
        assignment.merge(o.assignment)
        meetings.merge(o.meetings)
    }

    static func slot(rule: Int, service: Int, outcome: Int) -> Int { (rule * 3 + service) * 4 + outcome }
}

struct BacklogTally: Tally {
    var open = 0
    var notStarted = 0
    var overdue = 0
    var earliestReceived = Int32.max

    mutating func merge(_ o: BacklogTally) {
        open += o.open
        notStarted += o.notStarted
        overdue += o.overdue
        earliestReceived = min(earliestReceived, o.earliestReceived)
    }
}

struct PlanTally: Tally {
    var active = 0
    var withPlan = 0
    var upToDate = 0

    mutating func merge(_ o: PlanTally) {
        active += o.active
        withPlan += o.withPlan
        upToDate += o.upToDate
    }
}

struct FirstPlanTally: Tally {
    var started = 0
    /// Days to the first plan, of the clientships that have one.
    var days = ValueList()

    mutating func merge(_ o: FirstPlanTally) {
        started += o.started
        days.merge(o.days)
    }
}

struct AssignmentTally: Tally {
    var active = 0
    var unassigned = 0
    var unqualified = 0

    mutating func merge(_ o: AssignmentTally) {
        active += o.active
        unassigned += o.unassigned
        unqualified += o.unqualified
    }
}

struct PersonalWorkerTally: Tally {
    var active = 0
    var withoutWorker = 0
    var specialSupport = 0
    var specialWithoutWorker = 0
    var specialWithoutSocialWorker = 0

    mutating func merge(_ o: PersonalWorkerTally) {
        active += o.active
        withoutWorker += o.withoutWorker
        specialSupport += o.specialSupport
        specialWithoutWorker += o.specialWithoutWorker
        specialWithoutSocialWorker += o.specialWithoutSocialWorker
    }
}

struct AssessorTally: Tally {
    var assessments = 0
    var bySocialWorker = 0
    var byOther = 0
    var noWorker = 0

    mutating func merge(_ o: AssessorTally) {
        assessments += o.assessments
        bySocialWorker += o.bySocialWorker
        byOther += o.byOther
        noWorker += o.noWorker
    }
}

struct RepeatReferralTally: Tally {
    var cases = 0
    var withoutAssessment = 0

    mutating func merge(_ o: RepeatReferralTally) {
        cases += o.cases
        withoutAssessment += o.withoutAssessment
    }
}

struct BacklogAgeTally: Tally {
    var under1m = 0
    var m1to3 = 0
    var m3to6 = 0
    var over6m = 0

    mutating func merge(_ o: BacklogAgeTally) {
        under1m += o.under1m
        m1to3 += o.m1to3
        m3to6 += o.m3to6
        over6m += o.over6m
    }
}

struct ForecastTally: Tally {
    var received13w = 0
    var completed13w = 0

    mutating func merge(_ o: ForecastTally) {
        received13w += o.received13w
        completed13w += o.completed13w
    }
}

struct MeetingTally: Tally {
    var active = 0
    var metWithin = 0

    mutating func merge(_ o: MeetingTally) {
        active += o.active
        metWithin += o.metWithin
    }
}

extension DeadlineOutcome {
    /// Position in the fixed order met, late, overdue, pending.
    var index: Int {
        switch self {
        case .met: return 0
        case .late: return 1
        case .overdue: return 2
        case .pending: return 3
        }
    }
}

extension Service {
    /// Position in `Service.allCases` (alphabetical, the JSON sort order).
    var index: Int {
        switch self {
        case .lapsiperheet: return 0
        case .lastensuojelu: return 1
        case .tyoikaiset: return 2
        }
    }
}

/// The mutable state of one evaluation. Internal: `evaluate` is the API.
struct EvaluationPass {
    let export: CaseExport
    let t: CalendarDate
    let period: ClosedRange<CalendarDate>
    let settings: RuleSettings
    let calendar: WorkingDayCalendar
    /// `DeadlineRule.all`, and which of them count referrals and which assessments (indexes).
    let deadlineRules = DeadlineRule.all
    let referralRules = DeadlineRule.all.indices.filter { DeadlineRule.all[$0].subject == .referral }
    let assessmentRules = DeadlineRule.all.indices.filter { DeadlineRule.all[$0].subject == .assessment }
    /// `settings.childWelfareKinds` as a bit per `ReferralKind`, for the hot loop.
    let childWelfareKinds: UInt8

    var regionCodes: [String] = []
    var regionIndex: [String: Int] = [:]
    var regions: [RegionTally] = []
    var items: [ItemRecord] = []
    var unassigned: [UnassignedChild] = []
    var firstPlans: [FirstPlanItem] = []

    /// Workers by id: index into `export.workers`.
    let workerIndex: [String: Int]
    /// Per worker: distinct counted children on T (LSL 13 b §).
    var workerChildren: [Int]
    /// Per worker: distinct clients on T in any service (`workload`).
    var workerClients: [Int]
    /// (region, service, role) of a post → (post FTE, vacant FTE), both exact.
    var staffing: [StaffingKey: (posts: FTE, vacant: FTE)] = [:]

    init(export: CaseExport, asOf: CalendarDate, period: ClosedRange<CalendarDate>, settings: RuleSettings) {
        self.export = export
        t = asOf
        self.period = period
        self.settings = settings
        calendar = settings.calendar
        childWelfareKinds = settings.childWelfareKinds.reduce(0) { $0 | Self.bit($1) }
        var workers: [String: Int] = [:]
        workers.reserveCapacity(export.workers.count)
        for (i, w) in export.workers.enumerated() where workers[w.id] == nil { workers[w.id] = i }
        workerIndex = workers
        workerChildren = [Int](repeating: 0, count: export.workers.count)
        workerClients = [Int](repeating: 0, count: export.workers.count)
        for region in export.regions { _ = regionSlot(region.code) }
    }

    /// Adds a pass over later cases of the same export: counters add up, lists
    /// join after this pass's (the order of a single pass over all the cases).
    mutating func absorb(_ other: EvaluationPass) {
        for (i, code) in other.regionCodes.enumerated() {
            regions[regionSlot(code)].merge(other.regions[i])
        }
        // Items name their region by slot: both passes were given the export's regions first,
        // and cases only name those (the linker rejected the rest), but map the slots anyway.
        let slot = other.regionCodes.map { regionIndex[$0]! }
        items.reserveCapacity(items.count + other.items.count)
        for var item in other.items {
            item.region = Int32(slot[Int(item.region)])
            items.append(item)
        }
        unassigned += other.unassigned
        firstPlans += other.firstPlans
        workerChildren.merge(other.workerChildren)
        workerClients.merge(other.workerClients)
    }

    @inline(__always) static func bit(_ kind: ReferralKind) -> UInt8 {
        switch kind {
        case .lastensuojeluilmoitus: return 1
        case .pyyntoArvioida: return 2
        case .sosiaalihuoltoilmoitus: return 4
        case .hakemus: return 8
        case .yhteydenotto: return 16
        }
    }

    /// `RuleSettings.isChildWelfareMatter` with the kinds as a bit mask.
    @inline(__always) func isChildWelfareMatter(_ r: Referral) -> Bool {
        r.childWelfare || childWelfareKinds & Self.bit(r.kind) != 0
    }

    mutating func regionSlot(_ code: String) -> Int {
        if let i = regionIndex[code] { return i }
        regionIndex[code] = regionCodes.count
        regionCodes.append(code)
        regions.append(RegionTally())
        return regionCodes.count - 1
    }

    /// A date as seen on T: a date after T has not happened yet.
    @inline(__always) func seen(_ date: CalendarDate?) -> CalendarDate? {
        guard let date, date <= t else { return nil }
        return date
    }

    /// Hands one referral or assessment to a deadline rule: counts it when it
    /// is in the rule's population and belongs to the period on the rule's basis.
    mutating func count(_ k: Int, _ matter: Matter, region: Int, caseIndex: Int) {
        let rule = deadlineRules[k]
        guard rule.population(matter) else { return }
        let clockStart = rule.clock(matter)
        // An item whose clock starts after T does not exist yet.
        guard clockStart <= t else { return }
        if rule.basis == .clockStart && !period.contains(clockStart) { return }
        let recorded = rule.done(matter)
        let done = seen(recorded)
        let deadline = rule.limit.deadline(from: clockStart, settings: settings, calendar: calendar)
        guard let result = rule.outcome(clockStart: clockStart, deadline: deadline, done: done, asOf: t, period: period)
        else { return }
        let service = matter.service.index
        let slot = RegionTally.slot(rule: k, service: service, outcome: result.index)
        regions[region].deadlines[slot] += 1
        let inSubset = rule.subset?(matter) ?? false
        if inSubset { regions[region].subsets[slot] += 1 }
        items.append(
            ItemRecord(
                rule: UInt8(k), service: UInt8(service), outcome: UInt8(result.index),
                flags: (recorded == nil ? 1 : 0) | (inSubset ? 2 : 0),
                region: Int32(region), caseIndex: Int32(caseIndex),
                clockStart: clockStart.dayNumber, deadline: deadline.dayNumber,
                done: done?.dayNumber ?? Int32.min))
    }

    mutating func add(caseAt index: Int) {
        let c = export.cases[index]
        let r = regionSlot(c.region)
        addReferrals(of: c, index: index, region: r)
        RepeatReferralsRule.add(c, to: &regions[r], asOf: t, period: period, minimum: settings.repeatReferralCount)
        addAssessments(of: c, index: index, region: r)
        addPointInTime(of: c, index: index, region: r)
    }
}
