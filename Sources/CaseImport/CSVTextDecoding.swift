/// The text encodings a CSV table may come in (case-export.md, Decisions: CSV):
/// with a UTF-8 byte order mark the file must be UTF-8; without one UTF-8 is
/// tried, then Windows-1252, whose five undefined bytes are an error.
enum CSVTextDecoding {
    /// The bytes to tokenise, as UTF-8: either the file's own bytes (from
    /// `start`, past a BOM) or a transcoded copy.
    enum Outcome {
        case utf8(start: Int)
        case transcoded([UInt8])
        /// What went wrong, and the physical line of the first bad byte.
        case invalid(line: Int, message: String)
    }

    static func decode(_ bytes: UnsafeRawBufferPointer) -> Outcome {
        let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        let start = hasBOM ? 3 : 0
        // UTF-16 would pass as Windows-1252 (every byte of it is defined) and
        // then fail on garbled header names; say what it is instead.
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            return .invalid(line: 1, message: "is UTF-16; save it as UTF-8 or Windows-1252")
        }
        guard let bad = firstInvalidUTF8(bytes, from: start) else { return .utf8(start: start) }
        if hasBOM {
            return .invalid(line: lineOf(offset: bad, in: bytes),
                            message: "starts with a UTF-8 byte order mark but is not valid UTF-8; save it again as UTF-8")
        }
        if let undefined = firstUndefinedWindows1252(bytes) {
            let hex = String(bytes[undefined], radix: 16, uppercase: true)
            return .invalid(line: lineOf(offset: undefined, in: bytes),
                            message: "is neither UTF-8 nor Windows-1252 (byte 0x\(hex) is undefined in Windows-1252); save it as UTF-8")
        }
        return .transcoded(windows1252ToUTF8(bytes))
    }

    /// The offset of the first byte that does not belong to well-formed UTF-8
    /// (no overlong forms, surrogates or values past U+10FFFF), or nil.
    static func firstInvalidUTF8(_ p: UnsafeRawBufferPointer, from start: Int) -> Int? {
        let n = p.count
        var i = start
        @inline(__always) func isContinuation(_ k: Int) -> Bool { k < n && p[k] & 0xC0 == 0x80 }
        while i < n {
            // Exports are nearly all ASCII: eight bytes at a time.
            if i + 8 <= n, p.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let b = p[i]
            switch b {
            case 0x00..<0x80:
                i += 1
            case 0xC2..<0xE0:
                guard isContinuation(i + 1) else { return i }
                i += 2
            case 0xE0..<0xF0:
                guard isContinuation(i + 1), isContinuation(i + 2) else { return i }
                let b1 = p[i + 1]
                if (b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 >= 0xA0) { return i }
                i += 3
            case 0xF0..<0xF5:
                guard isContinuation(i + 1), isContinuation(i + 2), isContinuation(i + 3) else { return i }
                let b1 = p[i + 1]
                if (b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 >= 0x90) { return i }
                i += 4
            default:
                return i
            }
        }
        return nil
    }

    /// Unicode scalars of the bytes 0x80–0x9F; 0 marks the five undefined ones
    /// (0x81, 0x8D, 0x8F, 0x90, 0x9D). 0xA0–0xFF equal U+00A0–U+00FF.
    static let windows1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    static func firstUndefinedWindows1252(_ p: UnsafeRawBufferPointer) -> Int? {
        p.firstIndex { $0 >= 0x80 && $0 < 0xA0 && windows1252High[Int($0 - 0x80)] == 0 }
    }

    /// Transcodes Windows-1252 (checked to hold no undefined byte) to UTF-8.
    static func windows1252ToUTF8(_ p: UnsafeRawBufferPointer) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(p.count + p.count / 16)
        for b in p {
            if b < 0x80 {
                out.append(b)
                continue
            }
            let scalar = b < 0xA0 ? windows1252High[Int(b - 0x80)] : UInt32(b)
            if scalar < 0x800 {
                out.append(UInt8(0xC0 | (scalar >> 6)))
                out.append(UInt8(0x80 | (scalar & 0x3F)))
            } else {
                out.append(UInt8(0xE0 | (scalar >> 12)))
                out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
                out.append(UInt8(0x80 | (scalar & 0x3F)))
            }
        }
        return out
    }

    /// The physical line (from 1) holding the byte at `offset`.
    static func lineOf(offset: Int, in p: UnsafeRawBufferPointer) -> Int {
        var line = 1
        for i in 0..<min(offset, p.count) where p[i] == 0x0A { line += 1 }
        return line
    }
}
