import CaseModel
import Foundation
import Report
import Rules
import Testing

@Suite struct EscapingTests {
    static let hostile = "<script>alert('x')</script> & \"quoted\" | *bold* [link](http://x)"

    func hostileInputs() -> (Evaluation, ResponseMetadata) {
        let e = ReportFixture.evaluation(
            organisation: Self.hostile,
            regionNames: ["JKL": Self.hostile, "SAA": "Saari<b>järvi</b>", "JAM": "Jämsä & Kuhmoinen"])
        var m = ReportFixture.metadata()
        m.organisation = .init(name: Self.hostile, unit: "<img src=x onerror=alert(1)>")
        m.recipient = Self.hostile
        m.request?.reference = "\"><script>ref</script>"
        m.actions = "<script>act</script>\n\n- **<b>bold</b>** & more"
        m.distribution = ["<iframe>"]
        m.contact = "a|b"
        return (e, m)
    }

    @Test func htmlEscapesEveryExportAndMetadataValue() throws {
        let (e, m) = hostileInputs()
        let html = try ReportFixture.render(evaluation: e, metadata: m)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<iframe"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;"))
        #expect(html.contains("Saari&lt;b&gt;järvi&lt;/b&gt;"))
        #expect(html.contains("&quot;&gt;&lt;script&gt;ref&lt;/script&gt;"))
        // The actions' own bold becomes markup; the HTML inside it stays text.
        #expect(html.contains("<strong>&lt;b&gt;bold&lt;/b&gt;</strong> &amp; more"))
    }

    @Test func markdownEscapesTableAndInlineCharacters() throws {
        let (e, m) = hostileInputs()
        let md = try ReportFixture.render(format: .markdown, evaluation: e, metadata: m)
        #expect(md.contains("\\<script\\>alert('x')\\</script\\> \\& \"quoted\" \\| \\*bold\\* \\[link\\](http://x)"))
        #expect(md.contains("a\\|b"))
        #expect(!md.contains("<script>"))
        // Every table row keeps the header's number of cells.
        let lines = md.split(separator: "\n").map(String.init)
        var tables = 0
        for (i, line) in lines.enumerated() where line.hasPrefix("|---") {
            tables += 1
            let cells = line.filter { $0 == "|" }.count
            var j = i + 1
            while j < lines.count, lines[j].hasPrefix("|") {
                let unescaped = lines[j].replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
                #expect(unescaped == cells, "a row breaks its table: \(lines[j])")
                j += 1
            }
        }
        #expect(tables >= 10)
    }
}

@Suite struct SuppressionTests {
    /// The cells the templates mark as counts (`<td class="n">`).
    func countCells(_ html: String) -> [String] {
        html.components(separatedBy: "<td class=\"n\">").dropFirst().compactMap {
            $0.components(separatedBy: "</td>").first
        }
    }

    @Test func countsOneToFourNeverAppearInSuppressedTables() throws {
        let html = try ReportFixture.render()
        let cells = countCells(html)
        #expect(cells.count > 40)
        for c in cells { #expect(!["1", "2", "3", "4"].contains(c), "count \(c) shown") }
        #expect(cells.contains("&lt;\u{00A0}5"))
        // Jämsä's screening rate has 4 in its denominator: not shown (..).
        #expect(
            html.contains(
                "<th scope=\"row\">Jämsä</th><td class=\"n\">&lt;\u{00A0}5</td><td class=\"n\">&lt;\u{00A0}5</td>"
                    + "<td class=\"n\">0</td><td class=\"n\">0</td><td>..</td>"))
        let md = try ReportFixture.render(format: .markdown)
        #expect(md.contains("| Jämsä | \\<\u{00A0}5 | \\<\u{00A0}5 | 0 | 0 | .. |"))
        #expect(md.contains("| Lastensuojelu | Jämsä | \\<\u{00A0}5 | \\<\u{00A0}5 | .. | \\<\u{00A0}5 | .. |"))
        // The assignment table: Jämsä's 3 clients would be 600 − 410 − 187, so Saarijärvi's
        // 187 (the smaller region) is hidden too, and its share with it; the total stays.
        #expect(md.contains("| Saarijärvi | .. | 23 | .. | 75 | 75 | \\<\u{00A0}5 |"))
        #expect(md.contains("| Koko hyvinvointialue | 600 | 35 | 5,8\u{00A0}% |"))
    }

    @Test func noSuppressShowsExactCounts() throws {
        let html = try ReportFixture.render(suppress: false)
        #expect(
            html.contains(
                "<th scope=\"row\">Jämsä</th><td class=\"n\">3</td><td class=\"n\">1</td><td class=\"n\">0</td>"
                    + "<td class=\"n\">0</td><td>75,0\u{00A0}%</td>"))
        #expect(!countCells(html).contains("&lt;\u{00A0}5"))
    }
}

@Suite struct TemplateGuardTests {
    func copyTemplates() throws -> String {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("valvonta-templates-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: ReportFixture.templates, toPath: dir)
        return dir
    }

    @Test func missingPartialIsAnErrorNamingIt() throws {
        let dir = try copyTemplates()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.removeItem(atPath: dir + "/html/plans.mustache")
        let expected = ReportError.missingPartial(name: "plans", usedIn: "html/sections.mustache", directory: dir)
        #expect(throws: expected) { try ReportFixture.render(templates: dir) }
        #expect(expected.errorDescription?.contains("partial 'plans'") == true)
        // The Markdown set is complete, so it still renders.
        _ = try ReportFixture.render(format: .markdown, templates: dir)
    }

    @Test func missingLanguageSentenceIsAnError() throws {
        let dir = try copyTemplates()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.removeItem(atPath: dir + "/sv/sentence-change.mustache")
        #expect(throws: ReportError.self) { try ReportFixture.render(.aviResponse, .sv, templates: dir) }
        _ = try ReportFixture.render(.aviResponse, .fi, templates: dir)
    }

    @Test func missingLabelIsAnErrorNamingIt() throws {
        let dir = try copyTemplates()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/en/labels.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: "  oldestDays: Oldest (days)\n", with: "")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let expected = ReportError.strings(
            file: "en/labels.yaml", problem: "label 'col.oldestDays' used in html/deadlines.mustache is missing")
        #expect(throws: expected) { try ReportFixture.render(.aviResponse, .en, templates: dir) }
    }

    @Test func missingRootTemplateAndDirectory() throws {
        let dir = try copyTemplates()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.removeItem(atPath: dir + "/markdown/omavalvonta.mustache")
        #expect(throws: ReportError.missingTemplate(name: "omavalvonta", directory: dir)) {
            try ReportFixture.render(.omavalvonta, format: .markdown, templates: dir)
        }
        #expect(throws: ReportError.self) { try TemplateSet(directory: dir + "/nowhere") }
    }

    @Test func userCopyIsUsedWithoutRebuilding() throws {
        let dir = try copyTemplates()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/fi/labels.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: "avi: SELVITYS", with: "avi: VASTINE")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let html = try ReportFixture.render(templates: dir)
        #expect(html.contains("<div class=\"doctype\">VASTINE</div>"))
    }
}
