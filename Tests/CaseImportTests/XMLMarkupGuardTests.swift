import Testing

@testable import CaseImport

/// The markup guard jumps with `memchr` and counts lines only when it must;
/// these tests hold it to the plain byte-by-byte state machine it replaced.
struct XMLMarkupGuardTests {
    /// Scans `text` in chunks cut at `cuts`; the line reported, if any.
    private func scan(_ text: [UInt8], cuts: [Int]) -> Int? {
        var guardian = XMLMarkupGuard()
        var start = 0
        for end in cuts + [text.count] where end >= start {
            if let line = text[start..<end].withUnsafeBytes({ guardian.scan($0) }) { return line }
            start = end
        }
        return nil
    }

    private func attributes(_ n: Int, quote: String = "\"") -> String {
        (0..<n).map { "a\($0)=\(quote)\(quote)" }.joined(separator: " ")
    }

    @Test func aTagOverTheLimitIsReportedAtTheLineOfItsLessThan() {
        let text = "<?xml version=\"1.0\"?>\n<r>\n\n<case\n \(attributes(257))/>\n</r>\n"
        #expect(scan(Array(text.utf8), cuts: []) == 4)
        #expect(scan(Array(text.utf8), cuts: []) == ReferenceGuard.scan(Array(text.utf8)))
    }

    @Test func theLimitItselfPasses() {
        let text = "<r>\n<case \(attributes(256, quote: "'"))/>\n</r>"
        #expect(scan(Array(text.utf8), cuts: []) == nil)
    }

    @Test func equalsSignsInValuesCommentsCDATAAndInstructionsDoNotCount() {
        let many = String(repeating: "=", count: 600)
        let text = "<r a=\"\(many)\" b='\(many)'>\n<!-- \(many) -->\n<![CDATA[\(many)]]>\n<?pi \(many)?>\n\(many)\n</r>"
        #expect(scan(Array(text.utf8), cuts: []) == nil)
        #expect(scan(Array(text.utf8), cuts: Array(stride(from: 1, to: text.utf8.count, by: 7))) == nil)
    }

    @Test func aTagSplitAcrossChunksKeepsItsLine() {
        let text = Array("<r>\n\n\n<case \(attributes(300))/>\n</r>".utf8)
        for cut in [5, 7, 8, 9, 20, 1000, text.count - 3] {
            #expect(scan(text, cuts: [cut]) == 4, "cut at \(cut)")
        }
        #expect(scan(text, cuts: Array(1..<text.count)) == 4)
    }

    @Test(arguments: 0..<40)
    func agreesWithTheByteByByteScanOnRandomMarkup(seed: Int) {
        let (text, cuts) = Self.randomMarkup(seed: seed)
        #expect(scan(text, cuts: cuts) == ReferenceGuard.scan(text), "seed \(seed)")
    }

    @Test func theRandomMarkupBreaksTheLimitSometimes() {
        let verdicts = (0..<40).map { ReferenceGuard.scan(Self.randomMarkup(seed: $0).text) }
        #expect(verdicts.contains(nil))
        #expect(verdicts.contains { $0 != nil })
    }

    /// Fragments of markup in random order, and where to cut them into chunks.
    private static func randomMarkup(seed: Int) -> (text: [UInt8], cuts: [Int]) {
        var rng = SplitMix(seed: UInt64(seed))
        let pieces = ["<a ", "b=\"", "\"", "'", "=", ">", "\n", "<!--", "-->", "<![CDATA[", "]]>", "<?", "?>",
                      " x=\"1\"", "<c ", "/>", "text", "<!x", "-", "]", "?"]
        var text: [UInt8] = []
        for _ in 0..<Int(rng.next() % 4000) {
            let p = pieces[Int(rng.next() % UInt64(pieces.count))]
            // Runs of attributes, sometimes past the limit.
            if p == " x=\"1\"", rng.next() % 50 == 0 {
                text += Array(String(repeating: " y=\"2\"", count: 200 + Int(rng.next() % 100)).utf8)
            } else {
                text += Array(p.utf8)
            }
        }
        let cuts = (0..<Int(rng.next() % 20)).map { _ in Int(rng.next() % UInt64(max(text.count, 1))) }.sorted()
        return (text, cuts)
    }
}

/// The guard as it was first written: one state step per byte, counting lines as it goes.
private enum ReferenceGuard {
    enum State: Equatable {
        case text, lessThan, tag, quote(UInt8), bang, bangDash, bangBracket, comment, cdata, instruction
    }

    static func scan(_ bytes: [UInt8]) -> Int? {
        var state = State.text, line = 1, tagLine = 1, equals = 0, run = 0
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
                    run = 0
                case 0x21: state = .bang
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
                state = .cdata
                run = 0
            case .tag:
                if b == 0x22 || b == 0x27 {
                    state = .quote(b)
                } else if b == 0x3D {
                    equals += 1
                    if equals > XMLMarkupGuard.maxAttributes { return tagLine }
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
}

/// A small deterministic random stream for the tests.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
