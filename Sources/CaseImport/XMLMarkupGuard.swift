import Foundation

/// A byte scan of the XML before libxml2 sees it, for the one limit libxml2
/// 2.9 cannot keep itself: the number of attributes on one element.
///
/// libxml2 2.9 checks a start tag's attribute names (and namespace
/// declarations) for duplicates pair by pair, so one tag with 100,000
/// attributes takes minutes (measured: 1 MB, 21 s; 10 MB would take hours).
/// The scan counts the `=` outside quotes in each start tag and stops the
/// import at the tag's line when there are more than `maxAttributes`; a case
/// export element has at most nine. It follows comments, CDATA sections and
/// processing instructions so that their content is not mistaken for a tag;
/// on input that is not well-formed it may miscount, but only ever on a file
/// libxml2 refuses anyway, and a count can only err towards the parser's verdict
/// (markup it misreads as text is not counted).
struct XMLMarkupGuard {
    static let maxAttributes = 256

    private enum State {
        case text, lessThan, tag
        case quote(UInt8)
        case bang, bangDash, bangBracket, comment, cdata, instruction
    }

    private var state = State.text
    /// The line the next chunk starts on.
    private var line = 1
    /// The line of the last `<`, once known (see `tagOffset`).
    private var tagLine = 1
    /// Where the last `<` stands in the current chunk; nil when it stood in an
    /// earlier chunk (`tagLine` holds its line then). Lines are only counted
    /// when a limit is broken or a chunk ends: the scan itself jumps from `<`
    /// to `<` and from quote to quote with `memchr`.
    private var tagOffset: Int?
    private var equals = 0
    /// Dashes, brackets or `?` just seen, for the end of a comment, CDATA section or instruction.
    private var run = 0

    /// A guard for bytes that start on `line`, outside any markup.
    init(line: Int = 1) {
        self.line = line
        tagLine = line
    }

    /// True between markup (where a part of a file may start).
    var inText: Bool {
        if case .text = state { return true }
        return false
    }

    /// Scans the next bytes; returns the line of the first start tag over the limit.
    mutating func scan(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        let n = bytes.count
        tagOffset = nil
        var i = 0
        while i < n {
            switch state {
            case .text:
                guard let p = memchr(base + i, 0x3C, n - i) else {
                    i = n
                    continue
                }
                i = UnsafeRawPointer(p) - UnsafeRawPointer(base)
                tagOffset = i
                state = .lessThan
                i += 1
                continue
            case .quote(let q):
                guard let p = memchr(base + i, Int32(q), n - i) else {
                    i = n
                    continue
                }
                i = UnsafeRawPointer(p) - UnsafeRawPointer(base) + 1
                state = .tag
                continue
            case .tag:
                // Names and blanks: look at every byte up to a quote or the end of the tag.
                while i < n {
                    let b = base[i]
                    i += 1
                    if b == 0x22 || b == 0x27 {
                        state = .quote(b)
                        break
                    } else if b == 0x3D {
                        equals += 1
                        if equals > Self.maxAttributes { return lineOfTag(base) }
                    } else if b == 0x3E {
                        state = .text
                        break
                    }
                }
                continue
            default:
                break
            }
            let b = base[i]
            i += 1
            switch state {
            case .lessThan:
                switch b {
                case 0x3F:
                    state = .instruction
                    run = 0  // <?
                case 0x21: state = .bang  // <!
                default:
                    state = .tag  // the byte is the name's first
                    equals = 0
                }
            case .bang:
                state = b == 0x2D ? .bangDash : b == 0x5B ? .bangBracket : .tag
                equals = 0
            case .bangDash:
                state = b == 0x2D ? .comment : .tag
                run = 0
            case .bangBracket:
                state = .cdata  // <![CDATA[ : the rest of the opening is content until ]]>
                run = 0
            case .comment:
                if b == 0x3E, run >= 2 { state = .text }
                run = b == 0x2D ? run + 1 : 0
            case .cdata:
                if b == 0x3E, run >= 2 { state = .text }
                run = b == 0x5D ? run + 1 : 0
            case .instruction:
                if b == 0x3E, run >= 1 { state = .text }
                run = b == 0x3F ? 1 : 0
            case .text, .quote, .tag:
                break
            }
        }
        // Keep the line of a tag that goes on in the next chunk, then count the chunk's lines.
        if tagOffset != nil { tagLine = lineOfTag(base) }
        line += Self.newlines(base, n)
        return nil
    }

    /// The line of the last `<` (in this chunk or an earlier one).
    private func lineOfTag(_ base: UnsafePointer<UInt8>) -> Int {
        guard let offset = tagOffset else { return tagLine }
        return line + Self.newlines(base, offset)
    }

    private static func newlines(_ base: UnsafePointer<UInt8>, _ count: Int) -> Int {
        XMLPartPlan.newlines(UnsafeRawBufferPointer(start: base, count: count))
    }

    static let message =
        "an element has more than \(maxAttributes) attributes (a case export element has at most nine); "
        + "the rest of the file was not read"
}
