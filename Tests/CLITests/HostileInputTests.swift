import Foundation
import Testing

// Issue 22: everything a user hands the tool besides the export (settings,
// metadata, labels, templates) is refused cleanly, through the built binary:
// exit 1 within 20 s, no stack trace, nothing on standard output, no output
// folder, a message naming the file, the line and the key, and never a value.

/// The repository's templates, copied into a workspace to be broken there.
let repositoryTemplates = URL(fileURLWithPath: exampleMetadata).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("templates")

/// A merge-key bomb (issue 22: 1 KB that ran past 20 s towards gigabytes).
func mergeKeyBomb(key: String) -> String {
    var s = "b0: &b0 {\(key): 1}\n"
    for i in 1...30 { s += "b\(i): &b\(i)\n  <<: [*b\(i - 1), *b\(i - 1)]\n" }
    return s + "\(key):\n  <<: [*b30, *b30]\n"
}

/// Billion laughs in YAML.
let aliasBomb: String = {
    var s = "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
    for c in "bcdefghij" { s += "\(c): &\(c) [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n" }
    return s
}()

/// 5 000 levels of nesting in 20 KB (the crash of issue 22).
func deeplyNested(key: String) -> String {
    "\(key): " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "\n"
}

@Suite struct HostileSettingsTests {
    /// (settings text, line, key) — each one of the probes or a neighbour.
    static let probes: [(String, Int, String?)] = [
        ("urgencyDays: 1000000000000\n", 1, "urgencyDays"),
        ("planReviewMonths: 9223372036854775807\n", 1, "planReviewMonths"),
        ("planReviewMonths: 99999999999999999999999999\n", 1, "planReviewMonths"),
        ("urgencyDays: 1:0:0:0:0:0:0:0:0:0:0:0\n", 1, "urgencyDays"),
        ("meetingIntervalDays: 060\n", 1, "meetingIntervalDays"),
        ("meetingIntervalDays: 0x3C\n", 1, "meetingIntervalDays"),
        ("# policy\nurgencyDays: 1\nurgencyDays: 2\n", 3, "urgencyDays"),
        ("urgencyDays: 3651\n", 1, "urgencyDays"),
        ("urgencyDays: -1\n", 1, "urgencyDays"),
        ("planReviewMonths: 121\n", 1, "planReviewMonths"),
        ("meetingIntervalDays: 3651\n", 1, "meetingIntervalDays"),
        ("firstPlanDays: 1e9\n", 1, "firstPlanDays"),
        ("regionalGapPoints: 100.5\n", 1, "regionalGapPoints"),
        ("regionalGapPoints: .nan\n", 1, "regionalGapPoints"),
        ("evesAreHolidays: yes\n", 1, "evesAreHolidays"),
        ("urgencyDays: \"5\"\n", 1, "urgencyDays"),
        ("urgencyDays:\n", 1, "urgencyDays"),
        ("childWelfareKinds: [lastensuojeluilmoitus, lastensuojeluilmoitus: x]\n", 1, "childWelfareKinds[2]"),
        ("urgencyDays: 1\nurgencyDay: 2\n", 2, "urgencyDay"),
        (deeplyNested(key: "urgencyDays"), 1, nil),
        (mergeKeyBomb(key: "urgencyDays"), 1, "b0"),
        (aliasBomb, 1, "a"),
        ("urgencyDays: &x 1\nfirstPlanDays: *x\n", 1, "urgencyDays"),
        ("urgencyDays: !!int 5\n", 1, "urgencyDays"),
        ("%YAML 1.1\n---\nurgencyDays: 1\n", 1, nil),
        ("urgencyDays: 1\n---\nurgencyDays: 2\n", 2, nil),
    ]

    @Test(arguments: probes.indices)
    func refusedByCheckAndReport(_ index: Int) throws {
        let (text, line, key) = Self.probes[index]
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.write("base.xml", fixtureText("xml/base.xml"))
        try ws.write("settings.yaml", text)
        for command in [
            ["check", "base.xml", "--settings", "settings.yaml"],
            ["report", "base.xml", "--metadata", exampleMetadata, "--out", "out", "--settings", "settings.yaml"],
        ] {
            let run = try ws.run(command, timeout: 20)
            expectRefused(run, source: "settings.yaml", line: line, field: key, mentions: ["column "])
            #expect(run.seconds < 20)
        }
    }

    @Test func notUTF8OrTooLargeOrAnIdentityCode() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.write("base.xml", fixtureText("xml/base.xml"))
        try ws.write("latin1.yaml", Array("urgencyDays: 1\n# Jyv".utf8) + [0xE4] + Array("skyl\n".utf8))
        expectRefused(
            try ws.run(["check", "base.xml", "--settings", "latin1.yaml"]), source: "latin1.yaml", line: 2,
            mentions: ["not UTF-8"])
        try ws.write("big.yaml", [UInt8](repeating: 0x23, count: 2_000_000))
        expectRefused(
            try ws.run(["check", "base.xml", "--settings", "big.yaml"]), source: "big.yaml", mentions: ["larger than"])
        try ws.write("code.yaml", "urgencyDays: 1\n131052-308T: 2\n")
        expectRefused(
            try ws.run(["check", "base.xml", "--settings", "code.yaml"]), source: "code.yaml", line: 2,
            field: "[henkilötunnus]", absent: ["131052-308T"])
        // Found by the fuzzer (a flow key followed by ':,'); read by this reader, refused by libyaml.
        let finding = try Data(contentsOf: cliFixtures.appendingPathComponent("regressions/yaml-flow-key-colon-comma.yaml"))
        try ws.write("finding.yaml", Array(finding))
        expectRefused(try ws.run(["check", "base.xml", "--settings", "finding.yaml"]), source: "finding.yaml", line: 17)
    }

    /// The largest values accepted give a whole result, also at the far end of the calendar.
    @Test func theLimitsThemselvesGiveAWholeResult() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.write("base.xml", fixtureText("xml/base.xml"))
        try ws.write(
            "settings.yaml",
            "urgencyDays: 3650\nplanReviewMonths: 120\nmeetingIntervalDays: 3650\nfirstPlanDays: 3650\nregionalGapPoints: 100\n")
        for asOf in ["2024-06-01", "9999-12-31"] {
            let run = try ws.run(["check", "base.xml", "--settings", "settings.yaml", "--format", "json", "--as-of", asOf])
            #expect(run.status == 0, "\(run.stderr.prefix(500))")
            expectNoStackTrace(run)
            let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
            #expect(json?["schema"] as? String == "valvonta-findings/2")
        }
    }
}

@Suite struct HostileMetadataTests {
    static let base = "kind: avi-response\nlanguage: fi\norganisation:\n  name: Testin hyvinvointialue\n"

    /// (metadata text, line, key, values that must not be shown)
    static let probes: [(String, Int?, String?, [String])] = [
        (deeplyNested(key: "kind"), 1, nil, []),
        (base + "contact: first\nrecipient: x\ncontact: second\n", 7, "contact", ["first", "second"]),
        (base + "131052-308T: x\n", 5, "[henkilötunnus]", ["131052-308T"]),
        (base + "contact: \"Matti, 131052-308T\"\n", 5, "contact", ["131052-308T", "Matti"]),
        (base + "signatory: {name: A, titel: B}\n", 5, "signatory.titel", []),
        (mergeKeyBomb(key: "contact"), 1, "b0", []),
        (aliasBomb, 1, "a", []),
        (base + "distribution: [a, *x]\n", 5, "distribution[2]", []),
        (base + "request:\n  date: 2024-02-30\n", 6, "request.date", ["2024-02-30"]),
        (base + "actions: \"erase \\e[2J\"\ncontact: \"\\0\"\n", 6, "contact", []),
        (base + "actions: |\n  text\n\tmore\n", 7, "actions", []),
        (base + "reasons:\n  LSL99-nothing: x\n", 6, "reasons", ["LSL99-nothing"]),
        ("kind: avi-response\nlanguage: fi\n", 1, "organisation", []),
    ]

    @Test(arguments: probes.indices)
    func refusedBeforeTheImport(_ index: Int) throws {
        let (text, line, key, absent) = Self.probes[index]
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.write("base.xml", fixtureText("xml/base.xml"))
        try ws.write("m.yaml", text)
        let run = try ws.run(["report", "base.xml", "--metadata", "m.yaml", "--out", "out"], timeout: 20)
        expectRefused(run, source: "m.yaml", lines: line.map { [$0] } ?? [], field: key, absent: absent)
        #expect(run.seconds < 20)
    }

    @Test func latin1AndUTF16AreRefusedNotReadWithReplacementCharacters() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.write("base.xml", fixtureText("xml/base.xml"))
        try ws.write("latin1.yaml", Array((Self.base + "recipient: Lupa- ja valvontavirasto, J").utf8) + [0xE4, 0x0A])
        expectRefused(
            try ws.run(["report", "base.xml", "--metadata", "latin1.yaml", "--out", "out"]), source: "latin1.yaml",
            line: 5, mentions: ["UTF-8"])
        var utf16: [UInt8] = [0xFF, 0xFE]
        for u in Self.base.utf16 { utf16 += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        try ws.write("utf16.yaml", utf16)
        expectRefused(
            try ws.run(["report", "base.xml", "--metadata", "utf16.yaml", "--out", "out"]), source: "utf16.yaml",
            line: 1, mentions: ["UTF-16"])
    }

    @Test func anUnreadableMetadataFileIsOneLineWithTheSystemsReason() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.write("base.xml", fixtureText("xml/base.xml"))
        try ws.mkdir("folder.yaml")
        for (name, reason) in [("missing.yaml", "No such file or directory"), ("folder.yaml", "Is a directory")] {
            let run = try ws.run(["report", "base.xml", "--metadata", name, "--out", "out"])
            #expect(run.status == 1)
            #expect(run.stderr == "error: cannot read \(name): \(reason)\n", "\(run.stderr)")
            #expect(!run.outFolderAfter)
        }
    }
}

@Suite struct HostileLabelsAndTemplatesTests {
    func templates(_ ws: Workspace) throws -> URL {
        let dir = ws.url.appendingPathComponent("tpl")
        try FileManager.default.copyItem(at: repositoryTemplates, to: dir)
        return dir
    }

    func report(_ ws: Workspace, formats: String = "html,markdown") throws -> CLIRun {
        try ws.write("base.xml", fixtureText("xml/base.xml"))
        return try ws.run(
            ["report", "base.xml", "--metadata", exampleMetadata, "--out", "out", "--templates", "tpl", "--format", formats],
            timeout: 20)
    }

    @Test func labelsAreReadByTheStrictReader() throws {
        for (text, line, key) in [
            (aliasBomb, 1, "a"), (deeplyNested(key: "doctype"), 1, nil as String?),
            ("doctype:\n  avi: A\n  avi: B\n", 3, "doctype.avi"), ("doctype.avi: A\ndoctype:\n  avi: B\n", 3, "doctype.avi"),
            ("doctype: [A, B]\n", 1, "doctype"),
        ] {
            let ws = try Workspace()
            defer { ws.remove() }
            let tpl = try templates(ws)
            try text.write(to: tpl.appendingPathComponent("fi/labels.yaml"), atomically: true, encoding: .utf8)
            let run = try report(ws)
            expectRefused(run, source: "tpl/fi/labels.yaml", line: line, field: key)
            #expect(run.seconds < 20)
        }
    }

    /// (file below tpl/, text appended, words the message holds)
    static let brokenTemplates: [(String, String, String)] = [
        // The probe: a delimiter change hid a partial cycle from the guard.
        ("html/closing.mustache", "{{=<% %>=}}<%> closing %>\n", "delimiters"),
        ("html/closing.mustache", "{{= | | =}}|> closing|\n", "delimiters"),
        ("html/closing.mustache", "{{>*closing}}\n", "dynamic partial"),
        ("html/closing.mustache", "{{{organisation}}}\n", "unescaped"),
        ("html/closing.mustache", "{{&organisation}}\n", "unescaped"),
        ("html/closing.mustache", "{{% CONTENT_TYPE: TEXT}}\n", "pragma"),
        ("html/closing.mustache", "{{>\n closing \n}}\n", "cycle"),
        ("html/closing.mustache", "{{<closing}}{{/closing}}\n", "cycle"),
        ("markdown/closing.mustache", "{{#a}}{{> closing}}{{/a}}\n", "cycle"),
        ("html/closing.mustache", String(repeating: "{{#a}}", count: 100_000), "more than 64 deep"),
        ("html/closing.mustache", "{{#a}}\n", "never closed"),
        // Sections over one list nested in each other: 10^12 rows from the ten provisions.
        (
            "html/closing.mustache",
            String(repeating: "{{#provisions}}", count: 12) + "x" + String(repeating: "{{/provisions}}", count: 12),
            "evaluate more than"
        ),
    ]

    @Test(arguments: brokenTemplates.indices)
    func aTemplateThatCouldEscapeTheChecksIsRefused(_ index: Int) throws {
        let (file, text, words) = Self.brokenTemplates[index]
        let ws = try Workspace()
        defer { ws.remove() }
        let tpl = try templates(ws)
        let path = tpl.appendingPathComponent(file)
        let original = try String(contentsOf: path, encoding: .utf8)
        try (original + text).write(to: path, atomically: true, encoding: .utf8)
        let run = try report(ws)
        expectRefused(run, source: "tpl/" + file, mentions: [words])
        #expect(run.seconds < 20)
    }

    /// The two partial bombs: a chain of 10 000 partials, and 40
    /// partials each including the next twice (2^40 expansions).
    @Test func partialBombsEndWithACleanErrorQuickly() throws {
        for twice in [false, true] {
            let ws = try Workspace()
            defer { ws.remove() }
            let tpl = try templates(ws)
            let count = twice ? 40 : 10_000
            for i in 0..<count {
                let next = i + 1 < count ? (twice ? "{{> p\(i + 1)}}{{> p\(i + 1)}}" : "{{> p\(i + 1)}}") : "end"
                try Data(next.utf8).write(to: tpl.appendingPathComponent("html/p\(i).mustache"))
            }
            let closing = tpl.appendingPathComponent("html/closing.mustache")
            try (try String(contentsOf: closing, encoding: .utf8) + "{{> p0}}\n").write(
                to: closing, atomically: true, encoding: .utf8)
            let run = try report(ws, formats: "html")
            expectRefused(
                run, source: "tpl/html/avi-response.mustache",
                mentions: [twice ? "expand more than" : "nest more than", "closing → p0 → p1"])
            #expect(run.seconds < 20, "\(run.seconds) s")
        }
    }

    @Test func aPartialNamedInACommentIsNoPartial() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let tpl = try templates(ws)
        let closing = tpl.appendingPathComponent("html/closing.mustache")
        try (try String(contentsOf: closing, encoding: .utf8) + "{{! not {{> closing}} }}\n").write(
            to: closing, atomically: true, encoding: .utf8)
        let run = try report(ws, formats: "html")
        #expect(run.status == 0, "\(run.stderr.prefix(500))")
        #expect(run.outputs["report.html"] != nil)
    }
}
