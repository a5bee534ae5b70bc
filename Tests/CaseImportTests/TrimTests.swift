@testable import CaseImport
import Foundation
import Testing

/// `FieldReader.trim` takes exactly what Foundation's `trimmingCharacters(in: .whitespacesAndNewlines)` takes.
@Suite struct TrimTests {
    /// Every scalar of the Basic Multilingual Plane and the next (no white space lies beyond):
    /// white space to the trim exactly when it is to Foundation.
    @Test func theWhiteSpaceIsFoundations() {
        var differ: [String] = []
        for v in UInt32(0)...0x1FFFF {
            guard let c = Unicode.Scalar(v) else { continue }
            let foundation = CharacterSet.whitespacesAndNewlines.contains(c)
            if foundation != FieldReader.isWhiteSpace(c) { differ.append(String(v, radix: 16)) }
        }
        #expect(differ == [])
    }

    @Test func valuesTrimAsFoundationTrimsThem() {
        let values = [
            "Jyväskylä", " Jyväskylä\u{A0}", "\u{3000}Äänekoski\u{2003}", "\t\n ", "", "ä", " \u{85}x\u{2028}", "a b",
            "\u{200B}x\u{200B}", "\u{1C}JKL", "  A1 ", "ö\u{A0}\u{A0}",
        ]
        for v in values {
            #expect(FieldReader.trim(v) == v.trimmingCharacters(in: .whitespacesAndNewlines), "\(Array(v.unicodeScalars))")
        }
    }
}
