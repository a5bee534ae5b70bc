import CaseModel
import Foundation

/// The result states of a deadline item on the evaluation date T, decided in
/// this order (after XCCDF): met, late, overdue, pending.
public enum DeadlineOutcome: String, Sendable, CaseIterable, Codable {
    /// done, and done ≤ deadline.
    case met
    /// done, and done > deadline.
    case late
    /// not done, and deadline < T.
    case overdue
    /// not done, and deadline ≥ T.
    case pending
}

/// One counted deadline item (a referral or an assessment against one rule)
/// whose clock started inside the reporting period. Feeds the monthly trend and
/// the exceptions list; the counts in `Findings.deadlines` are these, summed.
public struct DeadlineItem: Sendable, Equatable {
    public var rule: String
    public var service: Service
    public var region: String
    /// The export's pseudonymous case id.
    public var caseId: String
    public var clockStart: CalendarDate
    public var deadline: CalendarDate
    /// nil when not done on T.
    public var done: CalendarDate?
    public var outcome: DeadlineOutcome
    /// The done date is absent from the data (not merely after T): for urgency,
    /// "no date recorded", which the authority reads as a recording gap.
    public var unrecorded: Bool
    /// In the rule's subset counted apart (`urgentOnly`: the referral was flagged urgent).
    public var inSubset: Bool

    public init(rule: String, service: Service, region: String, caseId: String, clockStart: CalendarDate,
                deadline: CalendarDate, done: CalendarDate?, outcome: DeadlineOutcome,
                unrecorded: Bool = false, inSubset: Bool = false) {
        self.rule = rule
        self.service = service
        self.region = region
        self.caseId = caseId
        self.clockStart = clockStart
        self.deadline = deadline
        self.done = done
        self.outcome = outcome
        self.unrecorded = unrecorded
        self.inSubset = inSubset
    }

    /// Days past the deadline: done − deadline when late, T − deadline when overdue, else 0.
    public func daysLate(asOf t: CalendarDate) -> Int {
        switch outcome {
        case .late: return done.map { $0.days(since: deadline) } ?? 0
        case .overdue: return t.days(since: deadline)
        case .met, .pending: return 0
        }
    }
}

/// An active child welfare client with no responsible worker on T.
public struct UnassignedChild: Sendable, Equatable {
    public var caseId: String
    public var region: String
    /// T − the later of the clientship start and the last assignment's `to`.
    public var waitingDays: Int

    public init(caseId: String, region: String, waitingDays: Int) {
        self.caseId = caseId
        self.region = region
        self.waitingDays = waitingDays
    }
}

/// A child welfare clientship that started in the period (`LSL30-first-plan`).
public struct FirstPlanItem: Sendable, Equatable {
    public var caseId: String
    public var region: String
    public var start: CalendarDate
    /// Days from the start to the case's first plan dated on or after it and on or before T; nil without one.
    public var days: Int?

    public init(caseId: String, region: String, start: CalendarDate, days: Int?) {
        self.caseId = caseId
        self.region = region
        self.start = start
        self.days = days
    }
}

/// Everything the rules found: the findings JSON plus the item-level detail
/// the report needs (trend, exceptions, the unassigned queue).
public struct Evaluation: Sendable {
    public var findings: Findings
    public var asOf: CalendarDate
    public var periodStart: CalendarDate
    public var periodEnd: CalendarDate
    /// Every in-period deadline item, sorted by rule, service, region, case id. Built on
    /// first use: `check --format json` never needs the million items of a region's export.
    public var items: [DeadlineItem] {
        get { itemStore.items }
        set { itemStore = ItemStore(items: newValue) }
    }
    private var itemStore: ItemStore
    public var unassigned: [UnassignedChild]
    /// The statutory caseload limit in force on T (nil before 1.1.2022).
    public var caseloadLimit: Int?
    /// `LSL30-first-plan`: each clientship started in the period, its days to the first plan (nil: none yet).
    public var firstPlans: [FirstPlanItem]
    /// Region code → name, for reports.
    public var regionNames: [String: String]
    /// The settings the rules were evaluated with (the report names the policy parameters).
    public var settings: RuleSettings

    public init(findings: Findings, asOf: CalendarDate, periodStart: CalendarDate, periodEnd: CalendarDate,
                items: [DeadlineItem], unassigned: [UnassignedChild], caseloadLimit: Int?,
                firstPlans: [FirstPlanItem] = [], regionNames: [String: String], settings: RuleSettings = RuleSettings()) {
        self.findings = findings
        self.asOf = asOf
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        itemStore = ItemStore(items: items)
        self.unassigned = unassigned
        self.caseloadLimit = caseloadLimit
        self.firstPlans = firstPlans
        self.regionNames = regionNames
        self.settings = settings
    }
}

/// The deadline items of an evaluation, made once when first asked for.
final class ItemStore: @unchecked Sendable {
    private let lock = NSLock()
    private var made: [DeadlineItem]?
    private let make: () -> [DeadlineItem]

    init(items: [DeadlineItem]) {
        made = items
        make = { items }
    }

    init(make: @escaping () -> [DeadlineItem]) { self.make = make }

    var items: [DeadlineItem] {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        let items = make()
        made = items
        return items
    }

    private var unrecorded: [String: Int]?

    /// Overdue items with no done date recorded, by "rule|service" and "rule|*": one pass, made once.
    var unrecordedOverdue: [String: Int] {
        let all = items
        lock.lock()
        defer { lock.unlock() }
        if let unrecorded { return unrecorded }
        var counts: [String: Int] = [:]
        for item in all where item.outcome == .overdue && item.unrecorded {
            counts[item.rule + "|" + item.service.rawValue, default: 0] += 1
            counts[item.rule + "|*", default: 0] += 1
        }
        unrecorded = counts
        return counts
    }
}

extension Evaluation {
    /// Items of a rule (in one service, or every service when nil) overdue on T with no done date
    /// recorded at all: for urgency, a recording gap rather than a late assessment.
    public func unrecordedOverdue(_ rule: RuleID, service: String? = nil) -> Int {
        itemStore.unrecordedOverdue[rule.rawValue + "|" + (service ?? "*")] ?? 0
    }

    /// An evaluation whose items are made from the pass when first asked for.
    init(
        findings: Findings, asOf: CalendarDate, periodStart: CalendarDate, periodEnd: CalendarDate,
        lazyItems: @escaping () -> [DeadlineItem], unassigned: [UnassignedChild], caseloadLimit: Int?,
        firstPlans: [FirstPlanItem], regionNames: [String: String], settings: RuleSettings
    ) {
        self.init(
            findings: findings, asOf: asOf, periodStart: periodStart, periodEnd: periodEnd, items: [],
            unassigned: unassigned, caseloadLimit: caseloadLimit, firstPlans: firstPlans, regionNames: regionNames,
            settings: settings)
        itemStore = ItemStore(make: lazyItems)
    }
}

/// How a rule is described to people (the report's "provisions applied").
public struct RuleDescription: Sendable, Equatable {
    public var rule: RuleID
    /// Stable id from rules.md, e.g. `LSL26-screening-7wd`.
    public var id: String { rule.rawValue }
    /// The legal reference, e.g. "LSL 26 § 1 mom." (lastensuojelulaki 417/2007).
    public var reference: String
    /// Name per language code (`fi`, `sv`, `en`).
    public var name: [String: String]
    /// One plain-language sentence per language code.
    public var statement: [String: String]
    /// True when the rule is a policy reading rather than a statutory duty.
    public var isPolicy: Bool

    public init(id: RuleID, reference: String, name: [String: String], statement: [String: String], isPolicy: Bool) {
        rule = id
        self.reference = reference
        self.name = name
        self.statement = statement
        self.isPolicy = isPolicy
    }
}
