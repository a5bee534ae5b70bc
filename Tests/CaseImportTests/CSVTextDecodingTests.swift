@testable import CaseImport
import Foundation
import Testing

@Suite("CSV text decoding")
struct CSVTextDecodingTests {
    private func firstInvalid(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBytes { CSVTextDecoding.firstInvalidUTF8($0, from: 0) }
    }

    @Test func utf8ValidatorAcceptsWellFormedText() {
        let text = "ascii only, long enough for the eight-byte path; Jyväskylä – € 𝄞 " + String(repeating: "x", count: 20)
        #expect(firstInvalid(Array(text.utf8)) == nil)
    }

    @Test(arguments: [
        ([0x41, 0xE4, 0x42], 1),  // Windows-1252 ä: a lead byte without continuation
        ([0x41, 0x42, 0xC3], 2),  // truncated at the end
        ([0xC0, 0x80], 0),  // overlong NUL
        ([0xE0, 0x80, 0x80], 0),  // overlong three-byte form
        ([0xED, 0xA0, 0x80], 0),  // UTF-16 surrogate
        ([0xF4, 0x90, 0x80, 0x80], 0),  // past U+10FFFF
        ([0x41, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41, 0x80], 8),  // stray continuation after a fast-path word
    ] as [([UInt8], Int)])
    func utf8ValidatorFindsTheFirstBadByte(bytes: [UInt8], offset: Int) {
        #expect(firstInvalid(bytes) == offset)
    }

    /// The hand-written table must agree with Foundation's Windows-1252 on
    /// every defined byte, and leave exactly the five undefined ones out.
    @Test func windows1252TableMatchesFoundation() throws {
        var undefined: [UInt8] = []
        for byte in UInt8(0x80)...UInt8(0xFF) {
            let ours = [byte].withUnsafeBytes { p -> String? in
                CSVTextDecoding.firstUndefinedWindows1252(p) == nil
                    ? String(decoding: CSVTextDecoding.windows1252ToUTF8(p), as: UTF8.self) : nil
            }
            guard let ours else {
                undefined.append(byte)
                continue
            }
            #expect(ours == String(data: Data([byte]), encoding: .windowsCP1252), "byte \(byte)")
        }
        #expect(undefined == [0x81, 0x8D, 0x8F, 0x90, 0x9D])
    }

    @Test func decodeChoosesTheEncoding() {
        func outcome(_ bytes: [UInt8]) -> String {
            bytes.withUnsafeBytes { p in
                switch CSVTextDecoding.decode(p) {
                case .utf8(let start): return "utf8@\(start)"
                case .transcoded(let out): return String(decoding: out, as: UTF8.self)
                case .invalid(let line, _): return "invalid@\(line)"
                }
            }
        }
        #expect(outcome(Array("a;ä".utf8)) == "utf8@0")
        #expect(outcome([0xEF, 0xBB, 0xBF] + Array("a;ä".utf8)) == "utf8@3")
        #expect(outcome([0x61, 0x3B, 0xE4]) == "a;ä")
        #expect(outcome([0xEF, 0xBB, 0xBF, 0x0A, 0x61, 0x3B, 0xE4]) == "invalid@2")
        #expect(outcome([0x0A, 0x0A, 0x61, 0x9D]) == "invalid@3")
    }

    @Test func scannerSplitsCellsAndCountsLines() {
        let text = "a;\"b;\"\"c\"\"\"\r\n\n \"x\ny\" ; z ;\nlast"
        var records: [(Int, [String])] = []
        Array(text.utf8).withUnsafeBytes { p in
            var scanner = CSVScanner(bytes: p, start: 0, separator: UInt8(ascii: ";"))
            var cells: [CSVCell] = []
            while case .record(let line) = scanner.next(&cells) {
                records.append((line, cells.map(scanner.text)))
            }
        }
        #expect(records.map(\.0) == [1, 2, 3, 5])
        #expect(records.map(\.1) == [["a", "b;\"c\""], [""], ["x\ny", " z ", ""], ["last"]])
    }
}
