import CaseModel
import Rules

/// What the report may print of each figure about children, decided once for
/// every format before anything is formatted (report.md Version 2, "Small
/// numbers, for real"): a count exactly, as `< 5` (1–4), or as `..` (hidden so
/// that no `< 5` can be worked out); a share exactly or as `..`; `–` when there
/// is nothing to count. Figures are named by keys (`Publication.Key`) that the
/// sections use when they format; staff figures (FTE, workers) are not children
/// and are printed as they are.
public struct Publication: Sendable {
    let isOn: Bool
    let style: NumberStyle
    var small: Set<String> = []
    var hiddenCounts: Set<String> = []
    var hiddenShares: Set<String> = []
    /// Published figures (counts and shares) and how many of them are printed exactly.
    public internal(set) var published = 0
    public internal(set) var exact = 0

    /// A count withheld so that a suppressed one cannot be worked out.
    public static let hidden = ".."
    /// A share with nothing to count (a denominator of 0).
    public static let nothing = "–"
    /// A count of 1–4 (primary suppression).
    public static let suppressedCount = "<" + NumberStyle.noBreakSpace + "5"
    public static let withheld = hidden

    init(isOn: Bool, style: NumberStyle) {
        self.isOn = isOn
        self.style = style
    }

    public func count(_ key: String, _ n: Int) -> String {
        guard isOn else { return style.integer(n) }
        if hiddenCounts.contains(key) { return Publication.hidden }
        if small.contains(key) || (1...4).contains(n) { return "<" + NumberStyle.noBreakSpace + "5" }
        return style.integer(n)
    }

    /// True when the count is printed as it is.
    public func showsCount(_ key: String, _ n: Int) -> Bool {
        !isOn || !(hiddenCounts.contains(key) || small.contains(key) || (1...4).contains(n))
    }

    /// The share when it is printed, else nil (nothing to count, fewer than 5, or withheld).
    public func shareValue(_ key: String, _ num: Int, _ den: Int) -> Double? {
        guard den > 0 else { return nil }
        if isOn && (den < 5 || hiddenShares.contains(key)) { return nil }
        return Double(num) / Double(den)
    }

    public func share(_ key: String, _ num: Int, _ den: Int) -> String {
        guard den > 0 else { return Publication.nothing }
        return shareValue(key, num, den).map(style.percent) ?? Publication.hidden
    }


    /// The keys of the published figures: table | rule or service | region | column.
    public enum Key {
        public static func deadline(_ rule: String, _ service: String, _ region: String, _ column: String) -> String {
            "d|\(rule)|\(service)|\(region)|\(column)"
        }
        public static func urgentOnly(_ rule: String, _ service: String, _ column: String) -> String {
            "du|\(rule)|\(service)|\(column)"
        }
        public static func unrecorded(_ rule: String, _ service: String) -> String { "dx|\(rule)|\(service)" }
        public static func month(_ rule: String, _ month: Int, _ column: String) -> String {
            "tr|\(rule)|\(month)|\(column)"
        }
        /// Every month of a rule's trend together (never printed: the months add up to it).
        public static func months(_ rule: String, _ column: String) -> String { "tr|\(rule)|all|\(column)" }
        public static func backlog(_ service: String, _ region: String, _ column: String) -> String {
            "b|\(service)|\(region)|\(column)"
        }
        public static func duration(_ service: String, _ region: String) -> String { "t|\(service)|\(region)|completed" }
        public static func plan(_ service: String, _ region: String, _ column: String) -> String {
            "p|\(service)|\(region)|\(column)"
        }
        public static func firstPlan(_ region: String, _ column: String) -> String { "f|\(region)|\(column)" }
        public static func assignment(_ region: String, _ column: String) -> String { "a|\(region)|\(column)" }
        public static func meeting(_ region: String, _ column: String) -> String { "m|\(region)|\(column)" }
        public static func inflow(_ region: String, _ column: String) -> String { "i|\(region)|\(column)" }
        public static func forecast(_ service: String, _ column: String) -> String { "fc|\(service)|\(column)" }
        public static func personalWorker(_ service: String, _ region: String, _ column: String) -> String {
            "pw|\(service)|\(region)|\(column)"
        }
        public static func assessor(_ service: String, _ region: String, _ column: String) -> String {
            "as|\(service)|\(region)|\(column)"
        }
        public static func repeatReferrals(_ service: String, _ region: String, _ column: String) -> String {
            "rr|\(service)|\(region)|\(column)"
        }
    }
}

extension ReportBuilder {
    /// The figures of rules.md "Every service" and "Inflow…" that describe children or clients.
    static func everyService(_ f: Findings, into p: inout DisclosureProblem) {
        typealias K = Publication.Key
        let star = Findings.allRegions
        func table(_ rows: [(region: String, values: [(String, Int)])], key: (String, String) -> String,
                   parts: [(String, [String])] = []) {
            for r in rows {
                for (c, v) in r.values { p.count(key(r.region, c), v, total: r.region == star) }
                for (whole, items) in parts { p.sum(key(r.region, whole), items.map { key(r.region, $0) }) }
            }
            guard let columns = rows.first?.values.map(\.0) else { return }
            for c in columns {
                p.sum(key(star, c), rows.filter { $0.region != star }.map { key($0.region, c) })
            }
        }
        // Inflow: five columns by region; the opening sentence's sums of the `*` row.
        let regions = InflowColumns.regions(f)
        table(
            regions.map { code in
                let v = InflowColumns.values(f, region: code)
                return (code, [("notifications", v.notifications), ("requests", v.requests),
                    ("otherChildWelfare", v.otherChildWelfare), ("familyWork", v.familyWork), ("workingAge", v.workingAge)])
            }, key: { K.inflow($0, $1) })
        if regions.contains(star) {
            let v = InflowColumns.values(f, region: star)
            p.count(K.inflow(star, "sumChildWelfare"), v.requests + v.otherChildWelfare, total: true)
            p.count(K.inflow(star, "sumOther"), v.familyWork + v.workingAge, total: true)
            p.sum(K.inflow(star, "sumChildWelfare"), [K.inflow(star, "requests"), K.inflow(star, "otherChildWelfare")])
            p.sum(K.inflow(star, "sumOther"), [K.inflow(star, "familyWork"), K.inflow(star, "workingAge")])
        }
        for r in f.backlogForecast {
            p.count(K.forecast(r.service, "received"), r.received13w, total: true)
            p.count(K.forecast(r.service, "completed"), r.completed13w, total: true)
        }
        for service in Set(f.personalWorker.map(\.service)).sorted() {
            let rows = f.personalWorker.filter { $0.service == service }
            table(
                rows.map {
                    ($0.region, [("active", $0.active), ("withoutWorker", $0.withoutWorker), ("specialSupport", $0.specialSupport),
                        ("specialWithoutWorker", $0.specialWithoutWorker),
                        ("specialWithoutSocialWorker", $0.specialWithoutSocialWorker)])
                }, key: { K.personalWorker(service, $0, $1) })
            for r in rows {
                let key = { K.personalWorker(service, r.region, $0) }
                p.share(key("share"), numerator: [key("withoutWorker")], denominator: [key("active")])
                // Without a social worker, in all: printed in the summary's n/N.
                p.count(
                    key("specialWithout"), r.specialWithoutWorker + r.specialWithoutSocialWorker,
                    published: r.region == star, total: r.region == star)
                p.sum(key("specialWithout"), [key("specialWithoutWorker"), key("specialWithoutSocialWorker")])
                p.share(key("specialShare"), numerator: [key("specialWithout")], denominator: [key("specialSupport")])
            }
        }
        for service in Set(f.assessor.map(\.service)).sorted() {
            let rows = f.assessor.filter { $0.service == service }
            table(
                rows.map {
                    ($0.region, [("assessments", $0.assessments), ("bySocialWorker", $0.bySocialWorker),
                        ("byOther", $0.byOther), ("noWorker", $0.noWorker)])
                }, key: { K.assessor(service, $0, $1) },
                parts: [("assessments", ["bySocialWorker", "byOther", "noWorker"])])
            for r in rows {
                let key = { K.assessor(service, r.region, $0) }
                p.share(key("share"), numerator: [key("bySocialWorker")], denominator: [key("assessments")])
            }
        }
        for service in Set(f.repeatReferrals.map(\.service)).sorted() {
            table(
                f.repeatReferrals.filter { $0.service == service }.map {
                    ($0.region, [("cases", $0.cases), ("withoutAssessment", $0.withoutAssessment)])
                }, key: { K.repeatReferrals(service, $0, $1) })
        }
    }

    /// Builds every published figure about children and its relations, then
    /// protects them (`DisclosureProblem.protect`). Without suppression every
    /// figure is exact.
    static func publication(
        findings f: Findings, evaluation: Evaluation, monthly: [String: [Int: MonthTally]], style: NumberStyle,
        suppress: Bool, secondary: Bool = true, services: Set<String> = allServices, history: [Findings] = []
    ) -> Publication {
        var pub = Publication(isOn: suppress, style: style)
        var p = DisclosureProblem()
        let star = Findings.allRegions
        typealias K = Publication.Key

        // Deadline tables: four counts and a share per row, regions adding up to `*`.
        let outcomes = ["met", "late", "overdue", "pending"]
        var keys: [(rule: String, service: String)] = []
        for row in f.deadlines where !keys.contains(where: { $0 == (row.rule, row.service) }) {
            keys.append((row.rule, row.service))
        }
        for (rule, service) in keys {
            let rows = f.deadlines.filter { $0.rule == rule && $0.service == service }
            for r in rows {
                let values = [r.met, r.late, r.overdue, r.pending]
                for (c, v) in zip(outcomes, values) {
                    p.count(K.deadline(rule, service, r.region, c), v, total: r.region == star)
                }
                // met + late + overdue: printed as the n of "n/N" for the organisation.
                p.count(
                    K.deadline(rule, service, r.region, "decided"), r.met + r.late + r.overdue,
                    published: r.region == star, total: r.region == star)
                p.sum(
                    K.deadline(rule, service, r.region, "decided"),
                    ["met", "late", "overdue"].map { K.deadline(rule, service, r.region, $0) })
                p.share(
                    K.deadline(rule, service, r.region, "rate"), numerator: [K.deadline(rule, service, r.region, "met")],
                    denominator: ["met", "late", "overdue"].map { K.deadline(rule, service, r.region, $0) })
                if r.region == star, let u = r.urgentOnly {
                    for (c, v) in zip(outcomes, [u.met, u.late, u.overdue, u.pending]) {
                        p.count(K.urgentOnly(rule, service, c), v)
                    }
                    p.share(
                        K.urgentOnly(rule, service, "rate"), numerator: [K.urgentOnly(rule, service, "met")],
                        denominator: ["met", "late", "overdue"].map { K.urgentOnly(rule, service, $0) })
                }
            }
            for c in outcomes {
                p.sum(
                    K.deadline(rule, service, star, c),
                    rows.filter { $0.region != star }.map { K.deadline(rule, service, $0.region, c) })
            }
            if let id = RuleID(rawValue: rule), id == .urgency || id == .socialUrgency {
                p.count(K.unrecorded(rule, service), evaluation.unrecordedOverdue(id, service: service))
            }
        }
        // The monthly trend: a rule's items (every service) by the month their clock started (Charts.swift).
        trendFigures(monthly, findings: f, evaluation: evaluation, services: services, into: &p)

        // The queue: three counts and four age bands per row.
        let backlogColumns = ["open", "notStarted", "overdue"]
        let bands = ["under1m", "m1to3", "m3to6", "over6m"]
        for service in Set(f.backlogAge.map(\.service)).sorted() {
            let rows = f.backlogAge.filter { $0.service == service }
            for r in rows {
                for (c, v) in zip(bands, [r.under1m, r.m1to3, r.m3to6, r.over6m]) {
                    p.count(K.backlog(service, r.region, c), v, total: r.region == star)
                }
            }
            for c in bands {
                p.sum(K.backlog(service, star, c), rows.filter { $0.region != star }.map { K.backlog(service, $0.region, c) })
            }
        }
        for service in Set(f.backlog.map(\.service)).sorted() {
            let rows = f.backlog.filter { $0.service == service }
            for r in rows {
                for (c, v) in zip(backlogColumns, [r.open, r.notStarted, r.overdue]) {
                    p.count(K.backlog(service, r.region, c), v, total: r.region == star)
                }
            }
            for c in backlogColumns {
                p.sum(K.backlog(service, star, c), rows.filter { $0.region != star }.map { K.backlog(service, $0.region, c) })
            }
            // The age bands of a row add up to its open assessments.
            for r in rows { p.sum(K.backlog(service, r.region, "open"), bands.map { K.backlog(service, r.region, $0) }) }
        }

        for service in Set(f.durations.map(\.service)).sorted() {
            let rows = f.durations.filter { $0.service == service }
            for r in rows { p.count(K.duration(service, r.region), r.completed, total: r.region == star) }
            p.sum(K.duration(service, star), rows.filter { $0.region != star }.map { K.duration(service, $0.region) })
        }

        for service in Set(f.plans.map(\.service)).sorted() {
            let rows = f.plans.filter { $0.service == service }
            for r in rows {
                for (c, v) in zip(["active", "withPlan", "upToDate"], [r.active, r.withPlan, r.upToDate]) {
                    p.count(K.plan(service, r.region, c), v, total: r.region == star)
                }
                p.share(
                    K.plan(service, r.region, "coverage"), numerator: [K.plan(service, r.region, "withPlan")],
                    denominator: [K.plan(service, r.region, "active")])
                p.share(
                    K.plan(service, r.region, "upToDateRate"), numerator: [K.plan(service, r.region, "upToDate")],
                    denominator: [K.plan(service, r.region, "active")])
            }
            for c in ["active", "withPlan", "upToDate"] {
                p.sum(K.plan(service, star, c), rows.filter { $0.region != star }.map { K.plan(service, $0.region, c) })
            }
        }

        for r in f.firstPlan {
            for (c, v) in zip(["started", "withPlan", "withoutPlan"], [r.started, r.withPlan, r.withoutPlan]) {
                p.count(K.firstPlan(r.region, c), v, total: r.region == star)
            }
            p.sum(K.firstPlan(r.region, "started"), [K.firstPlan(r.region, "withPlan"), K.firstPlan(r.region, "withoutPlan")])
        }
        for c in ["started", "withPlan", "withoutPlan"] where !f.firstPlan.isEmpty {
            p.sum(K.firstPlan(star, c), f.firstPlan.filter { $0.region != star }.map { K.firstPlan($0.region, c) })
        }

        for r in f.assignment {
            for (c, v) in zip(["active", "unassigned", "unqualified"], [r.active, r.unassigned, r.unqualified]) {
                p.count(K.assignment(r.region, c), v, total: r.region == star)
            }
            p.share(
                K.assignment(r.region, "share"), numerator: [K.assignment(r.region, "unassigned")],
                denominator: [K.assignment(r.region, "active")])
        }
        for c in ["active", "unassigned", "unqualified"] where !f.assignment.isEmpty {
            p.sum(K.assignment(star, c), f.assignment.filter { $0.region != star }.map { K.assignment($0.region, c) })
        }

        for r in f.meetings {
            p.count(K.meeting(r.region, "active"), r.active, total: r.region == star)
            p.count(K.meeting(r.region, "metWithin"), r.metWithin, total: r.region == star)
            p.share(
                K.meeting(r.region, "rate"), numerator: [K.meeting(r.region, "metWithin")],
                denominator: [K.meeting(r.region, "active")])
        }
        for c in ["active", "metWithin"] where !f.meetings.isEmpty {
            p.sum(K.meeting(star, c), f.meetings.filter { $0.region != star }.map { K.meeting($0.region, c) })
        }

        for k in p.shares.indices where p.shares[k].key.contains("|\(star)|") {
            p.shares[k].isTotal = true
        }
        everyService(f, into: &p)
        historyCells(history, current: f, into: &p)
        if suppress {
            p.suppressPrimary()
            if secondary { p.suppressSecondary() }
        }
        for c in p.cells where c.state != .unpublished {
            pub.published += 1
            switch c.state {
            case .small: pub.small.insert(c.key)
            case .hidden: pub.hiddenCounts.insert(c.key)
            default: pub.exact += 1
            }
        }
        for s in p.shares where s.exists {
            pub.published += 1
            if s.shown { pub.exact += 1 } else { pub.hiddenShares.insert(s.key) }
        }
        return pub
    }
}
