import Foundation
import Testing

/// A henkilötunnus anywhere in an export stops the run without showing it;
/// with `--pseudonymise-key` the run succeeds and the code is nowhere in the output.
@Suite struct IdentityCodeTests {
    let base = fixtureText("xml/base.xml")
    /// Valid codes: 1900s with `-`, 2000s with `A`, a temporary number (9xx), lower case.
    static let code = "131052-308T"
    static let code2000 = "010101A123N"
    static let temporary = "131052-900W"

    struct Placement: CustomTestStringConvertible, Sendable {
        var name: String
        var needle: String
        var replacement: String
        /// `lenient` is needed for the value to reach the reader at all (unknown names).
        var lenient: Bool
        var field: String
        var testDescription: String { name }
    }

    static let placements: [Placement] = [
        Placement(
            name: "case id", needle: #"id="A2""#, replacement: #"id="\#(code)""#, lenient: false, field: "case.id"),
        Placement(
            name: "worker id, 2000s", needle: #"worker id="T002""#, replacement: #"worker id="\#(code2000)""#,
            lenient: false, field: "worker.id"),
        Placement(
            name: "temporary code, lower case, padded", needle: #"name="Jyväskylä""#,
            replacement: #"name=" \#(temporary.lowercased()) ""#, lenient: false, field: "region.name"),
        Placement(
            name: "character reference", needle: #"organisation="Testin hyvinvointialue""#,
            replacement: #"organisation="131052&#45;308T""#, lenient: false, field: "caseExport.organisation"),
        Placement(
            name: "unknown attribute, lenient", needle: #"<case id="A2""#,
            replacement: #"<case note="\#(code)" id="A2""#, lenient: true, field: "case.note"),
        Placement(
            name: "unknown attribute, strict", needle: #"<case id="A2""#,
            replacement: #"<case note="\#(code)" id="A2""#, lenient: false, field: "case.note"),
        Placement(
            name: "xsi attribute", needle: #"<case id="A2""#,
            replacement: #"<case xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="\#(code)" id="A2""#,
            lenient: false, field: "case.xsi:type"),
        Placement(
            name: "text, lenient", needle: #"<case id="A3" region="JKL" service="tyoikaiset">"#,
            replacement: #"<case id="A3" region="JKL" service="tyoikaiset">\#(code)"#, lenient: true, field: "case"),
        Placement(
            name: "CDATA, lenient", needle: #"<case id="A3" region="JKL" service="tyoikaiset">"#,
            replacement: #"<case id="A3" region="JKL" service="tyoikaiset"><![CDATA[\#(code)]]>"#,
            lenient: true, field: "case"),
        Placement(
            name: "unknown element, lenient", needle: #"<case id="A3" region="JKL" service="tyoikaiset">"#,
            replacement: #"<case id="A3" region="JKL" service="tyoikaiset"><child hetu="\#(code)"/>"#,
            lenient: true, field: "child.hetu"),
    ]

    @Test(arguments: placements)
    func codeStopsTheRunWithoutBeingShown(_ p: Placement) throws {
        let text = variant(of: base, [(p.needle, p.replacement)])
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.write("export.xml", text)
        let runs = try readingCommands.map { try ws.run($0 + (p.lenient ? ["--lenient"] : []) + ["export.xml"]) }
        // A tag broken over lines (the root) may be reported at its first or its last line.
        let at = line(of: p.replacement, in: text)
        expectRefused(
            runs, source: "export.xml",
            lines: [at, at + 1, at + 2].filter { $0 == at || p.field.hasPrefix("caseExport") },
            field: p.field,
            mentions: ["personal identity code", "--pseudonymise-key"],
            absent: [Self.code, Self.code2000, Self.temporary, "131052", "308T"])
    }

    @Test(
        arguments: placements.filter {
            $0.lenient || $0.field == "case.id" || $0.field == "worker.id" || $0.field == "region.name"
        })
    func withAKeyTheRunSucceedsAndTheCodeIsNowhere(_ p: Placement) throws {
        let text = variant(of: base, [(p.needle, p.replacement)])
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.write("export.xml", text)
        try ws.write("key", Array("a secret key for the test".utf8))
        for command in readingCommands {
            let run = try ws.run(command + ["--lenient", "--pseudonymise-key", "key", "export.xml"])
            #expect(run.status == 0, "\(command): \(run.stderr)")
            expectNoStackTrace(run)
            expectAbsent([Self.code, Self.code2000, Self.temporary, "131052", "308T"], from: run)
            if command == ["validate"] {
                #expect(count("cases", in: run.stdout) == 3 && count("workers", in: run.stdout) == 2, "\(run.stdout)")
            }
            // Nothing was written beside the input but the report's own files.
            #expect(run.filesAfter.filter { !$0.hasPrefix("out/") } == ["export.xml", "key"])
            if command.first == "report" {
                // Exactly the five outputs: no temporary file left from the atomic writes.
                #expect(
                    Set(run.outputs.keys) == ["report.html", "report.md", "report.docx", "exceptions.csv", "findings.json"])
            }
        }
    }

    /// The pseudonym replaces the code as an id: a worker referred to by its
    /// code is still found under the pseudonym, so nothing is rejected.
    @Test func pseudonymisedIdsStillJoin() throws {
        let text = variant(
            of: base,
            [
                (#"<worker id="T001""#, #"<worker id="\#(Self.code)""#),
                (#"<occupancy worker="T001""#, #"<occupancy worker="\#(Self.code)""#),
                (#"<assignment worker="T001""#, #"<assignment worker="\#(Self.code.lowercased())""#),
            ])
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.write("export.xml", text)
        try ws.write("key", Array("k".utf8))
        let run = try ws.run(["validate", "--pseudonymise-key", "key", "export.xml"])
        #expect(run.status == 0, "\(run.stderr)")
        // The assessment and meeting still name T001, which is now gone: those two are rejected, no more.
        #expect(run.stdout.contains("rejected: 2 records left out"), "\(run.stdout)")
        #expect(count("occupancies", in: run.stdout) == 1 && count("assignments", in: run.stdout) == 1)
        expectAbsent([Self.code, "131052"], from: run)
    }

    @Test func anInvalidCheckCharacterIsNotACode() throws {
        // 131052-308X fails the check character: an ordinary id, printed where ids are printed.
        let text = variant(
            of: base,
            [
                (#"<case id="A3""#, #"<case id="131052-308X""#),
                (#"<case id="A2" region="AANE""#, #"<case id="131052-308X" region="AANE""#),
            ])
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.write("export.xml", text)
        let run = try ws.run(["validate", "export.xml"])
        expectRefused(
            run, source: "export.xml", line: line(of: #"<case id="131052-308X" region="JKL""#, in: text),
            field: "case.id", mentions: ["duplicate case id 131052-308X"])
    }

    @Test func anEmptyOrMissingKeyFileIsRefused() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.write("export.xml", variant(of: base, [(#"id="A2""#, #"id="\#(Self.code)""#)]))
        try ws.write("empty-key", [UInt8]())
        for key in ["empty-key", "missing-key"] {
            let run = try ws.run(["validate", "--pseudonymise-key", key, "export.xml"])
            #expect(run.status == 1)
            #expect(run.stderr.contains(key), "\(run.stderr)")
            #expect(run.stdout.isEmpty)
            expectNoStackTrace(run)
            expectAbsent([Self.code], from: run)
        }
    }
}

/// A code inside a name (an element or attribute the format does not
/// define) is no value, but the name is printed: it is redacted wherever it stands.
@Suite struct IdentityCodeInNameTests {
    let base = fixtureText("xml/base.xml")

    @Test(arguments: [false, true])
    func codeInAnAttributeNameIsRedacted(lenient: Bool) throws {
        let text = variant(of: base, [(#"<case id="A2""#, #"<case x131052-308T="1" id="A2""#)])
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.write("export.xml", text)
        let run = try ws.run(["validate"] + (lenient ? ["--lenient"] : []) + ["export.xml"])
        expectNoStackTrace(run)
        expectAbsent(["131052-308T", "131052"], from: run)
        let message = "export.xml:\(line(of: "x131052", in: text)): case.x[henkilötunnus]: unknown attribute"
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(run.status == (lenient ? 0 : 1))
    }

    /// Found by the fuzzer: an attribute name grown around a code, next to broken UTF-8.
    @Test func fuzzFindingStaysFixed() throws {
        let bytes = try Data(
            contentsOf: cliFixtures.appendingPathComponent("regressions/xml-code-in-attribute-name.xml"))
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.write("export.xml", Array(bytes))
        let run = try ws.run(["validate", "export.xml"])
        expectRefused(
            run, source: "export.xml", line: 9, field: "caseExport.periodSta[henkilötunnus]rt",
            mentions: ["unknown attribute"], absent: ["131052-308T", "131052"])
    }
}
