import CLibXML2
import Foundation

/// Turns libxml2's messages into problem texts that name elements and
/// attributes but never a value: libxml2 quotes offending values ("The value
/// 'X' is not …"), and a value may be personal data. What cannot be recognised
/// as safe is replaced by a plain description rather than passed on.
enum XMLErrorText {
    struct Schema: Equatable {
        /// What the problem is about, to drop a second report of it:
        /// `element.attribute`, `element:name` or `text:name`.
        var key: String
        /// `element.attribute` or `element`.
        var field: String?
        var text: String
    }

    private static let ownNamespace = "{" + CaseExportSchema.namespace + "}"
    /// Marks a parse error that `XMLStreamHandler` recognised as a truncated file.
    static let truncated = "\u{1}truncated:"
    /// Marks a parse error at the end of a file in which no element began.
    static let noElement = "\u{1}no element"
    static let withheld = "the value is not allowed here (libxml2's message quotes the value, so it is not shown)"

    /// A schema validity error, e.g. "Element '{urn:…}case', attribute 'service':
    /// [facet 'enumeration'] The value 'x' is not an element of the set {…}."
    static func schema(_ raw: String) -> Schema {
        var s = firstLine(raw).replacingOccurrences(of: ownNamespace, with: "")
        var element: String?, attribute: String?
        if let (name, rest) = quoted(after: "Element '", in: s) {
            element = localName(name)
            s = rest
            if let (a, rest2) = quoted(after: ", attribute '", in: s) {
                attribute = localName(a)
                s = rest2
            }
            if s.hasPrefix(": ") { s.removeFirst(2) }
        }
        let key: String, field: String?
        if let element, let attribute {
            key = "\(element).\(attribute)"
            field = key
        } else if let element {
            if s.hasSuffix("' is required but missing."), let (a, _) = quoted(after: "The attribute '", in: s) {
                key = "\(element).\(localName(a))"
                field = key
            } else if s.hasPrefix("Character content") {
                key = "text:\(element)"
                field = element
            } else {
                key = "element:\(element)"
                field = element
            }
        } else {
            key = ""
            field = nil
        }
        return Schema(key: key, field: field, text: withoutValues(s))
    }

    /// A parse (well-formedness) error.
    static func parser(code: Int32, message: String, fatal: Bool) -> String {
        let tail = fatal ? "; the rest of the file was not read" : ""
        let line = firstLine(message)
        if line == noElement || code == Int32(XML_ERR_DOCUMENT_EMPTY.rawValue) {
            return "holds no XML element; is this an XML export?"
        }
        if line.hasPrefix(truncated) {
            return "ends before the XML is complete (is the file cut short?); still open: "
                + line.dropFirst(truncated.count)
        }
        if let known = known(code: code, line: line) { return "is not well-formed XML: " + known + tail }
        switch code {
        case Int32(XML_ERR_UNDECLARED_ENTITY.rawValue), Int32(XML_WAR_UNDECLARED_ENTITY.rawValue):
            return "is not well-formed XML: a reference to an undeclared entity; DTDs and entities are not allowed, "
                + "write characters directly (only &amp; &lt; &gt; &quot; &apos; and &#…; are understood)" + tail
        case Int32(XML_ERR_INVALID_CHAR.rawValue) where line.hasPrefix("Input is not proper UTF-8"),
             Int32(XML_ERR_INVALID_ENCODING.rawValue) where line.hasPrefix("Input is not proper UTF-8"):
            return "is not valid UTF-8 here (nor in an encoding named by the XML declaration); save the export as UTF-8" + tail
        default:
            break
        }
        let text = safe(line, shortQuotesAllowed: true) ? line : "libxml2 error \(code)"
        return "is not well-formed XML: " + text + tail
    }

    /// Plain words, and what to do, for the mistakes a hand-edited or cut
    /// export shows most; libxml2's own text for these quotes characters
    /// (`AttValue: " or ' expected`), which would otherwise be withheld.
    private static func known(code: Int32, line: String) -> String? {
        if line.hasPrefix("AttValue length too long") {
            return "an attribute value is longer than libxml2's limit of 10,000,000 bytes; a case export has no such value"
        }
        if line.hasPrefix("Huge input lookup") {
            return "a tag, comment or other piece of markup is longer than libxml2's limit of 10,000,000 bytes"
        }
        switch code {
        case Int32(XML_ERR_INVALID_CHAR.rawValue) where !line.hasPrefix("Input is not proper UTF-8"):
            return "a character that XML does not allow (a control character); remove it"
        case Int32(XML_ERR_LT_IN_ATTRIBUTE.rawValue):
            return "a '<' inside an attribute value; write it as &lt;"
        case Int32(XML_ERR_ATTRIBUTE_NOT_STARTED.rawValue):
            return "an attribute value must be written in quotes, name=\"value\""
        case Int32(XML_ERR_ATTRIBUTE_NOT_FINISHED.rawValue):
            return "an attribute value is not closed with its quote"
        case Int32(XML_ERR_ATTRIBUTE_WITHOUT_VALUE.rawValue):
            return "an attribute without a value; write name=\"value\""
        case Int32(XML_ERR_ENTITYREF_SEMICOL_MISSING.rawValue):
            return "an '&' that starts no reference; write a literal & as &amp;"
        default:
            return nil
        }
    }

    // MARK: Helpers

    private static func firstLine(_ s: String) -> String {
        let line = s.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: true).first.map(String.init) ?? ""
        return line.trimmingCharacters(in: .whitespaces)
    }

    /// The text between `opening` (which ends in a quote) at the start of `s`
    /// and the next quote, and what follows that quote.
    private static func quoted(after opening: String, in s: String) -> (String, String)? {
        guard s.hasPrefix(opening) else { return nil }
        let rest = s.dropFirst(opening.count)
        guard let end = rest.firstIndex(of: "'") else { return nil }
        return (String(rest[..<end]), String(rest[rest.index(after: end)...]))
    }

    /// `{uri}local` or `prefix:local` → `local`.
    private static func localName(_ name: String) -> String {
        var n = Substring(name)
        if let brace = n.lastIndex(of: "}") { n = n[n.index(after: brace)...] }
        if let colon = n.lastIndex(of: ":") { n = n[n.index(after: colon)...] }
        return String(n)
    }

    /// Removes the quoted value from libxml2's value messages; anything else
    /// quoted that is not a schema name or facet is withheld wholesale.
    static func withoutValues(_ message: String) -> String {
        var s = message
        let typeMarker = "' is not a valid value of the "
        if s.hasPrefix("'"), let r = s.range(of: typeMarker, options: .backwards) {
            s = "The value is not a valid value of the " + s[r.upperBound...]
        }
        if let start = s.range(of: "value '") {
            let tail = s[start.upperBound...]
            let ends = ["' is ", "' does ", "' has ", "' of "].compactMap { tail.range(of: $0, options: .backwards) }
            if let end = ends.max(by: { $0.lowerBound < $1.lowerBound }) {
                s = s[..<start.lowerBound] + "value" + s[s.index(after: end.lowerBound)...]
            } else {
                return withheld
            }
        }
        return safe(s, shortQuotesAllowed: false) ? s : withheld
    }

    /// True when every quoted part of `s` is a name from the schema: a facet,
    /// type, pattern, attribute, element, length or constraint, or the set of
    /// allowed values in braces.
    private static func safe(_ s: String, shortQuotesAllowed: Bool) -> Bool {
        let contexts = ["facet ", "type ", "pattern ", "attribute ", "Element ", "length of ", "constraint ", "(", "is "]
        var rest = Substring(s)
        while let q = rest.firstIndex(where: { $0 == "'" || $0 == "{" }) {
            if rest[q] == "{" {
                guard let close = rest[q...].firstIndex(of: "}") else { return false }
                rest = rest[rest.index(after: close)...]
                continue
            }
            let before = rest[..<q]
            let afterQuote = rest.index(after: q)
            guard let close = rest[afterQuote...].firstIndex(of: "'") else { return false }
            let inner = rest[afterQuote..<close]
            let shortSymbol = shortQuotesAllowed && inner.count <= 2 && !inner.contains { $0.isLetter || $0.isNumber }
            guard shortSymbol || contexts.contains(where: { before.hasSuffix($0) }) else { return false }
            rest = rest[rest.index(after: close)...]
        }
        return true
    }
}
