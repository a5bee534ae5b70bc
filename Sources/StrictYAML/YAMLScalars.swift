/// Plain, quoted and block scalars. The folding of lines follows the YAML 1.2
/// spec as libyaml (the library under Yams) implements it, so a file both
/// read gives the same text to both (`StrictYAMLTests` and the fuzzer compare
/// them); where the two differ, or the spec leaves room, the reader refuses.
extension YAMLParser {
    static func text(_ s: ArraySlice<Unicode.Scalar>) -> String {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: s)
        return String(v)
    }

    // MARK: Plain

    /// A plain scalar in a block: its first line from `c`, then the lines
    /// indented more than `parent`, folded (one line break is a space, each
    /// further empty line a line break), up to a comment or a line that is not
    /// indented more.
    mutating func parsePlain(_ l: Int, _ c: Int, parent: Int, path: YAMLPath) throws(YAMLError) -> YAMLNode {
        var (text, comment) = try plainSegment(l, c, path)
        var last = l
        if !comment {
            var breaks = 0
            var j = l + 1
            while j < lines.count {
                guard let first = firstContent(j) else {
                    try refuseLeadingTab(j)
                    breaks += 1
                    j += 1
                    continue
                }
                if isDocumentMarker(j) || lines[j][first] == "#" { break }
                let k = try indentation(j, path)
                if k <= parent { break }
                let (segment, hasComment) = try plainSegment(j, k, path)
                text += breaks == 0 ? " " : String(repeating: "\n", count: breaks)
                text += segment
                breaks = 0
                last = j
                j += 1
                if hasComment { break }
            }
        }
        pos = last + 1
        return try scalar(text, .plain, l, c, path)
    }

    /// One line of a plain scalar from `c`: up to a comment (` #`) or the end,
    /// without trailing blanks; `: ` inside is refused (YAML reads a key there).
    func plainSegment(_ l: Int, _ c: Int, _ path: YAMLPath) throws(YAMLError) -> (String, Bool) {
        let s = lines[l]
        var i = c
        while i < s.count {
            if s[i] == ":" && blankOrEnd(l, i + 1) {
                throw error(
                    l, i, path, "holds ': ', which YAML reads as a key; quote the value (\"…\") to keep it as text")
            }
            if s[i] == "#" && i > c && Self.isBlank(s[i - 1]) { return (trimmed(l, c, i), true) }
            i += 1
        }
        return (trimmed(l, c, s.count), false)
    }

    func trimmed(_ l: Int, _ c: Int, _ end: Int) -> String {
        var e = end
        while e > c && Self.isBlank(lines[l][e - 1]) { e -= 1 }
        return Self.text(lines[l][c..<e])
    }

    // MARK: Quoted

    /// A quoted scalar from the quote at (l, c): its text and the position
    /// just after the closing quote. With `oneLine`, nil when it does not
    /// close on its line (so it is no key).
    func parseQuoted(_ l: Int, _ c: Int, parent: Int, path: YAMLPath, oneLine: Bool = false) throws(YAMLError)
        -> (String, Int, Int)?
    {
        let single = lines[l][c] == "'"
        var out = String.UnicodeScalarView()
        var pending: [Unicode.Scalar] = []  // blanks kept only if something follows on the line
        var j = l
        var i = c + 1
        while true {
            let s = lines[j]
            if i >= s.count {
                if oneLine { return nil }
                pending.removeAll()
                let (next, column, breaks) = try continuation(after: j, start: (l, c), parent: parent, path: path)
                out.append(contentsOf: (breaks == 0 ? " " : String(repeating: "\n", count: breaks)).unicodeScalars)
                (j, i) = (next, column)
                continue
            }
            let ch = s[i]
            if ch == (single ? "'" : "\"") {
                if single && i + 1 < s.count && s[i + 1] == "'" {
                    out.append(contentsOf: pending)
                    pending.removeAll()
                    out.append("'")
                    i += 2
                    continue
                }
                out.append(contentsOf: pending)
                return (String(out), j, i + 1)
            }
            if !single && ch == "\\" {
                out.append(contentsOf: pending)
                pending.removeAll()
                if i + 1 >= s.count {
                    if oneLine { return nil }
                    // An escaped line break: nothing of it is kept; empty lines after it are.
                    let (next, column, breaks) = try continuation(after: j, start: (l, c), parent: parent, path: path)
                    out.append(contentsOf: String(repeating: "\n", count: breaks).unicodeScalars)
                    (j, i) = (next, column)
                    continue
                }
                let (scalar, length) = try escape(j, i, path)
                out.append(scalar)
                i += length
                continue
            }
            if Self.isBlank(ch) {
                pending.append(ch)
            } else {
                out.append(contentsOf: pending)
                pending.removeAll()
                out.append(ch)
            }
            i += 1
        }
    }

    /// The next line of a quoted scalar after line `j`: the line and column
    /// where its text goes on, and the empty lines passed.
    func continuation(after j: Int, start: (Int, Int), parent: Int, path: YAMLPath) throws(YAMLError)
        -> (Int, Int, Int)
    {
        var breaks = 0
        var line = j + 1
        while line < lines.count {
            if isDocumentMarker(line) {
                throw error(line, 0, path, "has '---' or '...' inside a quoted value")
            }
            guard let k = firstContent(line) else {
                breaks += 1
                line += 1
                continue
            }
            var spaces = 0
            while lines[line][spaces] == " " { spaces += 1 }
            if spaces <= parent {
                throw error(
                    line, k, path, "goes on with a quoted value on a line not indented more than its key; indent it")
            }
            return (line, k, breaks)
        }
        throw error(start.0, start.1, path, "has a quoted value that is not closed")
    }

    /// The escape at (l, i) (the backslash) in a double-quoted scalar: the
    /// character it writes and its length. YAML 1.2's escapes; `\0` and an
    /// escape of U+0000 are refused (the library beside this reader cuts the
    /// text there).
    func escape(_ l: Int, _ i: Int, _ path: YAMLPath) throws(YAMLError) -> (Unicode.Scalar, Int) {
        guard let e = at(l, i + 1) else { throw error(l, i, path, "has an unfinished escape") }
        let simple: [Unicode.Scalar: UInt32] = [
            "a": 0x07, "b": 0x08, "t": 0x09, "\t": 0x09, "n": 0x0A, "v": 0x0B, "f": 0x0C, "r": 0x0D, "e": 0x1B,
            " ": 0x20, "\"": 0x22, "/": 0x2F, "\\": 0x5C, "N": 0x85, "_": 0xA0, "L": 0x2028, "P": 0x2029,
        ]
        if let v = simple[e], let s = Unicode.Scalar(v) { return (s, 2) }
        let digits: Int
        switch e {
        case "x": digits = 2
        case "u": digits = 4
        case "U": digits = 8
        case "0": throw error(l, i, path, "has the escape \\0 (a NUL character), which is not accepted")
        default: throw error(l, i, path, "has an escape that YAML does not know; write \\\\ for a backslash")
        }
        var value: UInt32 = 0
        for k in 0..<digits {
            guard let d = at(l, i + 2 + k), let h = Self.hexValue(d) else {
                throw error(l, i, path, "has an escape without its \(digits) hexadecimal digits")
            }
            value = value << 4 | h
        }
        guard value != 0, let s = Unicode.Scalar(value) else {
            throw error(l, i, path, "has an escape that is not a character (U+0000, a surrogate or beyond U+10FFFF)")
        }
        return (s, 2 + digits)
    }

    static func hexValue(_ s: Unicode.Scalar) -> UInt32? {
        switch s.value {
        case 0x30...0x39: return s.value - 0x30
        case 0x41...0x46: return s.value - 0x41 + 10
        case 0x61...0x66: return s.value - 0x61 + 10
        default: return nil
        }
    }

    // MARK: Block scalars

    /// `|` (literal) or `>` (folded) at (l, c), with an optional chomping
    /// indicator (`-` strip, `+` keep) and indentation digit, in a block
    /// indented `parent`. The lines are taken as libyaml takes them
    /// (`yaml_parser_scan_block_scalar`), step for step.
    mutating func parseBlockScalar(_ l: Int, _ c: Int, parent: Int, path: YAMLPath) throws(YAMLError) -> YAMLNode {
        guard parent >= 0 else {
            throw error(l, c, path, "is a block scalar ('|' or '>') at the top of the file; the file must be keys")
        }
        let literal = lines[l][c] == "|"
        var chomp = 0  // -1 strip, 0 clip, 1 keep
        var explicit: Int?
        var i = c + 1
        for _ in 0..<2 {
            guard let s = at(l, i) else { break }
            if (s == "-" || s == "+") && chomp == 0 {
                chomp = s == "-" ? -1 : 1
            } else if explicit == nil, let v = Self.hexValue(s), s.value >= 0x31, s.value <= 0x39 {
                explicit = Int(v)
            } else {
                break
            }
            i += 1
        }
        if let s = at(l, i), !Self.isBlank(s) {
            throw error(l, i, path, "has text after '|' or '>' on the same line; the text goes on the lines below")
        }
        try expectLineEnd(l, i, path)

        var indent = explicit.map { parent + $0 } ?? 0
        var j = l + 1
        var column = 0
        var out = String.UnicodeScalarView()
        var trailing = 0
        var leadingBreak = false
        var leadingBlank = false
        func atEnd() -> Bool {
            j >= lines.count || (j == lines.count - 1 && !finalBreak && column >= lines[j].count)
        }
        /// Indentation and empty lines; the first call finds the indentation when no digit gave it.
        func scanBreaks() throws(YAMLError) {
            var widest = 0
            while j < lines.count {
                column = 0
                let s = lines[j]
                while (indent == 0 || column < indent) && column < s.count && s[column] == " " { column += 1 }
                widest = max(widest, column)
                if (indent == 0 || column < indent) && column < s.count && s[column] == "\t" {
                    throw error(j, column, path, "has a tab in the indentation of a block scalar; use spaces")
                }
                if column < s.count || atEnd() { break }
                trailing += 1
                j += 1
            }
            if j >= lines.count { column = 0 }
            if indent == 0 {
                indent = max(widest, parent + 1, 1)
                if j < lines.count && column < indent && column > parent && column < lines[j].count {
                    throw error(
                        j, column, path,
                        "is a block scalar whose first lines are empty but hold more spaces than its text; "
                            + "remove those spaces")
                }
            }
        }
        try scanBreaks()
        while !atEnd() && column == indent {
            let s = lines[j]
            let trailingBlank = column < s.count && Self.isBlank(s[column])
            if !literal && leadingBreak && !leadingBlank && !trailingBlank {
                if trailing == 0 { out.append(" ") }
            } else if leadingBreak {
                out.append("\n")
            }
            leadingBreak = false
            out.append(contentsOf: String(repeating: "\n", count: trailing).unicodeScalars)
            trailing = 0
            leadingBlank = trailingBlank
            out.append(contentsOf: s[column...])
            if j == lines.count - 1 && !finalBreak {
                j = lines.count
                break
            }
            leadingBreak = true
            j += 1
            try scanBreaks()
        }
        if chomp != -1 && leadingBreak { out.append("\n") }
        if chomp == 1 { out.append(contentsOf: String(repeating: "\n", count: trailing).unicodeScalars) }
        pos = j
        return try scalar(String(out), literal ? .literal : .folded, l, c, path)
    }
}
