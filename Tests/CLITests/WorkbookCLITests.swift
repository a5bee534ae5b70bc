import Foundation
import Testing

/// The sample's workbooks through the command line: `--mapping` on every reading command,
/// `mapping init`, and problems that name the file, the sheet and the cell.
@Suite struct WorkbookCLITests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("sample-data")

    /// The sample's workbook folder copied into a workspace, with its mapping edited.
    func workspace(mapping edit: (String) -> String = { $0 }) throws -> Workspace {
        let ws = try Workspace()
        let folder = Self.sample.appendingPathComponent("workbook")
        for name in ["asiakastiedot.xlsx", "henkilosto.xlsx"] {
            try ws.write("reports/\(name)", Array(try Data(contentsOf: folder.appendingPathComponent(name))))
        }
        let mapping = try String(contentsOf: folder.appendingPathComponent("mapping.yaml"), encoding: .utf8)
        try ws.write("mapping.yaml", edit(mapping))
        return ws
    }

    @Test func checkGivesTheXMLsFindings() throws {
        let ws = try workspace()
        defer { ws.remove() }
        try ws.write("export.xml", Array(try Data(contentsOf: Self.sample.appendingPathComponent("export.xml"))))
        let xml = try ws.run(["check", "--format", "json", "export.xml"])
        let wb = try ws.run(["check", "--format", "json", "--mapping", "mapping.yaml", "reports"])
        #expect(wb.status == 0, "\(wb.stderr)")
        #expect(wb.stdout.count > 10_000 && wb.stdout == xml.stdout)
    }

    @Test func everyReadingCommandNamesTheCell() throws {
        // A code the mapping does not know: 'LS' is no longer mapped for cases (it still is for staff).
        let ws = try workspace { text in
            guard let cases = text.range(of: "  cases:\n"),
                  let code = text.range(of: "\"LS\": lastensuojelu, ", range: cases.upperBound..<text.endIndex) else { return text }
            return text.replacingCharacters(in: code, with: "")
        }
        defer { ws.remove() }
        for command in readingCommands {
            let run = try ws.run(command + ["--mapping", "mapping.yaml", "reports"])
            #expect(run.status == 1, "\(command)")
            #expect(run.stderr.contains("reports/asiakastiedot.xlsx: Asiakkuudet!C5: case.service: not one of the allowed values"), "\(run.stderr)")
            #expect(!run.stderr.contains("\"LS\""))
        }
    }

    @Test func aMissingHeaderAndABadMappingFile() throws {
        let ws = try workspace { $0.replacingOccurrences(of: "birthYear: Syntymävuosi", with: "birthYear: Syntymävuosi (vvvv)") }
        defer { ws.remove() }
        let run = try ws.run(["validate", "--mapping", "mapping.yaml", "reports"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("reports/asiakastiedot.xlsx: Asiakkuudet!1:1: case.birthYear: the header Syntymävuosi (vvvv)"), "\(run.stderr)")
        try ws.write("mapping.yaml", "mapping: 1\ntables:\n  cases:\n    source: Asiakkuudet\n    colour: blue\n")
        let bad = try ws.run(["validate", "--mapping", "mapping.yaml", "reports"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("mapping.yaml:5: tables.cases.colour:"), "\(bad.stderr)")
    }

    @Test func mappingInitWritesASkeleton() throws {
        let ws = try workspace()
        defer { ws.remove() }
        let run = try ws.run(["mapping", "init", "reports"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("# valvonta mapping file"))
        #expect(run.stdout.contains("  cases:\n    source: \"Asiakkuudet\"\n    columns:\n      id: \"Asiakkuuden tunniste\"\n"))
        let missing = try ws.run(["mapping", "init", "nothing-here"])
        #expect(missing.status == 1 && missing.stderr.contains("nothing-here"))
    }
}
