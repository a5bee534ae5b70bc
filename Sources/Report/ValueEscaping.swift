import Mustache

/// How every value reaches a report: the templates print values only with
/// `{{name}}` (`TemplateOutline` refuses the unescaped forms), and these
/// content types escape them. Both work on Unicode scalars, not Swift
/// `Character`s: `"\r\n"` is one `Character`, and so is `"` followed by a
/// combining mark, so an escaper comparing characters never sees the line
/// break or the quote inside them.
///
/// In every value, from the export, the metadata or the labels:
/// - CR, LF, CR LF, NEL, U+2028 and U+2029 become one space (a value never
///   breaks its Markdown line or table row), and so does a tab;
/// - the other C0 and C1 control characters, DEL and the bidirectional
///   controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) are
///   removed: they cannot mean anything in a reply to an authority, and could
///   reorder what a reader sees ("Trojan Source").
enum ValueText {
    enum Action { case keep, space, remove }

    static func action(_ s: Unicode.Scalar) -> Action {
        let v = s.value
        switch v {
        case 0x09, 0x0A, 0x0D, 0x85, 0x2028, 0x2029: return .space
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return .remove
        default: return v < 0x20 || (0x7F...0x9F).contains(v) ? .remove : .keep
        }
    }

    /// Walks the value's scalars after cleaning: `emit` gets each kept scalar
    /// and whether it is the first one written.
    static func forEachCleaned(_ text: String, _ emit: (Unicode.Scalar, Bool) -> Void) {
        var previousCR = false
        var first = true
        for s in text.unicodeScalars {
            defer { previousCR = s == "\r" }
            switch action(s) {
            case .remove: continue
            case .space:
                if s == "\n" && previousCR { continue }  // CR LF is one line break, one space
                emit(" ", first)
            case .keep: emit(s, first)
            }
            first = false
        }
    }
}

/// HTML: the library's five entities (`&lt; &gt; &amp; &quot; &#39;`), after `ValueText`.
struct HTMLValueContentType: MustacheContentType {
    /// Printable ASCII without `< > & " '`: `escapeText` would return it unchanged.
    static func isUnchanged(_ text: String) -> Bool {
        for byte in text.utf8 {
            switch byte {
            case 0x3C, 0x3E, 0x26, 0x22, 0x27: return false  // < > & " '
            case 0x20...0x7E: continue
            default: return false
            }
        }
        return true
    }

    func escapeText(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        ValueText.forEachCleaned(text) { s, _ in
            switch s {
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            case "'": out.append(contentsOf: "&#39;".unicodeScalars)
            default: out.append(s)
            }
        }
        return String(out)
    }
}

/// Escapes a value for GitHub-flavoured Markdown, after `ValueText`: the
/// characters that start emphasis, code, links, HTML, tables or headings get
/// a backslash, `&` too (so no entity forms), and `-`, `+`, `=` at the start
/// (a list item or a heading underline).
struct MarkdownContentType: MustacheContentType {
    /// Printable ASCII without the characters escaped anywhere, not starting with `- + =`:
    /// `escapeText` would return it unchanged.
    static func isUnchanged(_ text: String) -> Bool {
        var first = true
        for byte in text.utf8 {
            switch byte {
            case 0x5C, 0x60, 0x2A, 0x5F, 0x5B, 0x5D, 0x3C, 0x3E, 0x7C, 0x23, 0x7E, 0x26: return false  // \ ` * _ [ ] < > | # ~ &
            case 0x2D, 0x2B, 0x3D: if first { return false }  // - + =
            case 0x20...0x7E: break
            default: return false
            }
            first = false
        }
        return true
    }

    func escapeText(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        ValueText.forEachCleaned(text) { s, first in
            switch s {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "~", "&":
                out.append("\\")
            case "-", "+", "=":
                if first { out.append("\\") }
            default: break
            }
            out.append(s)
        }
        return String(out)
    }
}

/// Plain text (`valvonta thl`: the screen, the comment draft, the JSON's sentences): values
/// cleaned as in the reports (`ValueText`: line breaks and tabs to a space,
/// control and bidi characters removed), nothing escaped.
struct TextValueContentType: MustacheContentType {
    /// Printable ASCII: `escapeText` would return it unchanged.
    static func isUnchanged(_ text: String) -> Bool { text.utf8.allSatisfy { (0x20...0x7E).contains($0) } }

    func escapeText(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        ValueText.forEachCleaned(text) { s, _ in out.append(s) }
        return String(out)
    }
}

/// XML (the DOCX parts): the HTML escaping, after `ValueText`, less U+FFFE and U+FFFF, which
/// are not characters XML 1.0 allows (a part holding one would not open in Word).
struct XMLValueContentType: MustacheContentType {
    /// Printable ASCII without markup characters holds neither U+FFFE nor U+FFFF: as HTML's.
    static func isUnchanged(_ text: String) -> Bool { HTMLValueContentType.isUnchanged(text) }

    func escapeText(_ text: String) -> String {
        HTMLValueContentType().escapeText(
            String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.value != 0xFFFE && $0.value != 0xFFFF })))
    }
}

/// The content types the templates declare (`{{% CONTENT_TYPE: NAME}}`), by name: what registers
/// them with Mustache and what `FastEscaper` writes long tables' values with, so the two cannot
/// disagree. `isUnchanged`: a value the type leaves as it is (copied without escaping).
enum ValueContentTypes {
    static let all: [(name: String, type: any MustacheContentType, isUnchanged: @Sendable (String) -> Bool)] = [
        ("MARKDOWN", MarkdownContentType(), MarkdownContentType.isUnchanged),
        ("VALVONTA_HTML", HTMLValueContentType(), HTMLValueContentType.isUnchanged),
        ("VALVONTA_TEXT", TextValueContentType(), TextValueContentType.isUnchanged),
        ("VALVONTA_XML", XMLValueContentType(), XMLValueContentType.isUnchanged),
    ]
}
