import Foundation

/// Where a large XML export is cut so that its parts parse at once on
/// several cores (`XMLExportReader`).
///
/// A part after the first starts at the `<` of a case start tag that begins a
/// line inside `cases`. Its parser first reads `prefix`: the XML declaration,
/// the root start tag and the `cases` start tag, copied byte for byte, so that
/// it stands where the single parser would stand there: the same namespaces in
/// scope, the same open elements, the validator inside the same content model.
/// The plan is only a guess made from the bytes: whether the cut really falls
/// between two cases is decided by the parser of the part before it when it
/// gets there (`XMLStreamHandler.standsBetweenCases`); if not, that part reads
/// on to the end of the file and the later parts are dropped.
struct XMLPartPlan: Equatable {
    /// What a later part's parser reads before its first byte.
    var prefix: [UInt8]
    /// Where each part after the first starts, ascending.
    var starts: [Int]

    /// Parts are made no smaller than this when their number is chosen automatically.
    static let minimumPartBytes = 1 << 20
    /// How far from the start the `cases` start tag is looked for.
    static let ancestorScanLimit = 16 << 20
    /// How far past a part's ideal start a case start tag is looked for.
    static let splitScanLimit = 1 << 20

    /// - Parameters:
    ///   - read: the file's bytes at an offset, at most a count (fewer at its end).
    ///   - size: the file's size.
    ///   - parts: how many parts at most.
    ///   - head: the file's first bytes, already read; no part starts inside them.
    /// - Returns: nil when the file is read in one part: fewer than two parts
    ///   asked for, an encoding other than UTF-8, or no `cases` element found.
    static func make(read: (Int, Int) -> [UInt8], size: Int, parts: Int, head: [UInt8]) -> XMLPartPlan? {
        guard parts >= 2 else { return nil }
        let after = head.count
        var scanned = head
        var found = ancestors(scanned)
        if found == nil, scanned.count < min(size, ancestorScanLimit) {
            scanned = read(0, min(size, ancestorScanLimit))
            found = ancestors(scanned)
        }
        guard let found else { return nil }
        let prefix = Array(scanned[found.declaration]) + Array(scanned[found.root]) + Array(scanned[found.cases])
        var starts: [Int] = []
        var floor = max(after, found.cases.upperBound)
        for k in 1..<parts {
            let ideal = max(size / parts * k, floor)
            guard ideal < size else { break }
            let window = read(ideal, min(splitScanLimit, size - ideal))
            guard let at = caseStart(in: window, casePrefix: found.casePrefix) else { continue }
            starts.append(ideal + at)
            floor = ideal + at + 1
        }
        return starts.isEmpty ? nil : XMLPartPlan(prefix: prefix, starts: starts)
    }

    struct Ancestors: Equatable {
        /// The byte order mark and XML declaration (empty when there is none).
        var declaration: Range<Int>
        var root: Range<Int>
        var cases: Range<Int>
        /// The `cases` tag's prefix with its colon (`ce:`), or empty.
        var casePrefix: [UInt8]
    }

    /// Finds the XML declaration, the root start tag and the first `cases`
    /// start tag that is a child of the root, following comments, CDATA
    /// sections and processing instructions. Nil when they are not all within
    /// the bytes, the document has a DOCTYPE, or the declaration names an
    /// encoding other than UTF-8.
    static func ancestors(_ b: [UInt8]) -> Ancestors? {
        var i = 0
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        var declaration = 0..<0
        if has(b, at: i, "<?xml"), i + 5 < b.count, isBlank(b[i + 5]) {
            guard let end = find(b, "?>", from: i + 5) else { return nil }
            guard encodingIsUTF8(Array(b[i..<end])) else { return nil }
            i = end + 2
            declaration = 0..<i
        }
        // The prolog: white space, comments, processing instructions.
        while true {
            while i < b.count, isBlank(b[i]) { i += 1 }
            guard i + 1 < b.count, b[i] == 0x3C else { return nil }
            if has(b, at: i, "<!--") {
                guard let end = find(b, "-->", from: i + 4) else { return nil }
                i = end + 3
            } else if b[i + 1] == 0x3F {
                guard let end = find(b, "?>", from: i + 2) else { return nil }
                i = end + 2
            } else if b[i + 1] == 0x21 {
                return nil  // a DOCTYPE: refused anyway
            } else {
                break
            }
        }
        guard let rootEnd = tagEnd(b, from: i), b[rootEnd - 2] != 0x2F else { return nil }
        let root = i..<rootEnd
        var depth = 1
        i = rootEnd
        while let lt = b[i...].firstIndex(of: 0x3C) {
            if has(b, at: lt, "<!--") {
                guard let end = find(b, "-->", from: lt + 4) else { return nil }
                i = end + 3
            } else if has(b, at: lt, "<![CDATA[") {
                guard let end = find(b, "]]>", from: lt + 9) else { return nil }
                i = end + 3
            } else if has(b, at: lt, "<?") {
                guard let end = find(b, "?>", from: lt + 2) else { return nil }
                i = end + 2
            } else if has(b, at: lt, "<!") {
                return nil
            } else if has(b, at: lt, "</") {
                depth -= 1
                guard depth > 0, let end = b[lt...].firstIndex(of: 0x3E) else { return nil }
                i = end + 1
            } else {
                guard let end = tagEnd(b, from: lt) else { return nil }
                let empty = b[end - 2] == 0x2F
                if depth == 1, !empty {
                    let name = qualifiedName(b, at: lt + 1)
                    let colon = name.lastIndex(of: 0x3A)
                    let local = colon.map { Array(name[($0 + 1)...]) } ?? name
                    if local == Array("cases".utf8) {
                        let prefix = colon.map { Array(name[...$0]) } ?? []
                        return Ancestors(declaration: declaration, root: root, cases: lt..<end, casePrefix: prefix)
                    }
                }
                if !empty { depth += 1 }
                i = end
            }
        }
        return nil
    }

    /// The offset of the first `<case` start tag (with the given prefix) that
    /// begins a line (after white space), or nil.
    static func caseStart(in b: [UInt8], casePrefix: [UInt8]) -> Int? {
        let name: [UInt8] = [0x3C] + casePrefix + Array("case".utf8)
        var i = 0
        while let nl = b[i...].firstIndex(of: 0x0A) {
            var j = nl + 1
            while j < b.count, b[j] == 0x20 || b[j] == 0x09 || b[j] == 0x0D { j += 1 }
            let after = j + name.count
            if after < b.count, b[j..<after].elementsEqual(name), isBlank(b[after]) || b[after] == 0x2F || b[after] == 0x3E {
                return j
            }
            i = nl + 1
        }
        return nil
    }

    /// Newlines in a run of bytes, eight bytes at a time: in `x = word ^ 0x0A…0A`
    /// a newline is a zero byte, and `((x & 0x7F…) + 0x7F…) | x` sets the high
    /// bit of exactly the bytes that are not zero.
    static func newlines(_ bytes: UnsafeRawBufferPointer) -> Int {
        let high: UInt64 = 0x8080_8080_8080_8080, low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F, nl: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
        let words = bytes.count / 8
        var n = 0
        for w in 0..<words {
            let x = bytes.loadUnaligned(fromByteOffset: w * 8, as: UInt64.self) ^ nl
            let nonzero = (((x & low) &+ low) | x) & high
            n += 8 - nonzero.nonzeroBitCount
        }
        for i in (words * 8)..<bytes.count where bytes[i] == 0x0A { n += 1 }
        return n
    }

    // MARK: Bytes

    private static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D }

    private static func has(_ b: [UInt8], at i: Int, _ s: String) -> Bool {
        let u = Array(s.utf8)
        return i + u.count <= b.count && b[i..<(i + u.count)].elementsEqual(u)
    }

    private static func find(_ b: [UInt8], _ s: String, from start: Int) -> Int? {
        let u = Array(s.utf8)
        var i = start
        while i + u.count <= b.count, let at = b[i...].firstIndex(of: u[0]) {
            if at + u.count <= b.count, b[at..<(at + u.count)].elementsEqual(u) { return at }
            i = at + 1
        }
        return nil
    }

    /// One past the `>` that ends the tag starting at `start`, quotes followed.
    private static func tagEnd(_ b: [UInt8], from start: Int) -> Int? {
        var i = start + 1
        var quote: UInt8 = 0
        while i < b.count {
            let c = b[i]
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if c == 0x22 || c == 0x27 {
                quote = c
            } else if c == 0x3E {
                return i + 1
            } else if c == 0x3C {
                return nil
            }
            i += 1
        }
        return nil
    }

    private static func qualifiedName(_ b: [UInt8], at start: Int) -> [UInt8] {
        var i = start
        while i < b.count, !isBlank(b[i]), b[i] != 0x2F, b[i] != 0x3E { i += 1 }
        return Array(b[start..<i])
    }

    /// The declaration names no encoding, or UTF-8.
    private static func encodingIsUTF8(_ declaration: [UInt8]) -> Bool {
        let text = String(decoding: declaration, as: UTF8.self)
        guard let range = text.range(of: "encoding") else { return true }
        let rest = text[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return false }
        let value = rest.dropFirst().prefix { $0 != quote }
        return value.lowercased() == "utf-8"
    }
}
