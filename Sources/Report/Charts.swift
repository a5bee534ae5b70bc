import CaseModel
import Rules

/// Chart geometry in SVG user units. Swift decides where each bar goes; the
/// templates draw the shapes and hold every word (titles, text alternatives).
extension ReportBuilder {
    static let chartWidth = 640.0
    static let trendHeight = 220.0
    static let plotTop = 12.0
    static let plotBottom = 180.0
    static let plotLeft = 44.0
    static let plotRight = 630.0

    /// Monthly compliance rate of one deadline rule (every service and region
    /// together) by the month its clock started, for every month of the period.
    /// A month with nothing counted, or under 5 when suppressing, has no bar.
    func trendChart(rule: String) -> TrendChart {
        let byMonth = (monthly[rule] ?? [:]).mapValues { Ratio($0.num, $0.den) }
        let first = evaluation.periodStart.year * 12 + evaluation.periodStart.month - 1
        let last = max(first, evaluation.periodEnd.year * 12 + evaluation.periodEnd.month - 1)
        let months = Array(first...last)
        let plotHeight = Self.plotBottom - Self.plotTop
        let slot = (Self.plotRight - Self.plotLeft) / Double(months.count)
        let barWidth = slot * 0.66
        let bars = months.enumerated().map { (i, m) -> TrendBar in
            let r = byMonth[m] ?? .zero
            let share = publication.shareValue(
                Publication.Key.month(rule, m, "rate"), Int(r.num), Int(r.den))
            let h = (share ?? 0) * plotHeight
            let x = Self.plotLeft + Double(i) * slot + (slot - barWidth) / 2
            return TrendBar(
                month: style.month(year: m / 12, month: m % 12 + 1), hasValue: share != nil,
                value: share.map(style.percent) ?? (r.den == 0 ? Publication.nothing : Publication.hidden),
                counted: publication.count(Publication.Key.month(rule, m, "den"), Int(r.den)),
                x: svg(x), y: svg(Self.plotBottom - h), width: svg(barWidth), height: svg(h),
                labelX: svg(x + barWidth / 2), labelY: svg(Self.plotBottom + 16),
                valueY: svg(Self.plotBottom - h - 4))
        }
        let grid = [0, 25, 50, 75, 100].map {
            GridLine(y: svg(Self.plotBottom - Double($0) / 100 * plotHeight), label: style.percent(Double($0) / 100))
        }
        return TrendChart(
            rule: rule, ruleName: ruleName(rule), width: svg(Self.chartWidth), height: svg(Self.trendHeight),
            plotLeft: svg(Self.plotLeft), plotRight: svg(Self.plotRight), gridLines: grid, bars: bars,
            hasBars: bars.contains { $0.hasValue })
    }

    /// Horizontal bars of one rate by region, the organisation's rate as a line.
    /// Bars start at x = 200 (region names to their left) and 100 % is 360 units.
    func regionChart(_ spec: RateSpec) -> RegionChart {
        let minDen: Double = spec.describesChildren ? 5 : 0
        let left = 200.0
        let full = 360.0
        let rowHeight = 22.0
        let org = spec.org ?? spec.regions.reduce(Ratio.zero) { $0 + $1.ratio }
        let orgShare = shownShare(spec, key: spec.keys?.share, org)
        let bars = spec.regions.sorted { $0.code < $1.code }.enumerated().map { (i, r) -> RegionBar in
            let share = shownShare(spec, key: spec.keys?.regions[r.code], r.ratio)
            let w = (share ?? 0) * full
            let y = 8 + Double(i) * rowHeight
            return RegionBar(
                region: regionRef(r.code), y: svg(y), textY: svg(y + 13), width: svg(w), hasValue: share != nil,
                value: share.map(style.percent) ?? Publication.hidden, valueX: svg(left + w + 6),
                differs: differsMaterially(r.code, spec: spec))
        }
        return RegionChart(
            label: spec.label, height: svg(16 + Double(max(1, bars.count)) * rowHeight), hasOrg: orgShare != nil,
            orgX: orgShare.map { svg(left + $0 * full) } ?? "",
            orgRate: orgShare.map(style.percent) ?? Publication.hidden,
            bars: bars)
    }

    /// SVG coordinates with one decimal and a point, whatever the language.
    func svg(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        return tenths % 10 == 0 ? String(tenths / 10) : String(Double(tenths) / 10)
    }
}
