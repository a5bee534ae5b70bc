import CLibXML2
import Foundation

/// One cell's value as the workbook stores it. Formulas are never evaluated:
/// their cached value is the value.
enum WorkbookValue: Equatable {
    /// A shared or inline string, or a formula's cached text.
    case text(String)
    /// A number as written (`2012`, `0.5`, `45663`, `1E-3`).
    case number(String)
    case boolean(Bool)
    /// A `t="d"` cell: an ISO 8601 date (and time) as text.
    case isoDate(String)
    /// An error value (`#N/A`, `#REF!`, …).
    case error
    /// A formula whose value was never calculated and stored.
    case noCachedValue

    /// The value as text: what a CSV export of the sheet would hold.
    var text: String {
        switch self {
        case .text(let s), .isoDate(let s): return s
        case .number(let s): return WorkbookValue.plainNumber(s)
        case .boolean(let b): return b ? "true" : "false"
        case .error, .noCachedValue: return ""
        }
    }

    /// `2012.0` and `2.012E3` as `2012`: how a number shows in a cell of the General format.
    static func plainNumber(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "E") || $0 == UInt8(ascii: "e") }),
              let d = Double(s), d.isFinite else { return s }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return String(d)
    }
}

struct WorkbookCell {
    /// 0-based column (A = 0).
    var column: Int
    var value: WorkbookValue
}

/// A workbook opened for reading: its sheets in order, the date system and
/// the shared strings. Only `xl/workbook.xml`, its relationships, the shared
/// strings and the sheets asked for are ever inflated.
final class Workbook {
    struct Sheet {
        var name: String
        var part: String
    }

    let archive: WorkbookArchive
    private(set) var sheets: [Sheet] = []
    /// The 1904 date system (serial 0 is 1.1.1904) instead of the 1900 one.
    private(set) var date1904 = false
    private(set) var sharedStrings: [String] = []
    /// Parts that are present but never opened, for a warning: external links and embedded objects.
    private(set) var unopened: [String] = []

    /// Excel's limits: columns A…XFD, 1 048 576 rows.
    static let maximumColumns = 16_384

    init(path: String) throws(WorkbookArchiveError) {
        archive = try WorkbookArchive(path: path)
        if let macro = archive.paths.sorted().first(where: {
            $0.lowercased().hasSuffix("vbaproject.bin") || $0.lowercased().contains("/activex/")
        }) {
            throw WorkbookArchiveError(part: macro, message: "the workbook holds macros or ActiveX controls; it was not read (save it as a plain .xlsx)")
        }
        unopened = archive.paths.filter {
            $0.hasPrefix("xl/externalLinks/") || $0.hasPrefix("xl/embeddings/") || $0.hasPrefix("xl/activeX/")
        }.sorted()
        let book = "xl/workbook.xml"
        let relations = RelationshipsHandler()
        if archive.paths.contains("xl/_rels/workbook.xml.rels") {
            try WorkbookXML.parse("xl/_rels/workbook.xml.rels", of: archive, into: relations)
        }
        let handler = WorkbookPartHandler()
        try WorkbookXML.parse(book, of: archive, into: handler)
        date1904 = handler.date1904
        for (name, id) in handler.sheets {
            guard let target = relations.targets[id] else {
                throw WorkbookArchiveError(part: book, message: "a sheet names a relationship that the workbook does not have")
            }
            // Targets are relative to xl/ unless absolute; only parts inside the archive are read.
            let part = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            sheets.append(Sheet(name: name, part: part))
        }
        if let sst = relations.sharedStrings.map({ $0.hasPrefix("/") ? String($0.dropFirst()) : "xl/" + $0 })
            ?? (archive.paths.contains("xl/sharedStrings.xml") ? "xl/sharedStrings.xml" : nil) {
            let strings = SharedStringsHandler()
            try WorkbookXML.parse(sst, of: archive, into: strings)
            sharedStrings = strings.strings
        }
    }

    /// Streams a sheet's non-empty rows, in order, to `row` (1-based row number, cells in column order).
    /// The sheet part's compressed size in bytes.
    func size(of sheet: Sheet) -> Int { archive.sizes[sheet.part] ?? 0 }

    func read(_ sheet: Sheet, row: (Int, [WorkbookCell]) -> Void) throws(WorkbookArchiveError) {
        let handler = SheetHandler(sharedStrings: sharedStrings)
        try withoutActuallyEscaping(row) { (escapable) throws(WorkbookArchiveError) in
            handler.row = escapable
            defer { handler.row = nil }
            try WorkbookXML.parse(sheet.part, of: archive, into: handler)
        }
        if let problem = handler.problem { throw WorkbookArchiveError(part: sheet.part, message: problem) }
    }

    /// `C` for column 2, `AA` for 26.
    static func columnLetters(_ column: Int) -> String {
        var n = column + 1, letters: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.insert(Character(Unicode.Scalar(UInt8(65 + r))), at: 0)
            n = (n - 1) / 26
        }
        return String(letters)
    }
}

/// `xl/workbook.xml`: the sheets (name and relationship id, in order) and the date system.
private final class WorkbookPartHandler: WorkbookSAXHandler {
    var sheets: [(String, String)] = []
    var date1904 = false

    func start(_ local: UnsafePointer<xmlChar>, attributes: WorkbookAttributes) {
        if WorkbookXML.equal(local, "sheet") {
            sheets.append((attributes.value("name") ?? "", attributes.value("id") ?? ""))
        } else if WorkbookXML.equal(local, "workbookPr") {
            let value = attributes.value("date1904")
            date1904 = value == "1" || value == "true"
        }
    }
    func end(_ local: UnsafePointer<xmlChar>) {}
    func characters(_ bytes: UnsafePointer<xmlChar>, _ count: Int) {}
}

/// A `.rels` part: relationship id -> target, and the shared strings' target.
private final class RelationshipsHandler: WorkbookSAXHandler {
    var targets: [String: String] = [:]
    var sharedStrings: String?

    func start(_ local: UnsafePointer<xmlChar>, attributes: WorkbookAttributes) {
        guard WorkbookXML.equal(local, "Relationship"), let id = attributes.value("Id"),
              let target = attributes.value("Target") else { return }
        if attributes.value("TargetMode") == "External" { return }
        targets[id] = target
        if attributes.value("Type")?.hasSuffix("/sharedStrings") == true { sharedStrings = target }
    }
    func end(_ local: UnsafePointer<xmlChar>) {}
    func characters(_ bytes: UnsafePointer<xmlChar>, _ count: Int) {}
}

/// `sharedStrings.xml`: each `si`'s text, the `t` of its runs joined; phonetic runs (`rPh`) left out.
private final class SharedStringsHandler: WorkbookSAXHandler {
    var strings: [String] = []
    private var text: [UInt8] = []
    private var inText = false, inPhonetic = false

    func start(_ local: UnsafePointer<xmlChar>, attributes: WorkbookAttributes) {
        if WorkbookXML.equal(local, "si") {
            text.removeAll(keepingCapacity: true)
        } else if WorkbookXML.equal(local, "t") {
            inText = !inPhonetic
        } else if WorkbookXML.equal(local, "rPh") {
            inPhonetic = true
        }
    }
    func end(_ local: UnsafePointer<xmlChar>) {
        if WorkbookXML.equal(local, "si") {
            strings.append(String(decoding: text, as: UTF8.self))
        } else if WorkbookXML.equal(local, "t") {
            inText = false
        } else if WorkbookXML.equal(local, "rPh") {
            inPhonetic = false
        }
    }
    func characters(_ bytes: UnsafePointer<xmlChar>, _ count: Int) {
        if inText { text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count)) }
    }
}

/// A worksheet part, streamed: one `row` call per row that holds a cell.
private final class SheetHandler: WorkbookSAXHandler {
    let sharedStrings: [String]
    var row: ((Int, [WorkbookCell]) -> Void)?
    /// The first structural problem (a bad shared-string index, a column past XFD).
    var problem: String?

    private var rowNumber = 0
    private var cells: [WorkbookCell] = []
    private var column = 0
    private var type: UInt8 = 0  // first byte of `t`: s, i(nlineStr), b, e, d, (st)r, 0 for a number
    private var hasValue = false, hasFormula = false, inCell = false
    private var collecting = false, inPhonetic = false
    private var text: [UInt8] = []

    init(sharedStrings: [String]) { self.sharedStrings = sharedStrings }

    func start(_ local: UnsafePointer<xmlChar>, attributes: WorkbookAttributes) {
        switch local[0] {
        case UInt8(ascii: "c") where local[1] == 0:
            inCell = true
            hasValue = false
            hasFormula = false
            text.removeAll(keepingCapacity: true)
            column = attributes.bytes("r").flatMap(Self.column(of:)) ?? column
            if let t = attributes.bytes("t"), let first = t.first {
                type = t.count == 3 && first == UInt8(ascii: "s") ? UInt8(ascii: "f") : first  // "str": a formula's text
            } else {
                type = 0
            }
        case UInt8(ascii: "v") where local[1] == 0 && inCell:
            hasValue = true
            collecting = true
        case UInt8(ascii: "f") where local[1] == 0 && inCell:
            hasFormula = true
        case UInt8(ascii: "t") where local[1] == 0 && inCell:
            hasValue = true
            collecting = !inPhonetic
        case UInt8(ascii: "r") where WorkbookXML.equal(local, "rPh"):
            inPhonetic = true
        case UInt8(ascii: "r") where WorkbookXML.equal(local, "row"):
            rowNumber = attributes.bytes("r").flatMap { r in
                r.isEmpty || r.count > 9 || !r.allSatisfy({ $0 >= 48 && $0 <= 57 }) ? nil : r.reduce(0) { $0 * 10 + Int($1 - 48) }
            } ?? rowNumber + 1
            cells.removeAll(keepingCapacity: true)
            column = 0
        default:
            break
        }
    }

    func end(_ local: UnsafePointer<xmlChar>) {
        switch local[0] {
        case UInt8(ascii: "v"), UInt8(ascii: "t"):
            if local[1] == 0 { collecting = false }
        case UInt8(ascii: "r") where WorkbookXML.equal(local, "rPh"):
            inPhonetic = false
        case UInt8(ascii: "c") where local[1] == 0:
            inCell = false
            if let value = cellValue() {
                if column >= Workbook.maximumColumns {
                    problem = problem ?? "row \(rowNumber) has a cell past column XFD"
                } else {
                    cells.append(WorkbookCell(column: column, value: value))
                }
            }
            column += 1
        case UInt8(ascii: "r") where WorkbookXML.equal(local, "row"):
            if !cells.isEmpty { row?(rowNumber, cells) }
        default:
            break
        }
    }

    func characters(_ bytes: UnsafePointer<xmlChar>, _ count: Int) {
        if collecting { text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count)) }
    }

    private func cellValue() -> WorkbookValue? {
        let s = String(decoding: text, as: UTF8.self)
        switch type {
        case UInt8(ascii: "s"):
            guard hasValue else { return nil }
            guard let i = Int(FieldReader.trim(s)), sharedStrings.indices.contains(i) else {
                problem = problem ?? "a cell of row \(rowNumber) names a shared string that the workbook does not have"
                return nil
            }
            return .text(sharedStrings[i])
        case UInt8(ascii: "i"):
            return hasValue ? .text(s) : nil
        case UInt8(ascii: "b"):
            return hasValue ? .boolean(s == "1" || s == "true") : (hasFormula ? .noCachedValue : nil)
        case UInt8(ascii: "e"):
            return .error
        case UInt8(ascii: "d"):
            return hasValue ? .isoDate(s) : (hasFormula ? .noCachedValue : nil)
        case UInt8(ascii: "f"):
            return hasValue ? .text(s) : .noCachedValue
        default:
            if hasValue { return .number(FieldReader.trim(s)) }
            return hasFormula ? .noCachedValue : nil
        }
    }

    /// The 0-based column of a reference such as `C17`.
    static func column(of reference: UnsafeBufferPointer<UInt8>) -> Int? {
        var n = 0, letters = 0
        for b in reference {
            let upper = b & 0xDF
            guard upper >= 65, upper <= 90 else { break }
            n = n * 26 + Int(upper - 64)
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : n - 1
    }
}
