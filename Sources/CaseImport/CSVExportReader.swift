import CaseModel
import Foundation

/// Reads a folder of CSV tables (case-export.md, CSV) into an `ExportBuilder`.
///
/// Each table is mapped once and tokenised as bytes; only the cells of known
/// columns become strings, and every row becomes one `RawRecord` whose line is
/// the physical line it starts on. Typing values, duplicates and attaching
/// child rows to their case or post is the builder's work, as for XML.
///
/// Decisions where the spec is silent:
/// - Header names are trimmed like cells and matched exactly (case-sensitive).
///   An empty header name is an unknown column.
/// - A table with a missing required column, a duplicate column or a
///   malformed quote is not read past that problem: every row would only
///   repeat it. The import fails anyway.
/// - A table file holding only white space is empty. A non-empty table whose
///   line 1 is blank has no header (fatal).
/// - Any entry whose name ends in `.csv` (any case) and is not one of the
///   twelve tables is an unknown table. In lenient mode its cells are still
///   screened for identity codes (nothing is read from it otherwise), and so
///   are the cells of unknown columns in both modes.
/// - A parent key (`case`, `post`) is screened for identity codes like any
///   value; with a pseudonymisation key it is replaced by the same pseudonym
///   as the case id, so the rows still join.
public enum CSVExportReader {
    // Tables are independent until their child rows are attached (`endExport`), so each is
    // read by a builder of its own and the builders are taken in the format's table order:
    // problems, warnings and rows come out as when the tables are read one after the other.
    public static func read(folder: String, into builder: ExportBuilder) {
        let url = URL(fileURLWithPath: folder).standardizedFileURL
        let name = url.lastPathComponent
        builder.beginExport(source: name, syntax: .csv)
        let known = Set(RecordKind.allCases.map { $0.tableName + ".csv" })
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        for file in entries.sorted() where file.lowercased().hasSuffix(".csv") && !known.contains(file) {
            builder.setSource("\(name)/\(file)")
            builder.unknownName("table", field: file, line: nil)
            if builder.options.lenient {
                readTable(url.appendingPathComponent(file), kind: nil, file: file, builder: builder)
            }
        }
        // The known tables, each into a builder of its own, on as many threads as there are
        // cores (the largest first); then taken in the format's order, as if read one by one.
        // A large child table is read in parts cut at line starts (`TableParts`), each by a
        // builder of its own, so that both cores stay busy to the end.
        let kinds = RecordKind.allCases
        let sizes = kinds.map { kind in
            (try? FileManager.default.attributesOfItem(atPath: url.appendingPathComponent(kind.tableName + ".csv").path)[.size]
                as? Int) ?? 0
        }
        let threads = builder.readParts
            ?? (sizes.reduce(0, +) >= 1 << 20 ? min(max(1, ProcessInfo.processInfo.activeProcessorCount), 4) : 1)
        let partBytes = builder.csvPartBytes ?? 1 << 20
        let parts: [TableParts?] = kinds.enumerated().map { i, kind in
            guard threads > 1, kind.parentKeyColumn != nil, sizes[i] >= 2 * partBytes else { return nil }
            return TableParts(url.appendingPathComponent(kind.tableName + ".csv"), kind: kind, name: name,
                              file: kind.tableName + ".csv", partBytes: partBytes, options: builder.options)
        }
        // Work items: (table, part), in the format's order; part -1 is a whole table.
        var planned: [(table: Int, part: Int, size: Int)] = []
        for (i, p) in parts.enumerated() {
            if let p {
                for j in p.cuts.indices.dropLast() { planned.append((i, j, p.cuts[j + 1] - p.cuts[j])) }
            } else {
                planned.append((i, -1, sizes[i]))
            }
        }
        let items = planned
        let tables = items.map { _ -> ExportBuilder in
            let table = ExportBuilder(options: builder.options)
            table.beginExport(source: name, syntax: .csv)
            return table
        }
        let order = items.indices.sorted { items[$0].size > items[$1].size }
        let next = TableQueue(order, builders: tables)
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            while let (k, table) = next.take() {
                let item = items[k]
                if let p = parts[item.table], item.part >= 0 {
                    p.read(part: item.part, into: table)
                } else {
                    readKnownTable(kinds[item.table], folder: url, name: name, builder: table)
                }
            }
        }
        // A table whose parts did not meet at their cuts (a quoted cell across a cut, or a
        // problem that stopped a part) is read again in one piece.
        var taken: [ExportBuilder] = []
        for (i, p) in parts.enumerated() {
            let mine = items.indices.filter { items[$0].table == i }.map { tables[$0] }
            if let p, !p.partsMet {
                let whole = ExportBuilder(options: builder.options)
                whole.beginExport(source: name, syntax: .csv)
                readKnownTable(kinds[i], folder: url, name: name, builder: whole)
                taken.append(whole)
            } else {
                taken += mine
            }
        }
        trace("read the tables")
        builder.absorbTables(taken)
        trace("took the tables")
        builder.setSource(name)
        builder.endExport()
        trace("attached child rows")
    }

    private static func readKnownTable(_ kind: RecordKind, folder url: URL, name: String, builder: ExportBuilder) {
        let file = kind.tableName + ".csv"
        builder.setSource("\(name)/\(file)")
        let fileURL = url.appendingPathComponent(file)
        guard FileManager.default.fileExists(atPath: fileURL.path) else {
            if [.export, .region, .case].contains(kind) {
                builder.fatal(line: nil, field: nil,
                              message: "the table is missing; a CSV export needs export.csv, regions.csv and cases.csv")
            }
            return
        }
        readTable(fileURL, kind: kind, file: file, builder: builder)
    }

    /// Tables handed out to reading threads, one at a time; each builder is used by one thread only.
    private final class TableQueue: @unchecked Sendable {
        private let lock = NSLock()
        private var pending: [Int]
        private let builders: [ExportBuilder]
        init(_ order: [Int], builders: [ExportBuilder]) {
            pending = order
            self.builders = builders
        }
        func take() -> (Int, ExportBuilder)? {
            lock.lock()
            defer { lock.unlock() }
            guard !pending.isEmpty else { return nil }
            let i = pending.removeFirst()
            return (i, builders[i])
        }
    }

    /// Columns a table must have: its required fields and its parent key.
    static func requiredColumns(_ kind: RecordKind) -> [String] {
        let fields: [String]
        switch kind {
        case .export: fields = ["organisation", "generated", "periodStart", "periodEnd"]
        case .region: fields = ["code", "name"]
        case .worker: fields = ["id", "region", "role"]
        case .post: fields = ["fte"]
        case .occupancy: fields = ["worker", "from"]
        case .case: fields = ["id", "region", "service"]
        case .referral: fields = ["id", "kind", "received"]
        case .assessment: fields = ["referral"]
        case .clientship: fields = ["start"]
        case .assignment: fields = ["worker", "from"]
        case .plan, .meeting: fields = ["date"]
        }
        return (kind.parentKeyColumn.map { [$0] } ?? []) + fields
    }

    /// Reads one table; `kind` nil: an unknown table, only screened for identity codes.
    private static func readTable(_ url: URL, kind: RecordKind?, file: String, builder: ExportBuilder) {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            builder.fatal(line: nil, field: nil, message: "the table could not be read; check that it is a readable file")
            return
        }
        data.withUnsafeBytes { raw in
            switch CSVTextDecoding.decode(raw) {
            case .utf8(let start):
                readRows(raw, start: start, kind: kind, file: file, builder: builder)
            case .transcoded(let bytes):
                bytes.withUnsafeBytes { readRows($0, start: 0, kind: kind, file: file, builder: builder) }
            case .invalid(let line, let message):
                if kind != nil {
                    builder.fatal(line: line, field: nil, message: "the table " + message)
                } else {
                    builder.warning(line: line, message: "the ignored table \(message); its cells could not be screened for identity codes")
                }
            }
        }
    }

    private static func readRows(_ bytes: UnsafeRawBufferPointer, start: Int, kind: RecordKind?, file: String,
                                 builder: ExportBuilder) {
        if CSVScanner.isEmpty(bytes, from: start) {
            if let kind, [.export, .region, .case].contains(kind) {
                builder.fatal(line: 1, field: nil, message: "the table is empty; it needs a header line naming its columns")
            }
            return
        }
        var scanner = CSVScanner(bytes: bytes, start: start, separator: CSVScanner.detectSeparator(of: bytes, from: start))
        var cells: [CSVCell] = []
        switch scanner.next(&cells) {
        case .record where !cells.allSatisfy(scanner.isBlank):
            break
        case .malformed(let line, let message):
            if kind != nil { builder.fatal(line: line, field: nil, message: "the header line is malformed: " + message) }
            return
        case .limit(let line, _, let message):
            if kind != nil { builder.fatal(line: line, field: "header", message: message) }
            return
        default:
            if kind != nil {
                builder.fatal(line: 1, field: nil, message: "line 1 must be the header naming the table's columns")
            }
            return
        }
        let header = cells.map(scanner.text)
        guard let columns = CSVColumns(header: header, kind: kind, file: file, builder: builder) else { return }
        _ = readRecords(&scanner, until: bytes.count, header: header, columns: columns, kind: kind, builder: builder)
    }

    /// Reads records until the scanner reaches `end` (a record that starts before `end` is read
    /// whole). True when it stopped exactly at `end`, after whole records.
    static func readRecords(_ scanner: inout CSVScanner, until end: Int, header: [String], columns: CSVColumns,
                            kind: RecordKind?, builder: ExportBuilder) -> Bool {
        var cells: [CSVCell] = []
        // A row of the format's tables is 20 to 80 bytes.
        if let kind { builder.reserve((end - scanner.position) / 24, of: kind) }
        let keyField = kind.map { "\($0.elementName).\($0.parentKeyColumn ?? "")" } ?? ""
        // One buffer of cells by field for every row: the builder types each row from it (making
        // strings only of values kept as text) before the next row is read. The fields the
        // header lacks stay at -1.
        let byField = UnsafeMutableBufferPointer<CSVCell>.allocate(capacity: kind?.fields.count ?? 0)
        byField.initialize(repeating: CSVCell(start: -1, end: -1, escaped: false))
        defer { byField.deallocate() }
        while scanner.position < end {
            switch scanner.next(&cells) {
            case .end:
                return scanner.position == end
            case .malformed(let line, let message):
                if kind != nil {
                    builder.fatal(line: line, field: nil, message: message)
                } else {
                    builder.warning(line: line, message: "the ignored table is malformed (\(message)); its remaining cells could not be screened")
                }
                return false
            case .limit(let line, let cell, let message):
                // The column's name, when the cell has one (a cell past the header's columns has none).
                let field = header.indices.contains(cell)
                    ? (kind.map { "\($0.elementName)." } ?? "") + FieldReader.trim(header[cell]) : nil
                if kind != nil {
                    builder.fatal(line: line, field: field, message: message)
                } else {
                    builder.warning(line: line, message: "the ignored table passes a limit (\(message)); its remaining cells could not be screened")
                }
                return false
            case .record(let line):
                if cells.allSatisfy(scanner.isBlank) { continue }
                guard cells.count == columns.count else {
                    if kind != nil {
                        builder.fatal(line: line, field: nil,
                                      message: "the row has \(cells.count) cells but the header has \(columns.count) columns; "
                                          + "check separators and quotes")
                    }
                    continue
                }
                columns.screenUnknown(cells, scanner: scanner, line: line, builder: builder)
                guard let kind else { continue }
                var trimmed = true
                for (field, column) in columns.fieldColumns.enumerated() where column >= 0 {
                    let (cell, sure) = scanner.trimmed(cells[column])
                    byField[field] = cell
                    trimmed = trimmed && sure
                }
                var parent: ParentRef?
                if let keyColumn = columns.parentKeyColumn, let keyName = kind.parentKeyColumn {
                    let (cell, sure) = scanner.trimmed(cells[keyColumn])
                    var key = sure ? scanner.text(cell) : FieldReader.trim(scanner.text(cell))
                    guard !key.isEmpty else {
                        builder.fatal(line: line, field: keyField,
                                      message: "required value is missing (the cell is empty); every row names its \(keyName)")
                        continue
                    }
                    if IdentityCode.isValid(key) {
                        guard let screened = builder.screenIdentityCode(key, line: line, field: keyField) else { continue }
                        key = screened
                    }
                    parent = .key(key)
                }
                builder.accept(RawRecord(kind: kind, line: line, values: [], parent: parent),
                               csv: CSVScanner.Fields(bytes: scanner.bytes, cells: byField, sure: trimmed))
            }
        }
        return scanner.position == end
    }
}

/// A table's header: which cell holds which field, the parent key and the
/// unknown columns. Reports duplicate, unknown and missing columns.
struct CSVColumns {
    /// The header's number of cells.
    let count: Int
    /// For each of `kind.fields`, the cell index, or -1 when the column is absent.
    let fieldColumns: [Int]
    let parentKeyColumn: Int?
    /// Cell index and field name (for problems) of every column the format does not define.
    let unknown: [(index: Int, field: String)]

    /// Nil when the table cannot be read (duplicate or missing required column).
    init?(header: [String], kind: RecordKind?, file: String, builder: ExportBuilder) {
        var names: [String] = []
        var seen: [String: Int] = [:]
        var duplicate = false
        for (i, cell) in header.enumerated() {
            let label = "\(file)/column \(i + 1)"
            var name = FieldReader.trim(cell)
            // A header name is no export value, but it must not leak one either.
            if IdentityCode.isValid(name) {
                guard let screened = builder.screenIdentityCode(name, line: 1, field: label) else { return nil }
                name = screened
            }
            if let first = seen[name], kind != nil {
                builder.fatal(line: 1, field: name.isEmpty ? label : "\(file)/\(name)",
                              message: "the column appears twice in the header (columns \(first + 1) and \(i + 1))")
                duplicate = true
            }
            seen[name] = seen[name] ?? i
            names.append(name)
        }
        guard !duplicate else { return nil }
        count = header.count
        guard let kind else {
            fieldColumns = []
            parentKeyColumn = nil
            unknown = names.enumerated().map { ($0, $1.isEmpty ? "\(file)/column \($0 + 1)" : "\(file)/\($1)") }
            return
        }
        var fields = Array(repeating: -1, count: kind.fields.count)
        var key: Int?
        var unknown: [(Int, String)] = []
        for (i, name) in names.enumerated() {
            if let f = kind.fieldIndex(name) {
                fields[f] = i
            } else if name == kind.parentKeyColumn {
                key = i
            } else {
                let field = name.isEmpty ? "\(file)/column \(i + 1)" : "\(file)/\(name)"
                builder.unknownName("column", field: field, line: 1)
                unknown.append((i, field))
            }
        }
        var missing = false
        for name in CSVExportReader.requiredColumns(kind) {
            let present = name == kind.parentKeyColumn ? key != nil : kind.fieldIndex(name).map { fields[$0] >= 0 } ?? false
            if !present {
                builder.fatal(line: 1, field: "\(file)/\(name)", message: "required column is missing from the header")
                missing = true
            }
        }
        guard !missing else { return nil }
        fieldColumns = fields
        parentKeyColumn = key
        self.unknown = unknown
    }

    /// Screens the cells of unknown columns for identity codes: nothing may be
    /// smuggled through a column the import otherwise ignores.
    func screenUnknown(_ cells: [CSVCell], scanner: CSVScanner, line: Int, builder: ExportBuilder) {
        for (index, field) in unknown where cells[index].end - cells[index].start >= 11 {
            _ = builder.screenIdentityCode(scanner.text(cells[index]), line: line, field: field)
        }
    }
}
