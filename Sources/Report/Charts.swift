import CaseModel
import Rules

/// One month of a deadline rule's items, by the month their clock started.
struct MonthTally: Sendable, Equatable {
    /// Done by the deadline.
    var met = 0
    /// Decided on T: met + late + overdue.
    var decided = 0
    /// The latest deadline of any item counted in the month, pending ones included.
    var latestDeadline: CalendarDate?
}

/// A month of the trend as the chart shows it.
struct TrendMonth: Sendable {
    /// year × 12 + month − 1.
    var index: Int
    var tally: MonthTally
    /// Every item whose clock started in the month had reached its deadline before T, and the
    /// month had ended: its rate is final. Otherwise it is shown as incomplete, without a rate.
    var isComplete: Bool
}

extension ReportBuilder {
    /// The service codes a report covers when nothing narrows it.
    static let allServices = Set(Service.allCases.map(\.rawValue))

    static func monthIndex(_ d: CalendarDate) -> Int { d.year * 12 + d.month - 1 }

    /// Per deadline rule, per month of clock start (`monthIndex`): the items decided on T
    /// (met + late + overdue), those met, and the latest deadline of any item, pending or not.
    /// Only the items of `services` (service codes) count. One pass over the items; the
    /// trend charts and the disclosure check both read it.
    static func monthlyTallies(_ items: [DeadlineItem], services: Set<String> = allServices)
        -> [String: [Int: MonthTally]]
    {
        let wanted = Set(Service.allCases.filter { services.contains($0.rawValue) })
        var out: [String: [Int: MonthTally]] = [:]
        for item in items where wanted.contains(item.service) {
            let m = monthIndex(item.clockStart)
            var t = out[item.rule]?[m] ?? MonthTally()
            if item.outcome != .pending {
                t.decided += 1
                if item.outcome == .met { t.met += 1 }
            }
            t.latestDeadline = max(t.latestDeadline ?? item.deadline, item.deadline)
            out[item.rule, default: [:]][m] = t
        }
        return out
    }

    /// The rules with a monthly trend: every deadline rule of the tables but `SHL36-urgency`,
    /// which stands with the family and working-age services.
    static func trendRules(_ f: Findings) -> Set<String> {
        Set(f.deadlines.map(\.rule)).subtracting([RuleID.socialUrgency.rawValue])
    }

    /// Every month of the period for one rule, complete or not (report.md, "Decisions on 'A reply a
    /// director signs'": a month is complete when the latest deadline of any clock start in it lies
    /// before T). A month that has not ended before T is incomplete too, whatever it holds so far.
    static func trendMonths(_ months: [Int: MonthTally]?, evaluation e: Evaluation) -> [TrendMonth] {
        let first = monthIndex(e.periodStart)
        let last = max(first, monthIndex(e.periodEnd))
        return (first...last).map { m in
            let tally = months?[m] ?? MonthTally()
            let year = m / 12
            let month = m % 12 + 1
            let lastDay = CalendarDate(
                dayNumber: Int32(
                    CalendarDate.daysFromCivil(year, month, CalendarDate.daysIn(month: month, year: year))))
            let settled = max(tally.latestDeadline ?? lastDay, lastDay)
            return TrendMonth(index: m, tally: tally, isComplete: settled < e.asOf)
        }
    }

    /// The monthly figures as cells of the disclosure problem: a complete month of a charted rule
    /// prints its met and its items (n/N) and its share; an incomplete month prints nothing but
    /// is still a part of the rule's total, so that the months of a rule add up to its tables'
    /// organisation rows as a reader would add them.
    static func trendFigures(
        _ monthly: [String: [Int: MonthTally]], findings f: Findings, evaluation: Evaluation,
        services: Set<String> = allServices, into p: inout DisclosureProblem
    ) {
        typealias K = Publication.Key
        let charted = trendRules(f)
        let star = Findings.allRegions
        for (rule, months) in monthly.sorted(by: { $0.key < $1.key }) {
            let complete = Set(
                trendMonths(months, evaluation: evaluation).filter(\.isComplete).map(\.index))
            for (m, v) in months.sorted(by: { $0.key < $1.key }) {
                let shown = charted.contains(rule) && complete.contains(m)
                p.count(K.month(rule, m, "den"), v.decided, published: shown)
                p.count(K.month(rule, m, "num"), v.met, published: shown)
                p.count(K.month(rule, m, "notMet"), v.decided - v.met, published: false)
                p.sum(K.month(rule, m, "den"), [K.month(rule, m, "num"), K.month(rule, m, "notMet")])
                if shown {
                    p.share(
                        K.month(rule, m, "rate"), numerator: [K.month(rule, m, "num")],
                        denominator: [K.month(rule, m, "den")])
                }
            }
            // A rule counted by clock start has every item in some month of the period: its months
            // add up to the organisation rows of its tables (one per service).
            let rows = f.deadlines.filter {
                $0.rule == rule && $0.region == star && services.contains($0.service)
            }
            guard !rows.isEmpty else { continue }
            let totals = [
                (
                    "den", "decided", months.values.reduce(0) { $0 + $1.decided },
                    rows.reduce(0) { $0 + $1.met + $1.late + $1.overdue }
                ),
                ("num", "met", months.values.reduce(0) { $0 + $1.met }, rows.reduce(0) { $0 + $1.met }),
            ]
            // Only a relation that holds: a rule on the completion basis counts other items in its tables.
            for (column, tableColumn, inMonths, inTables) in totals where inMonths == inTables {
                p.count(K.months(rule, column), inMonths, published: false)
                p.sum(K.months(rule, column), months.keys.sorted().map { K.month(rule, $0, column) })
                p.sum(K.months(rule, column), rows.map { K.deadline(rule, $0.service, star, tableColumn) })
            }
        }
    }
}

/// Chart geometry in SVG user units. Swift decides where each bar goes; the
/// templates draw the shapes and hold every word (titles, text alternatives).
extension ReportBuilder {
    static let chartWidth = 640.0
    static let plotTop = 16.0
    static let plotBottom = 156.0
    static let plotLeft = 44.0
    static let plotRight = 630.0
    static let legendRow = 14.0

    /// The monthly rate of one deadline rule (every service and region of the report together)
    /// by the month its clock started, for every month of the period. A complete month shows
    /// its rate (a bar) and its count as n/N, each as the tables print them; an incomplete
    /// month is marked, without either. A line marks 100 %.
    func trendChart(rule: String) -> TrendChart {
        let months = Self.trendMonths(monthly[rule], evaluation: evaluation)
        let points = months.map { trendPoint(rule: rule, $0) }
        let slot = (Self.plotRight - Self.plotLeft) / Double(months.count)
        // Labels a slot wide at most (DejaVu Sans digits are 0.64 em): smaller type when the
        // months are many or the counts long.
        let widest = points.map { max($0.rate.count, $0.met.count + $0.counted.count + 1, 7) }.max() ?? 7
        let labelSize = min(9, max(5, slot * 0.9 / (Double(widest) * 0.64)))
        let bars = points.enumerated().map { trendBar($1, index: $0, slot: slot, labelSize: labelSize) }
        let plotHeight = Self.plotBottom - Self.plotTop
        let grid = [0, 25, 50, 75].map {
            GridLine(y: svg(Self.plotBottom - Double($0) / 100 * plotHeight), label: style.percent(Double($0) / 100))
        }
        let incomplete = bars.filter(\.isIncomplete).map(\.month)
        let legendTop = Self.plotBottom + 14 + 2 * labelSize
        let legend = (0..<3).map { row -> LegendRow in
            let top = legendTop + Double(row) * Self.legendRow
            return LegendRow(y: svg(top), middle: svg(top + 4.5), textY: svg(top + 8))
        }
        let rows = incomplete.isEmpty ? 2.0 : 3.0
        return TrendChart(
            rule: rule, ruleName: ruleName(rule), width: svg(Self.chartWidth),
            height: svg(legendTop + rows * Self.legendRow + 2), plotLeft: svg(Self.plotLeft),
            plotRight: svg(Self.plotRight), gridLines: grid, targetY: svg(Self.plotTop), targetLabel: style.percent(1),
            labelSize: svg(labelSize), bars: bars, hasBars: months.contains { $0.tally.latestDeadline != nil },
            legendX: svg(Self.plotLeft), legendTextX: svg(Self.plotLeft + 22),
            legendLineEnd: svg(Self.plotLeft + 16), legendRate: legend[0], legendTarget: legend[1],
            legendIncomplete: legend[2], incompleteMonths: incomplete, hasIncomplete: !incomplete.isEmpty,
            asOf: style.date(evaluation.asOf),
            isCompletionBasis: Findings.basis(of: rule, in: findings) == DeadlineRule.Basis.completed.rawValue)
    }

    /// A month's printed figures: nothing when incomplete, else its share (nil when not printed),
    /// its rate as printed and its n/N, through the publication like every count.
    struct TrendPoint {
        var month: TrendMonth
        var share: Double?
        var rate = ""
        var met = ""
        var counted = ""
    }

    func trendPoint(rule: String, _ m: TrendMonth) -> TrendPoint {
        guard m.isComplete else { return TrendPoint(month: m) }
        typealias K = Publication.Key
        let t = m.tally
        let share = publication.shareValue(K.month(rule, m.index, "rate"), t.met, t.decided)
        return TrendPoint(
            month: m, share: share,
            rate: t.decided == 0 ? Publication.nothing : share.map(style.percent) ?? Publication.hidden,
            met: publication.count(K.month(rule, m.index, "num"), t.met),
            counted: publication.count(K.month(rule, m.index, "den"), t.decided))
    }

    /// Where the `index`th month's bar, band and labels go.
    func trendBar(_ p: TrendPoint, index: Int, slot: Double, labelSize: Double) -> TrendBar {
        let plotHeight = Self.plotBottom - Self.plotTop
        let barWidth = slot * 0.66
        let h = (p.share ?? 0) * plotHeight
        let x = Self.plotLeft + Double(index) * slot + (slot - barWidth) / 2
        // Inside the bar when it is tall enough, so that no label meets the 100 % line.
        let inside = h >= labelSize + 8
        return TrendBar(
            month: style.month(year: p.month.index / 12, month: p.month.index % 12 + 1), hasValue: p.share != nil,
            isIncomplete: !p.month.isComplete, value: p.rate, met: p.met, counted: p.counted,
            x: svg(x), y: svg(Self.plotBottom - h), width: svg(barWidth), height: svg(h),
            labelX: svg(x + barWidth / 2), labelY: svg(Self.plotBottom + 4 + labelSize),
            countY: svg(Self.plotBottom + 6 + 2 * labelSize),
            valueY: svg(inside ? Self.plotBottom - h + labelSize + 3 : Self.plotBottom - h - 4), valueInside: inside,
            bandY: svg(Self.plotTop), bandHeight: svg(plotHeight), bandTextY: svg(Self.plotTop + plotHeight / 2))
    }

    /// SVG coordinates with one decimal and a point, whatever the language.
    func svg(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        return tenths % 10 == 0 ? String(tenths / 10) : String(Double(tenths) / 10)
    }
}
