import CaseModel
import Foundation
import StrictYAML
import Testing

/// The error `text` earns, or nil when it is read.
func refusal(_ text: String) -> YAMLError? { refusal(Array(text.utf8)) }

func refusal(_ bytes: [UInt8]) -> YAMLError? {
    do {
        _ = try StrictYAML.parse(bytes, file: "f.yaml")
        return nil
    } catch {
        return error
    }
}

/// Everything the reader refuses, each at its line and column, with what is wrong.
@Suite struct RefusalTests {
    /// (text, line, column, path, words the problem must hold)
    static let cases: [(String, Int?, Int?, String, String)] = [
        ("a: &x 1\n", 1, 4, "a", "anchor"),
        ("a: 1\nb: *x\n", 2, 4, "b", "alias"),
        ("&x a: 1\n", 1, 1, "", "anchor"),
        ("a: !!str 060\n", 1, 4, "a", "tag"),
        ("a: [!x y]\n", 1, 5, "a[1]", "tag"),
        ("base: {a: 1}\n<<: {b: 2}\n", 2, 1, "", "merge key"),
        ("x: {<<: {a: 1}}\n", 1, 5, "x", "merge key"),
        ("? a\n: b\n", 1, 1, "", "explicit key"),
        ("urgencyDays: 1\nurgencyDays: 2\n", 2, 1, "urgencyDays", "twice"),
        ("a:\n  b: 1\n  c: 2\n  b: 3\n", 4, 3, "a.b", "twice"),
        ("a: {k: 1, k: 2}\n", 1, 11, "a.k", "twice"),
        ("'k': 1\nk: 2\n", 2, 1, "k", "twice"),
        ("%YAML 1.2\n---\na: 1\n", 1, 1, "", "directive"),
        ("a: 1\n---\nb: 2\n", 2, 1, "", "second document"),
        ("--- a: 1\n", 1, 5, "", "after '---'"),
        ("a:\n\tb: 1\n", 2, 1, "a", "tab"),
        ("a: \"\\q\"\n", 1, 5, "a", "escape"),
        ("a: \"x\\0y\"\n", 1, 6, "a", "NUL"),
        ("a: \"\\u0000\"\n", 1, 5, "a", "not a character"),
        ("a: \"open\n", 1, 4, "a", "not closed"),
        ("a: [1, 2\n", 1, 4, "a", "not closed"),
        ("a: b: c\n", 1, 4, "a", "': '"),
        ("a: x\n  b: y\n", 2, 4, "a", "': '"),
        ("a: - b\n", 1, 4, "a", "list"),
        ("a: [k: v]\n", 1, 6, "a[1]", "pair inside"),
        ("a: {k}\n", 1, 6, "a.k", "key: value"),
        ("a: [x:y]\n", 1, 6, "a[1]", "':'"),
        // Found by the fuzzer: libyaml refuses ':' before ',' in a flow key, which this reader once read as null.
        ("- {k:, v l: [0, 2,]}\n", 1, 5, "[1]", "':'"),
        // Found by the fuzzer: a blank line starting with a tab, which libyaml refuses in a block.
        ("a:\n  name: x\n\n\t\n\nb: 1\n", 4, 1, "", "tab"),
        ("a: x\n\t\n  y\n", 2, 1, "", "tab"),
        ("a: 1\n\t# comment\n", 2, 1, "", "tab"),
        ("a: 1\n b: 2\n", 2, 3, "a", "': '"),
        ("a:\n  - x\n  b: y\n", 3, 3, "a", "indented more"),
        ("- a\nb: 1\n", 2, 1, "", "belongs to no key"),
        ("a: @x\n", 1, 4, "a", "'@'"),
        ("a: |\n  x\n\tb\n", 3, 1, "a", "tab"),
        ("|\n  top\n", 1, 1, "", "block scalar"),
        ("a: |\n     \n  x\n", 3, 3, "a", "more spaces"),
        ("a: \"x\"y\n", 1, 7, "a", "more text"),
        ("[a]: b\n", 1, 4, "", "':'"),
        ("a: \"x\n---\n\"\n", 2, 1, "a", "'---'"),
        ("a: 'x\nb'\n", 2, 1, "a", "indented"),
        ("a: [x,\ny]\n", 2, 1, "a", "indented"),
    ]

    @Test(arguments: cases.indices)
    func isRefusedAtItsPlace(_ index: Int) {
        let (text, line, column, path, words) = Self.cases[index]
        guard let e = refusal(text) else {
            Issue.record("case \(index) was read: \(text.debugDescription)")
            return
        }
        #expect(e.file == "f.yaml")
        #expect(e.line == line && e.column == column, "case \(index): \(e)")
        #expect(e.path == path, "case \(index): \(e)")
        #expect(e.problem.contains(words), "case \(index): \(e)")
    }

    @Test func encodingsOtherThanUTF8AreRefusedWithTheirPlace() throws {
        // "nimi: Jämsä" in Latin-1: the byte E4 where UTF-8 needs a lead byte and a continuation.
        let latin1: [UInt8] = Array("kind: omavalvonta\nnimi: J".utf8) + [0xE4] + Array("ms".utf8) + [0xE4, 0x0A]
        let e = try #require(refusal(latin1))
        #expect((e.line, e.column) == (2, 8))
        #expect(e.problem.contains("not UTF-8"))
        #expect(refusal([0xFF, 0xFE, 0x61, 0x00])?.problem.contains("UTF-16") == true)
        #expect(refusal([0xFE, 0xFF, 0x00, 0x61])?.problem.contains("UTF-16") == true)
        // A byte order mark of UTF-8 is fine, as is CR LF.
        #expect(refusal([0xEF, 0xBB, 0xBF] + Array("a: 1\r\n".utf8)) == nil)
    }

    @Test func charactersYAMLDoesNotAllowOrReadsTwoWays() {
        for (scalar, what) in [
            ("\u{0}", "control"), ("\u{1B}", "control"), ("\u{7F}", "control"), ("\u{85}", "next-line"),
            ("\u{2028}", "separator"), ("\u{2029}", "separator"), ("\u{9B}", "control"), ("\u{FEFF}", "byte order"),
        ] {
            let e = refusal("a: 1\nb: x\(scalar)y\n")
            #expect(e?.line == 2 && e?.column == 5, "\(what): \(String(describing: e))")
            #expect(e?.problem.contains(what) == true, "\(String(describing: e))")
        }
    }

    @Test func theSizeLimitIsCheckedOnTheBytesFirst() throws {
        let big = [UInt8](repeating: 0x61, count: StrictYAML.maximumBytes + 1)
        let e = try #require(refusal(big))
        #expect(e.line == nil && e.problem.contains("larger than"))
        #expect(refusal(Array("a: ".utf8) + [UInt8](repeating: 0x62, count: StrictYAML.maximumBytes - 4)) == nil)
    }

    /// The crash of issue 22: metadata nested 5 000 deep took the recursive composer down.
    @Test func deepNestingStopsAtTheLimitWhereverItIs() throws {
        let flow = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        let e1 = try #require(refusal("a: " + flow + "\n"))
        #expect((e1.line, e1.column) == (1, 4 + 63))
        #expect(e1.problem.contains("more than 64 levels"))
        var block = ""
        for i in 0..<100 { block += String(repeating: " ", count: i) + "k:\n" }
        let e2 = try #require(refusal(block))
        #expect((e2.line, e2.column) == (65, 65))
        var list = ""
        for i in 0..<100 { list += String(repeating: " ", count: i) + "-\n" }
        #expect(refusal(list)?.line == 65)
        #expect(refusal(String(repeating: "- ", count: 5000) + "x\n")?.column == 129)
        // 64 levels are read.
        #expect(refusal(String(repeating: "[", count: 64) + String(repeating: "]", count: 64)) == nil)
        #expect(refusal(String(repeating: "[", count: 65) + String(repeating: "]", count: 65)) != nil)
    }

    /// The 1 KB merge-key bomb of issue 22 ran past 20 s towards gigabytes; the
    /// billion-laughs alias bomb likewise. Both stop at their first anchor.
    @Test func aliasAndMergeKeyBombsStopAtTheirFirstAnchor() throws {
        var merge = "b0: &b0 {urgencyDays: 1}\n"
        for i in 1...30 { merge += "b\(i): &b\(i)\n  <<: [*b\(i - 1), *b\(i - 1)]\n" }
        merge += "urgencyDays:\n  <<: [*b30, *b30]\n"
        let started = Date()
        let e = try #require(refusal(merge))
        #expect((e.line, e.column, e.path) == (1, 5, "b0"))
        var laughs = "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        for c in "bcdefghi" { laughs += "\(c): &\(c) [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n" }
        #expect(refusal(laughs)?.problem.contains("anchor") == true)
        #expect(Date().timeIntervalSince(started) < 1)
    }

    @Test func anIdentityCodeAnywhereIsRefusedWithoutBeingShown() throws {
        let code = "131052-308T"
        for text in [
            "contact: \(code)\n", "contact: 'Matti \(code)'\n", "reasons:\n  x: |\n    see \(code.lowercased())\n",
            "\(code): x\n", "list: [a, \"\(code)\"]\n",
        ] {
            let e = try #require(refusal(text), "\(text)")
            #expect(e.problem.contains("identity code"))
            #expect(!e.description.uppercased().contains(code), "\(e)")
        }
        let key = try #require(refusal("a:\n  \(code): 1\n"))
        #expect(key.path == "a.[henkilötunnus]" && (key.line, key.column) == (2, 3))
        // One that fails its check character is ordinary text.
        #expect(refusal("contact: 131052-308X\n") == nil)
    }

    @Test func messagesShowNoValueAndSanitiseKeys() throws {
        let e = try #require(refusal("secret: \"value\\q\"\n"))
        #expect(!e.description.contains("value"))
        var long = "x: 1\n" + String(repeating: "k", count: 300) + ": 1\n" + String(repeating: "k", count: 300) + ": 2\n"
        let dup = try #require(refusal(long))
        #expect(dup.path.count <= 81 && dup.path.hasSuffix("…"))
        // A key with an escape sequence (ESC [2J clears a terminal) and a right-to-left override.
        long = "\"a\\e[2J\\u202Eb\": 1\n\"a\\e[2J\\u202Eb\": 2\n"
        let shown = try #require(refusal(long))
        #expect(shown.path == "a?[2J?b", "\(shown)")
    }
}

@Suite struct ScalarReadingTests {
    func scalar(_ yaml: String) throws -> YAMLScalar {
        let root = try #require(try StrictYAML.parse(Array(("v: " + yaml + "\n").utf8), file: "f"))
        guard case .mapping(let pairs) = root.content, let s = pairs.first?.value.scalar else {
            Issue.record("no scalar")
            return YAMLScalar("", style: .plain)
        }
        return s
    }

    @Test func wholeNumbersAreDecimalOnly() throws {
        #expect(try scalar("60").integerReading == .integer(60))
        #expect(try scalar("-5").integerReading == .integer(-5))
        #expect(try scalar("+7").integerReading == .integer(7))
        #expect(try scalar("0").integerReading == .integer(0))
        #expect(try scalar("060").integerReading == .leadingZero)
        for notOne in ["0x3C", "0o74", "1:0:0", "1:0:0:0:0:0:0:0:0:0:0:0", "1_000", "6e1", "60.0", "'60'", "\"60\"", "sixty", "~"] {
            #expect(try scalar(notOne).integerReading == .notAWholeNumber, "\(notOne)")
        }
        #expect(try scalar("9223372036854775807").integerReading == .integer(Int.max))
        #expect(try scalar("9223372036854775808").integerReading == .tooLarge(negative: false))
        #expect(try scalar("1000000000000000000000000").integerReading == .tooLarge(negative: false))
    }

    @Test func booleansAndNumbersOfTheCoreSchema() throws {
        #expect(try scalar("true").boolean == true && scalar("FALSE").boolean == false)
        for notOne in ["yes", "no", "on", "off", "y", "'true'", "1"] { #expect(try scalar(notOne).boolean == nil) }
        #expect(try scalar("7.5").number == 7.5 && scalar("10").number == 10 && scalar("-0.5").number == -0.5)
        #expect(try scalar("1e2").number == 100 && scalar(".5").number == 0.5)
        for notOne in [".inf", ".nan", "07.5", "1e999", "'5'", "5%", "0x10", "1:30"] {
            #expect(try scalar(notOne).number == nil, "\(notOne)")
        }
        #expect(try scalar("").isNull && scalar("~").isNull && scalar("null").isNull && !scalar("'~'").isNull)
    }
}
