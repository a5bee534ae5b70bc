import CaseModel
import Foundation

/// A large child table of a CSV folder (referrals, meetings, …) cut into
/// parts at line starts, so that several threads read it at once, each part
/// into a builder of its own; the builders are then taken in order, as if one
/// had read the table. A cut is a record boundary only if the part before it
/// stops exactly there (a quoted cell may hold a line break): `partsMet`
/// says whether every part did, and the caller reads the table again in one
/// piece when one did not. So the result is always the one-piece reading's.
///
/// Only tables whose header is clean are cut (no problem, no warning, no
/// unknown column), and only UTF-8 ones: anything else is read in one piece,
/// which reports it. Child tables hold no keys that must be unique among
/// their rows (a referral id is unique in its case, checked when rows are
/// attached to their cases), so parts need no common index.
final class TableParts: @unchecked Sendable {
    let kind: RecordKind
    let name: String
    let file: String
    /// Byte offsets: the first part starts after the header, the last ends at the end.
    let cuts: [Int]
    private let data: Data
    private let separator: UInt8
    private let header: [String]
    private let columns: CSVColumns
    /// The physical line at each cut.
    private let lines: [Int]
    private let lock = NSLock()
    private var met: [Bool]

    /// Nil when the table is better read in one piece.
    init?(_ url: URL, kind: RecordKind, name: String, file: String, partBytes: Int, options: ImportOptions) {
        guard let data = try? Data(contentsOf: url, options: .alwaysMapped) else { return nil }
        let plan: (Int, UInt8, [String], CSVColumns, Int)? = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard case .utf8(let start) = CSVTextDecoding.decode(raw), !CSVScanner.isEmpty(raw, from: start) else { return nil }
            var scanner = CSVScanner(bytes: raw, start: start, separator: CSVScanner.detectSeparator(of: raw, from: start))
            var cells: [CSVCell] = []
            guard case .record = scanner.next(&cells), !cells.allSatisfy(scanner.isBlank) else { return nil }
            let header = cells.map(scanner.text)
            let scratch = ExportBuilder(options: options)
            scratch.beginExport(source: name, syntax: .csv)
            guard let columns = CSVColumns(header: header, kind: kind, file: file, builder: scratch),
                  columns.unknown.isEmpty, !scratch.hasFatal, scratch.problemCount == 0 else { return nil }
            return (scanner.position, scanner.separator, header, columns, scanner.line)
        }
        guard let (first, separator, header, columns, firstLine) = plan else { return nil }
        let count = data.count
        var cuts = [first], lines = [firstLine]
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            var newlines = firstLine - 1, counted = first
            var target = first + partBytes
            while target < count - partBytes / 2 {
                var i = target
                while i < count, raw[i] != 0x0A { i += 1 }
                i += 1
                guard i < count, i > cuts[cuts.count - 1] else { break }
                for j in counted..<i where raw[j] == 0x0A { newlines += 1 }
                counted = i
                cuts.append(i)
                lines.append(newlines + 1)
                target = i + partBytes
            }
        }
        guard cuts.count > 1 else { return nil }
        cuts.append(count)
        self.kind = kind
        self.name = name
        self.file = file
        self.data = data
        self.separator = separator
        self.header = header
        self.columns = columns
        self.cuts = cuts
        self.lines = lines
        met = Array(repeating: false, count: cuts.count - 1)
    }

    /// Reads part `k` into `builder` (begun for the folder).
    func read(part k: Int, into builder: ExportBuilder) {
        builder.setSource("\(name)/\(file)")
        let ended = data.withUnsafeBytes { raw -> Bool in
            var scanner = CSVScanner(bytes: raw, start: cuts[k], separator: separator, line: lines[k])
            return CSVExportReader.readRecords(&scanner, until: cuts[k + 1], header: header, columns: columns,
                                               kind: kind, builder: builder)
        }
        lock.lock()
        met[k] = ended
        lock.unlock()
    }

    /// Whether every part stopped exactly at the next one's cut (read after all parts are read).
    var partsMet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return met.allSatisfy { $0 }
    }
}
