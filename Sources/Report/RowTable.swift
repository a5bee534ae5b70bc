import CaseModel
import Foundation
import Mustache

/// A row of a table that can run to hundreds of thousands of rows (the
/// exceptions appendix): its text columns by the names templates use.
protocol TableRow {
    static var columnNames: [String] { get }
    func column(_ index: Int) -> String
    /// A row whose column `k` holds `text(k)` (and whose other properties hold anything constant).
    static func probe(_ text: (Int) -> String) -> Self
}

/// A list of a template model rendered row by row without Mustache.
///
/// Mustache renders a section over a list by rendering its body once per row,
/// looking every name up through the context stack (by `Mirror`): about
/// 12 000 rows a second, 17 s for the 200 000 exceptions of a 500 000-case
/// export. The words and the markup stay in the templates; the renderer learns
/// the row from them instead of from Swift:
/// 1. The section's body in every template may print only the row's columns
///    (`{{caseId}}`) and names that are not the row's (`{{t.col.x}}`, the same for
///    every row); no partial, no transform (`first()`), no section over the row's
///    own values, so that every row renders the same text around its values.
/// 2. The document is rendered once by Mustache with the list replaced by two
///    probe rows whose columns hold markers (a private-use character and a random
///    nonce, so no value or template text can pose as one).
/// 3. The probe output shows, around the markers, the text before the first row,
///    between two columns, between two rows and after the last: the row template.
///    It must hold the markers of each table once per probe row, in the same order,
///    with the same text between them; otherwise the list is left to Mustache.
/// 4. The real rows are written into that frame, each value escaped by the same
///    content type as a `{{name}}` of the template (`FastEscaper`).
/// The result is Mustache's byte for byte (`RowTableTests`, the golden files).
struct RowTable<Model> {
    /// The list's name in the templates (`{{#exceptions}}`).
    let name: String
    let columns: [String]
    /// Every property name of a row, columns included.
    let properties: Set<String>
    let count: (Model) -> Int
    let setProbe: (inout Model, (_ row: Int, _ column: Int) -> String) -> Void
    let write: (Model, RowFrame, FastEscaper, inout String) -> Void

    init<Row: TableRow>(_ name: String, _ path: WritableKeyPath<Model, [Row]>) {
        self.name = name
        columns = Row.columnNames
        properties = Set(Mirror(reflecting: Row.probe { _ in "" }).children.compactMap(\.label))
        count = { $0[keyPath: path].count }
        setProbe = { model, marker in
            model[keyPath: path] = [Row.probe { marker(0, $0) }, Row.probe { marker(1, $0) }]
        }
        write = { model, frame, escaper, out in
            for (i, row) in model[keyPath: path].enumerated() {
                if i > 0 { out += frame.between }
                for (j, column) in frame.order.enumerated() {
                    if j > 0 { out += frame.pieces[j - 1] }
                    escaper.append(row.column(column), to: &out)
                }
            }
        }
    }

    /// Whether some text has a `{{#name}}` section: otherwise the rows are printed nowhere and Mustache alone
    /// renders the rest, without probing.
    func isListed(in texts: [String]) -> Bool {
        texts.contains { text in
            TemplateTags.tags(in: text).contains { $0.kind == "#" && ($0.name == name || $0.name.hasSuffix("." + name)) }
        }
    }

    /// Whether every `{{#name}}` section over this list in `texts` has a body that renders the same around
    /// every row's values (see the type's comment, step 1), and the list is used in no other way than by
    /// sections and inverted sections (a transform such as `count(name)` would see the probe's two rows).
    func bodiesAreUniform(_ texts: [String]) -> Bool {
        for text in texts {
            for tag in TemplateTags.tags(in: text) where tag.kind != "!" {
                let names = tag.name == name || tag.name.hasSuffix("." + name)
                if tag.name.contains("(") && tag.name.contains(name) { return false }
                if names && !(tag.kind == "#" || tag.kind == "^" || tag.kind == "/") { return false }
            }
            guard let bodies = TemplateTags.sectionBodies(named: name, in: text) else { return false }
            for body in bodies {
                for tag in body {
                    guard isUniform(tag) else { return false }
                }
            }
        }
        return true
    }

    func isUniform(_ tag: TemplateTags.Tag) -> Bool {
        switch tag.kind {
        case "!": return true
        case "#", "^", "/", " ": break
        default: return false  // partials, blocks and anything else are left to Mustache
        }
        let name = tag.name
        guard !name.isEmpty, !name.hasPrefix("."), !name.contains("(") else { return false }
        let first = String(name.prefix { $0 != "." })
        if tag.kind == " " && columns.contains(name) { return true }
        return !properties.contains(first)
    }
}

/// A marker found in the probe output: which table, probe row and column printed it, and where.
struct RowMarker {
    var range: Range<String.Index>
    var table: Int, row: Int, column: Int
}

/// Where a table's rows go in the probe rendering, and the text around each value.
struct RowFrame {
    /// The columns in the order the row prints them (a column may be printed twice).
    var order: [Int]
    /// The text between two printed values: `pieces[j - 1]` before value `j`.
    var pieces: [String]
    /// The text between the last value of a row and the first of the next.
    var between: String
    /// The probe output's text that the rows replace: from the first marker to the end of the last.
    var span: Range<String.Index>
}

extension RowTable {
    /// Renders `model` with its long tables written row by row, or nil when that cannot be done
    /// exactly (the caller then renders with Mustache alone). `probe` is the probe rendering: the
    /// same document with two rows of each long table, every row being that frame around values
    /// escaped for the content type, so that a check of the output's markup can read it instead.
    static func render(
        _ model: Model, tables: [RowTable], texts: [String], contentType: String,
        mustache: (Model) -> String?
    ) -> (output: String, probe: String)? {
        let active = tables.filter { $0.count(model) >= 2 && $0.isListed(in: texts) && $0.bodiesAreUniform(texts) }
        guard !active.isEmpty, let escaper = FastEscaper(contentType: contentType) else { return nil }
        let start = Date()
        let nonce = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        let lead = "\u{10FFFD}" + nonce + "-"
        var probe = model
        for (t, table) in active.enumerated() {
            table.setProbe(&probe) { row, column in lead + "\(t)-\(row)-\(column)\u{10FFFD}" }
        }
        guard let probed = mustache(probe), let frames = frames(in: probed, lead: lead, tables: active.count)
        else { return nil }
        let written = Date()
        var out = ""
        out.reserveCapacity(probed.utf8.count + active.map { $0.count(model) }.reduce(0, +) * 160)
        var position = probed.startIndex
        // A table whose probe rows printed nothing is not printed by these templates at all.
        let placed = frames.enumerated().compactMap { t, frame in frame.map { (t, $0) } }
        for (t, frame) in placed.sorted(by: { $0.1.span.lowerBound < $1.1.span.lowerBound }) {
            out += probed[position..<frame.span.lowerBound]
            active[t].write(model, frame, escaper, &out)
            position = frame.span.upperBound
        }
        out += probed[position...]
        let rows = active.map { $0.count(model) }.reduce(0, +)
        let (probing, writing) = (written.timeIntervalSince(start), Date().timeIntervalSince(written))
        trace(
            "templates: the rest rendered (with probe rows) in \(String(format: "%.3f", probing)) s, \(rows) rows "
                + "written in \(String(format: "%.3f", writing)) s")
        return (out, probed)
    }

    /// The frame of each table from the probe output (nil for a table that printed no marker), or nil if any
    /// table's markers are not laid out as two rows of the same shape, one after the other, with nothing of
    /// another table between them.
    static func frames(in text: String, lead: String, tables: Int) -> [RowFrame?]? {
        var markers: [RowMarker] = []
        var from = text.startIndex
        while let start = text.range(of: lead, range: from..<text.endIndex) {
            guard let end = text.range(of: "\u{10FFFD}", range: start.upperBound..<text.endIndex) else { return nil }
            let fields = text[start.upperBound..<end.lowerBound].split(separator: "-").compactMap { Int($0) }
            guard fields.count == 3, fields[0] < tables, fields[1] < 2 else { return nil }
            markers.append(
                RowMarker(range: start.lowerBound..<end.upperBound, table: fields[0], row: fields[1], column: fields[2]))
            from = end.upperBound
        }
        var frames: [RowFrame?] = []
        for t in 0..<tables {
            guard let first = markers.firstIndex(where: { $0.table == t }),
                let last = markers.lastIndex(where: { $0.table == t })
            else {
                frames.append(nil)
                continue
            }
            let run = markers[first...last]
            guard run.allSatisfy({ $0.table == t }), run.count % 2 == 0 else { return nil }
            let half = run.count / 2
            let a = Array(run.prefix(half))
            let b = Array(run.suffix(half))
            guard a.allSatisfy({ $0.row == 0 }), b.allSatisfy({ $0.row == 1 }),
                a.map(\.column) == b.map(\.column)
            else { return nil }
            var pieces: [String] = []
            for j in 1..<max(1, half) {
                let piece = String(text[a[j - 1].range.upperBound..<a[j].range.lowerBound])
                guard piece == text[b[j - 1].range.upperBound..<b[j].range.lowerBound] else { return nil }
                pieces.append(piece)
            }
            frames.append(
                RowFrame(
                    order: a.map(\.column), pieces: pieces,
                    between: String(text[a[half - 1].range.upperBound..<b[0].range.lowerBound]),
                    span: a[0].range.lowerBound..<b[half - 1].range.upperBound))
        }
        return frames
    }
}

/// The tags of a template's text as the outline reads them (`TemplateOutline`, which has already
/// refused delimiter changes, so every tag is `{{…}}`).
enum TemplateTags {
    struct Tag {
        /// `#`, `^`, `/`, `!`, `>`, … or a space for a variable.
        var kind: Character
        var name: String
    }

    /// The tags inside each `{{#name}}…{{/name}}` section (`{{#a.name}}` too), or nil if one is not closed.
    static func sectionBodies(named name: String, in text: String) -> [[Tag]]? {
        var bodies: [[Tag]] = []
        var current: [Tag]? = nil
        var depth = 0
        func names(_ tag: Tag) -> Bool { tag.name == name || tag.name.hasSuffix("." + name) }
        for tag in tags(in: text) {
            if current == nil {
                if tag.kind == "#" && names(tag) {
                    current = []
                    depth = 0
                }
                continue
            }
            if names(tag) && tag.kind == "/" && depth == 0 {
                bodies.append(current ?? [])
                current = nil
                continue
            }
            if tag.kind == "#" || tag.kind == "^" { depth += 1 }
            if tag.kind == "/" { depth -= 1 }
            current?.append(tag)
        }
        return current == nil ? bodies : nil
    }

    static func tags(in text: String) -> [Tag] {
        var tags: [Tag] = []
        var rest = text[...]
        while let open = rest.range(of: "{{") {
            guard let close = rest.range(of: "}}", range: open.upperBound..<rest.endIndex) else { break }
            var inside = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
            var kind: Character = " "
            if let c = inside.first, "#^/!>$<&{=%".contains(c) {
                kind = c
                inside = String(inside.dropFirst()).trimmingCharacters(in: .whitespacesAndNewlines)
            }
            tags.append(Tag(kind: kind, name: inside))
            rest = rest[close.upperBound...]
        }
        return tags
    }
}

/// A value escaped exactly as `{{name}}` escapes it in a template of the content type, faster:
/// a value of printable ASCII that the escaper leaves as it is (`isUnchanged`) is copied.
struct FastEscaper {
    let contentType: any MustacheContentType
    let isUnchanged: (String) -> Bool

    init?(contentType name: String) {
        guard let c = ValueContentTypes.all.first(where: { $0.name == name }) else { return nil }
        contentType = c.type
        isUnchanged = c.isUnchanged
    }

    func append(_ value: String, to out: inout String) {
        if isUnchanged(value) {
            out += value
        } else {
            out += contentType.escapeText(value)
        }
    }
}

extension ExceptionRowModel: TableRow {
    static let columnNames = ["caseId", "region", "rule", "service", "clockStart", "deadline", "done", "daysLate"]

    func column(_ index: Int) -> String {
        switch index {
        case 0: caseId
        case 1: region
        case 2: rule
        case 3: service
        case 4: clockStart
        case 5: deadline
        case 6: done
        default: daysLate
        }
    }

    static func probe(_ text: (Int) -> String) -> ExceptionRowModel {
        ExceptionRowModel(
            caseId: text(0), region: text(1), rule: text(2), service: text(3), clockStart: text(4), deadline: text(5),
            done: text(6), isOverdue: false, daysLate: text(7))
    }
}

extension ReportModel {
    /// The list that runs long: the exceptions appendix, one row per late or overdue item. (The
    /// rejected records are few, and `{{rejected}}` also names the summary's count of them, which the
    /// check of the names, not knowing where a name is looked up, would take for the list.)
    static var rowTables: [RowTable<ReportModel>] { [RowTable("exceptions", \.appendix.exceptions)] }
}
