import CaseModel

/// The strict reader's parser: block mappings and sequences, flow `[ ]` and
/// `{ }`, plain, quoted and block (`|`, `>`) scalars, comments, one optional
/// `---` and `...`. Everything else YAML has is refused with its place:
/// anchors, aliases, tags, merge keys, explicit `?` keys, directives, a
/// second document, duplicate keys, keys that are not text.
///
/// It descends one call per level of nesting and stops at `maximumDepth`
/// before going deeper, so no file can drive it far down the stack; every
/// other loop moves forward through the lines. Positions are 0-based inside,
/// 1-based in errors and nodes.
struct YAMLParser {
    let file: String
    let lines: [[Unicode.Scalar]]
    let finalBreak: Bool
    let maximumDepth: Int
    /// The next line not yet consumed by the node just parsed.
    var pos = 0

    init(text: YAMLText, file: String, maximumDepth: Int) {
        self.file = file
        self.lines = text.lines
        self.finalBreak = text.finalBreak
        self.maximumDepth = maximumDepth
    }

    // MARK: Places and errors

    func error(_ l: Int, _ c: Int, _ path: YAMLPath, _ problem: String) -> YAMLError {
        YAMLError(file: file, line: l + 1, column: c + 1, path: path.description, problem: problem)
    }

    func at(_ l: Int, _ c: Int) -> Unicode.Scalar? {
        l < lines.count && c >= 0 && c < lines[l].count ? lines[l][c] : nil
    }

    static func isBlank(_ s: Unicode.Scalar?) -> Bool { s == " " || s == "\t" }

    /// A blank, or the end of the line.
    func blankOrEnd(_ l: Int, _ c: Int) -> Bool {
        guard let s = at(l, c) else { return true }
        return Self.isBlank(s)
    }

    /// The column of the first character that is not a blank, nil for a blank line.
    func firstContent(_ l: Int) -> Int? {
        lines[l].firstIndex { !Self.isBlank($0) }
    }

    /// Blank, or only a comment.
    func isEmptyLine(_ l: Int) -> Bool {
        guard let c = firstContent(l) else { return true }
        return lines[l][c] == "#"
    }

    /// `---` or `...` at the start of a line, alone or before a blank.
    func isDocumentMarker(_ l: Int) -> Bool {
        let s = lines[l]
        guard s.count >= 3, (s[0] == "-" && s[1] == "-" && s[2] == "-") || (s[0] == "." && s[1] == "." && s[2] == ".")
        else { return false }
        return blankOrEnd(l, 3)
    }

    /// The next line with content from `l` on, in a block. A blank or comment
    /// line passed on the way may not start with a tab either (libyaml
    /// refuses one at the start of a line, whatever follows it).
    func nextContentLine(from l: Int) throws(YAMLError) -> Int? {
        var j = l
        while j < lines.count {
            if !isEmptyLine(j) { return j }
            try refuseLeadingTab(j)
            j += 1
        }
        return nil
    }

    func refuseLeadingTab(_ l: Int) throws(YAMLError) {
        if let tab = lines[l].firstIndex(where: { $0 != " " }), lines[l][tab] == "\t" {
            throw error(l, tab, YAMLPath(), "has a tab at the start of a line; indent with spaces only")
        }
    }

    /// The indentation of a line with content: its leading spaces. A tab
    /// there is refused (YAML does not allow one; editors show it at any width).
    func indentation(_ l: Int, _ path: YAMLPath) throws(YAMLError) -> Int {
        var c = 0
        while let s = at(l, c), s == " " { c += 1 }
        if at(l, c) == "\t" {
            throw error(l, c, path, "has a tab in its indentation; indent with spaces only")
        }
        return c
    }

    /// After a value: only blanks and a comment may follow on its line.
    func expectLineEnd(_ l: Int, _ c: Int, _ path: YAMLPath) throws(YAMLError) {
        var i = c
        while Self.isBlank(at(l, i)) { i += 1 }
        guard let s = at(l, i) else { return }
        if s == "#" && i > c { return }
        if s == ":" {
            throw error(
                l, i, path, "has a ':' after a quoted or bracketed value; a key must be plain text or quoted text")
        }
        throw error(l, i, path, "has more text after its value on the same line; quote the whole value")
    }

    func checkDepth(_ depth: Int, _ l: Int, _ c: Int, _ path: YAMLPath) throws(YAMLError) {
        if depth > maximumDepth {
            throw error(
                l, c, path, "is nested more than \(maximumDepth) levels deep, deeper than any file of valvonta needs")
        }
    }

    /// A scalar as a node, after the identity-code screen.
    func scalar(_ text: String, _ style: YAMLScalar.Style, _ l: Int, _ c: Int, _ path: YAMLPath) throws(YAMLError)
        -> YAMLNode
    {
        if IdentityCode.isContained(in: text) {
            throw error(
                l, c, path,
                "holds a Finnish identity code (henkilötunnus); no file given to valvonta may hold one, remove it")
        }
        return YAMLNode(.scalar(YAMLScalar(text, style: style)), line: l + 1, column: c + 1)
    }

    // MARK: The document

    mutating func parseDocument() throws(YAMLError) -> YAMLNode? {
        let root = YAMLPath()
        guard var l = try nextContentLine(from: 0) else { return nil }
        if lines[l].first == "%" {
            throw error(l, 0, root, "has a directive (a line starting with '%'), which is not accepted; remove it")
        }
        if isDocumentMarker(l) && lines[l][0] == "-" {
            if let c = firstContent(l, after: 3) {
                throw error(l, c, root, "has text after '---' on the same line; start it on the next line")
            }
            guard let next = try nextContentLine(from: l + 1) else { return nil }
            l = next
        }
        var node: YAMLNode?
        if isDocumentMarker(l) {
            pos = l
        } else {
            let indent = try indentation(l, root)
            node = try parseBlockNode(l, indent, parent: -1, depth: 0, path: root)
        }
        guard let next = try nextContentLine(from: pos) else { return node }
        if isDocumentMarker(next) && lines[next][0] == "." {
            if let c = firstContent(next, after: 3) {
                throw error(next, c, root, "has text after '...' on the same line; remove it")
            }
            guard let after = try nextContentLine(from: next + 1) else { return node }
            throw error(after, 0, root, "has more after the end of the document ('...'); only one document is read")
        }
        if isDocumentMarker(next) {
            throw error(next, 0, root, "holds a second document ('---'); only one document is read")
        }
        let c = firstContent(next) ?? 0
        throw error(next, c, root, "has text that belongs to no key: it is indented less than the lines before it")
    }

    /// The first non-blank column from `c` on, unless it starts a comment.
    func firstContent(_ l: Int, after c: Int) -> Int? {
        var i = c
        while Self.isBlank(at(l, i)) { i += 1 }
        guard let s = at(l, i), !(s == "#" && i > c) else { return nil }
        return i
    }

    // MARK: Block collections

    /// The node whose first character is at (l, c), in a block whose parent is
    /// indented `parent` (-1 at the top): a block sequence or mapping starting
    /// here, or a single value.
    mutating func parseBlockNode(_ l: Int, _ c: Int, parent: Int, depth: Int, path: YAMLPath) throws(YAMLError)
        -> YAMLNode
    {
        if lines[l][c] == "-" && blankOrEnd(l, c + 1) {
            return try parseBlockSequence(l, c, depth: depth + 1, path: path)
        }
        if let key = try scanKey(l, c, path) {
            return try parseBlockMapping(l, c, first: key, depth: depth + 1, path: path)
        }
        return try parseValue(l, c, parent: parent, depth: depth, path: path)
    }

    /// A value after `key:` on the same line: no block collection may start there.
    mutating func parseInlineValue(_ l: Int, _ c: Int, parent: Int, depth: Int, path: YAMLPath) throws(YAMLError)
        -> YAMLNode
    {
        if lines[l][c] == "-" && blankOrEnd(l, c + 1) {
            throw error(
                l, c, path, "starts a list on the line of its key; put each '- item' on a line of its own below")
        }
        if try scanKey(l, c, path) != nil {
            throw error(
                l, c, path,
                "holds ': ', which YAML reads as a second key on the line; quote the value, or put nested keys "
                    + "on lines of their own below")
        }
        return try parseValue(l, c, parent: parent, depth: depth, path: path)
    }

    /// The value of a key (or item) whose line ends after the ':' (or '-'):
    /// what is indented more on the following lines, a list at the key's own
    /// indentation, or null.
    mutating func parseIndentedValue(
        after l: Int, mark: (Int, Int), parent: Int, listAtSameIndent: Bool, depth: Int, path: YAMLPath
    ) throws(YAMLError) -> YAMLNode {
        if let next = try nextContentLine(from: l + 1), !isDocumentMarker(next) {
            let k = try indentation(next, path)
            if k > parent {
                return try parseBlockNode(next, k, parent: parent, depth: depth, path: path)
            }
            if k == parent && listAtSameIndent && lines[next][k] == "-" && blankOrEnd(next, k + 1) {
                return try parseBlockSequence(next, k, depth: depth + 1, path: path)
            }
        }
        pos = l + 1
        return YAMLNode(.scalar(YAMLScalar("", style: .plain)), line: mark.0 + 1, column: mark.1 + 1)
    }

    mutating func parseBlockSequence(_ l: Int, _ s: Int, depth: Int, path: YAMLPath) throws(YAMLError) -> YAMLNode {
        try checkDepth(depth, l, s, path)
        var items: [YAMLNode] = []
        var line = l
        while true {
            let itemPath = path.item(items.count)
            var r = s + 1
            while at(line, r) == " " { r += 1 }
            if at(line, r) == "\t" {
                throw error(line, r, itemPath, "has a tab after '-'; use spaces")
            }
            if at(line, r) == nil || at(line, r) == "#" {
                items.append(
                    try parseIndentedValue(
                        after: line, mark: (line, s + 1), parent: s, listAtSameIndent: false, depth: depth,
                        path: itemPath))
            } else {
                items.append(try parseBlockNode(line, r, parent: s, depth: depth, path: itemPath))
            }
            guard let next = try nextContentLine(from: pos), !isDocumentMarker(next) else { break }
            let k = try indentation(next, path)
            if k < s { break }
            if k > s {
                throw error(next, k, path, "has a line indented more than the list item before it")
            }
            guard lines[next][k] == "-" && blankOrEnd(next, k + 1) else { break }
            line = next
        }
        return YAMLNode(.sequence(items), line: l + 1, column: s + 1)
    }

    mutating func parseBlockMapping(_ l: Int, _ m: Int, first: ScannedKey, depth: Int, path: YAMLPath)
        throws(YAMLError) -> YAMLNode
    {
        try checkDepth(depth, l, m, path)
        var pairs: [YAMLPair] = []
        var seen = Set<String>()
        var line = l
        var key = first
        while true {
            let valuePath = try check(key: key, line: line, column: m, seen: &seen, path: path)
            var r = key.colon + 1
            while Self.isBlank(at(line, r)) { r += 1 }
            let value: YAMLNode
            if at(line, r) == nil || at(line, r) == "#" {
                value = try parseIndentedValue(
                    after: line, mark: (line, key.colon + 1), parent: m, listAtSameIndent: true, depth: depth,
                    path: valuePath)
            } else {
                value = try parseInlineValue(line, r, parent: m, depth: depth, path: valuePath)
            }
            pairs.append(YAMLPair(key: key.text, keyLine: line + 1, keyColumn: m + 1, value: value))
            guard let next = try nextContentLine(from: pos), !isDocumentMarker(next) else { break }
            let k = try indentation(next, path)
            if k < m { break }
            if k > m {
                throw error(next, k, valuePath, "has a line indented more than its key's value allows")
            }
            guard let nextKey = try scanKey(next, k, path) else {
                if lines[next][k] == "-" && blankOrEnd(next, k + 1) {
                    throw error(next, k, valuePath, "has a list item where a key was expected")
                }
                try refuseIndicator(next, k, path)
                throw error(next, k, path, "expected 'key: value' on this line")
            }
            line = next
            key = nextKey
        }
        return YAMLNode(.mapping(pairs), line: l + 1, column: m + 1)
    }

    /// A key's checks: no merge key, no duplicate, no identity code. Returns its value's path.
    func check(key: ScannedKey, line: Int, column: Int, seen: inout Set<String>, path: YAMLPath) throws(YAMLError)
        -> YAMLPath
    {
        let keyPath = path.key(key.text)
        if key.style == .plain && key.text == "<<" {
            throw error(line, column, path, "has a merge key ('<<'), which is not accepted; write the keys out")
        }
        if key.text.isEmpty {
            throw error(line, column, path, "has an empty key")
        }
        if IdentityCode.isContained(in: key.text) {
            throw error(
                line, column, keyPath,
                "is a key holding a Finnish identity code (henkilötunnus); no file given to valvonta may hold one")
        }
        if !seen.insert(key.text).inserted {
            throw error(line, column, keyPath, "is given twice in the same mapping; give each key once")
        }
        return keyPath
    }

    // MARK: Values

    /// A single value at (l, c): a block scalar, a flow collection, a quoted
    /// or a plain scalar.
    mutating func parseValue(_ l: Int, _ c: Int, parent: Int, depth: Int, path: YAMLPath) throws(YAMLError)
        -> YAMLNode
    {
        switch lines[l][c] {
        case "|", ">":
            return try parseBlockScalar(l, c, parent: parent, path: path)
        case "[", "{":
            var flow = FlowCursor(line: l, column: c)
            let node = try parseFlow(&flow, parent: parent, depth: depth + 1, path: path)
            try expectLineEnd(flow.line, flow.column, path)
            pos = flow.line + 1
            return node
        case "\"", "'":
            guard let quoted = try parseQuoted(l, c, parent: parent, path: path) else {
                throw error(l, c, path, "has a quoted value that is not closed")
            }
            try expectLineEnd(quoted.1, quoted.2, path)
            pos = quoted.1 + 1
            return try scalar(quoted.0, lines[l][c] == "'" ? .singleQuoted : .doubleQuoted, l, c, path)
        default:
            if !Self.canStartPlain(lines[l], c, flow: false) {
                try refuseIndicator(l, c, path)
                throw error(l, c, path, "has a value starting with '\(lines[l][c])'; quote the value")
            }
            return try parsePlain(l, c, parent: parent, path: path)
        }
    }
}
