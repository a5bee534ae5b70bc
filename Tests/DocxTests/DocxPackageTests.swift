import CLibXML2
import CaseImport
import CaseModel
import Foundation
@testable import Report
import Rules
import Testing
import ZIPFoundation

/// The DOCX opened as a reader's program does: the zip, every part parsed by
/// libxml2, and the figures of the report model found in the document's tables.
@Suite struct DocxPackageTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let templates = root.appendingPathComponent("templates").path
    static let evaluation = Result {
        evaluate(try CaseImporter.load(paths: [root.appendingPathComponent("sample-data/export.xml").path]))
    }

    static func model(_ kind: ReportKind, _ language: ReportLanguage, previous: Findings? = nil) throws -> ReportModel {
        let set = try TemplateSet(directory: templates)
        var meta = try ResponseMetadata.load(
            path: root.appendingPathComponent(
                kind == .aviResponse ? "sample-data/response.yaml" : "sample-data/omavalvonta.yaml"
            ).path)
        meta.language = language
        meta.kind = kind
        let options = ReportOptions(
            documentDate: CalendarDate(year: 2026, month: 1, day: 15)!, toolVersion: "9.8.7", suppress: true,
            includeExceptions: true)
        return try ReportBuilder(
            evaluation: try evaluation.get(), previous: previous, metadata: meta, rules: RuleCatalog.descriptions,
            strings: try set.strings(for: language), options: options
        ).build()
    }

    static func docx(
        _ kind: ReportKind, _ language: ReportLanguage, model: ReportModel? = nil, templates: String = templates,
        reference: String? = nil
    ) throws -> [UInt8] {
        let document = try DocxDocument(templates: TemplateSet(directory: templates), referenceDocx: reference)
        return try document.render(
            model ?? Self.model(kind, language), kind: kind, language: language,
            date: CalendarDate(year: 2026, month: 1, day: 15)!)
    }

    /// Every entry of the zip, by name.
    static func parts(_ bytes: [UInt8]) throws -> [String: [UInt8]] {
        let archive = try Archive(data: Data(bytes), accessMode: .read)
        var out: [String: [UInt8]] = [:]
        for entry in archive {
            var data: [UInt8] = []
            _ = try archive.extract(entry) { data.append(contentsOf: $0) }
            out[entry.path] = data
        }
        return out
    }

    @Test(arguments: [ReportKind.aviResponse, .omavalvonta], ReportLanguage.allCases)
    func everyPartIsWellFormedAndTheTablesHoldTheFigures(kind: ReportKind, language: ReportLanguage) throws {
        let model = try Self.model(kind, language)
        let parts = try Self.parts(try Self.docx(kind, language, model: model))
        #expect(
            Set(parts.keys) == [
                "[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml", "word/document.xml",
                "word/_rels/document.xml.rels", "word/header1.xml", "word/styles.xml", "word/numbering.xml",
                "word/settings.xml",
            ])
        var trees: [String: XMLTree] = [:]
        for (name, bytes) in parts {
            let tree = XMLTree(bytes)
            #expect(tree != nil, "\(name) is not well-formed XML")
            trees[name] = tree
        }
        let document = try #require(trees["word/document.xml"])
        let tables = document.elements("w:tbl")
        #expect(!tables.isEmpty)
        // Every table's first row repeats on each page, and only the first.
        for table in tables {
            let rows = table.children("w:tr")
            #expect(rows.first?.elements("w:tblHeader").count == 1)
            #expect(rows.dropFirst().allSatisfy { $0.elements("w:tblHeader").isEmpty })
        }
        let cells = Set(tables.flatMap { $0.children("w:tr") }.map { $0.children("w:tc").map(\.text) })
        // The tables' figures, as the model (and so the HTML and Markdown) print them, section by section.
        var checked = 0
        for section in model.sections where section.showDeadlines {
            for table in section.deadlines.tables {
                for row in table.rows {
                    let figures = [row.region.name, row.met, row.late, row.overdue, row.pending, row.rate]
                    #expect(cells.contains { Array($0.prefix(6)) == figures }, "\(table.rule): \(figures)")
                    checked += 1
                }
            }
            for row in section.deadlines.backlog where section.deadlines.hasBacklog {
                let figures = [row.service, row.region.name, row.open, row.notStarted, row.overdue]
                #expect(cells.contains { Array($0.prefix(5)) == figures })
                checked += 1
            }
        }
        for section in model.sections where section.showWorkers && section.workers.showAssignment {
            for row in section.workers.assignment {
                #expect(cells.contains { $0.prefix(4) == [row.region.name, row.active, row.unassigned, row.share] })
                checked += 1
            }
        }
        #expect(checked > 30)
        // Sections as Word's own Heading 1 (the navigation pane), numbered as printed; the summary's
        // sentences in the body.
        let headings = document.elements("w:p").filter { $0.paragraphStyle == "Heading1" }.map(\.text)
        #expect(headings.count == model.sections.count + (model.appendix.included ? 1 : 0))
        #expect(zip(headings, model.sections).allSatisfy { $0 == $1.number + $1.title })
        let text = document.text
        for section in model.sections where section.showSummary {
            for sentence in section.summary.deadlines { #expect(text.contains(sentence.label + ":")) }
        }
        // The monthly trend as a table per rule, as the Markdown prints it (the months' rates and counts).
        for section in model.sections where section.showDeadlines && section.deadlines.hasCharts {
            for chart in section.deadlines.charts where chart.hasBars {
                for bar in chart.bars {
                    #expect(cells.contains { $0.first == bar.month && $0.dropFirst(2).first == bar.met })
                }
            }
        }
        // The page number "1 (n)" as fields on every page: the header part, with PAGE and NUMPAGES.
        let header = try #require(trees["word/header1.xml"])
        let fields = header.elements("w:instrText").map { $0.text.trimmingCharacters(in: .whitespaces) }
        #expect(fields == ["PAGE", "NUMPAGES"])
        #expect(header.text.contains(model.document.organisation) && header.text.contains(model.document.date))
        let sect = try #require(document.elements("w:sectPr").first)
        #expect(sect.elements("w:headerReference").first?.attribute("r:id") == "rIdHeader")
        #expect(sect.elements("w:pgSz").first.map { [$0.attribute("w:w"), $0.attribute("w:h")] } == ["11906", "16838"])
        // The tool in the properties, not the letter's body before JAKELU.
        #expect(trees["docProps/core.xml"]?.text.contains("9.8.7") == true)
        #expect(trees["docProps/app.xml"]?.text.contains("valvonta 9.8.7") == true)
    }

    /// The DOCX is rendered from the same model as the Markdown: every template of the same name prints
    /// every value and label the Markdown one does (a key added to the Markdown and forgotten here would
    /// be a figure missing from the Word document). The letter's header block is the page header's.
    @Test func theDocxTemplatesPrintWhatTheMarkdownOnesDo() throws {
        let markdown = Self.templates + "/markdown"
        let pageHeader = try Self.tags(Self.templates + "/docx/header.mustache")
        let files = try FileManager.default.contentsOfDirectory(atPath: markdown).sorted()
        for file in files where file.hasSuffix(".mustache") {
            let docxPath = Self.templates + "/docx/" + file
            #expect(FileManager.default.fileExists(atPath: docxPath), "docx/\(file) is missing")
            guard FileManager.default.fileExists(atPath: docxPath) else { continue }
            let docx = try Self.tags(docxPath)
            // Markdown marks a total row's name bold with an inverted section; the DOCX makes the whole row bold.
            let missing = try Self.tags(markdown + "/" + file).filter {
                !docx.contains($0) && !pageHeader.contains($0) && !$0.hasPrefix("^")
            }
            #expect(missing.isEmpty, "docx/\(file) lacks \(missing.sorted())")
        }
    }

    static func tags(_ path: String) throws -> Set<String> {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: #"\{\{([^}]+)\}\}"#)
        return Set(
            pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
                Range($0.range(at: 1), in: text).map { String(text[$0]) }
            })
    }

    @Test func theSameInputGivesTheSameBytes() throws {
        let model = try Self.model(.aviResponse, .fi)
        let a = try Self.docx(.aviResponse, .fi, model: model)
        let b = try Self.docx(.aviResponse, .fi, model: model)
        #expect(a == b)
        // Every entry is dated the letter's date (15.1.2026), not the run's time.
        let archive = try Archive(data: Data(a), accessMode: .read)
        for entry in archive {
            #expect(entry.fileAttributes[.modificationDate] as? Date == Date(timeIntervalSince1970: 1_768_435_200))
        }
    }

    @Test func valuesAreEscapedForXML() throws {
        var model = try Self.model(.aviResponse, .en)
        model.document.organisation = "A & B <region> \"x\" 'y'\u{FFFF}\u{0007}"
        model.document.subject = "</w:t></w:r></w:p><w:p>"
        let parts = try Self.parts(try Self.docx(.aviResponse, .en, model: model))
        let headerBytes = try #require(parts["word/header1.xml"])
        let header = try #require(XMLTree(headerBytes))
        #expect(header.text.contains("A & B <region> \"x\" 'y'"))
        let documentBytes = try #require(parts["word/document.xml"])
        let document = try #require(XMLTree(documentBytes))
        #expect(document.text.contains("</w:t></w:r></w:p><w:p>"))
    }

    @Test func aRegionsStylesReplaceOursAndMustKeepTheStyleIds() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("docx-styles-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // The region's letterhead: our own output, its Heading 1 made green in Word.
        let ours = try Self.docx(.aviResponse, .fi)
        var styles = String(decoding: try #require(try Self.parts(ours)["word/styles.xml"]), as: UTF8.self)
        styles = styles.replacingOccurrences(
            of: "<w:b/><w:caps/><w:sz w:val=\"21\"/>", with: "<w:color w:val=\"00AA00\"/>")
        #expect(styles.contains("00AA00"))
        let reference = dir.appendingPathComponent("letterhead.docx").path
        try Data(try DocxDocument.zip([("word/styles.xml", Array(styles.utf8))], date: CalendarDate(dayNumber: 0)))
            .write(to: URL(fileURLWithPath: reference))
        let theirs = try Self.parts(try Self.docx(.aviResponse, .fi, reference: reference))
        #expect(theirs["word/styles.xml"] == Array(styles.utf8))

        // A styles part without our table styles is refused, naming them.
        let bare = styles.replacingOccurrences(of: "w:styleId=\"TableNumber\"", with: "w:styleId=\"Other\"")
        try Data(try DocxDocument.zip([("word/styles.xml", Array(bare.utf8))], date: CalendarDate(dayNumber: 0)))
            .write(to: URL(fileURLWithPath: reference))
        #expect {
            try Self.docx(.aviResponse, .fi, reference: reference)
        } throws: { error in
            let text = (error as? ReportError)?.errorDescription ?? ""
            return text.contains("letterhead.docx (word/styles.xml)") && text.contains("'TableNumber'")
        }
        // Not a Word document at all.
        try Data("not a zip".utf8).write(to: URL(fileURLWithPath: reference))
        #expect(throws: ReportError.self) { try Self.docx(.aviResponse, .fi, reference: reference) }
    }

    @Test func aTemplatesCopyWithoutDocxIsToldWhatToDo() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("docx-old-templates-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Self.templates), to: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.removeItem(at: dir.appendingPathComponent("docx"))
        #expect {
            try Self.docx(.aviResponse, .fi, templates: dir.path)
        } throws: { error in
            let text = (error as? ReportError)?.errorDescription ?? ""
            return text.contains(dir.path + "/docx") && text.contains("leave docx out of --format")
        }
    }

    /// The body's markup is checked on its probe rendering (two rows of the exceptions appendix),
    /// not on the whole document: a row template that breaks the XML is still caught, and the
    /// message says which text its line is of.
    @Test func aBrokenAppendixRowIsCaughtOnTheProbe() throws {
        let model = try Self.model(.aviResponse, .fi)
        try #require(model.appendix.exceptions.count >= 2)
        let dir = try Self.copiedTemplates("docx-rows")
        defer { try? FileManager.default.removeItem(at: dir) }
        let appendix = dir.appendingPathComponent("docx/appendix.mustache")
        let text = try String(contentsOf: appendix, encoding: .utf8)
        let row = "{{#exceptions}}\n<w:tr>"
        try #require(text.contains(row))
        try text.replacingOccurrences(of: row, with: "{{#exceptions}}\n<w:tr><w:tc>").write(
            to: appendix, atomically: true, encoding: .utf8)
        #expect {
            try Self.docx(.aviResponse, .fi, model: model, templates: dir.path)
        } throws: { error in
            let text = (error as? ReportError)?.errorDescription ?? ""
            return text.contains("word/document.xml (with two rows of each long table)") && text.contains("not well-formed")
        }
    }

    /// A fresh copy of the repository's templates in a temporary folder (the caller removes it).
    static func copiedTemplates(_ name: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Self.templates), to: dir)
        return dir
    }

    @Test func aTemplateThatBreaksTheXMLIsNamed() throws {
        let dir = try Self.copiedTemplates("docx-templates")
        defer { try? FileManager.default.removeItem(at: dir) }
        let closing = dir.appendingPathComponent("docx/closing.mustache")
        let text = try String(contentsOf: closing, encoding: .utf8)
        try (text + "<w:p>").write(to: closing, atomically: true, encoding: .utf8)
        #expect {
            try Self.docx(.aviResponse, .fi, templates: dir.path)
        } throws: { error in
            let text = (error as? ReportError)?.errorDescription ?? ""
            return text.contains("docx/avi-response.mustache") && text.contains("word/document.xml")
                && text.contains("not well-formed")
        }
    }
}

/// A parsed XML part as a small tree (libxml2), enough to find elements, their text and attributes.
final class XMLTree {
    let name: String
    var attributes: [String: String] = [:]
    var children: [XMLTree] = []
    var ownText = ""

    init(name: String) { self.name = name }

    convenience init?(_ bytes: [UInt8]) {
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        guard
            let doc = bytes.withUnsafeBufferPointer({ buffer in
                buffer.baseAddress.flatMap { base in
                    base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                        xmlReadMemory($0, Int32(buffer.count), nil, "UTF-8", options)
                    }
                }
            })
        else { return nil }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc) else { return nil }
        self.init(node: root)
    }

    convenience init(node: xmlNodePtr) {
        func qualified(_ name: UnsafePointer<xmlChar>?, _ ns: xmlNsPtr?) -> String {
            let local = name.map { String(cString: $0) } ?? ""
            guard let prefix = ns?.pointee.prefix else { return local }
            return String(cString: prefix) + ":" + local
        }
        self.init(name: qualified(node.pointee.name, node.pointee.ns))
        var attribute = node.pointee.properties
        while let a = attribute {
            // An attribute's value is its one text child (no entities are declared in these parts).
            attributes[qualified(a.pointee.name, a.pointee.ns)] =
                a.pointee.children?.pointee.content.map { String(cString: $0) } ?? ""
            attribute = a.pointee.next
        }
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE {
                children.append(XMLTree(node: c))
            } else if c.pointee.type == XML_TEXT_NODE, let content = c.pointee.content {
                ownText += String(cString: content)
            }
            child = c.pointee.next
        }
    }

    func attribute(_ name: String) -> String? { attributes[name] }
    func children(_ name: String) -> [XMLTree] { children.filter { $0.name == name } }
    /// Every element of this name below (and including) this one, in document order.
    func elements(_ name: String) -> [XMLTree] {
        (self.name == name ? [self] : []) + children.flatMap { $0.elements(name) }
    }
    /// The text of the `w:t` runs (and of text-only elements) below, in order.
    var text: String { ownText + children.map(\.text).joined() }
    var paragraphStyle: String? { elements("w:pStyle").first?.attribute("w:val") }
}
