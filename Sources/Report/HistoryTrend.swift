import CaseModel
import Rules

/// The report's history (`report --history STORE`, docs/history.md): where each
/// headline figure stood at the earlier evaluations of the store ("113 → 41 → 0")
/// in the summary, and the queue and the rates over those evaluations as charts
/// in section 2. Every earlier figure is a cell of the disclosure check
/// (`historyCells`), printed through `publication` like the others.
public struct HistoryTrendModel: Sendable {
    public var hasHistory = false
    /// The dates (T) of the evaluations shown, oldest first, the current one last.
    public var dates = ""
    public var lines: [HistoryLine] = []
    public var charts: [HistoryChart] = []
    public var hasCharts = false
    public init() {}
}

/// One headline figure at every evaluation: "113 → 41 → 0".
public struct HistoryLine: Sendable {
    public var label: String
    public var chain: String
    /// The figures one by one, for the Markdown table.
    public var values: [String]
}

extension ReportBuilder {
    /// The history is printed once: its lines in the summary section, its charts in the first section
    /// (in print order) that shows deadline tables.
    static func placeHistory(_ sections: inout [SectionModel]) {
        if let i = sections.firstIndex(where: \.showSummary) { sections[i].showHistorySummary = true }
        if let i = sections.firstIndex(where: \.showDeadlines) { sections[i].showHistoryChart = true }
    }

    /// At most this many evaluations are drawn, the current one included (the latest earlier ones).
    static let historyLimit = 12

    /// The earlier evaluations shown: the organisation's, with T before this one's, oldest first.
    static func earlier(_ history: [Findings], than current: Findings) -> [Findings] {
        let before = history.filter { $0.organisation == current.organisation && $0.asOf < current.asOf }
            .sorted { ($0.asOf, $0.period.end) < ($1.asOf, $1.period.end) }
        // One per T: the last recorded of a day stands for it.
        var byDay: [String: Findings] = [:]
        for f in before { byDay[f.asOf] = f }
        return Array(byDay.values.sorted { $0.asOf < $1.asOf }.suffix(historyLimit - 1))
    }

    /// The key of an earlier evaluation's figure: the current figure's key under `h|index|`.
    static func historyKey(_ index: Int, _ key: String) -> String { "h|\(index)|" + key }

    /// The headline figures of the earlier evaluations as cells of the disclosure check: the queue and
    /// unassigned counts printed, the rates printed with their counts unpublished (only the share is shown).
    static func historyCells(_ history: [Findings], current: Findings, into p: inout DisclosureProblem) {
        typealias K = Publication.Key
        let star = Findings.allRegions
        for (i, f) in earlier(history, than: current).enumerated() {
            let h = { historyKey(i, $0) }
            for r in f.deadlines where r.region == star {
                let key = { h(K.deadline(r.rule, r.service, star, $0)) }
                for (c, v) in zip(["met", "late", "overdue"], [r.met, r.late, r.overdue]) {
                    p.count(key(c), v, published: false, total: true)
                }
                p.share(key("rate"), numerator: [key("met")], denominator: ["met", "late", "overdue"].map(key), total: true)
            }
            for r in f.backlog where r.region == star {
                p.count(h(K.backlog(r.service, star, "open")), r.open, total: true)
            }
            for r in f.assignment where r.region == star {
                p.count(h(K.assignment(star, "unassigned")), r.unassigned, total: true)
            }
            for r in f.meetings where r.region == star {
                p.count(h(K.meeting(star, "active")), r.active, published: false, total: true)
                p.count(h(K.meeting(star, "metWithin")), r.metWithin, published: false, total: true)
                p.share(
                    h(K.meeting(star, "rate")), numerator: [h(K.meeting(star, "metWithin"))],
                    denominator: [h(K.meeting(star, "active"))], total: true)
            }
        }
    }

    /// One series: a label, whether it is a share, and its figure at each evaluation (earlier ones, then this one).
    private struct Series {
        var id: String
        var label: String
        var isShare: Bool
        /// Per evaluation: (printed text, the value drawn or nil when it is not printed exactly).
        var points: [(String, Double?)]
    }

    func historyTrend() throws -> HistoryTrendModel {
        let earlier = Self.earlier(history, than: findings)
        guard !earlier.isEmpty else { return HistoryTrendModel() }
        typealias K = Publication.Key
        let star = Findings.allRegions
        let all = earlier + [findings]
        let current = earlier.count
        func key(_ i: Int, _ k: String) -> String { i == current ? k : Self.historyKey(i, k) }
        func share(_ i: Int, _ k: String, _ num: Int, _ den: Int) -> (String, Double?) {
            (publication.share(key(i, k), num, den), publication.shareValue(key(i, k), num, den))
        }
        func count(_ i: Int, _ k: String, _ n: Int?) -> (String, Double?) {
            guard let n else { return (Publication.nothing, nil) }
            return (publication.count(key(i, k), n), publication.showsCount(key(i, k), n) ? Double(n) : nil)
        }
        var series: [Series] = []
        for (rule, service) in deadlineKeys() {
            let k = K.deadline(rule, service, star, "rate")
            let points = all.enumerated().map { (i, f) -> (String, Double?) in
                guard let r = f.deadlines.first(where: { $0.rule == rule && $0.service == service && $0.region == star })
                else { return (Publication.nothing, nil) }
                return share(i, k, r.met, r.met + r.late + r.overdue)
            }
            let name = try serviceName(service)
            series.append(
                Series(id: "h-\(rule)-\(service)", label: ruleName(rule) + " – " + name, isShare: true, points: points))
        }
        for service in services(in: findings.backlog.map(\.service)) {
            let k = K.backlog(service, star, "open")
            let points = all.enumerated().map { (i, f) in
                count(i, k, f.backlog.first { $0.service == service && $0.region == star }?.open)
            }
            let name = try serviceName(service)
            series.append(
                Series(id: "h-backlog-\(service)", label: historyWord("queue", "Open assessments (queue)") + " – " + name,
                    isShare: false, points: points))
        }
        if findings.assignment.contains(where: { $0.region == star }) {
            let k = K.assignment(star, "unassigned")
            series.append(
                Series(id: "h-unassigned", label: historyWord("unassigned", "Children without a responsible social worker"),
                    isShare: false,
                    points: all.enumerated().map { (i, f) in count(i, k, f.assignment.first { $0.region == star }?.unassigned) }))
        }
        if findings.meetings.contains(where: { $0.region == star }) {
            let k = K.meeting(star, "rate")
            series.append(
                Series(id: "h-meetings", label: ruleName(RuleID.meeting.rawValue), isShare: true,
                    points: all.enumerated().map { (i, f) -> (String, Double?) in
                        guard let m = f.meetings.first(where: { $0.region == star }) else { return (Publication.nothing, nil) }
                        return share(i, k, m.metWithin, m.active)
                    }))
        }
        let dates = all.map { f in CalendarDate.parseISO(f.asOf).map(style.date) ?? f.asOf }
        var model = HistoryTrendModel()
        model.hasHistory = true
        model.dates = dates.joined(separator: ", ")
        model.lines = series.map {
            HistoryLine(label: $0.label, chain: $0.points.map { $0.0 }.joined(separator: " → "), values: $0.points.map { $0.0 })
        }
        model.charts = series.map { historyChart($0, dates: dates) }.filter(\.hasBars)
        model.hasCharts = !model.charts.isEmpty
        return model
    }

    /// A word of the history from the templates' labels (`history.NAME`), English when a templates
    /// folder made before the history lacks it.
    func historyWord(_ name: String, _ english: String) -> String { strings.words["history." + name] ?? english }

    /// Bars over the evaluations, like the monthly chart: shares on a 0–100 % scale, counts up to the
    /// largest one printed exactly. A figure not printed exactly has no bar, only its text.
    private func historyChart(_ s: Series, dates: [String]) -> HistoryChart {
        let plotHeight = Self.plotBottom - Self.plotTop
        let slot = (Self.plotRight - Self.plotLeft) / Double(max(1, s.points.count))
        let barWidth = slot * 0.66
        let top = s.isShare ? 1.0 : Self.niceTop(s.points.compactMap { $0.1 }.max() ?? 0)
        let bars = s.points.enumerated().map { (i, p) -> HistoryBar in
            let h = (p.1 ?? 0) / top * plotHeight
            let x = Self.plotLeft + Double(i) * slot + (slot - barWidth) / 2
            return HistoryBar(
                month: dates[i], hasValue: p.1 != nil, value: p.0,
                x: svg(x), y: svg(Self.plotBottom - h), width: svg(barWidth), height: svg(h),
                labelX: svg(x + barWidth / 2), labelY: svg(Self.plotBottom + 16), valueY: svg(Self.plotBottom - h - 4))
        }
        let grid = [0, 25, 50, 75, 100].map { q -> GridLine in
            let v = top * Double(q) / 100
            return GridLine(
                y: svg(Self.plotBottom - Double(q) / 100 * plotHeight),
                label: s.isShare ? style.percent(v) : style.integer(Int(v.rounded())))
        }
        return HistoryChart(
            rule: s.id, ruleName: s.label, width: svg(Self.chartWidth), height: svg(Self.historyHeight),
            plotLeft: svg(Self.plotLeft), plotRight: svg(Self.plotRight), gridLines: grid, bars: bars,
            hasBars: bars.contains { $0.hasValue })
    }

    /// The history chart's height: the plot and a line of dates under it.
    static let historyHeight = 220.0

    /// The count axis' top: the largest figure rounded up to 4, 8, 20, 40, 80, 200… so the quarter lines are whole.
    static func niceTop(_ v: Double) -> Double {
        guard v > 0 else { return 4 }
        var step = 1.0
        while true {
            for m in [4.0, 8.0, 20.0] where m * step >= v { return m * step }
            step *= 10
        }
    }
}

/// One history chart: bars over the stored evaluations (shares on a 0–100 % scale, counts up to the
/// largest printed exactly).
public struct HistoryChart: Sendable {
    public var rule: String
    public var ruleName: String
    public var width: String
    public var height: String
    public var plotLeft: String
    public var plotRight: String
    public var gridLines: [GridLine]
    public var bars: [HistoryBar]
    public var hasBars: Bool
}

/// One evaluation's bar: its date, its printed figure, and no bar when that figure is not exact.
public struct HistoryBar: Sendable {
    public var month: String
    public var hasValue: Bool
    public var value: String
    public var x: String
    public var y: String
    public var width: String
    public var height: String
    public var labelX: String
    public var labelY: String
    public var valueY: String
}
