import CaseModel
import Foundation

/// Turns the rows of one report (a workbook sheet or a CSV file) into the
/// `RawRecord`s its table of the CSV form would give, through a mapping:
/// headers become format columns, report codes become format codes, date
/// cells and the mapping's date forms become `YYYY-MM-DD`, its boolean words
/// `true`/`false`. The builder then types them exactly as it types a CSV
/// table, so the model and the rejections are the CSV form's by construction.
///
/// `kind` nil: a sheet or file no table reads, only screened for identity codes.
final class MappedTableReader {
    let kind: RecordKind?
    let table: ExportMapping.Table?
    let mapping: ExportMapping
    let builder: ExportBuilder
    /// Sheet cells: column letters in locations, `t="d"` and serial dates understood.
    let isSheet: Bool
    let date1904: Bool
    /// How the header's labels name the source in problems (`Sheet` or `file.csv`).
    let label: String

    private(set) var sawHeader = false
    private var stopped = false
    /// Per format field (kind.fields index): the report column, -1 when not mapped.
    private var fieldColumns: [Int] = []
    private var keyColumn: Int?
    /// Report columns that no format column reads: screened only.
    private var mappedColumns = Set<Int>()
    /// Report column -> the format column name (for the values table), for mapped columns.
    private var headers: [Int: String] = [:]
    private var values: [[String: String]?] = []
    private var keyValues: [String: String]?
    private var dateFields = Set<Int>(), booleanFields = Set<Int>()
    /// Per report column: whether a format column reads it, and that column's field name.
    private var isMapped: [Bool] = []
    private var fieldNames: [String] = []

    init(kind: RecordKind?, table: ExportMapping.Table?, mapping: ExportMapping, builder: ExportBuilder,
         isSheet: Bool, date1904: Bool, label: String) {
        self.kind = kind
        self.table = table
        self.mapping = mapping
        self.builder = builder
        self.isSheet = isSheet
        self.date1904 = date1904
        self.label = label
    }

    static let dateNames: Set<String> = ["start", "end", "from", "to", "received", "urgencyAssessed", "decided",
                                         "started", "completed", "date", "periodStart", "periodEnd"]
    static let booleanNames: Set<String> = ["specialSupport", "urgent", "childWelfare", "aftercare", "withChild"]

    func field(_ name: String) -> String { "\(kind?.elementName ?? label).\(name)" }

    /// One row: the first non-blank one is the header.
    func row(_ number: Int, _ cells: [WorkbookCell]) {
        guard !stopped else { return }
        if cells.allSatisfy({ FieldReader.trim($0.value.text).isEmpty && !Self.isBroken($0.value) }) { return }
        if !sawHeader {
            sawHeader = true
            header(number, cells)
            return
        }
        record(number, cells)
    }

    static func isBroken(_ v: WorkbookValue) -> Bool { v == .noCachedValue || v == .error }

    private func columnLabel(_ c: Int) -> String { isSheet ? Workbook.columnLetters(c) : "column \(c + 1)" }

    private func header(_ number: Int, _ cells: [WorkbookCell]) {
        var names: [Int: String] = [:]
        var firstColumn: [String: Int] = [:]
        var duplicates = Set<String>()
        for cell in cells {
            let other = "\(label)/\(columnLabel(cell.column))"
            builder.sheet?.columns[other] = Workbook.columnLetters(cell.column)
            if cell.value == .noCachedValue {
                builder.fatal(line: number, field: other, message: "a formula without a stored value; open the workbook in Excel or LibreOffice and save it, so that every formula's value is stored")
                continue
            }
            var name = FieldReader.trim(cell.value.text)
            if IdentityCode.isValid(name) {
                guard let screened = builder.screenIdentityCode(name, line: number, field: other) else { continue }
                name = screened
            }
            if firstColumn[name] != nil { duplicates.insert(name) } else { firstColumn[name] = cell.column }
            names[cell.column] = name
        }
        guard let kind, let table else {
            mappedColumns = []
            return
        }
        fieldColumns = Array(repeating: -1, count: kind.fields.count)
        values = Array(repeating: nil, count: kind.fields.count)
        var missing = false
        for (column, wanted) in table.columns {
            let f = field(column)
            guard let c = firstColumn[wanted] else {
                // The CSV form's optional columns may be left out; its required ones are checked below.
                if mapping.isIdentity { continue }
                builder.fatal(line: number, field: f, message: "the header \(wanted) that the mapping gives for \(kind.tableName).\(column) is not in the header row of \(label)")
                missing = true
                continue
            }
            if duplicates.contains(wanted) {
                builder.fatal(line: number, field: f, message: "the header \(wanted) appears twice in the header row; the column is ambiguous")
                missing = true
                continue
            }
            builder.sheet?.columns[f] = Workbook.columnLetters(c)
            mappedColumns.insert(c)
            headers[c] = column
            if column == kind.parentKeyColumn {
                keyColumn = c
                keyValues = table.values[column]
            } else if let i = kind.fieldIndex(column) {
                fieldColumns[i] = c
                values[i] = table.values[column]
                if Self.dateNames.contains(column) { dateFields.insert(i) }
                if Self.booleanNames.contains(column) { booleanFields.insert(i) }
            }
        }
        let width = (mappedColumns.max() ?? -1) + 1
        isMapped = (0..<width).map { mappedColumns.contains($0) }
        fieldNames = (0..<width).map { headers[$0].map(field) ?? "" }
        if mapping.isIdentity {
            for (c, name) in names.sorted(by: { $0.key < $1.key }) where !mappedColumns.contains(c) {
                builder.unknownName("column", field: name.isEmpty ? "\(label)/\(columnLabel(c))" : "\(label)/\(name)", line: number)
            }
        }
        // The required columns of the CSV form must be mapped (and so present).
        for name in CSVExportReader.requiredColumns(kind)
        where !table.columns.contains(where: { $0.column == name }) || mapping.isIdentity && firstColumn[name] == nil {
            builder.fatal(line: number, field: field(name), message: mapping.isIdentity
                ? "required column is missing from the header"
                : "required column is not mapped; give its header under tables.\(kind.tableName).columns in \(mapping.file)")
            missing = true
        }
        if missing { stopped = true }
    }

    private func record(_ number: Int, _ cells: [WorkbookCell]) {
        var failed = false
        var raw = kind.map { RawRecord(kind: $0, line: number) }
        var key: String?
        for cell in cells {
            let mapped = cell.column < isMapped.count && isMapped[cell.column]
            // The field a problem names: the format column, or the sheet's (file's) own column.
            var f: String {
                if mapped { return fieldNames[cell.column] }
                let other = "\(label)/\(columnLabel(cell.column))"
                builder.sheet?.columns[other] = Workbook.columnLetters(cell.column)
                return other
            }
            switch cell.value {
            case .noCachedValue:
                if kind != nil {
                    builder.fatal(line: number, field: f, message: "a formula without a stored value; open the workbook in Excel or LibreOffice and save it, so that every formula's value is stored")
                    failed = true
                }
                continue
            case .error:
                if mapped {
                    builder.fatal(line: number, field: f, message: "the cell holds an error value (such as #N/A or #REF!) instead of a value")
                    failed = true
                }
                continue
            default:
                break
            }
            guard mapped, let kind else {
                // Screened, mapped or not: nothing passes through a column the import ignores.
                if kind == nil || !mapped {
                    let text = cell.value.text
                    if text.utf8.count >= 11, IdentityCode.isValid(text) { _ = builder.screenIdentityCode(text, line: number, field: f) }
                }
                continue
            }
            if cell.column == keyColumn, let keyName = kind.parentKeyColumn {
                var k = FieldReader.trim(cell.value.text)
                if let code = keyValues?[k] { k = code }
                if IdentityCode.isValid(k) {
                    guard let screened = builder.screenIdentityCode(k, line: number, field: f) else {
                        failed = true
                        continue
                    }
                    k = screened
                }
                if k.isEmpty {
                    builder.fatal(line: number, field: f, message: "required value is missing (the cell is empty); every row names its \(keyName)")
                    failed = true
                }
                key = k
                continue
            }
            guard let i = fieldColumns.firstIndex(of: cell.column) else { continue }
            guard let value = convert(cell.value, field: i, line: number, name: f) else {
                failed = true
                continue
            }
            raw?.values[i] = value
        }
        guard let kind, var raw, !failed else { return }
        // An empty cell is often no cell at all in a sheet: a mapping that reads "" as a boolean reads that too.
        for i in booleanFields where raw.values[i] == nil || raw.values[i] == "" {
            if mapping.falseWords?.contains("") == true { raw.values[i] = "false" }
            if mapping.trueWords?.contains("") == true { raw.values[i] = "true" }
        }
        if let keyName = kind.parentKeyColumn {
            guard let key, !key.isEmpty else {
                if key == nil {
                    builder.fatal(line: number, field: field(keyName),
                                  message: "required value is missing (the cell is empty); every row names its \(keyName)")
                }
                return
            }
            raw.parent = .key(key)
        }
        builder.accept(raw)
    }

    /// A mapped cell's value as the CSV form would hold it; nil after a reported problem.
    private func convert(_ value: WorkbookValue, field i: Int, line: Int, name: String) -> String? {
        var value = value
        let trimmed = FieldReader.trim(value.text)
        if let table = values[i], let code = table[trimmed] {
            if IdentityCode.isValid(trimmed), builder.screenIdentityCode(trimmed, line: line, field: name) == nil { return nil }
            value = .text(code)
        }
        if dateFields.contains(i) {
            switch value {
            case .number(let s):
                if let d = Double(s), let date = Self.serialDate(d, date1904: date1904) { return date.iso }
                builder.fatal(line: line, field: name, message: "a number that is not a date of the calendar (as a date serial number)")
                return nil
            case .isoDate(let s):
                if let date = CalendarDate.parseISO(s.prefix(10)) { return date.iso }
                builder.fatal(line: line, field: name, message: "not a valid date")
                return nil
            case .boolean:
                builder.fatal(line: line, field: name, message: "a true/false cell where a date is expected")
                return nil
            default:
                let text = FieldReader.trim(value.text)
                if text.isEmpty { return "" }
                for form in mapping.dateForms {
                    if let date = form.date(text) { return date.iso }
                }
                builder.fatal(line: line, field: name, message: "not a valid date in a form the mapping accepts ("
                              + mapping.dateForms.map(\.text).joined(separator: ", ") + "); give its form under dates")
                return nil
            }
        }
        if booleanFields.contains(i), case .text(let s) = value {
            let text = FieldReader.trim(s)
            if mapping.trueWords?.contains(text) == true { return "true" }
            if mapping.falseWords?.contains(text) == true { return "false" }
            return s
        }
        return value.text
    }

    /// The day of a date serial number: 1900 system (with Excel's nonexistent 29.2.1900, serial 60, refused)
    /// or 1904 system; a time of day (the fraction) is dropped.
    static func serialDate(_ serial: Double, date1904: Bool) -> CalendarDate? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        let whole = Int(serial.rounded(.down))
        if date1904 { return CalendarDate(year: 1904, month: 1, day: 1)?.adding(days: whole) }
        if whole == 60 || whole < 1 { return nil }
        let base = whole > 60 ? CalendarDate(year: 1899, month: 12, day: 30) : CalendarDate(year: 1899, month: 12, day: 31)
        return base?.adding(days: whole)
    }
}
