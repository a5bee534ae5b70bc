import CaseModel
import Foundation

/// Reads a region's own reports (mapping.md): a workbook, or a folder of CSV
/// and/or xlsx files, through a mapping, into an `ExportBuilder` as one
/// export. Without a mapping, a workbook laid out like the CSV form (sheets
/// named `cases`, `referrals`, … with the CSV column names) reads as that form.
///
/// Decisions where mapping.md is silent:
/// - A plain `source` names a sheet of the workbook (or of any workbook in the
///   folder), else a file of the folder; `file.xlsx` alone names its first
///   sheet. A sheet name found in two workbooks is ambiguous (fatal).
/// - Tables are read in the CSV form's order, each sheet streamed once per
///   table that reads it; sheets and CSV files that no table reads are still
///   screened for identity codes (with no mapping, they are unknown tables).
/// - Only the mapped columns' cells must hold values: an error value (`#N/A`)
///   elsewhere is ignored, but a formula without a stored value anywhere in a
///   table's sheet is fatal.
public enum MappedExportReader {
    /// A sheet of a workbook, or a CSV file.
    struct Source {
        var file: String
        var workbook: Workbook?
        var sheet: Workbook.Sheet?
        var url: URL
        /// `file#Sheet` or `file`.
        var name: String { sheet.map { "\(file)#\($0.name)" } ?? file }
    }

    /// True when `path` is read by this reader without a mapping: a workbook file.
    public static func isWorkbook(_ path: String) -> Bool { path.lowercased().hasSuffix(".xlsx") }

    public static func read(path: String, mapping given: ExportMapping?, into builder: ExportBuilder) {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let name = url.lastPathComponent
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
        builder.beginExport(source: name, syntax: .csv)
        let mapping = given ?? ExportMapping.identity(file: name)
        var sources: [Source] = []
        if isDirectory.boolValue {
            let entries = ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
            for file in entries {
                let lower = file.lowercased(), fileURL = url.appendingPathComponent(file)
                if lower.hasSuffix(".xlsx") {
                    sources += open(fileURL, file: "\(name)/\(file)", builder: builder)
                } else if lower.hasSuffix(".csv") {
                    sources.append(Source(file: "\(name)/\(file)", url: fileURL))
                }
            }
        } else {
            sources = open(url, file: name, builder: builder)
        }
        if builder.hasFatal {
            builder.endExport()
            return
        }
        var used = Set<Int>()
        var chosen: [RecordKind: Int] = [:]
        for kind in RecordKind.allCases {
            guard let table = mapping.tables[kind] else { continue }
            switch resolve(table.source, in: sources, root: name) {
            case .found(let i):
                chosen[kind] = i
                used.insert(i)
            case .missing where mapping.isIdentity:
                if [.export, .region, .case].contains(kind) {
                    builder.fatal(source: name, line: nil, field: kind.tableName,
                                  message: "the workbook has no sheet \(kind.tableName); a workbook in the CSV form needs the sheets export, regions and cases (or give --mapping)")
                }
            case .missing:
                builder.fatal(source: mapping.file, line: table.line, field: "tables.\(kind.tableName).source",
                              message: "no sheet or file \(table.source) in \(name)")
            case .ambiguous:
                builder.fatal(source: mapping.file, line: table.line, field: "tables.\(kind.tableName).source",
                              message: "\(table.source) is a sheet of more than one workbook in \(name); write file.xlsx#Sheet")
            }
        }
        if !mapping.isIdentity {
            if mapping.tables[.case] == nil {
                builder.fatal(source: mapping.file, line: nil, field: "tables.cases", message: "the mapping must give the cases table")
            }
            if mapping.tables[.region] == nil && mapping.regions == nil {
                builder.fatal(source: mapping.file, line: nil, field: "tables.regions",
                              message: "the mapping must give the regions table, or the regions themselves under regions")
            }
            if mapping.tables[.export] == nil && mapping.header.contains(where: { $0 == nil }) {
                builder.fatal(source: mapping.file, line: nil, field: "organisation",
                              message: "with no export table, the mapping must give organisation, generated and period")
            }
        }
        // Each table into a builder of its own, on as many threads as there are cores (up to
        // four, the largest sheets first); then taken in the format's order, so that records,
        // problems and warnings come out as when the tables are read one after the other (as
        // a CSV folder's are).
        let kinds = RecordKind.allCases
        let tables = kinds.map { _ -> ExportBuilder in
            let table = ExportBuilder(options: builder.options)
            table.beginExport(source: name, syntax: .csv)
            return table
        }
        for (k, kind) in kinds.enumerated() where chosen[kind] == nil {
            let table = tables[k]
            if kind == .export, !mapping.isIdentity, mapping.tables[.export] == nil {
                table.setSource(mapping.file)
                table.accept(RawRecord(kind: .export, line: mapping.headerLine, values: [nil] + mapping.header))
            } else if kind == .region, mapping.tables[.region] == nil, let regions = mapping.regions {
                table.setSource(mapping.file)
                for r in regions { table.accept(RawRecord(kind: .region, line: r.line, values: [r.code, r.name])) }
            }
        }
        let reads = kinds.indices.filter { chosen[kinds[$0]] != nil }
            .sorted { Self.size(of: sources[chosen[kinds[$0]]!]) > Self.size(of: sources[chosen[kinds[$1]]!]) }
        let next = IndexQueue(reads)
        let threads = builder.readParts ?? min(max(1, ProcessInfo.processInfo.activeProcessorCount), 4)
        let work = TableWork(sources: sources, chosen: chosen, mapping: mapping, tables: tables)
        DispatchQueue.concurrentPerform(iterations: min(threads, max(1, reads.count))) { _ in
            while let k = next.take() {
                let kind = work.kinds[k]
                readTable(work.sources[work.chosen[kind]!], kind: kind, table: work.mapping.tables[kind],
                          mapping: work.mapping, builder: work.tables[k])
            }
        }
        builder.absorbTables(tables)
        for (i, source) in sources.enumerated() where !used.contains(i) {
            if mapping.isIdentity {
                builder.setSource(source.file)
                builder.sheet = nil
                builder.unknownName("table", field: source.sheet?.name ?? source.file, line: nil)
                if builder.options.lenient { readTable(source, kind: nil, table: nil, mapping: mapping, builder: builder) }
            } else {
                readTable(source, kind: nil, table: nil, mapping: mapping, builder: builder)
            }
        }
        builder.sheet = nil
        builder.setSource(name)
        builder.endExport()
    }

    /// A table's source's size in bytes (a sheet's compressed part, or the CSV file): the order work is handed out in.
    static func size(of source: Source) -> Int {
        if let book = source.workbook, let sheet = source.sheet { return book.size(of: sheet) }
        return (try? FileManager.default.attributesOfItem(atPath: source.url.path)[.size] as? Int) ?? 0
    }

    /// What the reading threads share; each table's builder is used by one thread only.
    private final class TableWork: @unchecked Sendable {
        let kinds = RecordKind.allCases
        let sources: [Source]
        let chosen: [RecordKind: Int]
        let mapping: ExportMapping
        let tables: [ExportBuilder]
        init(sources: [Source], chosen: [RecordKind: Int], mapping: ExportMapping, tables: [ExportBuilder]) {
            self.sources = sources
            self.chosen = chosen
            self.mapping = mapping
            self.tables = tables
        }
    }

    private static func open(_ url: URL, file: String, builder: ExportBuilder) -> [Source] {
        do {
            let book = try Workbook(path: url.path)
            for part in book.unopened {
                builder.setSource(file)
                builder.warning(line: 0, message: "the workbook's part \(part) (an external link or embedded object) was not opened")
            }
            return book.sheets.map { Source(file: file, workbook: book, sheet: $0, url: url) }
        } catch {
            builder.fatal(source: file, line: nil, field: error.part, message: error.message)
            return []
        }
    }

    enum Resolution { case found(Int), missing, ambiguous }

    static func resolve(_ source: String, in sources: [Source], root: String) -> Resolution {
        func unique(_ matches: [Int]) -> Resolution {
            matches.isEmpty ? .missing : matches.count == 1 ? .found(matches[0]) : .ambiguous
        }
        func fileMatches(_ s: Source, _ file: String) -> Bool { s.file == file || s.file == "\(root)/\(file)" }
        if let hash = source.lastIndex(of: "#") {
            let file = String(source[..<hash]), sheet = String(source[source.index(after: hash)...])
            return unique(sources.indices.filter { fileMatches(sources[$0], file) && sources[$0].sheet?.name == sheet })
        }
        let sheets = sources.indices.filter { sources[$0].sheet?.name == source }
        if !sheets.isEmpty { return unique(sheets) }
        // A file: a CSV file, or a workbook's first sheet.
        if let i = sources.indices.first(where: { fileMatches(sources[$0], source) }) { return .found(i) }
        return .missing
    }

    private static func readTable(_ source: Source, kind: RecordKind?, table: ExportMapping.Table?, mapping: ExportMapping,
                                  builder: ExportBuilder) {
        builder.setSource(source.name)
        if let book = source.workbook, let sheet = source.sheet {
            builder.sheet = SheetLocation(file: source.file, sheet: sheet.name)
            let reader = MappedTableReader(kind: kind, table: table, mapping: mapping, builder: builder, isSheet: true,
                                           date1904: book.date1904, label: sheet.name)
            do {
                try book.read(sheet) { reader.row($0, $1) }
            } catch {
                builder.fatal(line: nil, field: error.part, message: error.message)
                builder.sheet = nil
                return
            }
            finish(reader, kind: kind, table: table, mapping: mapping, builder: builder)
            builder.sheet = nil
            return
        }
        builder.sheet = nil
        let reader = MappedTableReader(kind: kind, table: table, mapping: mapping, builder: builder, isSheet: false,
                                       date1904: false, label: source.url.lastPathComponent)
        readCSV(source.url, reader: reader, builder: builder)
        finish(reader, kind: kind, table: table, mapping: mapping, builder: builder)
    }

    private static func finish(_ reader: MappedTableReader, kind: RecordKind?, table: ExportMapping.Table?,
                               mapping: ExportMapping, builder: ExportBuilder) {
        guard let kind, !reader.sawHeader else { return }
        let required = [.export, .region, .case].contains(kind)
        if required || (!mapping.isIdentity && !(table?.columns.isEmpty ?? true)) {
            builder.fatal(line: nil, field: nil, message: "the \(reader.isSheet ? "sheet" : "file") is empty; it needs a header row naming its columns")
        }
    }

    /// A CSV file's rows as text cells, through the CSV form's decoding and scanner.
    private static func readCSV(_ url: URL, reader: MappedTableReader, builder: ExportBuilder) {
        guard let data = try? Data(contentsOf: url, options: .alwaysMapped) else {
            builder.fatal(line: nil, field: nil, message: "the file could not be read; check that it is a readable file")
            return
        }
        let screenOnly = reader.kind == nil
        data.withUnsafeBytes { raw in
            func rows(_ bytes: UnsafeRawBufferPointer, start: Int) {
                guard !CSVScanner.isEmpty(bytes, from: start) else { return }
                var scanner = CSVScanner(bytes: bytes, start: start, separator: CSVScanner.detectSeparator(of: bytes, from: start))
                var cells: [CSVCell] = []
                var width: Int?
                while true {
                    switch scanner.next(&cells) {
                    case .end:
                        return
                    case .malformed(let line, let message), .limit(let line, _, let message):
                        if screenOnly {
                            builder.warning(line: line, message: "the file no table reads is malformed (\(message)); its remaining cells could not be screened")
                        } else {
                            builder.fatal(line: line, field: nil, message: message)
                        }
                        return
                    case .record(let line):
                        if cells.allSatisfy(scanner.isBlank) { continue }
                        if let width, width != cells.count {
                            if !screenOnly {
                                builder.fatal(line: line, field: nil, message: "the row has \(cells.count) cells but the header has \(width) columns; check separators and quotes")
                            }
                            continue
                        }
                        width = width ?? cells.count
                        reader.row(line, cells.enumerated().map { WorkbookCell(column: $0.offset, value: .text(scanner.text($0.element))) })
                    }
                }
            }
            switch CSVTextDecoding.decode(raw) {
            case .utf8(let start): rows(raw, start: start)
            case .transcoded(let bytes): bytes.withUnsafeBytes { rows($0, start: 0) }
            case .invalid(let line, let message):
                if screenOnly {
                    builder.warning(line: line, message: "the file no table reads \(message); its cells could not be screened for identity codes")
                } else {
                    builder.fatal(line: line, field: nil, message: "the file " + message)
                }
            }
        }
    }
}
