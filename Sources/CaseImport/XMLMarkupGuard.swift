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
    private var line = 1
    private var tagLine = 1
    private var equals = 0
    /// Dashes, brackets or `?` just seen, for the end of a comment, CDATA section or instruction.
    private var run = 0

    /// Scans the next bytes; returns the line of the first start tag over the limit.
    mutating func scan(_ bytes: UnsafeRawBufferPointer) -> Int? {
        for b in bytes {
            if b == 0x0A { line += 1 }
            switch state {
            case .text:
                if b == 0x3C {
                    state = .lessThan
                    tagLine = line
                }
            case .lessThan:
                switch b {
                case 0x3F:
                    state = .instruction
                    run = 0  // <?
                case 0x21: state = .bang  // <!
                default:
                    state = .tag
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
            case .tag:
                if b == 0x22 || b == 0x27 {
                    state = .quote(b)
                } else if b == 0x3D {
                    equals += 1
                    if equals > Self.maxAttributes { return tagLine }
                } else if b == 0x3E {
                    state = .text
                }
            case .quote(let q):
                if b == q { state = .tag }
            case .comment:
                if b == 0x3E, run >= 2 { state = .text }
                run = b == 0x2D ? run + 1 : 0
            case .cdata:
                if b == 0x3E, run >= 2 { state = .text }
                run = b == 0x5D ? run + 1 : 0
            case .instruction:
                if b == 0x3E, run >= 1 { state = .text }
                run = b == 0x3F ? 1 : 0
            }
        }
        return nil
    }

    static let message =
        "an element has more than \(maxAttributes) attributes (a case export element has at most nine); "
        + "the rest of the file was not read"
}
