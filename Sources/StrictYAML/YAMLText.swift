/// The first stage of the reader: bytes to lines of Unicode scalars, before
/// any YAML is looked at. Everything refused here is refused whatever the
/// YAML around it: a file over the size limit (checked first, on the byte
/// count), UTF-16 or UTF-32, bytes that are not UTF-8 (a file saved as
/// Latin-1), and characters YAML does not allow or that YAML 1.1 and 1.2
/// read differently.
struct YAMLText {
    /// The file's lines without their line breaks (LF, CR LF or CR).
    var lines: [[Unicode.Scalar]]
    /// Whether the last line ended with a line break (a block scalar keeps it).
    var finalBreak: Bool

    init(_ bytes: some Collection<UInt8>, file: String, maximumBytes: Int) throws(YAMLError) {
        if bytes.count > maximumBytes {
            throw YAMLError(
                file: file, line: nil, column: nil, path: "",
                problem: "is larger than \(YAMLText.size(maximumBytes)), more than such a file can need; it was not read")
        }
        let head = Array(bytes.prefix(4))
        if head.starts(with: [0xFE, 0xFF]) || head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0, 0, 0xFE, 0xFF])
            || (head.count >= 2 && (head[0] == 0 || head[1] == 0))
        {
            throw YAMLError(
                file: file, line: 1, column: nil, path: "",
                problem: "is UTF-16 or UTF-32 text; save it as UTF-8")
        }
        var lines: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var afterCR = false
        var first = true
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .emptyInput:
                break decoding
            case .error:
                throw YAMLError(
                    file: file, line: lines.count + 1, column: current.count + 1, path: "",
                    problem: "is not UTF-8 text (a byte here is not UTF-8, as in a file saved as Latin-1 or "
                        + "Windows-1252); save it as UTF-8")
            case .scalarValue(let s):
                defer { first = false }
                if first && s == "\u{FEFF}" { continue }  // a UTF-8 byte order mark
                if s == "\n" {
                    if afterCR {
                        afterCR = false
                        continue
                    }
                    lines.append(current)
                    current = []
                    continue
                }
                afterCR = false
                if s == "\r" {
                    lines.append(current)
                    current = []
                    afterCR = true
                    continue
                }
                if let what = YAMLText.refused(s) {
                    throw YAMLError(
                        file: file, line: lines.count + 1, column: current.count + 1, path: "",
                        problem: "holds \(what), which is not accepted in a YAML file; remove it")
                }
                current.append(s)
            }
        }
        finalBreak = current.isEmpty && !lines.isEmpty
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        self.lines = lines
    }

    /// Characters YAML does not allow in a file (C0 and C1 controls other than
    /// tab and the line breaks, DEL, a byte order mark inside the text,
    /// U+FFFE/U+FFFF), and NEL, U+2028 and U+2029, which YAML 1.1 (and the
    /// library beside this reader) takes for line breaks and YAML 1.2 does
    /// not. An escape in a double-quoted value (`\t`, `\N`) can still write one.
    static func refused(_ s: Unicode.Scalar) -> String? {
        let v = s.value
        switch v {
        case 0x09: return nil
        case 0x85: return "a next-line character (U+0085)"
        case 0x2028, 0x2029: return "a line or paragraph separator (U+\(hex(v)))"
        case 0xFEFF: return "a byte order mark inside the text"
        case 0xFFFE, 0xFFFF: return "a non-character (U+\(hex(v)))"
        default:
            if v < 0x20 || (0x7F...0x9F).contains(v) { return "a control character (U+\(hex(v)))" }
            return nil
        }
    }

    static func size(_ bytes: Int) -> String {
        bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? "\(bytes >> 20) MB" : "\(bytes) bytes"
    }

    static func hex(_ v: UInt32) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }
}
