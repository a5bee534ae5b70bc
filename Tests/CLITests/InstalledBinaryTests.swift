import Foundation
import Testing

/// The binary copied out of the repository (as scripts/install.sh does) writes
/// reports from any directory: its templates are built in.
@Suite struct InstalledBinaryTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A copy of the built binary alone in `bin/` of a fresh folder, and a working directory beside it.
    static func installed() throws -> (ws: Workspace, binary: String) {
        let ws = try Workspace()
        try ws.mkdir("prefix/bin")
        let binary = ws.url.appendingPathComponent("prefix/bin/valvonta").path
        try FileManager.default.copyItem(atPath: CLI.binary, toPath: binary)
        try ws.mkdir("work")
        return (ws, binary)
    }

    @Test func aCopiedBinaryWritesTheSampleReportFromAnotherDirectory() throws {
        let (ws, binary) = try Self.installed()
        defer { ws.remove() }
        let sample = Self.repository.appendingPathComponent("sample-data")
        let work = ws.url.appendingPathComponent("work")
        let run = try CLI.run(
            [
                "report", sample.appendingPathComponent("export.xml").path, "--metadata",
                sample.appendingPathComponent("response.yaml").path, "--out", "out", "--exceptions",
            ], in: work, timeout: 120, environment: ["VALVONTA_TEMPLATES": ""], executable: binary)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.outputs.keys.sorted() == ["exceptions.csv", "findings.json", "report.docx", "report.html", "report.md"])
        // The DOCX comes from the docx/ folder of the built-in set (the test reads the zip's parts).
        #expect(run.outputs["report.docx"]?.contains("Keski-Suomen hyvinvointialue") == true)
        #expect(run.outputs["report.docx"]?.contains("(not a zip)") == false)
        #expect(run.outputs["report.html"]?.contains("<div class=\"doctype\">SELVITYS</div>") == true)
        #expect(run.outputs["report.md"]?.contains("Keski-Suomen hyvinvointialue") == true)

        // The exported set, edited and named by --templates or VALVONTA_TEMPLATES, is what is used.
        let export = try CLI.run(["templates", "export", "mine"], in: work, executable: binary)
        #expect(export.status == 0, "\(export.stderr)")
        let labels = work.appendingPathComponent("mine/fi/labels.yaml")
        let text = try String(contentsOf: labels, encoding: .utf8)
        #expect(text.contains("avi: SELVITYS"))
        try text.replacingOccurrences(of: "avi: SELVITYS", with: "avi: VASTINE").write(
            to: labels, atomically: true, encoding: .utf8)
        let arguments = [
            "report", sample.appendingPathComponent("export.xml").path, "--metadata",
            sample.appendingPathComponent("response.yaml").path, "--out", "edited", "--format", "html",
        ]
        for (extra, environment) in [(["--templates", "mine"], [:]), ([], ["VALVONTA_TEMPLATES": "mine"])] {
            let edited = try CLI.run(arguments + extra, in: work, environment: environment, executable: binary)
            #expect(edited.status == 0, "\(edited.stderr)")
            let html = try String(contentsOf: work.appendingPathComponent("edited/report.html"), encoding: .utf8)
            #expect(html.contains("<div class=\"doctype\">VASTINE</div>"))
        }
    }

    @Test func exportRefusesAFolderWithSomethingInItUnlessForced() throws {
        let (ws, binary) = try Self.installed()
        defer { ws.remove() }
        let work = ws.url.appendingPathComponent("work")
        try ws.write("work/t/notes.txt", "mine")
        let refused = try CLI.run(["templates", "export", "t"], in: work, executable: binary)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("t is not empty; nothing was written"), "\(refused.stderr)")
        #expect(Workspace.files(in: work.appendingPathComponent("t")) == ["notes.txt"])
        let forced = try CLI.run(["templates", "export", "t", "--force"], in: work, executable: binary)
        #expect(forced.status == 0, "\(forced.stderr)")
        let files = Workspace.files(in: work.appendingPathComponent("t"))
        #expect(files.contains("html/avi-response.mustache") && files.contains("thl/fi/labels.yaml"))
        #expect(files.contains("notes.txt") && files.count > 90)
    }

    @Test func aMissingTemplatesFolderIsNamed() throws {
        let (ws, binary) = try Self.installed()
        defer { ws.remove() }
        let work = ws.url.appendingPathComponent("work")
        let run = try CLI.run(
            ["report", "x.xml", "--metadata", exampleMetadata, "--out", "out"], in: work,
            environment: ["VALVONTA_TEMPLATES": "gone"], executable: binary)
        #expect(run.status == 1)
        #expect(run.stderr.contains("cannot find the templates directory gone (from VALVONTA_TEMPLATES)"), "\(run.stderr)")
        #expect(!run.outFolderAfter)
    }
}
