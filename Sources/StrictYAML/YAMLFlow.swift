/// Where a flow collection (`[a, b]`, `{k: v}`) is being read; it may go on
/// over several lines.
struct FlowCursor {
    var line: Int
    var column: Int
}

/// Flow collections. Inside them a plain scalar ends at `,` `[` `]` `{` `}`
/// and at a comment; a `:` is only the separator after a key, followed by a
/// blank or the end of the line; anywhere else it is refused (YAML 1.1 and
/// 1.2, and libyaml, disagree about it: libyaml refuses `{k:, …}`). Every entry of `{ }` is `key: value`;
/// `[ ]` holds no pairs. The lines of a collection are indented more than the
/// key it belongs to.
extension YAMLParser {
    static let flowIndicators: Set<Unicode.Scalar> = [",", "[", "]", "{", "}"]

    func at(_ cursor: FlowCursor) -> Unicode.Scalar? { at(cursor.line, cursor.column) }

    /// Past blanks, comments and line breaks to the next character of the collection.
    func skipFlowSpace(_ cursor: inout FlowCursor, start: FlowCursor, parent: Int, path: YAMLPath)
        throws(YAMLError)
    {
        while true {
            while Self.isBlank(at(cursor)) { cursor.column += 1 }
            if at(cursor) == "#" && (cursor.column == 0 || Self.isBlank(at(cursor.line, cursor.column - 1))) {
                cursor.column = lines[cursor.line].count
            }
            guard at(cursor) == nil else { return }
            guard cursor.line + 1 < lines.count else {
                throw error(start.line, start.column, path, "has a '[' or '{' that is not closed")
            }
            cursor = FlowCursor(line: cursor.line + 1, column: 0)
            if isDocumentMarker(cursor.line) {
                throw error(cursor.line, 0, path, "has '---' or '...' inside a '[ ]' or '{ }' value")
            }
            if !isEmptyLine(cursor.line) {
                let k = try indentation(cursor.line, path)
                if k <= parent {
                    throw error(
                        cursor.line, k, path, "goes on with a '[ ]' or '{ }' value on a line not indented more "
                            + "than its key; indent it")
                }
            }
        }
    }

    /// The collection opening at `cursor`, at nesting level `depth`; the cursor ends after its closing bracket.
    mutating func parseFlow(_ cursor: inout FlowCursor, parent: Int, depth: Int, path: YAMLPath) throws(YAMLError)
        -> YAMLNode
    {
        try checkDepth(depth, cursor.line, cursor.column, path)
        let start = cursor
        let isSequence = at(cursor) == "["
        cursor.column += 1
        if isSequence {
            var items: [YAMLNode] = []
            while true {
                try skipFlowSpace(&cursor, start: start, parent: parent, path: path)
                if at(cursor) == "]" { break }
                let itemPath = path.item(items.count)
                items.append(try parseFlowNode(&cursor, parent: parent, depth: depth, path: itemPath))
                try skipFlowSpace(&cursor, start: start, parent: parent, path: path)
                switch at(cursor) {
                case ",": cursor.column += 1
                case "]": break
                case ":":
                    throw error(
                        cursor.line, cursor.column, itemPath,
                        "is a 'key: value' pair inside '[ ]', which is not accepted; use '{ }' for keys")
                default:
                    throw error(cursor.line, cursor.column, path, "expected ',' or ']' here")
                }
                if at(cursor) == "]" { break }
            }
            cursor.column += 1
            return YAMLNode(.sequence(items), line: start.line + 1, column: start.column + 1)
        }
        var pairs: [YAMLPair] = []
        var seen = Set<String>()
        while true {
            try skipFlowSpace(&cursor, start: start, parent: parent, path: path)
            if at(cursor) == "}" { break }
            let keyAt = cursor
            let key = try flowKey(&cursor, parent: parent, path: path)
            while Self.isBlank(at(cursor)) { cursor.column += 1 }
            guard at(cursor) == ":", blankOrEnd(cursor.line, cursor.column + 1) else {
                throw error(
                    cursor.line, cursor.column, path.key(key.text),
                    "needs ': ' after its key on the same line; every entry of '{ }' is 'key: value'")
            }
            cursor.column += 1
            let valuePath = try check(
                key: ScannedKey(text: key.text, style: key.style, colon: 0), line: keyAt.line, column: keyAt.column,
                seen: &seen, path: path)
            try skipFlowSpace(&cursor, start: start, parent: parent, path: path)
            let value: YAMLNode
            if at(cursor) == "," || at(cursor) == "}" {
                value = YAMLNode(
                    .scalar(YAMLScalar("", style: .plain)), line: cursor.line + 1, column: cursor.column + 1)
            } else {
                value = try parseFlowNode(&cursor, parent: parent, depth: depth, path: valuePath)
                try skipFlowSpace(&cursor, start: start, parent: parent, path: path)
            }
            pairs.append(YAMLPair(key: key.text, keyLine: keyAt.line + 1, keyColumn: keyAt.column + 1, value: value))
            switch at(cursor) {
            case ",": cursor.column += 1
            case "}": break
            default: throw error(cursor.line, cursor.column, path, "expected ',' or '}' here")
            }
            if at(cursor) == "}" { break }
        }
        cursor.column += 1
        return YAMLNode(.mapping(pairs), line: start.line + 1, column: start.column + 1)
    }

    /// A key inside `{ }`: quoted or plain text on one line.
    func flowKey(_ cursor: inout FlowCursor, parent: Int, path: YAMLPath) throws(YAMLError) -> (
        text: String, style: YAMLScalar.Style
    ) {
        let l = cursor.line
        let c = cursor.column
        if at(cursor) == "\"" || at(cursor) == "'" {
            guard let quoted = try parseQuoted(l, c, parent: parent, path: path, oneLine: true) else {
                throw error(l, c, path, "has a quoted key inside '{ }' that does not end on its line")
            }
            cursor.column = quoted.2
            return (quoted.0, lines[l][c] == "'" ? .singleQuoted : .doubleQuoted)
        }
        guard Self.canStartPlain(lines[l], c, flow: true) else {
            if at(cursor) == "[" || at(cursor) == "{" {
                throw error(l, c, path, "has a key that is a list or a mapping; a key must be text")
            }
            try refuseIndicator(l, c, path)
            throw error(l, c, path, "expected a key here")
        }
        let text = try flowPlain(&cursor, parent: parent, path: path, oneLine: true)
        return (text, .plain)
    }

    /// A value inside a flow collection: a nested collection, a quoted or a plain scalar.
    mutating func parseFlowNode(_ cursor: inout FlowCursor, parent: Int, depth: Int, path: YAMLPath)
        throws(YAMLError) -> YAMLNode
    {
        let l = cursor.line
        let c = cursor.column
        switch lines[l][c] {
        case "[", "{":
            return try parseFlow(&cursor, parent: parent, depth: depth + 1, path: path)
        case "\"", "'":
            guard let quoted = try parseQuoted(l, c, parent: parent, path: path) else {
                throw error(l, c, path, "has a quoted value that is not closed")
            }
            cursor = FlowCursor(line: quoted.1, column: quoted.2)
            return try scalar(quoted.0, lines[l][c] == "'" ? .singleQuoted : .doubleQuoted, l, c, path)
        default:
            guard Self.canStartPlain(lines[l], c, flow: true) else {
                try refuseIndicator(l, c, path)
                throw error(l, c, path, "expected a value here")
            }
            let text = try flowPlain(&cursor, parent: parent, path: path, oneLine: false)
            return try scalar(text, .plain, l, c, path)
        }
    }

    /// A plain scalar inside a flow collection, folded over lines like one in a block.
    func flowPlain(_ cursor: inout FlowCursor, parent: Int, path: YAMLPath, oneLine: Bool) throws(YAMLError)
        -> String
    {
        var text = ""
        var breaks = -1  // -1: the first line
        while true {
            let l = cursor.line
            let s = lines[l]
            let from = cursor.column
            var i = from
            while i < s.count {
                let ch = s[i]
                if ch == ":" {
                    if blankOrEnd(l, i + 1) { break }
                    throw error(l, i, path, "holds ':' inside '[ ]' or '{ }'; quote the value (\"…\")")
                }
                if Self.flowIndicators.contains(ch) { break }
                if ch == "#" && i > from && Self.isBlank(s[i - 1]) { break }
                i += 1
            }
            if breaks >= 0 { text += breaks == 0 ? " " : String(repeating: "\n", count: breaks) }
            text += trimmed(l, from, i)
            cursor.column = i
            if i < s.count || oneLine { return text }
            // The line ended inside the scalar: it may go on after empty lines.
            var j = l + 1
            breaks = 0
            while j < lines.count && firstContent(j) == nil {
                breaks += 1
                j += 1
            }
            guard j < lines.count, !isDocumentMarker(j), let k = firstContent(j) else { return text }
            let first = lines[j][k]
            if first == "#" || first == ":" || Self.flowIndicators.contains(first) { return text }
            let indent = try indentation(j, path)
            if indent <= parent {
                throw error(
                    j, indent, path, "goes on with a '[ ]' or '{ }' value on a line not indented more than its "
                        + "key; indent it")
            }
            cursor = FlowCursor(line: j, column: k)
        }
    }
}
