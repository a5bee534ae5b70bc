import CaseModel
import Foundation
import Testing

@testable import Report
@testable import Rules

/// Issue 22, the output side: a line break, a control or a bidi character in
/// a value from the export or the metadata never reaches a report as itself.
@Suite struct ValueCleaningTests {
    static let breaks = ["\r\n", "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}", "\t"]
    static let removed = ["\u{0}", "\u{7}", "\u{1B}", "\u{7F}", "\u{9B}", "\u{202E}", "\u{202A}", "\u{2066}", "\u{2069}", "\u{200F}", "\u{61C}"]

    @Test func eachLineBreakIsOneSpaceAndControlsAreRemoved() {
        for b in Self.breaks {
            #expect(HTMLValueContentType().escapeText("a\(b)b") == "a b", "\(b.unicodeScalars.map(\.value))")
            #expect(MarkdownContentType().escapeText("a\(b)b") == "a b")
        }
        for r in Self.removed {
            #expect(HTMLValueContentType().escapeText("a\(r)b") == "ab", "\(r.unicodeScalars.map(\.value))")
            #expect(MarkdownContentType().escapeText("a\(r)b") == "ab")
        }
        #expect(MarkdownContentType().escapeText("\r\n\r\n| x") == "  \\| x")
        #expect(MarkdownContentType().escapeText("- item") == "\\- item")
        #expect(MarkdownContentType().escapeText("\u{202E}- item") == "\\- item")
    }

    /// A quote followed by a combining mark is one `Character`, not `"`; the
    /// library's escaper, which compares characters, let it close an attribute.
    @Test func aQuoteWithACombiningMarkIsStillEscaped() {
        #expect(HTMLValueContentType().escapeText("x\"\u{301} onmouseover=alert(1) \"") == "x&quot;\u{301} onmouseover=alert(1) &quot;")
        #expect(HTMLValueContentType().escapeText("<\u{338}script>") == "&lt;\u{338}script&gt;")
    }

    @Test func theReportsHoldNoneOfThemFromTheExportOrTheMetadata() throws {
        let hostile = "Alku\r\n| rivi |\u{2028}# otsikko\u{85}loppu\u{202E}dekaf\u{1B}[2J\u{7}"
        let e = ReportFixture.evaluation(
            organisation: hostile, regionNames: ["JKL": hostile, "SAA": "Saari\r\njärvi", "JAM": "Jämsä\u{2066}"])
        var m = ReportFixture.metadata()
        m.organisation = .init(name: hostile, unit: "yksikkö\n\n# otsikko")
        m.recipient = "A\rB"
        m.contact = "p. 050\u{2029}000"
        m.distribution = ["yksi\r\nkaksi"]
        m.signatory = .init(name: "Etu\u{202E}nimi", title: "x\ny")
        for format in [ReportFormat.html, .markdown] {
            let text = try ReportFixture.render(format: format, evaluation: e, metadata: m)
            for s in text.unicodeScalars {
                let v = s.value
                let control = (v < 0x20 && v != 0x0A && v != 0x09) || (0x7F...0x9F).contains(v)
                let bidi = [0x061C, 0x200E, 0x200F, 0x2028, 0x2029].contains(v) || (0x202A...0x202E).contains(v)
                    || (0x2066...0x2069).contains(v)
                #expect(!control && !bidi, "\(format): U+\(String(v, radix: 16)) in the report")
            }
            #expect(text.contains("Saari järvi"))
            #expect(!text.contains("\n# otsikko"))
            if format == .markdown {
                // Every table row keeps its header's number of cells.
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                for (i, line) in lines.enumerated() where line.hasPrefix("|---") {
                    let cells = line.filter { $0 == "|" }.count
                    var j = i + 1
                    while j < lines.count, lines[j].hasPrefix("|") {
                        let bars = lines[j].replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
                        #expect(bars == cells, "a row breaks its table: \(lines[j])")
                        j += 1
                    }
                }
            }
        }
    }
}

/// The template checks, on a copy of the repository's templates.
@Suite struct TemplateCheckTests {
    func copy() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("valvonta-tpl-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: ReportFixture.templates, toPath: dir)
        return dir
    }

    func append(_ text: String, to file: String, in dir: String) throws {
        let path = dir + "/" + file
        let original = try String(contentsOfFile: path, encoding: .utf8)
        try (original + text).write(toFile: path, atomically: true, encoding: .utf8)
    }

    func refusal(_ dir: String, _ format: ReportFormat = .html) -> ReportError? {
        do {
            _ = try ReportFixture.render(format: format, templates: dir)
            return nil
        } catch {
            return error as? ReportError
        }
    }

    @Test func theRepositoryTemplatesStayWellInsideTheLimits() throws {
        let set = try TemplateSet(directory: ReportFixture.templates)
        for format in [ReportFormat.html, .markdown] {
            for language in ReportLanguage.allCases {
                let templates = try set.load(format: format, language: language)
                let graph = PartialGraph(outlines: templates.mapValues(\.outline))
                let (order, cycle) = graph.order()
                #expect(cycle == nil && order.count == templates.count)
                let (depth, expansions) = graph.measure(order, limit: TemplateSet.maximumExpansions)
                #expect((depth.values.max() ?? 0) <= 16, "\(format) \(language): \(depth.values.max() ?? 0)")
                #expect((expansions.values.max() ?? 0) <= 1000)
            }
        }
    }

    @Test func aDelimiterChangeIsRefusedAtItsLine() throws {
        let dir = try copy()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let lines = try String(contentsOfFile: dir + "/html/closing.mustache", encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).count
        try append("{{=<% %>=}}<%> closing %>\n", to: "html/closing.mustache", in: dir)
        guard case .template(let path, let line, let problem)? = refusal(dir) else {
            Issue.record("not refused")
            return
        }
        #expect(path == dir + "/html/closing.mustache" && line == lines && problem.contains("delimiters"))
    }

    @Test func aCycleThroughSeveralPartialsIsNamed() throws {
        let dir = try copy()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "{{> b}}".write(toFile: dir + "/html/a.mustache", atomically: true, encoding: .utf8)
        try "x {{#s}}{{> c}}{{/s}}".write(toFile: dir + "/html/b.mustache", atomically: true, encoding: .utf8)
        try "{{> a}}".write(toFile: dir + "/html/c.mustache", atomically: true, encoding: .utf8)
        guard case .template(_, _, let problem)? = refusal(dir) else {
            Issue.record("not refused")
            return
        }
        #expect(problem.contains("a → b → c → a"), "\(problem)")
    }

    @Test func depthAndExpansionAreMeasuredWithoutRecursion() throws {
        // 100 000 partials in a chain: a list to walk, not a stack to fill.
        var outlines: [String: TemplateOutline] = [:]
        for i in 0..<100_000 {
            outlines["p\(i)"] = try TemplateOutline(
                i + 1 < 100_000 ? "{{> p\(i + 1)}}" : "", path: "p\(i)", maximumDepth: 64)
        }
        let graph = PartialGraph(outlines: outlines)
        let (order, cycle) = graph.order()
        #expect(cycle == nil && order.count == 100_000)
        let (depth, _) = graph.measure(order, limit: 10_000)
        #expect(depth["p0"] == 99_999)
        // Twice each: 2^40 - 2 expansions, saturated at the limit + 1.
        var doubled: [String: TemplateOutline] = [:]
        for i in 0..<40 {
            doubled["d\(i)"] = try TemplateOutline(
                i + 1 < 40 ? "{{> d\(i + 1)}} and {{> d\(i + 1)}}" : "", path: "d\(i)", maximumDepth: 64)
        }
        let g2 = PartialGraph(outlines: doubled)
        #expect(g2.measure(g2.order().order, limit: 10_000).expansions["d0"] == 10_001)
    }

    struct Row { var cells: [String] }
    struct Fake {
        var regions: [String]
        var rows: [Row]
        var maybe: [String]?
        var nothing: [String]?
    }

    @Test func listsAreMeasuredAndTheirNestingBounded() throws {
        let model = Fake(
            regions: Array(repeating: "r", count: 300), rows: [Row(cells: ["a"]), Row(cells: ["a", "b", "c"])],
            maybe: ["x", "y"], nothing: nil)
        let lengths = ModelShape.listLengths(model)
        #expect(lengths == ["regions": 300, "rows": 2, "cells": 3, "maybe": 2])
        let bomb = String(repeating: "{{#regions}}", count: 20) + "{{x}}" + String(repeating: "{{/regions}}", count: 20)
        let flat = "{{#rows}}{{#cells}}{{.}}{{/cells}}{{/rows}} {{#regions}}{{.}}{{^last()}}, {{/last()}}{{/regions}}"
        let graph = PartialGraph(outlines: [
            "bomb": try TemplateOutline(bomb, path: "bomb", maximumDepth: 64),
            "flat": try TemplateOutline(flat, path: "flat", maximumDepth: 64),
            "both": try TemplateOutline("{{#regions}}{{> flat}}{{/regions}}", path: "both", maximumDepth: 64),
        ])
        let work = graph.work(graph.order().order, lengths: lengths, limit: TemplateSet.maximumWork)
        #expect(work["bomb"] == TemplateSet.maximumWork + 1)
        // 1, two sections at the top, {{#cells}} twice (rows), {{.}} 2·3 times, {{.}} and {{^last()}} 300 times.
        let flatWork: Double = 1 + 2 + 2 + 6 + 600
        #expect(work["flat"] == flatWork)
        #expect(work["both"] == 2 + 300 * flatWork)
    }

    @Test func sectionsAreCountedBeforeTheMustacheParserSeesThem() throws {
        let text = String(repeating: "{{#a}}", count: 1_000_000)
        let started = Date()
        #expect(throws: ReportError.self) { try TemplateOutline(text, path: "t", maximumDepth: 64) }
        #expect(Date().timeIntervalSince(started) < 5)
        let ok = try TemplateOutline(
            String(repeating: "{{#a}}", count: 64) + String(repeating: "{{/a}}", count: 64), path: "t", maximumDepth: 64)
        #expect(ok.deepestSection == 64)
        // A comment ends at the first '}}', as in the Mustache parser.
        let comment = try TemplateOutline("{{! a {{> x }}{{! {{=<% %>= }}{{>y}}", path: "t", maximumDepth: 64)
        #expect(comment.uses.map(\.partial) == ["y"])
    }

    @Test func labelsGivenTwiceOrAsAListAreRefused() throws {
        for text in ["a.b: x\na:\n  b: y\n", "a: [x]\n", "- x\n", "a: &x y\n"] {
            #expect(throws: (any Error).self) { try TemplateSet.labels(Array(text.utf8), file: "l.yaml") }
        }
        #expect(try TemplateSet.labels(Array("a:\n  b: x\n  c: 'y'\nd: z\n".utf8), file: "l") == ["a.b": "x", "a.c": "y", "d": "z"])
    }

    @Test func aTemplateThatIsNotUTF8IsRefused() throws {
        let dir = try copy()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data([0x61, 0x0A, 0x62, 0xE4, 0x0A]).write(to: URL(fileURLWithPath: dir + "/html/closing.mustache"))
        guard case .template(_, let line, let problem)? = refusal(dir) else {
            Issue.record("not refused")
            return
        }
        #expect(line == 2 && problem.contains("UTF-8"))
    }
}

@Suite struct SettingsBoundsTests {
    @Test func theDayAndMonthBoundsAreDocumentedAndEnforced() throws {
        let doc = try String(
            contentsOf: URL(fileURLWithPath: ReportFixture.templates).deletingLastPathComponent()
                .appendingPathComponent("docs/settings.md"), encoding: .utf8)
        let keys: [RuleSettings.CodingKeys] = [.urgencyDays, .planReviewMonths, .meetingIntervalDays, .firstPlanDays]
        for key in keys {
            let range = try #require(RuleSettings.wholeNumberRanges[key])
            #expect(doc.contains("| `\(key.stringValue)` |"), "\(key)")
            #expect(doc.contains("\(range.lowerBound)–\(range.upperBound)"), "\(key) \(range)")
            #expect(throws: RuleSettingsError.self) { try RuleSettings.parse(yaml: "\(key.stringValue): \(range.upperBound + 1)") }
            #expect(throws: RuleSettingsError.self) { try RuleSettings.parse(yaml: "\(key.stringValue): \(range.lowerBound - 1)") }
            _ = try RuleSettings.parse(yaml: "\(key.stringValue): \(range.upperBound)")
        }
        #expect(throws: RuleSettingsError.self) { try RuleSettings.parse(yaml: "regionalGapPoints: 100.01") }
    }

    @Test func errorsCarryTheirPlace() throws {
        do {
            _ = try RuleSettings.read(Array("# x\nurgencyDays: 1\nurgencyDays: 99999\n".utf8), file: "s.yaml")
            Issue.record("read")
        } catch {
            guard case .located(let place, let inner) = error else {
                Issue.record("\(error)")
                return
            }
            #expect((place.line, place.column, place.path) == (3, 1, "urgencyDays"))
            #expect(inner == .unknownKey("urgencyDays") || place.problem.contains("twice"))
        }
        #expect(throws: RuleSettingsError.invalid(key: "meetingIntervalDays", expected: "a whole number ≤ 3650")) {
            try RuleSettings.parse(yaml: "meetingIntervalDays: 3651")
        }
        #expect(try RuleSettings.parse(yaml: "childWelfareKinds: [lastensuojeluilmoitus]").childWelfareKinds == [.lastensuojeluilmoitus])
    }
}
