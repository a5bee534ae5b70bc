import Foundation
import Testing

/// Issue 22, the output side through the binary: the outputs of a run land as
/// one set or not at all, every I/O error is one line with the path and the
/// system's reason, and no value from the export or the metadata breaks out
/// of its line in a report.
@Suite struct OutputSetCLITests {
    func report(_ ws: Workspace, out: String = "out", metadata: String = exampleMetadata, extra: [String] = [],
        environment: [String: String] = [:]) throws -> CLIRun
    {
        try ws.run(["report", "base.xml", "--metadata", metadata, "--out", out] + extra, environment: environment)
    }

    @Test func anOutFolderThatIsAFileIsOneLine() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.write("base.xml", fixtureText("xml/base.xml"))
        try ws.write("afile", "x")
        let run = try report(ws, out: "afile")
        #expect(run.status == 1)
        #expect(run.stderr == "error: cannot write afile: Not a directory\n", "\(run.stderr)")
        #expect(!run.stderr.contains("NSCocoaErrorDomain") && run.stdout.isEmpty)
        let nested = try report(ws, out: "afile/out")
        #expect(nested.stderr == "error: cannot write afile/out: Not a directory\n", "\(nested.stderr)")
    }

    @Test func whenOneOutputCannotBeWrittenNoneIsReplaced() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.write("base.xml", fixtureText("xml/base.xml"))
        let first = try report(ws)
        #expect(first.status == 0, "\(first.stderr)")
        let before = first.outputs
        #expect(before.keys.sorted() == ["exceptions.csv", "findings.json", "report.docx", "report.html", "report.md"])
        // report.md cannot be replaced: a folder stands in its place.
        let md = ws.url.appendingPathComponent("out/report.md")
        try FileManager.default.removeItem(at: md)
        try FileManager.default.createDirectory(at: md, withIntermediateDirectories: false)
        let second = try report(ws, extra: ["--as-of", "2024-05-15"])
        #expect(second.status == 1)
        #expect(second.stderr == "error: cannot write out/report.md: Is a directory\n", "\(second.stderr)")
        for name in ["exceptions.csv", "findings.json", "report.docx", "report.html"] {
            #expect(second.outputs[name] == before[name], "\(name) was replaced")
        }
        // No staging folder is left behind.
        let left = try FileManager.default.contentsOfDirectory(atPath: ws.url.appendingPathComponent("out").path)
        #expect(left.sorted() == ["exceptions.csv", "findings.json", "report.docx", "report.html", "report.md"])
    }

    @Test func aRunWaitsForTheLockThenStopsWithAMessage() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.write("base.xml", fixtureText("xml/base.xml"))
        try ws.mkdir("out")
        let fd = open(ws.url.appendingPathComponent("out").path, O_RDONLY | O_DIRECTORY)
        #expect(fd >= 0 && flock(fd, LOCK_EX) == 0)
        let run = try report(ws, environment: ["VALVONTA_LOCK_WAIT": "1"])
        close(fd)
        #expect(run.status == 1)
        #expect(run.stderr.contains("waiting: another valvonta run is writing into out"))
        #expect(run.stderr.contains("error: another valvonta run is writing into out"), "\(run.stderr)")
        #expect(run.outputs.isEmpty)
        #expect(try report(ws).status == 0)
    }

    /// Two runs into one folder at once (issue 22: 3 of 8 tries left one run's
    /// HTML beside the other's JSON): whatever the timing, the folder holds one
    /// run's whole set.
    @Test func concurrentRunsLeaveOneRunsWholeSet() async throws {
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.write("base.xml", fixtureText("xml/base.xml"))
        for round in 0..<4 {
            try? FileManager.default.removeItem(at: ws.url.appendingPathComponent("out"))
            async let a = report(ws, extra: ["--as-of", "2024-05-20"])
            async let b = report(ws, extra: ["--as-of", "2024-05-31"])
            let (runA, runB) = try await (a, b)
            #expect(runA.status == 0 && runB.status == 0, "\(runA.stderr) \(runB.stderr)")
            let outputs = Workspace.texts(in: ws.url.appendingPathComponent("out"))
            let json = outputs["findings.json"] ?? ""
            let html = outputs["report.html"] ?? ""
            let asOf = json.contains("\"asOf\": \"2024-05-20\"") || json.contains("\"asOf\":\"2024-05-20\"") ? "20.5.2024" : "31.5.2024"
            #expect(html.contains(asOf), "round \(round): the HTML is not the JSON's run")
            #expect(outputs.keys.sorted() == ["exceptions.csv", "findings.json", "report.docx", "report.html", "report.md"])
        }
    }

    @Test func lineBreaksAndBidiControlsInValuesStayInsideTheirLine() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        // A region's name from a CSV export, with CR LF, a paragraph separator and a right-to-left override.
        let base = cliFixtures.appendingPathComponent("csv/base")
        try FileManager.default.copyItem(at: base, to: ws.url.appendingPathComponent("csv"))
        let regions = ws.url.appendingPathComponent("csv/regions.csv")
        try Data("code;name\r\nJKL;\"Jyväskylä\r\n| x | y |\r\n# otsikko\u{2029}\u{202E}ikäl\"\r\nAANE;Äänekoski\r\n".utf8)
            .write(to: regions)
        try ws.write(
            "m.yaml",
            "kind: avi-response\nlanguage: fi\norganisation:\n  name: \"Testi\\r\\n## alue\\u202E\"\n"
                + "contact: \"rivi\\nrivi\\x07\"\n")
        let run = try ws.run(["report", "csv", "--metadata", "m.yaml", "--out", "out"])
        #expect(run.status == 0, "\(run.stderr.prefix(500))")
        for name in ["report.md", "report.html"] {
            let text = run.outputs[name] ?? ""
            #expect(!text.isEmpty)
            #expect(!text.unicodeScalars.contains { [0x0D, 0x07, 0x2029, 0x202E].contains($0.value) }, "\(name)")
            #expect(!text.contains("\n# otsikko") && !text.contains("\n## alue"), "\(name)")
        }
        let md = run.outputs["report.md"] ?? ""
        #expect(md.contains("Jyväskylä \\| x \\| y \\| \\# otsikko ikäl") || !md.contains("Jyväskylä"))
    }
}
