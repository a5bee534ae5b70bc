import Foundation
import Testing

/// Every fatal broken-input class of issue 7 for an XML export, run through
/// the real binary: exit 1, a message naming file, line and field, no stack
/// trace, nothing on standard output and never the offending value.
/// Distinctive values (`Zq9…`) make "never shown" checkable.
@Suite struct BrokenXMLTests {
    let base = fixtureText("xml/base.xml")

    /// Writes `text` as `name` and runs `validate` on it.
    func validate(_ name: String, _ bytes: [UInt8], _ extra: [String] = []) throws -> CLIRun {
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.write(name, bytes)
        return try ws.run(["validate"] + extra + [name])
    }

    func validate(_ name: String, _ text: String, _ extra: [String] = []) throws -> CLIRun {
        try validate(name, Array(text.utf8), extra)
    }

    /// Writes the input and runs every command that reads exports on it.
    func everyCommand(_ name: String, _ bytes: [UInt8], _ extra: [String] = []) throws -> [CLIRun] {
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.write(name, bytes)
        return try readingCommands.map { try ws.run($0 + extra + [name]) }
    }

    func everyCommand(_ name: String, _ text: String, _ extra: [String] = []) throws -> [CLIRun] {
        try everyCommand(name, Array(text.utf8), extra)
    }

    @Test func baseFixtureIsValid() throws {
        let run = try validate("base.xml", base)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(count("cases", in: run.stdout) == 3 && count("referrals", in: run.stdout) == 3)
        #expect(run.stdout.contains("rejected: none"))
    }

    @Test func malformedAttributeIsRefusedAtItsLine() throws {
        let text = variant(of: base, [(#"name="Äänekoski""#, "name=Zq9Malformed")])
        let runs = try everyCommand("malformed.xml", text)
        expectRefused(
            runs, source: "malformed.xml", line: line(of: "Zq9Malformed", in: text),
            mentions: ["not well-formed XML", "quote"], absent: ["Zq9Malformed"])
    }

    @Test func unclosedTagIsRefused() throws {
        let text = variant(of: base, [(#"<plan id="S1" date="2024-04-15"/>"#, #"<plan id="S1" date="Zq9Unclosed"#)])
        let runs = try everyCommand("unclosed.xml", text)
        let at = line(of: "Zq9Unclosed", in: text)
        expectRefused(
            runs, source: "unclosed.xml", lines: [at, at + 1], mentions: ["not well-formed XML"],
            absent: ["Zq9Unclosed"])
    }

    @Test func truncatedFileSaysItIsCutShort() throws {
        // Cut inside an attribute value of the second case.
        let cut = base.range(of: #"kind="hakemus""#)!.upperBound
        let text = String(base[..<cut]) + #" received="Zq9Cut"#
        let runs = try everyCommand("truncated.xml", text)
        expectRefused(
            runs, source: "truncated.xml", line: line(of: "Zq9Cut", in: text),
            mentions: ["cut short", "caseExport/cases/case"], absent: ["Zq9Cut"])
    }

    @Test func truncatedBetweenElementsNamesWhatIsStillOpen() throws {
        let text = String(base[..<base.range(of: "</regions>")!.lowerBound])
        let runs = try everyCommand("truncated.xml", text)
        expectRefused(runs, source: "truncated.xml", mentions: ["cut short", "still open: caseExport/regions"])
    }

    @Test func invalidUTF8IsRefusedAtItsLine() throws {
        let text = variant(of: base, [(#"name="Jyväskylä""#, #"name="Zq9@@Bad""#)])
        var bytes = Array(text.utf8)
        let at = bytes.firstIndex(of: UInt8(ascii: "@"))!
        bytes[at] = 0xFF
        bytes[at + 1] = 0xFE
        let runs = try everyCommand("bad-utf8.xml", bytes)
        expectRefused(
            runs, source: "bad-utf8.xml", line: line(of: "Zq9@@Bad", in: text), mentions: ["UTF-8"],
            absent: ["Zq9", "0xFF", "\\xff"])
    }

    @Test func latin1WithoutDeclarationIsRefused() throws {
        // "Jyväskylä" written in ISO-8859-1 under the default UTF-8.
        let text = variant(of: base, [(#"name="Jyväskylä""#, #"name="Zq9Jyväskylä""#)])
        let bytes = Array(text.data(using: .isoLatin1)!)
        let runs = try everyCommand("latin1.xml", bytes)
        expectRefused(
            runs, source: "latin1.xml", line: line(of: "Zq9Jyv", in: text), mentions: ["UTF-8"],
            absent: ["Zq9"])
    }

    @Test func latin1WithItsDeclarationIsRead() throws {
        let text = variant(of: base, [(#"encoding="UTF-8""#, #"encoding="ISO-8859-1""#)])
        let run = try validate("latin1.xml", Array(text.data(using: .isoLatin1)!))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("JKL Jyväskylä: cases 0 / 1 / 1; workers 1"))
    }

    @Test func utf16IsRefused() throws {
        let text = base.replacingOccurrences(of: "UTF-8", with: "UTF-16")
        let runs = try everyCommand("utf16.xml", Array(text.data(using: .utf16)!))
        expectRefused(runs, source: "utf16.xml", line: 1, mentions: ["UTF-16", "save the export as UTF-8"])
    }

    @Test func impossibleDateIsRefused() throws {
        let text = variant(of: base, [(#"received="2024-02-01""#, #"received="2024-02-30""#)])
        let runs = try everyCommand("date.xml", text)
        expectRefused(
            runs, source: "date.xml", line: line(of: "2024-02-30", in: text), field: "referral.received",
            mentions: ["not a valid date"], absent: ["2024-02-30"])
    }

    @Test func unknownEnumerationValueIsRefused() throws {
        let text = variant(of: base, [(#"service="lapsiperheet""#, #"service="lapsiperheetZq9""#)])
        let runs = try everyCommand("enum.xml", text)
        expectRefused(
            runs, source: "enum.xml", line: line(of: "lapsiperheetZq9", in: text), field: "case.service",
            mentions: ["allowed values", "lastensuojelu", "lapsiperheet", "tyoikaiset"], absent: ["Zq9"])
    }

    @Test func missingRequiredAttributeIsRefused() throws {
        let text = variant(of: base, [(#"<referral id="R1" kind="hakemus" "#, #"<referral id="R1" "#)])
        let runs = try everyCommand("missing.xml", text)
        expectRefused(
            runs, source: "missing.xml", line: line(of: #"received="2024-02-01""#, in: text),
            field: "referral.kind", mentions: ["required"])
        // Reported once, not again by the schema.
        for run in runs { #expect(run.stderr.components(separatedBy: "referral.kind").count == 2, "\(run.stderr)") }
    }

    @Test func missingRootAttributeIsRefused() throws {
        let text = variant(of: base, [(#"periodStart="2024-01-01" "#, "")])
        let runs = try everyCommand("root.xml", text)
        expectRefused(
            runs, source: "root.xml", lines: [line(of: "<caseExport", in: text), line(of: "periodEnd", in: text)],
            field: "caseExport.periodStart", mentions: ["required"])
    }

    @Test func duplicateIdIsRefusedNamingBothLines() throws {
        let text = variant(of: base, [(#"<case id="A3" region="JKL""#, #"<case id="A2" region="JKL""#)])
        let first = line(of: #"<case id="A2" region="AANE""#, in: text)
        let second = line(of: #"<case id="A2" region="JKL""#, in: text)
        let runs = try everyCommand("dup.xml", text)
        expectRefused(
            runs, source: "dup.xml", line: second, field: "case.id",
            mentions: ["duplicate case id A2", "line \(first)"], absent: ["Testin hyvinvointialue"])
    }

    @Test func duplicateWorkerAndRegionAreRefused() throws {
        let text = variant(
            of: base,
            [
                (#"<worker id="T002""#, #"<worker id="T001""#),
                (#"<region code="AANE""#, #"<region code="JKL""#),
            ])
        let runs = try everyCommand("dup.xml", text)
        expectRefused(
            runs, source: "dup.xml", line: line(of: #"<worker id="T001" region="AANE""#, in: text),
            field: "worker.id", mentions: ["duplicate worker id T001"])
        for run in runs {
            #expect(
                run.stderr.contains(
                    "dup.xml:\(line(of: #"<region code="JKL" name="Ä"#, in: text)): region.code: duplicate region code JKL"
                ))
        }
    }

    @Test func emptyFileIsRefused() throws {
        let runs = try everyCommand("empty.xml", [UInt8]())
        expectRefused(runs, source: "empty.xml", mentions: ["empty"])
    }

    @Test func blankFileIsRefused() throws {
        let runs = try everyCommand("blank.xml", "  \n\n \n")
        expectRefused(runs, source: "blank.xml", mentions: ["no XML element"])
        #expect(runs.allSatisfy { !$0.stderr.contains("Extra content") })
    }

    @Test func missingFileIsRefused() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let runs = try readingCommands.map { try ws.run($0 + ["no-such-export-Zq9.xml"]) }
        expectRefused(runs, source: "no-such-export-Zq9.xml", mentions: ["no such file"])
    }

    @Test func unreadableFileIsRefused() throws {
        // A directory entry that cannot be opened as a file: a FIFO nobody writes to would hang, so a dangling link.
        let ws = try Workspace()
        defer { ws.remove() }
        try FileManager.default.createSymbolicLink(
            atPath: ws.url.appendingPathComponent("dangling.xml").path,
            withDestinationPath: "/nonexistent/Zq9.xml")
        let runs = try readingCommands.map { try ws.run($0 + ["dangling.xml"]) }
        expectRefused(runs, source: "dangling.xml", absent: ["/nonexistent"])
    }

    @Test func notXMLAtAllIsRefused() throws {
        let runs = try everyCommand("export.xml", "organisation;generated\nZq9Org;2024-06-01T06:00:00Z\n")
        expectRefused(runs, source: "export.xml", line: 1, mentions: ["no XML element"], absent: ["Zq9Org"])
    }

    @Test func wrongRootIsRefused() throws {
        let runs = try everyCommand("root.xml", #"<?xml version="1.0"?><html lang="Zq9"><body/></html>"#)
        expectRefused(
            runs, source: "root.xml", line: 1, field: "html", mentions: ["root element must be caseExport"],
            absent: ["Zq9"])
    }

    @Test func doctypeWithEntitiesIsRefusedBeforeParsing() throws {
        let text = variant(
            of: base,
            [
                ("<caseExport", "<!DOCTYPE caseExport [\n  <!ENTITY org \"Zq9Entity\">\n]>\n<caseExport"),
                (#"organisation="Testin hyvinvointialue""#, #"organisation="&org;""#),
            ])
        let runs = try everyCommand("doctype.xml", text)
        expectRefused(
            runs, source: "doctype.xml", line: line(of: "<!DOCTYPE", in: text),
            mentions: ["DOCTYPE", "not allowed"], absent: ["Zq9Entity"])
    }

    @Test func externalEntityIsNeverFetched() throws {
        let text = variant(
            of: base,
            [
                ("<caseExport", "<!DOCTYPE caseExport [<!ENTITY xxe SYSTEM \"file:///etc/hostname\">]>\n<caseExport"),
                (#"organisation="Testin hyvinvointialue""#, #"organisation="&xxe;""#),
            ])
        let runs = try everyCommand("xxe.xml", text)
        expectRefused(runs, source: "xxe.xml", line: line(of: "<!DOCTYPE", in: text), mentions: ["DOCTYPE"])
        let hostname =
            (try? String(contentsOfFile: "/etc/hostname", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if hostname.count >= 4 { for run in runs { expectAbsent([hostname], from: run) } }
    }

    @Test func billionLaughsIsRefusedQuickly() throws {
        let runs = try everyCommand("lol.xml", billionLaughs(prologPadding: 0))
        expectRefused(runs, source: "lol.xml", line: 2, mentions: ["DOCTYPE"])
        #expect(runs.map(\.seconds).max()! < 10)
    }

    /// A DOCTYPE behind a prolog longer than the up-front scan reaches is
    /// stopped by the parser's own DOCTYPE callback, before any declaration is used.
    @Test func billionLaughsBehindAHugeCommentIsRefusedQuickly() throws {
        let runs = try everyCommand("lol.xml", billionLaughs(prologPadding: 1_200_000))
        expectRefused(runs, source: "lol.xml", line: 3, mentions: ["DOCTYPE"])
        #expect(runs.map(\.seconds).max()! < 10)
    }

    @Test func quadraticBlowupIsRefused() throws {
        let entity = String(repeating: "Zq9", count: 30_000)
        let text =
            #"<?xml version="1.0"?><!DOCTYPE caseExport [<!ENTITY a ""# + entity + #"">]>"#
            + "\n<caseExport organisation=\"" + String(repeating: "&a;", count: 30_000) + "\"/>\n"
        let runs = try everyCommand("quadratic.xml", text)
        expectRefused(runs, source: "quadratic.xml", line: 1, mentions: ["DOCTYPE"], absent: ["Zq9"])
        #expect(runs.map(\.seconds).max()! < 10)
    }

    @Test func undeclaredEntityIsRefused() throws {
        let text = variant(of: base, [(#"organisation="Testin hyvinvointialue""#, #"organisation="&zq9secret;""#)])
        let runs = try everyCommand("entity.xml", text)
        expectRefused(
            runs, source: "entity.xml", line: line(of: "&zq9secret;", in: text),
            mentions: ["entities are not allowed"], absent: ["zq9secret"])
    }

    @Test func overLongAttributeIsRefusedAtItsLine() throws {
        let long = "Zq9" + String(repeating: "a", count: 10_000_100)
        let text = variant(of: base, [(#"name="Jyväskylä""#, "name=\"\(long)\"")])
        let runs = try everyCommand("long.xml", text)
        expectRefused(
            runs, source: "long.xml", line: line(of: "Zq9aaa", in: text), mentions: ["longer than"],
            absent: ["Zq9", "aaaaaaaaaaaaaaaa"])
        #expect(runs.map(\.seconds).max()! < 20)
    }

    @Test(arguments: [false, true])
    func overLongTextIsRefusedAtItsLine(lenient: Bool) throws {
        let long = "Zq9" + String(repeating: "b", count: 10_000_100)
        let text = variant(of: base, [("<regions>", "<regions>\(long)")])
        let runs = try everyCommand("text.xml", text, lenient ? ["--lenient"] : [])
        expectRefused(
            runs, source: "text.xml", line: line(of: "Zq9bbb", in: text), field: "regions",
            mentions: ["text content longer than"], absent: ["Zq9", "bbbbbbbbbbbbbbbb"])
        #expect(runs.map(\.seconds).max()! < 20)
    }

    @Test(arguments: [false, true])
    func deepNestingIsRefusedAtItsLine(lenient: Bool) throws {
        let open = (0..<300).map { "<x\($0)>" }.joined()
        let close = (0..<300).reversed().map { "</x\($0)>" }.joined()
        let text = variant(of: base, [("<regions>", "<regions>\n" + open + close)])
        let runs = try everyCommand("deep.xml", text, lenient ? ["--lenient"] : [])
        expectRefused(runs, source: "deep.xml", line: line(of: "<x0>", in: text))
        if lenient { #expect(runs.allSatisfy { $0.stderr.contains("nested") }) }
    }

    @Test func tooManyAttributesAreRefusedQuickly() throws {
        // libxml2 2.9 checks attribute names for duplicates pairwise: 200,000 would take minutes.
        let attrs = (0..<200_000).map { "a\($0)=\"\"" }.joined(separator: " ")
        let text = variant(of: base, [(#"<case id="A3""#, "<case \(attrs) id=\"A3\"")])
        let runs = try everyCommand("attrs.xml", text, ["--lenient"])
        expectRefused(runs, source: "attrs.xml", line: line(of: "a0=", in: text), mentions: ["attributes"])
        #expect(runs.map(\.seconds).max()! < 10)
    }

    @Test func manyProblemsAreListedUpToTheLimit() throws {
        let cases = (0..<1500).map { #"<case id="B\#($0)" region="JKL" service="Zq9x"/>"# }.joined(separator: "\n")
        let text = variant(of: base, [("<cases>", "<cases>\n" + cases)])
        let runs = try everyCommand("many.xml", text)
        expectRefused(
            runs, source: "many.xml", line: line(of: #"<case id="B0""#, in: text), field: "case.service",
            absent: ["Zq9"])
        for run in runs {
            #expect(run.stderr.contains("and 500 more problems not listed"), "\(run.stderr.suffix(300))")
        }
    }
}

/// The classic entity bomb: 10⁹ `lol`s from 784 bytes, optionally behind a long comment.
func billionLaughs(prologPadding: Int) -> String {
    var s = #"<?xml version="1.0"?>"# + "\n"
    if prologPadding > 0 { s += "<!--" + String(repeating: "x", count: prologPadding) + "-->\n" }
    s += "<!DOCTYPE caseExport [\n <!ENTITY lol \"lol\">\n"
    for i in 1...9 {
        s += " <!ENTITY lol\(i) \"" + String(repeating: i == 1 ? "&lol;" : "&lol\(i - 1);", count: 10) + "\">\n"
    }
    return s + "]>\n<caseExport organisation=\"&lol9;\"/>\n"
}

/// A broken previous-period export stops `report` like a broken current one.
@Suite struct BrokenPreviousExportTests {
    @Test func brokenPreviousExportIsRefusedWithoutOutput() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let base = fixtureText("xml/base.xml")
        try ws.write("base.xml", base)
        let broken = variant(of: base, [(#"received="2024-02-01""#, #"received="2024-02-30""#)])
        try ws.write("previous.xml", broken)
        let run = try ws.run([
            "report", "--metadata", exampleMetadata, "--out", "out", "--previous", "previous.xml", "base.xml",
        ])
        expectRefused(
            run, source: "previous.xml", line: line(of: "2024-02-30", in: broken), field: "referral.received",
            absent: ["2024-02-30"])
    }
}

/// A `--templates` folder is data: one that would make the renderer recurse
/// forever is refused with a message, and no report is left behind.
@Suite struct HostileTemplateTests {
    @Test func aPartialThatIncludesItselfIsRefused() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let templates = URL(fileURLWithPath: exampleMetadata).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("templates")
        try FileManager.default.copyItem(at: templates, to: ws.url.appendingPathComponent("tpl"))
        let closing = ws.url.appendingPathComponent("tpl/html/closing.mustache")
        let text = try String(contentsOf: closing, encoding: .utf8)
        try (text + "{{> closing}}\n").write(to: closing, atomically: true, encoding: .utf8)
        try ws.write("base.xml", fixtureText("xml/base.xml"))
        let run = try ws.run([
            "report", "--metadata", exampleMetadata, "--out", "out", "--templates", "tpl", "base.xml",
        ])
        #expect(run.status == 1, "\(run.stderr.prefix(500))")
        #expect(run.stderr.contains("closing → closing"), "\(run.stderr.prefix(500))")
        expectNoStackTrace(run)
        #expect(!run.filesAfter.contains { $0.hasPrefix("out/") })
        // Not even an empty folder: everything is rendered before anything is written.
        #expect(!FileManager.default.fileExists(atPath: ws.url.appendingPathComponent("out").path))
    }
}
