import CaseModel
import Foundation
import Rules
import Testing

@testable import Report

/// `report --history`: the summary's chains and section 2's charts over earlier evaluations, every
/// figure through the disclosure check.
@Suite struct HistoryTrendTests {
    /// An earlier evaluation of the fixture's organisation at `asOf`, with its queue, unassigned count
    /// and screening outcomes.
    static func earlier(_ asOf: String, open: Int, unassigned: Int, met: Int, late: Int, organisation: String? = nil)
        -> Findings
    {
        var f = ReportFixture.evaluation().findings
        f.asOf = asOf
        if let organisation { f.organisation = organisation }
        f.backlog = [.init(service: "lastensuojelu", region: "*", open: open, notStarted: 0, overdue: 0, oldestDays: 10)]
        f.assignment = [.init(region: "*", active: 600, unassigned: unassigned, unqualified: 0)]
        f.deadlines = [
            .init(rule: "LSL26-screening-7wd", service: "lastensuojelu", region: "*", met: met, late: late, overdue: 0, pending: 0)
        ]
        return f
    }

    static func model(history: [Findings], suppress: Bool = true) throws -> (ReportModel, Publication) {
        let set = try TemplateSet(directory: ReportFixture.templates)
        var options = ReportOptions(documentDate: ReportFixture.date("2024-06-03"), toolVersion: "V", suppress: suppress)
        options.history = history
        let builder = ReportBuilder(
            evaluation: ReportFixture.evaluation(), previous: nil, metadata: ReportFixture.metadata(.aviResponse, .en),
            rules: ReportFixture.rules, strings: try set.strings(for: .en), options: options)
        return (try builder.build(), builder.publication)
    }

    @Test func summaryChainsTheHeadlineFiguresOldestFirst() throws {
        let history = [
            Self.earlier("2024-03-31", open: 41, unassigned: 60, met: 80, late: 20),
            Self.earlier("2024-01-31", open: 113, unassigned: 70, met: 60, late: 40),
            // Another organisation's and a later one are not this report's history.
            Self.earlier("2024-02-29", open: 7, unassigned: 7, met: 1, late: 1, organisation: "Other"),
            Self.earlier("2024-07-31", open: 8, unassigned: 8, met: 1, late: 1),
        ]
        let (model, _) = try Self.model(history: history)
        #expect(model.history.hasHistory)
        let queue = try #require(model.history.lines.first { $0.label.hasPrefix("Open service-needs assessments") })
        #expect(queue.chain == "113 → 41 → 93")
        let unassigned = try #require(model.history.lines.first { $0.label.hasPrefix("Children without") })
        #expect(unassigned.chain == "70 → 60 → 35")
        let screening = try #require(model.history.lines.first { $0.label.hasPrefix("Child welfare notification") })
        #expect(screening.chain == "60.0% → 80.0% → 92.4%")
        #expect(model.history.dates.split(separator: ",").count == 3)
        #expect(model.history.hasCharts)
    }

    @Test func smallEarlierFiguresAreSuppressedAsTheOthers() throws {
        let history = [
            Self.earlier("2024-01-31", open: 3, unassigned: 2, met: 2, late: 1),
            Self.earlier("2024-03-31", open: 0, unassigned: 12, met: 9, late: 1),
        ]
        let (model, publication) = try Self.model(history: history)
        let queue = try #require(model.history.lines.first { $0.label.hasPrefix("Open service-needs assessments") })
        #expect(queue.values[0] == "<\u{00A0}5")
        #expect(queue.values[1] == "0")
        let unassigned = try #require(model.history.lines.first { $0.label.hasPrefix("Children without") })
        #expect(unassigned.values[0] == "<\u{00A0}5")
        // A rate of three decided items is withheld.
        let screening = try #require(model.history.lines.first { $0.label.hasPrefix("Child welfare notification") })
        #expect(screening.values[1] == "90.0%")
        #expect(screening.values[0] == Publication.hidden)
        // The earlier figures are cells of the check, and the check leaves nothing to recover.
        #expect(!publication.showsCount(ReportBuilder.historyKey(0, Publication.Key.backlog("lastensuojelu", "*", "open")), 3))
        var p = DisclosureProblem()
        ReportBuilder.historyCells(history, current: ReportFixture.evaluation().findings, into: &p)
        #expect(p.cells.contains { $0.key == "h|0|b|lastensuojelu|*|open" && $0.value == 3 })
        p.suppressPrimary()
        p.suppressSecondary()
        #expect(p.recovered().isEmpty)
        // Without suppression the figures are exact.
        let (exact, _) = try Self.model(history: history, suppress: false)
        #expect(exact.history.lines.first { $0.label.hasPrefix("Open service-needs") }?.values[0] == "3")
    }

    @Test func renderedReplyShowsTheTrendInSummaryAndChart() throws {
        let history = [Self.earlier("2024-01-31", open: 113, unassigned: 70, met: 60, late: 40)]
        let set = try TemplateSet(directory: ReportFixture.templates)
        for language in [ReportLanguage.fi, .sv, .en] {
            let strings = try set.strings(for: language)
            var options = ReportOptions(documentDate: ReportFixture.date("2024-06-03"), toolVersion: "V")
            options.history = history
            let model = try ReportBuilder(
                evaluation: ReportFixture.evaluation(), previous: nil, metadata: ReportFixture.metadata(.aviResponse, language),
                rules: ReportFixture.rules, strings: strings, options: options
            ).build()
            let html = try set.render(model, kind: .aviResponse, language: language, format: .html)
            #expect(html.contains("113 → 93"))
            // Once, whichever sections show the summary or the deadline tables.
            #expect(html.components(separatedBy: "<div class=\"history\">").count == 2)
            #expect(html.components(separatedBy: "id=\"h-backlog-lastensuojelu-title\"").count == 2)
            #expect(html.contains("<svg viewBox=\"0 0 640 220\" role=\"img\" aria-labelledby=\"h-backlog-lastensuojelu-title"))
            let markdown = try set.render(model, kind: .aviResponse, language: language, format: .markdown)
            #expect(markdown.contains("113 → 93"))
        }
        // No history: nothing of it in the reply.
        let plain = try ReportFixture.render(.aviResponse, .en)
        #expect(!plain.contains(" → "))
    }
}

/// The history is read in the reply's scope of services (metadata `services`), as its findings are:
/// a reply about family social work shows no earlier child welfare figures.
@Suite struct HistoryScopeTests {
    @Test func earlierEvaluationsAreScopedLikeThisOne() throws {
        let set = try TemplateSet(directory: ReportFixture.templates)
        var options = ReportOptions(documentDate: ReportFixture.date("2024-06-03"), toolVersion: "V")
        options.history = [HistoryTrendTests.earlier("2024-01-31", open: 113, unassigned: 70, met: 60, late: 40)]
        var metadata = ReportFixture.metadata(.aviResponse, .en)
        metadata.services = [.lapsiperheet]
        let builder = ReportBuilder(
            evaluation: ReportFixture.evaluation(), previous: nil, metadata: metadata, rules: ReportFixture.rules,
            strings: try set.strings(for: .en), options: options)
        #expect(builder.history.count == 1)
        #expect(builder.history.allSatisfy { $0.backlog.isEmpty && $0.deadlines.isEmpty && $0.assignment.isEmpty })
        let html = try set.render(try builder.build(), kind: .aviResponse, language: .en, format: .html)
        #expect(!html.contains("113"))
        // Without a scope the same history prints its chain.
        metadata.services = nil
        let all = ReportBuilder(
            evaluation: ReportFixture.evaluation(), previous: nil, metadata: metadata, rules: ReportFixture.rules,
            strings: try set.strings(for: .en), options: options)
        #expect(try set.render(try all.build(), kind: .aviResponse, language: .en, format: .html).contains("113 → 93"))
    }
}
