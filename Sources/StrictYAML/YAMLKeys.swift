/// Keys of block mappings, and the characters that cannot start a value.
extension YAMLParser {
    struct ScannedKey {
        var text: String
        var style: YAMLScalar.Style
        /// The column of the ':' after the key.
        var colon: Int
    }

    static let keyLimit = 1000

    /// A `key:` starting at (l, c) (plain, or quoted on one line), or nil
    /// when the line holds no key there.
    func scanKey(_ l: Int, _ c: Int, _ path: YAMLPath) throws(YAMLError) -> ScannedKey? {
        let s = lines[l]
        var text: String
        var style = YAMLScalar.Style.plain
        var end: Int
        if s[c] == "\"" || s[c] == "'" {
            guard let quoted = try parseQuoted(l, c, parent: -1, path: path, oneLine: true) else { return nil }
            (text, end) = (quoted.0, quoted.2)
            style = s[c] == "'" ? .singleQuoted : .doubleQuoted
            while Self.isBlank(at(l, end)) { end += 1 }
            guard at(l, end) == ":" && blankOrEnd(l, end + 1) else { return nil }
        } else {
            guard Self.canStartPlain(s, c, flow: false) else { return nil }
            var i = c
            while i < s.count {
                if s[i] == ":" && blankOrEnd(l, i + 1) { break }
                if s[i] == "#" && Self.isBlank(s[i - 1]) { return nil }
                i += 1
            }
            guard i < s.count else { return nil }
            end = i
            var e = i
            while e > c && Self.isBlank(s[e - 1]) { e -= 1 }
            text = String(String.UnicodeScalarView(s[c..<e]))
        }
        if end - c > Self.keyLimit {
            throw error(l, c, path, "has a key longer than \(Self.keyLimit) characters")
        }
        return ScannedKey(text: text, style: style, colon: end)
    }

    /// A plain scalar may start here: not with an indicator (`-`, `?` and `:`
    /// only before a character that is not a blank; `?` and `:` never, to stay
    /// clear of YAML 1.1's readings).
    static func canStartPlain(_ s: [Unicode.Scalar], _ c: Int, flow: Bool) -> Bool {
        switch s[c] {
        case "-":
            guard c + 1 < s.count else { return false }
            let n = s[c + 1]
            return !isBlank(n) && !(flow && ",[]{}".unicodeScalars.contains(n))
        case "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`":
            return false
        default:
            return !isBlank(s[c])
        }
    }

    /// The refusals a character that cannot start a value earns.
    func refuseIndicator(_ l: Int, _ c: Int, _ path: YAMLPath) throws(YAMLError) {
        switch lines[l][c] {
        case "&": throw error(l, c, path, "has an anchor ('&'), which is not accepted; write the value out")
        case "*": throw error(l, c, path, "has an alias ('*'), which is not accepted; write the value out")
        case "!": throw error(l, c, path, "has a tag ('!'), which is not accepted; quote the value to make it text")
        case "?":
            throw error(l, c, path, "has an explicit key ('?') or a value starting with '?', which is not accepted; quote it")
        case "%", "@", "`", ",", "]", "}", ":", "-", "#":
            throw error(l, c, path, "has a value starting with '\(lines[l][c])'; quote the value")
        default: return
        }
    }
}
