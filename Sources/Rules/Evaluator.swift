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

/// The deadline rules in the order of their ids (the order of the JSON arrays).
enum DeadlineRuleKey: Int, CaseIterable {
    case screening = 0
    case urgency, complete, start

    var id: String {
        switch self {
        case .screening: return "LSL26-screening-7wd"
        case .urgency: return "LSL26-urgency"
        case .complete: return "SHL36-complete-3m"
        case .start: return "SHL36-start-7wd"
        }
    }
}

/// One deadline item while the pass runs: small integers, so that sorting a
/// million of them stays cheap; turned into `DeadlineItem` at the end.
struct ItemRecord {
    var rule: UInt8
    var service: UInt8
    var outcome: UInt8
    var region: Int32
    var caseIndex: Int32
    var clockStart: Int32
    var deadline: Int32
    /// `Int32.min` when not done on T.
    var done: Int32
}

/// Counters of one region (index = `Service` position in `Service.allCases`).
struct RegionTally {
    /// [rule][service][outcome] flattened: ((rule * 3) + service) * 4 + outcome.
    var deadlines = [Int](repeating: 0, count: DeadlineRuleKey.allCases.count * 3 * 4)
    var durations: [[Int]] = [[], [], []]
    var backlog = [BacklogTally](repeating: BacklogTally(), count: 3)
    var plans = [PlanTally](repeating: PlanTally(), count: 3)
    var assignment = AssignmentTally()
    var meetings = MeetingTally()
}

struct BacklogTally {
    var open = 0
    var notStarted = 0
    var overdue = 0
    var earliestReceived = Int32.max
}

struct PlanTally {
    var active = 0
    var withPlan = 0
    var upToDate = 0
}

struct AssignmentTally {
    var active = 0
    var unassigned = 0
    var unqualified = 0
}

struct MeetingTally {
    var active = 0
    var metWithin = 0
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

    var regionCodes: [String] = []
    var regionIndex: [String: Int] = [:]
    var regions: [RegionTally] = []
    var items: [ItemRecord] = []
    var unassigned: [UnassignedChild] = []

    /// Workers by id: index into `export.workers`.
    let workerIndex: [String: Int]
    /// Per worker: has an assignment covering T; distinct counted children.
    var workerCovering: [Bool]
    var workerChildren: [Int]
    /// (region, service, role) of a post → (post FTE, vacant FTE), both exact.
    var staffing: [StaffingKey: (posts: FTE, vacant: FTE)] = [:]

    init(export: CaseExport, asOf: CalendarDate, period: ClosedRange<CalendarDate>, settings: RuleSettings) {
        self.export = export
        t = asOf
        self.period = period
        self.settings = settings
        calendar = settings.calendar
        var workers: [String: Int] = [:]
        workers.reserveCapacity(export.workers.count)
        for (i, w) in export.workers.enumerated() where workers[w.id] == nil { workers[w.id] = i }
        workerIndex = workers
        workerCovering = [Bool](repeating: false, count: export.workers.count)
        workerChildren = [Int](repeating: 0, count: export.workers.count)
        for region in export.regions { _ = regionSlot(region.code) }
    }

    /// Adds a pass over later cases of the same export: counters add up, lists
    /// join after this pass's (the order of a single pass over all the cases).
    mutating func absorb(_ other: EvaluationPass) {
        for (i, code) in other.regionCodes.enumerated() {
            let r = regionSlot(code)
            let o = other.regions[i]
            for j in o.deadlines.indices { regions[r].deadlines[j] += o.deadlines[j] }
            for s in 0..<3 {
                regions[r].durations[s] += o.durations[s]
                regions[r].backlog[s].open += o.backlog[s].open
                regions[r].backlog[s].notStarted += o.backlog[s].notStarted
                regions[r].backlog[s].overdue += o.backlog[s].overdue
                regions[r].backlog[s].earliestReceived = min(regions[r].backlog[s].earliestReceived, o.backlog[s].earliestReceived)
                regions[r].plans[s].active += o.plans[s].active
                regions[r].plans[s].withPlan += o.plans[s].withPlan
                regions[r].plans[s].upToDate += o.plans[s].upToDate
            }
            regions[r].assignment.active += o.assignment.active
            regions[r].assignment.unassigned += o.assignment.unassigned
            regions[r].assignment.unqualified += o.assignment.unqualified
            regions[r].meetings.active += o.meetings.active
            regions[r].meetings.metWithin += o.meetings.metWithin
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
        for w in workerCovering.indices {
            workerCovering[w] = workerCovering[w] || other.workerCovering[w]
            workerChildren[w] += other.workerChildren[w]
        }
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

    @inline(__always) func outcome(deadline: CalendarDate, done: CalendarDate?) -> DeadlineOutcome {
        if let done { return done <= deadline ? .met : .late }
        return deadline < t ? .overdue : .pending
    }

    /// Counts one in-period deadline item (the caller has checked the clock start).
    mutating func record(
        _ rule: DeadlineRuleKey, service: Int, region: Int, caseIndex: Int,
        clockStart: CalendarDate, deadline: CalendarDate, done: CalendarDate?
    ) {
        let result = outcome(deadline: deadline, done: done)
        let o = result.index
        regions[region].deadlines[(rule.rawValue * 3 + service) * 4 + o] += 1
        items.append(
            ItemRecord(
                rule: UInt8(rule.rawValue), service: UInt8(service), outcome: UInt8(o),
                region: Int32(region), caseIndex: Int32(caseIndex),
                clockStart: clockStart.dayNumber, deadline: deadline.dayNumber,
                done: done?.dayNumber ?? Int32.min))
    }

    mutating func add(caseAt index: Int) {
        let c = export.cases[index]
        let r = regionSlot(c.region)
        addReferrals(of: c, index: index, region: r)
        addAssessments(of: c, index: index, region: r)
        addPointInTime(of: c, region: r)
    }
}
