/// One cell of a CSV record: a byte range of the table's UTF-8 text, quotes
/// already stripped. `escaped` says the range still holds `""` pairs.
struct CSVCell {
    var start: Int
    var end: Int
    var escaped: Bool
}

/// Splits UTF-8 bytes into records and cells (RFC 4180: double quotes, `""`
/// inside a quoted cell, quoted cells may hold separators and line breaks;
/// CRLF or LF). Cells are byte ranges, so no text is built for a cell that
/// nobody reads. Counts physical lines: a record's line is the one it starts on.
///
/// Spaces or tabs around a quoted cell are allowed (cells are trimmed anyway);
/// a quote inside an unquoted cell is taken literally; anything but a
/// separator or line end after a closing quote is an error, as is a quote
/// that is never closed.
struct CSVScanner {
    enum Outcome {
        case record(line: Int)
        case end
        case malformed(line: Int, message: String)
        /// A limit passed: the cell (index in the record) where it was.
        case limit(line: Int, cell: Int, message: String)
    }

    /// The limits XML has (libxml2's 10,000,000 bytes for an attribute value and
    /// for one piece of markup, valvonta's 256 attributes on an element), so a
    /// CSV table cannot hold what the same export as XML could not.
    static let maximumCellBytes = 10_000_000
    static let maximumRowBytes = 10_000_000
    static let maximumCells = 256

    private static let quote = UInt8(ascii: "\""), lf: UInt8 = 0x0A, cr: UInt8 = 0x0D, space: UInt8 = 0x20, tab: UInt8 = 0x09

    let bytes: UnsafeRawBufferPointer
    let separator: UInt8
    private(set) var position: Int
    /// The physical line the scanner is on.
    private(set) var line = 1

    /// `line`: the physical line at `start` (a part of a table read on its own starts past line 1).
    init(bytes: UnsafeRawBufferPointer, start: Int, separator: UInt8, line: Int = 1) {
        self.bytes = bytes
        self.position = start
        self.separator = separator
        self.line = line
    }

    /// Reads the next record's cells into `cells` (cleared first).
    mutating func next(_ cells: inout [CSVCell]) -> Outcome {
        cells.removeAll(keepingCapacity: true)
        let n = bytes.count
        guard position < n else { return .end }
        let startLine = line
        let rowStart = position
        var i = position
        while true {
            if cells.count == Self.maximumCells {
                position = n
                return .limit(
                    line: startLine, cell: cells.count,
                    message: "the row has more than \(Self.maximumCells) cells (the format has at most ten columns)")
            }
            var j = i
            while j < n, bytes[j] == Self.space || bytes[j] == Self.tab { j += 1 }
            var k: Int
            if j < n, bytes[j] == Self.quote {
                k = j + 1
                let contentStart = k
                var escaped = false, closed = false
                while k < n {
                    let b = bytes[k]
                    if b == Self.quote {
                        if k + 1 < n, bytes[k + 1] == Self.quote {
                            escaped = true
                            k += 2
                            continue
                        }
                        closed = true
                        break
                    }
                    if b == Self.lf { line += 1 }
                    k += 1
                }
                guard closed else {
                    position = n
                    return .malformed(line: startLine, message: "a quoted cell is never closed; check the double quotes")
                }
                if k - contentStart > Self.maximumCellBytes {
                    position = n
                    return .limit(line: startLine, cell: cells.count, message: Self.cellTooLong)
                }
                cells.append(CSVCell(start: contentStart, end: k, escaped: escaped))
                k += 1
                while k < n, bytes[k] == Self.space || bytes[k] == Self.tab { k += 1 }
                if k < n, bytes[k] == Self.cr, k + 1 == n || bytes[k + 1] == Self.lf { k += 1 }
                if k < n, bytes[k] != separator, bytes[k] != Self.lf {
                    position = n
                    return .malformed(line: line, message: "text after the closing quote of a cell; "
                                        + "a quote inside a quoted cell is written twice (\"\")")
                }
            } else {
                k = i
                while k < n {
                    let b = bytes[k]
                    if b == separator || b == Self.lf { break }
                    k += 1
                }
                var end = k
                if end > i, bytes[end - 1] == Self.cr, k == n || bytes[k] == Self.lf { end -= 1 }
                if end - i > Self.maximumCellBytes {
                    position = n
                    return .limit(line: startLine, cell: cells.count, message: Self.cellTooLong)
                }
                cells.append(CSVCell(start: i, end: end, escaped: false))
            }
            if k - rowStart > Self.maximumRowBytes {
                position = n
                return .limit(
                    line: startLine, cell: cells.count - 1,
                    message: "the row is longer than \(Self.maximumRowBytes) bytes (the limit of one element in XML)")
            }
            if k >= n {
                position = n
                return .record(line: startLine)
            }
            if bytes[k] == separator {
                i = k + 1
                continue
            }
            line += 1
            position = k + 1
            return .record(line: startLine)
        }
    }

    /// A row's cells by field (`kind.fields`), trimmed as bytes, so that dates and booleans are
    /// typed from the table's bytes where they stand and only values kept as text become strings.
    struct Fields {
        let bytes: UnsafeRawBufferPointer
        /// By field index; a field without a column has `start == -1`.
        let cells: UnsafeMutableBufferPointer<CSVCell>
        /// Every cell's trimming was settled as bytes (`trimmed`): no string needs trimming.
        var sure: Bool
    }

    static let cellTooLong = "the cell is longer than \(maximumCellBytes) bytes (the limit of a value in XML)"

    /// The cell's text with `""` collapsed.
    func text(_ cell: CSVCell) -> String { Self.text(cell, in: bytes) }

    /// The text of a cell of `bytes`, with `""` collapsed.
    static func text(_ cell: CSVCell, in bytes: UnsafeRawBufferPointer) -> String {
        let slice = UnsafeRawBufferPointer(rebasing: bytes[cell.start..<cell.end])
        guard cell.escaped else { return String(decoding: slice, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(slice.count)
        var skip = false
        for b in slice {
            if skip {
                skip = false
                continue
            }
            out.append(b)
            if b == quote { skip = true }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The cell without the ASCII white space at its ends (tab, LF, VT, FF, CR,
    /// space: what `trimmingCharacters(in: .whitespacesAndNewlines)` takes of
    /// ASCII), and whether that is surely the trimmed text: not when an end is
    /// another control byte or a byte past 0x7E (Unicode white space such as
    /// U+00A0 starts with one), which only trimming the text can settle.
    func trimmed(_ cell: CSVCell) -> (cell: CSVCell, sure: Bool) {
        var start = cell.start, end = cell.end
        while start < end, Self.isASCIISpace(bytes[start]) { start += 1 }
        while end > start, Self.isASCIISpace(bytes[end - 1]) { end -= 1 }
        guard end > start else { return (CSVCell(start: start, end: start, escaped: false), true) }
        let f = bytes[start], l = bytes[end - 1]
        return (CSVCell(start: start, end: end, escaped: cell.escaped), f > 0x20 && f < 0x7F && l > 0x20 && l < 0x7F)
    }

    @inline(__always)
    private static func isASCIISpace(_ b: UInt8) -> Bool { b == space || (b >= tab && b <= cr) }

    /// True when the cell holds only white space (so it reads as absent).
    func isBlank(_ cell: CSVCell) -> Bool {
        var ascii = true
        for i in cell.start..<cell.end {
            let b = bytes[i]
            if b >= 0x80 {
                ascii = false
            } else if b != Self.space && b != Self.tab && b != Self.cr && b != Self.lf {
                return false
            }
        }
        return ascii || FieldReader.trim(text(cell)).isEmpty
    }

    /// The separator a table uses: `;` when its first line holds at least as many `;` as `,`.
    static func detectSeparator(of bytes: UnsafeRawBufferPointer, from start: Int) -> UInt8 {
        var semicolons = 0, commas = 0
        var i = start
        while i < bytes.count, bytes[i] != lf {
            if bytes[i] == UInt8(ascii: ";") { semicolons += 1 } else if bytes[i] == UInt8(ascii: ",") { commas += 1 }
            i += 1
        }
        return semicolons >= commas ? UInt8(ascii: ";") : UInt8(ascii: ",")
    }

    /// True when the text holds nothing but white space and line breaks.
    static func isEmpty(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Bool {
        !bytes[start...].contains { $0 != space && $0 != tab && $0 != cr && $0 != lf }
    }
}
