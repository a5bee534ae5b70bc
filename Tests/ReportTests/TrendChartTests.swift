import CaseModel
import Foundation
@testable import Report
import Rules
import Testing

/// The monthly trend (report.md, "A reply a director signs" and its decisions on charts): months
/// by clock start, a month complete only when the latest deadline of its items lies before T,
/// incomplete months marked without a rate, each point with its count suppressed like any count,
/// a 100 % line and a legend.
@Suite struct TrendChartTests {
    static let rule = RuleID.screening.rawValue
    static let asOf = "2024-05-31"
    static func date(_ s: String) -> CalendarDate { ReportFixture.date(s) }

    /// `count` screening items whose clock starts on consecutive days of `month` 2024, the first `met`
    /// of them met, the rest late; each deadline 10 days after its start (or `deadline` for all).
    static func items(month: Int, count: Int, met: Int, deadline: String? = nil) -> [DeadlineItem] {
        (0..<count).map { i in
            let start = CalendarDate(year: 2024, month: month, day: i % 28 + 1)!
            let due = deadline.map(date) ?? start.adding(days: 10)
            return DeadlineItem(
                rule: rule, service: .lastensuojelu, region: "JKL", caseId: "C\(month)-\(i)", clockStart: start,
                deadline: due, done: i < met ? start : due.adding(days: 1), outcome: i < met ? .met : .late)
        }
    }

    /// An evaluation of January–May 2024 on T = 31.5.2024 whose deadline tables (one region and the
    /// organisation, per rule and service) add up the items, as the rules stage's would.
    static func evaluation(
        _ items: [DeadlineItem], period: (String, String) = ("2024-01-01", "2024-05-31"), asOf: String = asOf
    ) -> Evaluation {
        let key = { (i: DeadlineItem) in i.rule + "|" + i.service.rawValue }
        var keys: [String] = []
        for i in items where !keys.contains(key(i)) { keys.append(key(i)) }
        let rows = keys.flatMap { k in
            let of = items.filter { key($0) == k }
            let n = { (o: DeadlineOutcome) in of.filter { $0.outcome == o }.count }
            return ["*", "JKL"].map {
                Findings.DeadlineRow(
                    rule: of[0].rule, service: of[0].service.rawValue, region: $0, met: n(.met), late: n(.late),
                    overdue: n(.overdue), pending: n(.pending))
            }
        }
        let findings = Findings(
            organisation: "Keski-Suomen hyvinvointialue", asOf: asOf,
            period: .init(start: period.0, end: period.1, basis: ["*": "clock-start"]), deadlines: rows)
        return Evaluation(
            findings: findings, asOf: date(asOf), periodStart: date(period.0), periodEnd: date(period.1),
            items: items, unassigned: [], caseloadLimit: nil, regionNames: ["JKL": "Jyväskylä"])
    }

    static func chart(
        _ items: [DeadlineItem], language: ReportLanguage = .fi, secondary: Bool = true,
        period: (String, String) = ("2024-01-01", "2024-05-31"), asOf: String = asOf, services: [Service]? = nil,
        rule: String = rule
    ) throws -> TrendChart {
        let set = try TemplateSet(directory: ReportFixture.templates)
        var options = ReportOptions(documentDate: date("2024-06-03"), toolVersion: "V")
        options.secondarySuppression = secondary
        let model = try ReportBuilder(
            evaluation: evaluation(items, period: period, asOf: asOf), previous: nil,
            metadata: { var m = ReportFixture.metadata(.aviResponse, language); m.services = services; return m }(),
            rules: ReportFixture.rules, strings: try set.strings(for: language), options: options
        ).build()
        return try #require(model.deadlines.charts.first { $0.rule == rule })
    }

    @Test func theChartCoversTheServicesOfTheReply() throws {
        let start = RuleID.assessmentStart.rawValue
        let items = [Service.lastensuojelu, .lapsiperheet].flatMap { service in
            Self.items(month: 2, count: service == .lapsiperheet ? 10 : 20, met: service == .lapsiperheet ? 5 : 15)
                .map { var i = $0; i.rule = start; i.service = service; i.caseId += service.rawValue; return i }
        }
        let all = try #require(try Self.chart(items, rule: start).bars.first { $0.month == "2/2024" })
        #expect(all.met == "20" && all.counted == "30" && all.value == "66,7\u{00A0}%")
        let families = try #require(
            try Self.chart(items, services: [.lapsiperheet], rule: start).bars.first { $0.month == "2/2024" })
        #expect(families.met == "5" && families.counted == "10" && families.value == "50,0\u{00A0}%")
    }

    static func render(_ items: [DeadlineItem], format: ReportFormat, language: ReportLanguage = .fi) throws -> String {
        try ReportFixture.render(.aviResponse, language, format: format, evaluation: evaluation(items))
    }

    @Test func monthsRunOverThePeriodByClockStart() throws {
        let c = try Self.chart(Self.items(month: 2, count: 20, met: 15))
        #expect(c.bars.map(\.month) == ["1/2024", "2/2024", "3/2024", "4/2024", "5/2024"])
        // January, March and April ended before T with nothing in them; May had not ended.
        #expect(c.bars.map(\.value) == ["–", "75,0\u{00A0}%", "–", "–", ""])
        #expect(c.bars.map(\.isIncomplete) == [false, false, false, false, true])
        #expect(c.incompleteMonths == ["5/2024"] && c.asOf == "31.5.2024")
    }

    @Test func aMonthWhoseLatestDeadlineIsOnOrAfterTIsIncompleteWithoutARate() throws {
        // Every item of March was done in time, but one of them was due on T itself: March is not complete.
        // April's latest deadline falls after T (a pending item).
        let pending = DeadlineItem(
            rule: Self.rule, service: .lastensuojelu, region: "JKL", caseId: "P1", clockStart: Self.date("2024-04-30"),
            deadline: Self.date("2024-06-10"), done: nil, outcome: .pending)
        let items = Self.items(month: 2, count: 10, met: 8) + Self.items(month: 3, count: 10, met: 10)
            + Self.items(month: 3, count: 1, met: 1, deadline: Self.asOf) + Self.items(month: 4, count: 9, met: 9)
            + [pending]
        let c = try Self.chart(items)
        let march = try #require(c.bars.first { $0.month == "3/2024" })
        let april = try #require(c.bars.first { $0.month == "4/2024" })
        for month in [march, april] {
            #expect(month.isIncomplete && !month.hasValue)
            #expect(month.value.isEmpty && month.met.isEmpty && month.counted.isEmpty)
        }
        let february = try #require(c.bars.first { $0.month == "2/2024" })
        #expect(!february.isIncomplete && february.hasValue && february.value == "80,0\u{00A0}%")
        #expect(c.incompleteMonths == ["3/2024", "4/2024", "5/2024"])
        // The Markdown marks them and prints neither rate nor count.
        let md = try Self.render(items, format: .markdown)
        #expect(md.contains("| 3/2024 | kesken |  |  |"))
        #expect(md.contains("| 4/2024 | kesken |  |  |"))
        #expect(md.contains("Kesken, ilman osuutta: 3/2024, 4/2024, 5/2024, koska"))
        #expect(md.contains("tarkastelupäivää 31.5.2024."))
        // The words come from the language's labels.
        let sv = try Self.render(items, format: .markdown, language: .sv)
        #expect(sv.contains("| 3/2024 | ofullständig |  |  |"))
        let en = try Self.render(items, format: .markdown, language: .en)
        #expect(en.contains("| 2024-03 | incomplete |  |  |"))
    }

    @Test func aCompleteMonthShowsItsRateAndCount() throws {
        let items = Self.items(month: 1, count: 12, met: 9) + Self.items(month: 2, count: 20, met: 17)
        let c = try Self.chart(items)
        let january = try #require(c.bars.first { $0.month == "1/2024" })
        #expect(january.value == "75,0\u{00A0}%" && january.met == "9" && january.counted == "12")
        let md = try Self.render(items, format: .markdown)
        #expect(md.contains("| 1/2024 | 75,0 % | 9 | 12 |".replacingOccurrences(of: " %", with: "\u{00A0}%")))
        #expect(md.contains("| 2/2024 | 85,0 % | 17 | 20 |".replacingOccurrences(of: " %", with: "\u{00A0}%")))
        let html = try Self.render(items, format: .html)
        #expect(html.contains(">9/12</text>") && html.contains(">17/20</text>"))
    }

    @Test func countsUnderFiveAreSuppressedLikeAnyCount() throws {
        // January: 3 items (a share of fewer than five is not shown). February: 4 of 6 met, and
        // 66,7 % of 6 would give the 4 away, so the share is withheld too. May has not ended: its
        // items are in the table but in no printed month, so the months do not add up to the table.
        let items = Self.items(month: 1, count: 3, met: 2) + Self.items(month: 2, count: 6, met: 4)
            + Self.items(month: 3, count: 40, met: 30) + Self.items(month: 5, count: 5, met: 5)
        let c = try Self.chart(items)
        let january = try #require(c.bars.first { $0.month == "1/2024" })
        #expect(january.met == "<\u{00A0}5" && january.counted == "<\u{00A0}5" && january.value == "..")
        #expect(!january.hasValue)
        let february = try #require(c.bars.first { $0.month == "2/2024" })
        #expect(february.met == "<\u{00A0}5" && february.counted == "6" && february.value == "..")
        let md = try Self.render(items, format: .markdown)
        #expect(md.contains("| 1/2024 | .. | \\<\u{00A0}5 | \\<\u{00A0}5 |"))
        let html = try Self.render(items, format: .html)
        #expect(html.contains(">&lt;\u{00A0}5/6</text>"))
    }

    /// When every month is complete, the months add up to the table's organisation row: a month's
    /// `< 5` must not be what the table's total leaves over the other months.
    @Test func theTableTotalDoesNotGiveAMonthAway() throws {
        let items = Self.items(month: 1, count: 30, met: 27) + Self.items(month: 2, count: 3, met: 3)
            + Self.items(month: 3, count: 20, met: 18) + Self.items(month: 4, count: 12, met: 12)
        func recovered(secondary: Bool) throws -> [String] {
            let c = try Self.chart(items, secondary: secondary)
            #expect(c.bars.filter(\.isIncomplete).map(\.month) == ["5/2024"])
            // What a reader has: the table's total of decided items and each month's printed count.
            var p = DisclosureProblem()
            let months = c.bars.filter { !$0.isIncomplete }
            for (i, bar) in months.enumerated() {
                switch bar.counted {
                case "<\u{00A0}5":
                    p.count("m\(i)", 1)
                    p.cells[p.cells.count - 1].state = .small
                case "..", "":
                    p.count("m\(i)", 0)
                    p.cells[p.cells.count - 1].state = .hidden
                default: p.count("m\(i)", Int(bar.counted) ?? -1)
                }
            }
            p.count("total", 65)
            p.sum("total", months.indices.map { "m\($0)" })
            return p.recovered().map { p.cells[$0].key }
        }
        // Without secondary suppression February's 3 is 65 − 30 − 20 − 12: the test can fail.
        #expect(try recovered(secondary: false) == ["m1"])
        #expect(try recovered(secondary: true).isEmpty)
    }

    @Test func theHTMLChartDrawsTheHundredPercentLineAndALegend() throws {
        let items = Self.items(month: 1, count: 12, met: 9) + Self.items(month: 5, count: 6, met: 6)
        let html = try Self.render(items, format: .html)
        let svg = try #require(
            html.components(separatedBy: "<svg").dropFirst().first { $0.contains("trend-\(Self.rule)") })
        let c = try Self.chart(items)
        // The 100 % line at the plot's top, dashed, with its label; the grid stops under it.
        let line =
            "y1=\"\(c.targetY)\" y2=\"\(c.targetY)\" stroke=\"#111\" stroke-width=\"1.2\" stroke-dasharray=\"6 3\""
        #expect(c.targetY == "16" && svg.contains(line))
        #expect(svg.contains(">100,0\u{00A0}%</text>"))
        #expect(c.gridLines.map(\.label) == ["0,0\u{00A0}%", "25,0\u{00A0}%", "50,0\u{00A0}%", "75,0\u{00A0}%"])
        // The legend names every colour: the bars, the line and the hatched incomplete months.
        #expect(svg.contains(">Osuus määräajassa; kuukauden alla määräajassa / asioita</text>"))
        #expect(svg.contains(">100,0\u{00A0}% (kaikki määräajassa)</text>"))
        #expect(svg.contains(">Kesken: kaikkien kuukauden asioiden määräaika ei ole päättynyt</text>"))
        #expect(svg.contains("fill=\"url(#trend-\(Self.rule)-hatch)\""))
        // The incomplete month is marked in its band, and the text alternative says so.
        #expect(svg.contains(">kesken</text>"))
        #expect(svg.contains("5/2024: kesken</desc>"))
        #expect(svg.contains("1/2024: 75,0\u{00A0}% (9/12)"))
        // The line under the chart: months by clock start, which are incomplete and why.
        #expect(html.contains("kuukausi on se, jona asian määräaika alkoi kulua (näin kaikissa kaavioissa)."))
        #expect(html.contains("Kesken, ilman osuutta: 5/2024, koska"))
    }

    @Test func manyMonthsMakeTheLabelsSmaller() throws {
        let items = Self.items(month: 1, count: 12, met: 9)
        #expect(try Self.chart(items).labelSize == "9")
        // Two years: 24 slots of 24 units; "75,0 %" must still fit its own.
        let two = try Self.chart(items, period: ("2023-01-01", "2024-12-31"), asOf: "2025-01-01")
        #expect(two.bars.count == 24)
        let size = try #require(Double(two.labelSize))
        #expect(size < 9 && size * 0.64 * 7 <= (630 - 44) / 24)
    }

    @Test func theTalliesAreKeyedByServiceScope() {
        let items = Self.items(month: 1, count: 5, met: 4) + [
            DeadlineItem(
                rule: RuleID.assessmentStart.rawValue, service: .lapsiperheet, region: "JKL", caseId: "L1",
                clockStart: Self.date("2024-01-05"), deadline: Self.date("2024-01-16"), done: nil, outcome: .overdue),
            DeadlineItem(
                rule: RuleID.assessmentStart.rawValue, service: .lastensuojelu, region: "JKL", caseId: "L2",
                clockStart: Self.date("2024-01-08"), deadline: Self.date("2024-06-16"), done: nil, outcome: .pending),
        ]
        let january = 2024 * 12
        let all = ReportBuilder.monthlyTallies(items)
        #expect(all[Self.rule]?[january] == MonthTally(met: 4, decided: 5, latestDeadline: Self.date("2024-01-15")))
        // A pending item counts for the latest deadline, never in the rate.
        #expect(
            all[RuleID.assessmentStart.rawValue]?[january]
                == MonthTally(met: 0, decided: 1, latestDeadline: Self.date("2024-06-16")))
        let families = ReportBuilder.monthlyTallies(items, services: ["lapsiperheet"])
        #expect(families[Self.rule] == nil)
        #expect(
            families[RuleID.assessmentStart.rawValue]?[january]
                == MonthTally(met: 0, decided: 1, latestDeadline: Self.date("2024-01-16")))
    }
}
