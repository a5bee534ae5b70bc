@testable import CaseImport
import CaseModel
import Foundation
import Testing

/// A CSV export folder written by a test into a temporary directory, named
/// `vienti` so that locations read `vienti/<table>.csv:<line>`. Starts from
/// three minimal valid tables; a test replaces or adds files.
final class CSVFolder {
    static let minimal: [String: String] = [
        "export.csv": "organisation;generated;periodStart;periodEnd\nOrg;2024-06-01T06:00:00+03:00;2024-01-01;2024-05-31\n",
        "regions.csv": "code;name\nJKL;Jyväskylä\n",
        "cases.csv": "id;region;service\nA1;JKL;lastensuojelu\n",
    ]

    let root: URL
    let url: URL

    init(_ files: [String: String] = [:], bytes: [String: [UInt8]] = [:], without: [String] = []) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("csv-test-\(UUID().uuidString)")
        url = root.appendingPathComponent("vienti")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        var all = Self.minimal.mapValues { Array($0.utf8) }
        for (name, text) in files { all[name] = Array(text.utf8) }
        for (name, data) in bytes { all[name] = data }
        for name in without { all[name] = nil }
        for (name, data) in all { try Data(data).write(to: url.appendingPathComponent(name)) }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func load(lenient: Bool = false, key: [UInt8]? = nil) throws -> CaseExport {
        try CaseImporter.load(paths: [url.path], options: ImportOptions(lenient: lenient, pseudonymiseKey: key))
    }

    /// The fatal problems of a load that must fail.
    func problems(lenient: Bool = false) -> [ImportProblem] {
        do {
            _ = try load(lenient: lenient)
            Issue.record("the import was expected to fail")
            return []
        } catch let failure as ImportFailure {
            return failure.problems
        } catch {
            Issue.record("unexpected error \(error)")
            return []
        }
    }
}

func date(_ iso: String) -> CalendarDate? { CalendarDate.parseISO(iso) }

func fixtureFolder(_ name: String) throws -> String {
    let resources = try #require(Bundle.module.resourceURL)
    return resources.appendingPathComponent("Fixtures/csv/\(name)").path
}

@Suite("CSV export reader: reading")
struct CSVExportReaderTests {
    /// The `basic` fixture uses `;`, UTF-8 without BOM, both date forms,
    /// decimal commas, every boolean spelling, a quoted cell holding `;`,
    /// columns out of order, a blank line and a `;;;;` row; the result must
    /// be exactly these records.
    @Test func basicFixtureGivesExactlyTheExpectedModel() throws {
        let export = try CaseImporter.load(paths: [try fixtureFolder("basic")])
        #expect(export.header == ExportHeader(organisation: "Keski-Suomen hyvinvointialue",
                                              generated: "2024-06-01T06:00:00+03:00", generatedDate: date("2024-06-01")!,
                                              periodStart: date("2024-01-01")!, periodEnd: date("2024-05-31")!))
        #expect(export.sources == ["basic"])
        #expect(export.rejected.isEmpty)
        #expect(export.warnings.isEmpty)
        func at(_ table: String, _ line: Int) -> CaseModel.SourceLocation { CaseModel.SourceLocation(source: "basic/\(table).csv", line: line) }

        #expect(export.regions == [Region(code: "JKL", name: "Jyväskylä", location: at("regions", 2)),
                                   Region(code: "AANE", name: "Äänekoski; keskusta", location: at("regions", 4))])
        #expect(export.workers == [
            Worker(id: "T001", region: "JKL", service: .lastensuojelu, role: .sosiaalityontekija,
                   start: date("2021-08-01"), end: nil, location: at("workers", 2)),
            Worker(id: "T002", region: "AANE", service: nil, role: .sosiaaliohjaaja,
                   start: date("2022-01-10"), end: date("2024-12-31"), location: at("workers", 3)),
        ])
        #expect(export.posts == [
            Post(id: "V001", region: "JKL", service: .lastensuojelu, role: .sosiaalityontekija, fte: FTE(micros: 1_000_000),
                 occupancies: [Occupancy(worker: "T001", from: date("2021-08-01")!, to: nil, fte: FTE(micros: 750_000),
                                         location: at("occupancies", 2))],
                 location: at("posts", 2)),
            Post(id: nil, region: nil, service: nil, role: nil, fte: FTE(micros: 500_000), occupancies: [],
                 location: at("posts", 3)),
        ])
        #expect(export.cases.count == 2)
        let a = try #require(export.cases.first)
        #expect(a == Case(
            id: "A000123", region: "JKL", service: .lastensuojelu, birthYear: 2012, specialSupport: true,
            referrals: [Referral(id: "R1", kind: .lastensuojeluilmoitus, received: date("2024-01-03")!, urgent: false,
                                 urgencyAssessed: date("2024-01-03"), decided: date("2024-01-10"), outcome: .selvitys,
                                 location: at("referrals", 2))],
            assessments: [Assessment(id: "P1", referral: "R1", started: date("2024-01-10"), completed: date("2024-03-28"),
                                     worker: "T001", result: .asiakkuus, location: at("assessments", 2))],
            clientships: [Clientship(service: .lastensuojelu, start: date("2024-03-28")!, end: nil, aftercare: false,
                                     location: at("clientships", 2))],
            assignments: [Assignment(worker: "T001", from: date("2024-03-28")!, to: nil, location: at("assignments", 2))],
            plans: [ClientPlan(id: "S1", date: date("2024-04-15")!, location: at("plans", 2))],
            meetings: [Meeting(date: date("2024-05-02")!, worker: "T001", withChild: true, location: at("meetings", 2)),
                       Meeting(date: date("2024-05-20")!, worker: "T001", withChild: true, location: at("meetings", 3))],
            location: at("cases", 2)))
        let b = try #require(export.cases.last)
        #expect(b == Case(
            id: "A000124", region: "AANE", service: .lapsiperheet, birthYear: nil, specialSupport: false,
            referrals: [Referral(id: "R1", kind: .hakemus, received: date("2024-02-05")!, urgent: true,
                                 urgencyAssessed: nil, decided: nil, outcome: nil, location: at("referrals", 3))],
            clientships: [Clientship(service: .lapsiperheet, start: date("2024-02-20")!, end: nil, aftercare: false,
                                     location: at("clientships", 3))],
            meetings: [Meeting(date: date("2024-03-01")!, worker: "T002", withChild: false, location: at("meetings", 4))],
            location: at("cases", 4)))
    }

    @Test func commaSeparatedWithBOMAndQuotedCells() throws {
        let bom = "\u{FEFF}"
        let folder = try CSVFolder([
            "export.csv": bom + "organisation,generated,periodStart,periodEnd\r\n\"Org, alue\",2024-06-01T06:00:00Z,1.1.2024,31.5.2024\r\n",
            "regions.csv": bom + "code,name\r\nJKL,\"Jyväskylä, \"\"keskusta\"\"\"\r\n",
            "posts.csv": "fte,id\n\"0,5\",V1\n2.25,V2\n",
            "cases.csv": "id,region,service,specialSupport\nA1,JKL,lastensuojelu,TRUE\nA2,JKL,tyoikaiset,0\nA3 , JKL ,lapsiperheet,EI\n",
        ])
        let export = try folder.load()
        #expect(export.header.organisation == "Org, alue")
        #expect(export.header.periodStart == date("2024-01-01"))
        #expect(export.header.periodEnd == date("2024-05-31"))
        #expect(export.regions.map(\.name) == ["Jyväskylä, \"keskusta\""])
        #expect(export.posts.map(\.fte.micros) == [500_000, 2_250_000])
        #expect(export.posts.map(\.id) == ["V1", "V2"])
        #expect(export.cases.map(\.id) == ["A1", "A2", "A3"])
        #expect(export.cases.map(\.region) == ["JKL", "JKL", "JKL"])
        #expect(export.cases.map(\.specialSupport) == [true, false, false])
        #expect(export.cases.map(\.location.line) == [2, 3, 4])
    }

    @Test func separatorIsSemicolonUnlessTheHeaderHasMoreCommas() throws {
        // One of each: a tie means `;`, so the name cell keeps its comma.
        let tie = try CSVFolder(["regions.csv": "code;name,x\nJKL;a,b\n"])
        let problems = tie.problems()
        // `name,x` is then one unknown column name.
        #expect(problems.map(\.field) == ["regions.csv/name,x", "regions.csv/name"])
        let commas = try CSVFolder(["regions.csv": "code,name\nJKL,a;b\n"])
        #expect(try commas.load().regions.map(\.name) == ["a;b"])
    }

    @Test func windows1252IsDecoded() throws {
        // "Jyväskylä – keskusta €" in Windows-1252: ä = 0xE4, – = 0x96, € = 0x80.
        let name: [UInt8] = Array("Jyv".utf8) + [0xE4] + Array("skyl".utf8) + [0xE4, 0x20, 0x96] + Array(" keskusta ".utf8) + [0x80]
        let folder = try CSVFolder(bytes: ["regions.csv": Array("code;name\nJKL;".utf8) + name + [0x0A]])
        #expect(try folder.load().regions.map(\.name) == ["Jyväskylä – keskusta €"])
    }

    @Test func quotedLineBreakShiftsTheNextRecordsLine() throws {
        for newline in ["\n", "\r\n"] {
            let regions = ["code;name", "JKL;\"Jyväskylä", "keskusta\"", "", "AANE;Äänekoski", "MUU;\"a", "", "b\";"]
            let folder = try CSVFolder(["regions.csv": regions.joined(separator: newline) + newline,
                                        "cases.csv": "id;region;service\r\nA1;AANE;lastensuojelu"])
            let problems = folder.problems()
            // MUU's row has three cells: its line is where it starts.
            #expect(problems.map(\.description) == ["vienti/regions.csv:6: the row has 3 cells but the header has 2 columns; check separators and quotes"])
            let fixed = try CSVFolder(["regions.csv": regions.dropLast(3).joined(separator: newline) + newline + "MUU;\"a\(newline)\(newline)b\""])
            let export = try fixed.load()
            #expect(export.regions.map(\.location.line) == [2, 5, 6])
            #expect(export.regions.map(\.name) == ["Jyväskylä\(newline)keskusta", "Äänekoski", "a\(newline)\(newline)b"])
        }
    }

    @Test func blankRowsAndEmptyCellRowsAreSkippedButCounted() throws {
        let folder = try CSVFolder(["cases.csv": "id;region;service\n\n;;\n  ; ;\u{A0}\nA1;JKL;lastensuojelu\n\n"])
        let export = try folder.load()
        #expect(export.cases.map(\.location) == [CaseModel.SourceLocation(source: "vienti/cases.csv", line: 5)])
    }

    /// Cells are trimmed as bytes where that is surely what trimming the text
    /// gives (ASCII white space), and as text where an end is not ASCII
    /// (U+00A0, U+2003, U+3000) or another control (U+001C, which is no white
    /// space and stays): values, the parent key and a quoted cell alike.
    @Test func cellsAreTrimmedOfASCIIAndUnicodeWhiteSpace() throws {
        let cases = "id;region;service\n \tA1\u{0B} ; JKL\u{0C};\u{A0}lastensuojelu\u{3000}\n"
        let referrals = "case;id;kind;received\n\u{A0}A1 ;\t\"R\"\"1\" ;\u{2003}hakemus; 1.2.2024\r\n A1\t; R2 ; hakemus ;2024-02-02\n"
        let export = try CSVFolder(["cases.csv": cases, "referrals.csv": referrals]).load()
        #expect(export.cases.map(\.id) == ["A1"])
        #expect(export.cases.map(\.region) == ["JKL"])
        #expect(export.cases.map(\.service) == [.lastensuojelu])
        #expect(export.cases.first?.referrals.map(\.id) == ["R\"1", "R2"])
        #expect(export.cases.first?.referrals.map(\.kind) == [.hakemus, .hakemus])
        #expect(export.cases.first?.referrals.map(\.received) == [date("2024-02-01")!, date("2024-02-02")!])
        let control = try CSVFolder(["cases.csv": "id;region;service\nA1;\u{1C}JKL;lastensuojelu\n"]).load()
        #expect(control.cases.isEmpty)
        #expect(control.rejected.map(\.location.line) == [2])
        #expect(control.rejected.map(\.reason) == ["case A1 names unknown region \u{1C}JKL"])
    }

    /// Dates and booleans typed from a cell's bytes (plain `YYYY-MM-DD`, `true/false/1/0`) and
    /// those that go the string way (Finnish dates, quoted cells, other cases, kyllä/ei) read alike,
    /// and a plain-looking value that is no real day is reported by field and line.
    @Test func datesAndBooleansReadAlikeFromBytesAndStrings() throws {
        let referrals = "case;id;kind;received;urgent;childWelfare\n"
            + "A1;R1;hakemus;2024-02-01;true;0\n"
            + "A1;R2;hakemus;1.2.2024;KYLLÄ;ei\n"
            + "A1;R3;hakemus;\"2024-02-01\";\"1\";False\n"
        let export = try CSVFolder(["referrals.csv": referrals]).load()
        let read = try #require(export.cases.first?.referrals)
        #expect(read.map(\.received) == Array(repeating: date("2024-02-01")!, count: 3))
        #expect(read.map(\.urgent) == [true, true, true])
        #expect(read.map(\.childWelfare) == [false, false, false])
        let bad = try CSVFolder(["referrals.csv": "case;id;kind;received;urgent\nA1;R1;hakemus;2024-02-30;2\n"])
        #expect(bad.problems().map(\.description) == [
            "vienti/referrals.csv:2: referral.received: not a valid date; write it as YYYY-MM-DD or d.m.yyyy (a real day of the calendar)",
            "vienti/referrals.csv:2: referral.urgent: not a boolean; use true/false, 1/0 or kyllä/ei",
        ])
    }

    @Test func optionalTablesMayBeMissingOrEmpty() throws {
        let folder = try CSVFolder(["workers.csv": "", "posts.csv": "\n\r\n", "plans.csv": "case;date\n"])
        let export = try folder.load()
        #expect(export.workers.isEmpty && export.posts.isEmpty)
        #expect(export.cases.map(\.plans.count) == [0])
    }

    @Test func orphanRowsAreRejectedWithTheirLocation() throws {
        let folder = try CSVFolder([
            "referrals.csv": "case;id;kind;received\nA1;R1;hakemus;2024-02-01\nX9;R1;hakemus;2024-02-01\n",
            "occupancies.csv": "post;worker;from\nV9;T1;2024-01-01\n",
        ])
        let export = try folder.load()
        #expect(export.cases.first?.referrals.map(\.id) == ["R1"])
        #expect(export.rejected == [
            Rejection(location: CaseModel.SourceLocation(source: "vienti/occupancies.csv", line: 2), reason: "occupancy names unknown post V9"),
            Rejection(location: CaseModel.SourceLocation(source: "vienti/referrals.csv", line: 3), reason: "referral names unknown case X9"),
        ])
    }

    @Test func exportTableMayCarryVersionOne() throws {
        let ok = try CSVFolder(["export.csv": "version;organisation;generated;periodStart;periodEnd\n1;Org;2024-06-01T06:00:00+03:00;2024-01-01;2024-05-31\n"])
        #expect(try ok.load().header.organisation == "Org")
        let two = try CSVFolder(["export.csv": "version;organisation;generated;periodStart;periodEnd\n2;Org;2024-06-01T06:00:00+03:00;2024-01-01;2024-05-31\n"])
        #expect(two.problems().map(\.description) == ["vienti/export.csv:2: caseExport.version: only format version 1 is understood"])
    }
}
