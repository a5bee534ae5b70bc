import Foundation
import Testing

/// The base CSV export (`Fixtures/csv/base`, the same content as `xml/base.xml`)
/// as table name → text.
func baseCSVTables() -> [String: String] {
    let dir = cliFixtures.appendingPathComponent("csv/base")
    var tables: [String: String] = [:]
    for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] {
        tables[name] = try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
    }
    return tables
}

/// Every fatal broken-input class for a CSV folder, through every command.
@Suite
struct BrokenCSVTests {
    let tables = baseCSVTables()

    /// Writes the base folder as `export/` with `changes` (table → new text, nil: no such file) and runs every command.
    func everyCommand(_ changes: [String: String?], _ extra: [String] = [], bytes: [String: [UInt8]] = [:]) throws
        -> [CLIRun]
    {
        let ws = try Workspace()
        defer { ws.remove() }
        var all = tables
        for (name, text) in changes { all[name] = text }
        for (name, text) in all { try ws.write("export/\(name)", text) }
        for (name, b) in bytes { try ws.write("export/\(name)", b) }
        return try readingCommands.map { try ws.run($0 + extra + ["export"]) }
    }

    func edited(_ table: String, _ replacements: [(String, String)]) -> String {
        variant(of: tables[table] ?? "", replacements)
    }

    @Test func baseFolderReadsLikeTheXML() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        for (name, text) in tables { try ws.write("export/\(name)", text) }
        try ws.write("base.xml", fixtureText("xml/base.xml"))
        let csv = try ws.run(["validate", "export"])
        let xml = try ws.run(["validate", "base.xml"])
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(count("cases", in: csv.stdout) == 3 && count("referrals", in: csv.stdout) == 3)
        let body = { (s: String) in s.split(separator: "\n").filter { !$0.hasPrefix("read from") } }
        #expect(body(csv.stdout) == body(xml.stdout))
    }

    @Test func missingColumnIsRefused() throws {
        let runs = try everyCommand([
            "cases.csv": "id;region;birthYear;specialSupport\nA1;JKL;2012;\nA2;AANE;;\nA3;JKL;;\n"
        ])
        expectRefused(runs, source: "export/cases.csv", line: 1, field: "cases.csv/service", mentions: ["missing"])
    }

    @Test func unknownColumnIsRefusedInStrictMode() throws {
        let runs = try everyCommand([
            "cases.csv": edited(
                "cases.csv",
                [
                    ("specialSupport\n", "specialSupport;colour\n"),
                    ("A1;JKL;lastensuojelu;2012;\n", "A1;JKL;lastensuojelu;2012;;Zq9Colour\n"),
                    ("A2;AANE;lapsiperheet;;\n", "A2;AANE;lapsiperheet;;;\n"),
                    ("A3;JKL;tyoikaiset;;\n", "A3;JKL;tyoikaiset;;;\n"),
                ])
        ])
        expectRefused(
            runs, source: "export/cases.csv", line: 1, mentions: ["unknown column", "colour"], absent: ["Zq9Colour"])
    }

    /// The same limits as XML (issue 14): a 10 MiB case id, 300 cells in a row, a row past 10 MB.
    @Test func hugeCellIsRefusedLikeXML() throws {
        let huge = "Zq9" + String(repeating: "x", count: 10 * 1024 * 1024)
        let runs = try everyCommand([
            "cases.csv": edited("cases.csv", [("A2;AANE;lapsiperheet;;\n", "\(huge);AANE;lapsiperheet;;\n")])
        ])
        expectRefused(
            runs, source: "export/cases.csv", line: 3, field: "case.id", mentions: ["10000000 bytes"], absent: ["Zq9x"])
    }

    @Test func tooManyCellsOrTooLongARowIsRefused() throws {
        let wide = "A2;AANE;lapsiperheet;;" + String(repeating: ";Zq9", count: 300) + "\n"
        let runs = try everyCommand(["cases.csv": edited("cases.csv", [("A2;AANE;lapsiperheet;;\n", wide)])])
        expectRefused(runs, source: "export/cases.csv", line: 3, mentions: ["256 cells"], absent: ["Zq9"])
        let cell = String(repeating: "y", count: 4_000_000)
        let long = "A2;AANE;lapsiperheet;\(cell);\(cell)\(cell)\n"
        let longRuns = try everyCommand(["cases.csv": edited("cases.csv", [("A2;AANE;lapsiperheet;;\n", long)])])
        expectRefused(longRuns, source: "export/cases.csv", line: 3, field: "case.specialSupport", mentions: ["row is longer"])
    }

    @Test func raggedRowIsRefusedAtItsLine() throws {
        let runs = try everyCommand([
            "cases.csv": edited("cases.csv", [("A2;AANE;lapsiperheet;;\n", "A2;AANE;lapsiperheet;;;Zq9Ragged\n")])
        ])
        expectRefused(runs, source: "export/cases.csv", line: 3, absent: ["Zq9Ragged"])
    }

    @Test func shortRowIsRefusedAtItsLine() throws {
        let runs = try everyCommand(["cases.csv": edited("cases.csv", [("A3;JKL;tyoikaiset;;\n", "A3;JKL;Zq9Short\n")])]
        )
        expectRefused(runs, source: "export/cases.csv", line: 4, absent: ["Zq9Short"])
    }

    @Test func impossibleDateIsRefused() throws {
        let runs = try everyCommand([
            "referrals.csv": edited("referrals.csv", [("A2;R1;hakemus;2024-02-01", "A2;R1;hakemus;30.2.2024")])
        ])
        expectRefused(
            runs, source: "export/referrals.csv", line: 3, field: "referral.received",
            mentions: ["not a valid date"], absent: ["30.2.2024"])
    }

    @Test func unknownEnumerationValueIsRefused() throws {
        let runs = try everyCommand(["workers.csv": edited("workers.csv", [("sosiaaliohjaaja", "sosiaaliohjaajaZq9")])])
        expectRefused(runs, source: "export/workers.csv", line: 3, field: "worker.role", absent: ["Zq9"])
    }

    @Test func emptyRequiredCellIsRefused() throws {
        let runs = try everyCommand(["regions.csv": edited("regions.csv", [("AANE;Äänekoski", "AANE;")])])
        expectRefused(runs, source: "export/regions.csv", line: 3, field: "region.name", mentions: ["required"])
    }

    @Test func duplicateIdIsRefused() throws {
        let runs = try everyCommand([
            "cases.csv": edited("cases.csv", [("A3;JKL", "A2;JKL")]),
            "referrals.csv": edited("referrals.csv", [("A3;R1", "A2;R2")]),
        ])
        expectRefused(runs, source: "export/cases.csv", line: 4, field: "case.id", mentions: ["duplicate case id A2"])
    }

    @Test func folderWithoutExportTableIsRefused() throws {
        let runs = try everyCommand(["export.csv": nil])
        expectRefused(runs, source: "export/export.csv", mentions: ["missing"])
    }

    @Test func emptyFolderIsRefused() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.mkdir("export")
        let runs = try readingCommands.map { try ws.run($0 + ["export"]) }
        expectRefused(runs, source: "export/export.csv", mentions: ["missing"])
    }

    @Test func emptyTableIsRefused() throws {
        let runs = try everyCommand(["export.csv": ""])
        expectRefused(runs, source: "export/export.csv")
    }

    @Test func invalidUTF8AfterABOMIsRefused() throws {
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("code;name\nJKL;Zq9".utf8) + [0xFF, 0xFE] + Array("\n".utf8)
        bytes += Array("AANE;Äänekoski\n".utf8)
        let runs = try everyCommand([:], bytes: ["regions.csv": bytes])
        expectRefused(runs, source: "export/regions.csv", lines: [2], mentions: ["UTF-8"], absent: ["Zq9"])
    }

    @Test func undefinedWindows1252ByteIsRefused() throws {
        let bytes = Array("code;name\nJKL;Jyv".utf8) + [0xE4] + Array("skyl".utf8) + [0xE4, 0x81] + Array("Zq9\n".utf8)
        let runs = try everyCommand([:], bytes: ["regions.csv": bytes])
        expectRefused(runs, source: "export/regions.csv", absent: ["Zq9"])
    }

    @Test func windows1252IsRead() throws {
        let bytes =
            Array("code;name\nJKL;Jyv".utf8) + [0xE4] + Array("skyl".utf8) + [0xE4] + Array("\nAANE;".utf8)
            + [0xC4, 0xE4] + Array("nekoski\n".utf8)
        let ws = try Workspace()
        defer { ws.remove() }
        for (name, text) in tables { try ws.write("export/\(name)", text) }
        try ws.write("export/regions.csv", bytes)
        let run = try ws.run(["validate", "export"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("JKL Jyväskylä: cases 0 / 1 / 1; workers 1"))
    }

    @Test func unknownTableIsRefusedInStrictMode() throws {
        let runs = try everyCommand(["notes.csv": "case;note\nA1;Zq9Note\n"])
        expectRefused(runs, source: "export/notes.csv", mentions: ["unknown table"], absent: ["Zq9Note"])
    }

    @Test func rejectedRowsAreListedAndNothingElseIsLost() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        var all = tables
        all["referrals.csv"] =
            (all["referrals.csv"] ?? "") + "A9;R1;hakemus;2024-02-01;;;;\nA2;R2;hakemus;2024-06-02;;;;\n"
        all["clientships.csv"] = (all["clientships.csv"] ?? "") + "A2;;2024-03-01;2024-02-01;\n"
        for (name, text) in all { try ws.write("export/\(name)", text) }
        let run = try ws.run(["validate", "export"])
        #expect(run.status == 0, "\(run.stderr)")
        expectNoStackTrace(run)
        #expect(run.stdout.contains("rejected: 3 records left out"), "\(run.stdout)")
        #expect(run.stdout.contains("export/referrals.csv:5: "), "\(run.stdout)")
        #expect(
            run.stdout.contains(
                "export/referrals.csv:6: referral R2 of case A2: received is after the export was generated"))
        #expect(run.stdout.contains("export/clientships.csv:3: clientship of case A2: end is before start"))
        let counts = [
            "regions": 2, "workers": 2, "posts": 1, "occupancies": 1, "cases": 3, "referrals": 3,
            "assessments": 1, "clientships": 1, "assignments": 1, "plans": 1, "meetings": 1,
        ]
        for (name, n) in counts { #expect(count(name, in: run.stdout) == n, "\(name) in \(run.stdout)") }
    }
}

/// Identity codes in CSV cells, unknown columns, unknown tables and headers.
@Suite
struct CSVIdentityCodeTests {
    let tables = baseCSVTables()
    static let code = "131052-308T"

    struct Placement: CustomTestStringConvertible, Sendable {
        var name: String
        var table: String
        var text: String
        var lenient: Bool
        var line: Int
        var testDescription: String { name }
    }

    static let placements: [Placement] = [
        Placement(
            name: "case id cell", table: "cases.csv",
            text:
                "id;region;service;birthYear;specialSupport\nA1;JKL;lastensuojelu;2012;\n\(code);AANE;lapsiperheet;;\nA3;JKL;tyoikaiset;;\n",
            lenient: false, line: 3),
        Placement(
            name: "quoted, padded, lower case", table: "regions.csv",
            text: "code;name\nJKL;\" \(code.lowercased()) \"\nAANE;Äänekoski\n", lenient: false, line: 2),
        Placement(
            name: "unknown column, lenient", table: "regions.csv",
            text: "code;name;note\nJKL;Jyväskylä;\(code)\nAANE;Äänekoski;\n", lenient: true, line: 2),
        Placement(
            name: "unknown column, strict", table: "regions.csv",
            text: "code;name;note\nJKL;Jyväskylä;\(code)\nAANE;Äänekoski;\n", lenient: false, line: 2),
        Placement(name: "unknown table, lenient", table: "notes.csv", text: "note\n\(code)\n", lenient: true, line: 2),
        Placement(
            name: "a header named like a code", table: "regions.csv",
            text: "code;name;\(code)\nJKL;Jyväskylä;\nAANE;Äänekoski;\n", lenient: true, line: 1),
    ]

    @Test(arguments: placements)
    func codeStopsTheRunWithoutBeingShown(_ p: Placement) throws {
        let ws = try Workspace()
        defer { ws.remove() }
        var all = tables
        all[p.table] = p.text
        for (name, text) in all { try ws.write("export/\(name)", text) }
        let runs = try readingCommands.map { try ws.run($0 + (p.lenient ? ["--lenient"] : []) + ["export"]) }
        // A header is screened like a cell ("column 3"): a code there is fatal too.
        expectRefused(
            runs, source: "export/\(p.table)", lines: [p.line],
            mentions: ["personal identity code"], absent: [Self.code, "131052"])
    }

    @Test(arguments: placements.filter { $0.lenient || $0.name == "case id cell" })
    func withAKeyTheRunSucceedsAndTheCodeIsNowhere(_ p: Placement) throws {
        let ws = try Workspace()
        defer { ws.remove() }
        var all = tables
        all[p.table] = p.text
        for (name, text) in all { try ws.write("export/\(name)", text) }
        try ws.write("key", "k")
        for command in readingCommands {
            let run = try ws.run(command + ["--lenient", "--pseudonymise-key", "key", "export"])
            #expect(run.status == 0, "\(command): \(run.stderr)")
            expectNoStackTrace(run)
            expectAbsent([Self.code, "131052"], from: run)
        }
    }
}
