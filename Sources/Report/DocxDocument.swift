import CLibXML2
import CaseModel
import Foundation
import ZIPFoundation

/// The report as a Word document (Office Open XML, ECMA-376 transitional), for
/// the region's case management system: edited, signed and filed as a `.docx`.
///
/// Every part is rendered from `templates/docx/` (docs/templates.md, "DOCX")
/// with the same report model as the HTML and Markdown, so the words come from
/// the same labels and the figures are the ones those print. Swift only names
/// the parts, checks that each is well-formed XML whose styles exist, and zips
/// them. The zip is deterministic: its entries are in a fixed order, deflated,
/// and dated the document's date at midnight UTC, so the same input gives the
/// same bytes.
public struct DocxDocument: Sendable {
    public let templates: TemplateSet
    /// The styles part of a region's own Word document (`--reference-docx`), replacing `docx/styles.mustache`.
    public let referenceStyles: [UInt8]?
    /// Where `referenceStyles` came from, for messages.
    let referenceSource: String

    public static let folder = "docx"

    public init(templates: TemplateSet, referenceDocx: String? = nil) throws {
        self.templates = templates
        if let referenceDocx {
            referenceStyles = try Self.stylesPart(of: referenceDocx)
            referenceSource = referenceDocx + " (word/styles.xml)"
        } else {
            referenceStyles = nil
            referenceSource = ""
        }
    }

    /// One part of the package: its name in the zip and the template it is rendered from.
    struct Part {
        var name: String
        var template: String
        var fromReport: Bool
    }

    /// The document's parts, `[Content_Types].xml` first as Word writes it.
    static func parts(kind: ReportKind) -> [Part] {
        [
            Part(name: "[Content_Types].xml", template: "content-types", fromReport: false),
            Part(name: "_rels/.rels", template: "package-rels", fromReport: false),
            Part(name: "docProps/core.xml", template: "core", fromReport: true),
            Part(name: "docProps/app.xml", template: "app", fromReport: true),
            Part(name: "word/document.xml", template: kind.rawValue, fromReport: true),
            Part(name: "word/_rels/document.xml.rels", template: "document-rels", fromReport: false),
            Part(name: "word/header1.xml", template: "header", fromReport: true),
            Part(name: "word/styles.xml", template: "styles", fromReport: false),
            Part(name: "word/numbering.xml", template: "numbering", fromReport: false),
            Part(name: "word/settings.xml", template: "settings", fromReport: false),
        ]
    }

    /// The `.docx` bytes. `date` is the letter's date: the core properties' dates and every zip entry's.
    public func render(
        _ model: ReportModel, kind: ReportKind, language: ReportLanguage, date: CalendarDate
    ) throws -> [UInt8] {
        let folder = templates.directory + "/" + Self.folder
        guard templates.hasFolder(Self.folder) else {
            // A copy of the templates made before the DOCX existed: say so, rather than name a missing part.
            throw ReportError.template(
                path: folder, line: nil,
                problem: "is missing (the templates were copied before the DOCX format existed); copy templates/"
                    + "docx/ into it, or leave docx out of --format")
        }
        let package = DocxPackage(language: language, created: date.description + "T00:00:00Z")
        let parts = Self.parts(kind: kind).filter { !($0.template == "styles" && referenceStyles != nil) }
        // The templates are loaded and checked once for every part, and the report's list lengths
        // (a walk over the whole model) are taken once for the parts made from it.
        let prepared = try templates.prepare(
            roots: parts.map(\.template), language: language, folder: Self.folder, contentType: Self.contentType)
        var report = DocxReport(report: model, package: package)
        report.t = prepared.labels
        let lengths = ModelShape.listLengths(report)
        // Each part's markup is checked on the text that stands for it: for the body, whose exceptions
        // appendix is written row by row, the probe rendering with two rows (the rows are that frame
        // around escaped values), so that the check does not grow with the export.
        var rendered: [(name: String, template: String, bytes: [UInt8])] = []
        var checked: [CheckedPart] = []
        for part in Self.parts(kind: kind) {
            if part.template == "styles", let referenceStyles {
                rendered.append((part.name, referenceSource, referenceStyles))
                checked.append(CheckedPart(name: part.name, template: referenceSource, bytes: referenceStyles))
                continue
            }
            let r = part.fromReport
                ? try templates.rendering(report, root: part.template, prepared: prepared, lengths: lengths)
                : try templates.rendering(package, root: part.template, prepared: prepared)
            let template = templates.directory + "/docx/" + part.template + ".mustache"
            rendered.append((part.name, template, Array(r.output.utf8)))
            checked.append(CheckedPart(name: part.name, template: template, bytes: Array(r.checkable.utf8), isProbe: r.isProbe))
        }
        trace("docx: parts rendered")
        try check(checked)
        trace("docx: parts checked")
        return try Self.zip(rendered.map { ($0.name, $0.bytes) }, date: date)
    }

    static let contentType = "VALVONTA_XML"

    /// A part as its markup is checked: the output, or the probe rendering of a part with long tables.
    struct CheckedPart {
        var name: String
        var template: String
        var bytes: [UInt8]
        var isProbe = false
        /// The part as a message names it: a probe's lines are not the output's, so it says which text they are of.
        var shown: String { isProbe ? name + " (with two rows of each long table)" : name }
    }

    /// Every part must be well-formed XML (a template edited by hand can break it), and every style
    /// the document and its header name must be defined in the styles part (a region's own styles
    /// part must keep ours: Word shows an unknown style as plain Normal text without a word).
    func check(_ parts: [CheckedPart]) throws {
        var used: [String: String] = [:]  // style id -> the template that uses it
        var defined = Set<String>()
        var related: [String: String] = [:]  // relationship id -> the template that uses it
        var relationships = Set<String>()
        for part in parts {
            let scan = XMLScan(part.bytes)
            if let problem = scan.problem {
                throw ReportError.template(
                    path: part.template, line: nil,
                    problem: "renders \(part.shown) as XML that is not well-formed (line \(problem.line) of the part: "
                        + "\(problem.message)); check the tags and comments")
            }
            if part.name == "word/styles.xml" {
                defined = scan.definedStyles
            } else {
                for style in scan.usedStyles where used[style] == nil { used[style] = part.template }
            }
            if part.name == "word/_rels/document.xml.rels" { relationships = scan.relationships }
            if part.name == "word/document.xml" || part.name == "word/header1.xml" {
                for id in scan.relationshipUses where related[id] == nil { related[id] = part.template }
            }
        }
        // A body that names a part the package lacks (a chart the model does not have) does not open in Word.
        if let id = related.keys.sorted().first(where: { !relationships.contains($0) }), let template = related[id] {
            throw ReportError.template(
                path: template, line: nil,
                problem: "refers to the relationship '\(id)', which the document's relationships (docx/document-rels) "
                    + "do not have")
        }
        let missing = used.keys.filter { !defined.contains($0) }.sorted()
        if let first = missing.first, let template = used[first] {
            let stylesSource = referenceStyles == nil ? templates.directory + "/docx/styles.mustache" : referenceSource
            throw ReportError.template(
                path: stylesSource, line: nil,
                problem: "defines no style '\(missing.joined(separator: "', '"))' that \(template) uses; "
                    + "add \(missing.count == 1 ? "it" : "them") (copy from templates/docx/styles.mustache)")
        }
    }

    /// `word/styles.xml` of a Word document, read with the same limits as a template.
    static func stylesPart(of path: String) throws -> [UInt8] {
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw ReportError.cannotRead(path: path, reason: "it is not a Word document (.docx, a zip file)")
        }
        guard let entry = archive["word/styles.xml"] else {
            throw ReportError.cannotRead(path: path, reason: "it has no styles part (word/styles.xml)")
        }
        guard entry.uncompressedSize <= UInt64(TemplateSet.maximumTemplateBytes) else {
            throw ReportError.cannotRead(path: path, reason: "its styles part is larger than 1 MB")
        }
        var bytes: [UInt8] = []
        do {
            _ = try archive.extract(entry) { bytes.append(contentsOf: $0) }
        } catch {
            throw ReportError.cannotRead(path: path, reason: "its styles part cannot be unpacked")
        }
        return bytes
    }

    /// The zip: entries in the given order, deflated, dated `date` 00:00 UTC.
    static func zip(_ parts: [(name: String, bytes: [UInt8])], date: CalendarDate) throws -> [UInt8] {
        let when = Date(timeIntervalSince1970: Double(date.dayNumber) * 86_400)
        do {
            let archive = try Archive(accessMode: .create)
            for part in parts {
                let data = Data(part.bytes)
                try archive.addEntry(
                    with: part.name, type: .file, uncompressedSize: Int64(data.count), modificationDate: when,
                    permissions: 0o644, compressionMethod: .deflate
                ) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else { throw ReportError.cannotWrite(path: "report.docx", reason: "empty") }
            return Array(data)
        } catch let e as ReportError {
            throw e
        } catch {
            throw ReportError.cannotWrite(path: "report.docx", reason: "the zip could not be made (\(error))")
        }
    }
}

/// What the package parts (content types, relationships, settings, styles) are rendered from.
struct DocxPackage: TemplateModel {
    var t = Labels()
    var language: String
    /// The language tag Word's proofing and hyphenation use (`fi-FI`, `sv-FI`, `en-GB`).
    var locale: String
    /// The letter's date as W3C date-time (core properties).
    var created: String

    init(language: ReportLanguage, created: String) {
        self.language = language.rawValue
        self.locale = ["fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"][language.rawValue] ?? "fi-FI"
        self.created = created
    }
}

/// The report model with the package's values beside it: the templates open `{{#report}}` and
/// read the report's keys as the HTML does, and `docx.*` for the package's.
/// The exceptions appendix runs to hundreds of thousands of rows: written row by row as in the HTML.
extension DocxReport: LongListsModel {
    static var rowTables: [RowTable<DocxReport>] { [RowTable("exceptions", \.report.appendix.exceptions)] }
}

struct DocxReport: TemplateModel {
    var t = Labels() {
        didSet { report.t = t }
    }
    var report: ReportModel
    var docx: DocxPackage

    init(report: ReportModel, package: DocxPackage) {
        self.report = report
        self.docx = package
    }
}

/// One parse of a part by libxml2 (no recovery: a part Word would refuse is refused here): well-formed
/// or where not, and the style ids it defines (`w:style/@w:styleId`) or uses (`w:pStyle`, `w:rStyle`,
/// `w:tblStyle`), the relationships it defines (`Relationship/@Id`) or refers to (`r:id`, `r:embed`).
struct XMLScan {
    var problem: (line: Int, message: String)?
    var definedStyles = Set<String>()
    var usedStyles = Set<String>()
    var relationships = Set<String>()
    var relationshipUses = Set<String>()

    init(_ bytes: [UInt8]) {
        guard let ctxt = xmlNewParserCtxt() else {
            problem = (0, "libxml2 could not start a parser")
            return
        }
        defer { xmlFreeParserCtxt(ctxt) }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let doc = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    xmlCtxtReadMemory(ctxt, $0, Int32(buffer.count), nil, "UTF-8", options)
                }
            }
        }
        guard let doc, ctxt.pointee.wellFormed != 0 else {
            let error = ctxt.pointee.lastError
            let message = error.message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) }
            problem = (Int(error.line), message ?? "not well-formed")
            if let doc { xmlFreeDoc(doc) }
            return
        }
        defer { xmlFreeDoc(doc) }
        var pending: [xmlNodePtr] = xmlDocGetRootElement(doc).map { [$0] } ?? []
        while let node = pending.popLast() {
            visit(node)
            var child = node.pointee.children
            while let c = child {
                if c.pointee.type == XML_ELEMENT_NODE { pending.append(c) }
                child = c.pointee.next
            }
        }
    }

    /// Whether the C string `p` is `s` (no String is made: this runs on every element and attribute).
    static func equals(_ p: UnsafePointer<xmlChar>?, _ s: StaticString) -> Bool {
        guard let p else { return false }
        let n = s.utf8CodeUnitCount
        let bytes = s.utf8Start
        for i in 0..<n where p[i] != bytes[i] { return false }
        return p[n] == 0
    }

    /// Whether the node's namespace prefix is `prefix` (nil: it has none).
    static func hasPrefix(_ ns: xmlNsPtr?, _ prefix: StaticString?) -> Bool {
        guard let prefix else { return ns?.pointee.prefix == nil }
        return equals(ns?.pointee.prefix, prefix)
    }

    /// Looks only at the names that matter; a value becomes a String only when kept.
    mutating func visit(_ node: xmlNodePtr) {
        enum Kind { case none, styleDefinition, styleUse, relationship }
        let local = node.pointee.name, ns = node.pointee.ns
        var kind = Kind.none
        if Self.hasPrefix(ns, "w") {
            if Self.equals(local, "style") {
                kind = .styleDefinition
            } else if Self.equals(local, "pStyle") || Self.equals(local, "rStyle") || Self.equals(local, "tblStyle") {
                kind = .styleUse
            }
        } else if Self.hasPrefix(ns, nil), Self.equals(local, "Relationship") {
            kind = .relationship
        }
        var attribute = node.pointee.properties
        while let a = attribute {
            attribute = a.pointee.next
            let name = a.pointee.name, prefix = a.pointee.ns
            func value() -> String { a.pointee.children?.pointee.content.map { String(cString: $0) } ?? "" }
            switch kind {
            case .styleDefinition where Self.hasPrefix(prefix, "w") && Self.equals(name, "styleId"):
                definedStyles.insert(value())
            case .styleUse where Self.hasPrefix(prefix, "w") && Self.equals(name, "val"):
                usedStyles.insert(value())
            case .relationship where Self.hasPrefix(prefix, nil) && Self.equals(name, "Id"):
                relationships.insert(value())
            default:
                break
            }
            if Self.hasPrefix(prefix, "r"), Self.equals(name, "id") || Self.equals(name, "embed") {
                relationshipUses.insert(value())
            }
        }
    }
}
