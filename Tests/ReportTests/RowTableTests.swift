import Foundation
import Testing

@testable import Report
@testable import Rules

/// The long tables written row by row (`RowTable`) are what Mustache writes, byte for byte,
/// whatever the values hold; a template whose rows are not all alike is left to Mustache.
@Suite struct RowTableTests {
    /// Values that every escaper changes in its own way, a marker-like text and plain ones.
    static let awkward = [
        "ps-0a1b2c", "-leading minus", "+plus", "=sum", "<b>bold</b> & \"quoted\" 'single'", "a|b", "*star* _u_ `c`",
        "[link](x) #h ~t \\", "Jyväskylä", "Åland–Ahvenanmaa", "line\r\nbreak\ttab", "bidi\u{202E}x\u{2066}",
        "ctl\u{07}\u{7F}\u{85}", "\u{10FFFD}0-0-0\u{10FFFD}", "", " ", "12.3.2024", "2024-03-12", "1 234",
    ]

    static func model(rows: Int, language: ReportLanguage = .fi) throws -> ReportModel {
        var model = try ReportBuilder(
            evaluation: ReportFixture.evaluation(), previous: nil,
            metadata: ReportFixture.metadata(.aviResponse, language), rules: ReportFixture.rules,
            strings: try TemplateSet(directory: ReportFixture.templates).strings(for: language),
            options: ReportOptions(
                documentDate: ReportFixture.date("2024-06-03"), toolVersion: "VERSION", includeExceptions: true)
        ).build()
        let a = awkward
        model.appendix.exceptions = (0..<rows).map { i in
            ExceptionRowModel(
                caseId: "C\(i)" + (i % 7 == 0 ? a[i % a.count] : ""), region: a[(i + 1) % a.count],
                rule: a[(i + 2) % a.count], service: a[(i + 3) % a.count], clockStart: a[(i + 4) % a.count],
                deadline: a[(i + 5) % a.count], done: i % 3 == 0 ? "" : a[(i + 6) % a.count], isOverdue: i % 3 == 0,
                daysLate: String(i % 40 - 3))
        }
        model.appendix.hasExceptions = rows > 0
        model.appendix.rejected = (0..<rows / 2).map {
            RejectedRowModel(source: a[$0 % a.count], line: String($0), reason: a[($0 + 3) % a.count])
        }
        model.appendix.hasRejected = rows > 1
        return model
    }

    static func both(_ set: TemplateSet, _ model: ReportModel, _ language: ReportLanguage, _ format: ReportFormat)
        throws -> (direct: String, mustache: String)
    {
        var plain = set
        plain.writesRowsDirectly = false
        return (
            try set.render(model, kind: .aviResponse, language: language, format: format),
            try plain.render(model, kind: .aviResponse, language: language, format: format)
        )
    }

    @Test(arguments: [0, 1, 2, 3, 250])
    func theRowsAreMustachesByteForByte(rows: Int) throws {
        let set = try TemplateSet(directory: ReportFixture.templates)
        for language in ReportLanguage.allCases {
            let model = try Self.model(rows: rows, language: language)
            for format in [ReportFormat.html, .markdown] {
                let (direct, mustache) = try Self.both(set, model, language, format)
                #expect(direct == mustache, "\(rows) rows, \(language) \(format)")
                if rows == 250 { #expect(direct.components(separatedBy: "C249").count == 2) }
            }
        }
    }

    /// The rows are written directly (not left to Mustache) with the repository's templates.
    @Test func theRepositoryRowsAreWrittenDirectly() throws {
        var plain = try TemplateSet(directory: ReportFixture.templates)
        plain.writesRowsDirectly = false
        for format in [ReportFormat.html, .markdown] {
            let model = try Self.model(rows: 100)
            let texts = try plain.load(format: format, language: .fi).values.map(\.text)
            let direct = RowTable.render(
                model, tables: ReportModel.rowTables, texts: texts, contentType: format.contentType
            ) { try? plain.render($0, kind: .aviResponse, language: .fi, format: format) }
            #expect(direct != nil)
            #expect(direct?.output == (try plain.render(model, kind: .aviResponse, language: .fi, format: format)))
        }
    }

    @Test func theBuiltInRowsAreAllAlike() throws {
        let set = try TemplateSet(directory: ReportFixture.templates)
        for format in [ReportFormat.html, .markdown] {
            for language in ReportLanguage.allCases {
                let texts = try set.load(format: format, language: language).values.map(\.text)
                for table in ReportModel.rowTables {
                    #expect(table.bodiesAreUniform(texts), "\(table.name) \(format) \(language)")
                }
            }
        }
    }

    /// A copy of templates/ with `edit` applied to the HTML appendix.
    static func editedAppendix(_ edit: (String) throws -> String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("valvonta-rows-\(UUID().uuidString)")
            .path
        try FileManager.default.copyItem(atPath: ReportFixture.templates, toPath: dir)
        let path = dir + "/html/appendix.mustache"
        try edit(try String(contentsOfFile: path, encoding: .utf8)).write(toFile: path, atomically: true, encoding: .utf8)
        return dir
    }

    /// Rows that differ by more than their values (a section over the row's own flag, the list twice,
    /// a partial, a transform, a column printed twice, words from the labels) still come out as Mustache's.
    @Test(arguments: [
        ("<td>{{daysLate}}</td>", "<td>{{daysLate}}{{#isOverdue}} !{{/isOverdue}}</td>"),
        ("<td>{{daysLate}}</td>", "<td>{{#first()}}first {{/first()}}{{daysLate}}</td>"),
        ("<td>{{daysLate}}</td>", "<td>{{> spans}}{{daysLate}}</td>"),
        ("<td>{{daysLate}}</td>", "<td>{{daysLate}} {{t.col.daysLate}} {{caseId}}</td>"),
        ("</tbody>\n</table>\n{{/hasExceptions}}", "</tbody>\n</table>\n{{#exceptions}}{{caseId}},{{/exceptions}}\n{{/hasExceptions}}"),
        ("<tbody>\n", "<tbody>{{^exceptions}}none{{/exceptions}}\n"),
        ("{{#exceptions}}\n", "  {{#exceptions}}\n  "),
        ("<tbody>\n", "<tbody>{{count(exceptions)}} {{#reversed(exceptions)}}{{caseId}}{{/reversed(exceptions)}}\n"),
        ("<tbody>\n", "<tbody>{{#appendix.exceptions}}{{#isOverdue}}!{{/isOverdue}}{{/appendix.exceptions}}\n"),
        ("<tbody>\n", "<tbody>{{#appendix}}{{#exceptions}}{{caseId}};{{/exceptions}}{{/appendix}}\n"),
        ("<tbody>\n", "<tbody>{{exceptions}}\n"),
        ("{{#exceptions}}\n<tr>", "{{#exceptions}}{{#hasRejected}}{{t.col.caseId}}{{/hasRejected}}\n<tr>"),
    ])
    func rowsThatAreNotAllAlikeAreMustaches(_ edit: (String, String)) throws {
        let dir = try Self.editedAppendix { text in
            #expect(text.contains(edit.0))
            return text.replacingOccurrences(of: edit.0, with: edit.1)
        }
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let set = try TemplateSet(directory: dir)
        let (direct, mustache) = try Self.both(set, try Self.model(rows: 40), .fi, .html)
        #expect(direct == mustache)
        #expect(direct.contains("C39"))
    }

    /// A list the templates do not print is not printed.
    @Test func aListTheTemplatesLeaveOutStaysOut() throws {
        let dir = try Self.editedAppendix { text in
            let start = try #require(text.range(of: "{{#hasRejected}}"))
            let end = try #require(text.range(of: "{{/hasRejected}}\n"))
            return String(text[..<start.lowerBound] + text[end.upperBound...])
        }
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (direct, mustache) = try Self.both(try TemplateSet(directory: dir), try Self.model(rows: 30), .fi, .html)
        #expect(direct == mustache && direct.contains("C29"))
    }

    @Test func thePlainValueTestsAgreeWithTheEscapers() {
        var samples = Self.awkward
        for b in UInt8(0)...UInt8(0x7F) {
            let c = String(decoding: [b], as: UTF8.self)
            samples += [c, "a" + c, c + "a", c + c]
        }
        samples += ["ä", "a\u{85}", "\u{2028}", "\u{FEFF}x", "x\u{200E}"]
        let types: [(String, any MustacheContentTypeLike, (String) -> Bool)] = [
            ("html", HTMLValueContentType(), HTMLValueContentType.isUnchanged),
            ("markdown", MarkdownContentType(), MarkdownContentType.isUnchanged),
            ("text", TextValueContentType(), TextValueContentType.isUnchanged),
        ]
        for (name, type, isUnchanged) in types {
            var unchanged = 0
            for s in samples where isUnchanged(s) {
                unchanged += 1
                #expect(type.escapeText(s) == s, "\(name): \(s.unicodeScalars.map { $0.value })")
            }
            #expect(unchanged > 150, "\(name)")
        }
        #expect(!MarkdownContentType.isUnchanged("-1") && MarkdownContentType.isUnchanged("1-"))
        #expect(!HTMLValueContentType.isUnchanged("Jyväskylä") && !HTMLValueContentType.isUnchanged("a<b"))
    }
}

/// The escapers as the test above calls them.
protocol MustacheContentTypeLike { func escapeText(_ text: String) -> String }
extension HTMLValueContentType: MustacheContentTypeLike {}
extension MarkdownContentType: MustacheContentTypeLike {}
extension TextValueContentType: MustacheContentTypeLike {}
