@testable import CaseImport
import CaseModel
import Foundation
import SampleGenerator
import Testing

/// Workbooks read through a mapping (mapping.md) give the CSV form's model;
/// broken ones stop the import naming the file, the sheet and the cell.
@Suite struct WorkbookImportTests {
    static func mapping(_ text: String = WorkbookFixture.mapping, file: String = "mapping.yaml") throws -> ExportMapping {
        try ExportMapping.read(Array(text.utf8), file: file)
    }

    static func load(_ paths: [String], mapping: ExportMapping?, key: [UInt8]? = nil) throws -> CaseExport {
        try CaseImporter.load(paths: paths, options: ImportOptions(pseudonymiseKey: key, mapping: mapping))
    }

    /// The problems of an import that must fail.
    static func problems(_ paths: [String], mapping: ExportMapping?) -> [ImportProblem] {
        do {
            _ = try load(paths, mapping: mapping)
            return []
        } catch let failure as ImportFailure {
            return failure.problems
        } catch {
            return [ImportProblem(source: "?", line: nil, field: nil, message: "\(error)")]
        }
    }

    @Test func aMappedWorkbookGivesTheCSVFormsModel() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        for (name, text) in WorkbookFixture.csv { try tmp.write("csv/\(name)", text) }
        let book = try WorkbookFixture.good().write(to: tmp.path("raportit.xlsx"))
        let csv = try Self.load([tmp.path("csv")], mapping: nil)
        let wb = try Self.load([book], mapping: Self.mapping())
        #expect(wb.header == csv.header)
        #expect(wb.regions.map { [$0.code, $0.name] } == [["JKL", "Jyväskylä"], ["AANE", "Äänekoski"]])
        #expect(wb.cases.map(SampleEquivalenceTests.unlocated) == csv.cases.map(SampleEquivalenceTests.unlocated))
        #expect(wb.cases.map(\.specialSupport) == [true, false, false])
        #expect(wb.cases.flatMap(\.referrals).map(\.received.iso) == ["2025-01-06", "2025-02-03", "2025-03-01"])
        #expect(wb.cases.flatMap(\.referrals).map { $0.decided?.iso } == ["2025-01-10", "2025-02-12", nil])
        #expect(wb.cases[0].location == SourceLocation(source: "raportit.xlsx#Asiakkuudet", line: 2))
        #expect(wb.cases[2].referrals[0].location == SourceLocation(source: "raportit.xlsx#Vireilletulot", line: 4))
    }

    @Test func theSampleReadsIdenticallyAsXMLCSVAndWorkbooks() throws {
        let data = SampleEquivalenceTests.sampleData
        let xml = try Self.load([data.appendingPathComponent("export.xml").path], mapping: nil)
        let folder = data.appendingPathComponent("workbook")
        let mapping = try ExportMapping.read(path: folder.appendingPathComponent("mapping.yaml").path, name: "mapping.yaml")
        let wb = try Self.load([folder.path], mapping: mapping)
        #expect(wb.cases.count == 3000 && wb.rejected.isEmpty)
        #expect(wb.header == xml.header)
        #expect(wb.regions.map { [$0.code, $0.name] } == xml.regions.map { [$0.code, $0.name] })
        #expect(wb.workers.map(SampleEquivalenceTests.unlocated) == xml.workers.map(SampleEquivalenceTests.unlocated))
        #expect(wb.posts.map(SampleEquivalenceTests.unlocated) == xml.posts.map(SampleEquivalenceTests.unlocated))
        let differing = zip(wb.cases, xml.cases).filter {
            SampleEquivalenceTests.unlocated($0) != SampleEquivalenceTests.unlocated($1)
        }.count
        #expect(differing == 0)
        #expect(wb.workers.first?.location.source == "workbook/henkilosto.xlsx#Työntekijät")
    }

    /// An export that is not in the repository (another seed, with cross-reference problems), written
    /// as CSV and as workbooks: the same model, and the same rejections on the same rows.
    @Test func aGeneratedExportWithRejectionsReadsAsItsCSV() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let generator = try SampleGenerator(configuration: SampleConfiguration(
            cases: 700, regions: 5, seed: 4242, asOf: CalendarDate(year: 2025, month: 10, day: 15)!, withErrors: true))
        try generator.run(into: [CSVSampleWriter(folder: tmp.path("csv")), WorkbookSampleWriter(folder: tmp.path("wb"))])
        let csv = try Self.load([tmp.path("csv")], mapping: nil)
        let mapping = try ExportMapping.read(path: tmp.path("wb/mapping.yaml"), name: "mapping.yaml")
        let wb = try Self.load([tmp.path("wb")], mapping: mapping)
        #expect(wb.cases.map(SampleEquivalenceTests.unlocated) == csv.cases.map(SampleEquivalenceTests.unlocated))
        #expect(wb.workers.map(SampleEquivalenceTests.unlocated) == csv.workers.map(SampleEquivalenceTests.unlocated))
        #expect(csv.rejected.count >= 6)
        let sheets = ["csv/cases.csv": "Asiakkuudet", "csv/referrals.csv": "Vireilletulot",
                      "csv/assessments.csv": "Palvelutarpeen arvioinnit", "csv/assignments.csv": "Vastuutyöntekijät",
                      "csv/meetings.csv": "Tapaamiset", "csv/plans.csv": "Asiakassuunnitelmat",
                      "csv/clientships.csv": "Asiakkuusjaksot"]
        let fromCSV = csv.rejected.map { "wb/asiakastiedot.xlsx#\(sheets[$0.location.source] ?? "?"):\($0.location.line) \($0.reason)" }
        let fromWorkbook = wb.rejected.map { "\($0.location.source):\($0.location.line) \($0.reason)" }
        #expect(fromWorkbook.sorted() == fromCSV.sorted())
    }

    @Test func aWorkbookInTheCSVFormNeedsNoMapping() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        func sheet(_ text: String) -> [[String]] {
            text.split(separator: "\n").map { $0.split(separator: ";", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "s:\($0)" } }
        }
        let book = WorkbookFixture(sheets: ["export", "regions", "cases", "referrals"].map {
            ($0, sheet(WorkbookFixture.csv["\($0).csv"] ?? ""))
        })
        try book.write(to: tmp.path("export.xlsx"))
        for (name, text) in WorkbookFixture.csv { try tmp.write("csv/\(name)", text) }
        let csv = try Self.load([tmp.path("csv")], mapping: nil)
        let wb = try Self.load([tmp.path("export.xlsx")], mapping: nil)
        #expect(wb.cases.map(SampleEquivalenceTests.unlocated) == csv.cases.map(SampleEquivalenceTests.unlocated))
        // An unknown sheet is an unknown table, as an unknown CSV file is.
        var extra = book
        extra.sheets.append(("Muistiinpanot", [["s:x"]]))
        try extra.write(to: tmp.path("extra.xlsx"))
        let problems = Self.problems([tmp.path("extra.xlsx")], mapping: nil)
        #expect(problems.map(\.field) == ["Muistiinpanot"])
        #expect(problems.first?.message.contains("unknown table") == true)
    }

    @Test func aReportCSVFileInAFolderIsMappedToo() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        var book = WorkbookFixture.good()
        book.sheets.removeAll { $0.name == "Vireilletulot" }
        try book.write(to: tmp.path("reports/asiakkuudet.xlsx"))
        try tmp.write("reports/Vireilletulot.csv",
                      "Asiakkuus;Vireilletulo;Tyyppi;Saapunut;Kiireellinen;Ratkaistu;Muuta\n"
                          + "A1;R1;LS-ilmoitus;6.1.2025;K;10.1.2025;x\nA2;R1;Hakemus;3.2.25;E;12.2.2025;\nA3;R1;LS-ilmoitus;1.3.2025;;;\n")
        let mapping = try Self.mapping(WorkbookFixture.mapping.replacingOccurrences(of: "source: Vireilletulot", with: "source: Vireilletulot.csv"))
        let wb = try Self.load([tmp.path("reports")], mapping: mapping)
        #expect(wb.cases.flatMap(\.referrals).map(\.received.iso) == ["2025-01-06", "2025-02-03", "2025-03-01"])
        #expect(wb.cases.flatMap(\.referrals).map(\.urgent) == [true, false, false])
        #expect(wb.cases[0].referrals[0].location == SourceLocation(source: "reports/Vireilletulot.csv", line: 2))
        // A bad date in the CSV file names the file, the line and the field.
        try tmp.write("reports/Vireilletulot.csv", "Asiakkuus;Vireilletulo;Tyyppi;Saapunut;Kiireellinen;Ratkaistu\nA1;R1;Hakemus;2025/13/01;;\n")
        let problems = Self.problems([tmp.path("reports")], mapping: mapping)
        #expect(problems.map { "\($0.source):\($0.line ?? 0) \($0.field ?? "")" } == ["reports/Vireilletulot.csv:2 referral.received"])
    }

    @Test func serialDatesFollowTheWorkbooksDateSystem() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        var book = WorkbookFixture.good()
        book.date1904 = true
        try book.write(to: tmp.path("b.xlsx"))
        let wb = try Self.load([tmp.path("b.xlsx")], mapping: Self.mapping())
        // 45663 is 7.1.2029 in the 1904 system (6.1.2025 in the 1900 one): after the export, so rejected there;
        // so is row 3's decision date, 45700; row 2 was decided on 10.1.2025, text, before it was received.
        #expect(wb.rejected.map { "\($0.location.source):\($0.location.line)" } == ["b.xlsx#Vireilletulot:2", "b.xlsx#Vireilletulot:3"])
        #expect(wb.rejected.map(\.reason) == ["referral R1 of case A1: decided is before received",
                                             "referral R1 of case A2: decided is after the export was generated (2025-06-01)"])
        #expect(MappedTableReader.serialDate(45663, date1904: true)?.iso == "2029-01-07")
    }

    @Test(arguments: [
        (1.0, false, "1900-01-01"), (59, false, "1900-02-28"), (61, false, "1900-03-01"), (45658, false, "2025-01-01"),
        (45658.75, false, "2025-01-01"), (0, true, "1904-01-01"), (44196, true, "2025-01-01"),
    ])
    func serialNumbers(serial: Double, date1904: Bool, iso: String) {
        #expect(MappedTableReader.serialDate(serial, date1904: date1904)?.iso == iso)
    }

    @Test func serialsThatAreNoDay() {
        // 60 is Excel's 29.2.1900, which never was; 0 and negatives are before its calendar.
        #expect([60.0, 0, -1, .nan, 1e12].map { MappedTableReader.serialDate($0, date1904: false) } == [nil, nil, nil, nil, nil])
    }
}

/// `valvonta mapping init`: a skeleton that names the reports' headers where they fit.
@Suite struct MappingSkeletonTests {
    @Test func theSampleWorkbooksSkeleton() throws {
        let folder = SampleEquivalenceTests.sampleData.appendingPathComponent("workbook")
        let text = try MappingSkeleton.write(paths: [folder.path])
        #expect(text.contains("#   henkilosto.xlsx#Virat: \"Virkanumero\", \"Alue\", \"Tehtäväalue\", \"Nimike\", \"HTV\""))
        // Filled in where the skeleton cannot know, it is a mapping file.
        let filled = text
            .replacingOccurrences(of: "organisation: TODO", with: "organisation: X")
            .replacingOccurrences(of: "generated: TODO", with: "generated: 2026-01-01T06:00:00+02:00")
            .replacingOccurrences(of: "period: { start: TODO, end: TODO }", with: "period: { start: 2025-07-01, end: 2025-12-31 }")
        let mapping = try ExportMapping.read(Array(filled.utf8), file: "skeleton.yaml")
        #expect(mapping.tables[.case]?.source == "Asiakkuudet")
        #expect(mapping.tables[.case]?.columns.map(\.header)
                == ["Asiakkuuden tunniste", "Toimipiste", "Tehtäväalue", "Syntymävuosi", "Erityisen tuen tarve"])
        #expect(mapping.tables[.region]?.columns.map(\.header) == ["Koodi", "Toimipiste"])
        #expect(mapping.tables[.referral]?.columns.first { $0.column == "received" }?.header == "Vireilletulopvm")
        // Each code column lists the report's codes, TODO where the format has no such code.
        #expect(mapping.tables[.case]?.values["service"] == ["LS": "TODO", "LAPE": "TODO", "TYÖIKÄISET": "TODO"])
        #expect(mapping.tables[.worker]?.values["role"]?.keys.sorted()
                == ["Johtava sosiaalityöntekijä", "Muu henkilöstö", "Sosiaaliohjaaja", "Sosiaalityöntekijä"])
        #expect(mapping.tables[.meeting]?.columns.map(\.header) == ["Asiakkuus", "Tapaamispäivä", "Työntekijä", "Lapsi tavattu"])
        #expect(mapping.tables[.assessment]?.columns.prefix(3).map(\.header) == ["Asiakkuus", "Arviointi", "Vireilletulo"])
    }

    @Test func identityCodesNeverReachTheSkeleton() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let book = WorkbookFixture.good()
            .replacing(sheet: "Asiakkuudet", row: 2, column: 2, with: "t:131052-308T")
            .replacing(sheet: "Asiakkuudet", row: 0, column: 6, with: "t:131052-308T")
        try book.write(to: tmp.path("r.xlsx"))
        let text = try MappingSkeleton.write(paths: [tmp.path("r.xlsx")])
        #expect(!text.contains("131052"))
        #expect(text.contains("\"LS\": TODO"))
        // A column no header fits is marked; one the format requires says so.
        #expect(text.contains("      decided: TODO   # or remove the line\n"))
        #expect(text.contains("    source: \"Vireilletulot\"\n"))
    }
}

/// A region's reports are read a table at a time on several threads, each into a builder of its
/// own: the result must be the one of reading them in turn (records, rejections, problems and
/// their order), as for a CSV folder (`CSVParallelTablesTests`).
@Suite struct MappedParallelTablesTests {
    private func read(_ folder: String, mapping: ExportMapping, threads: Int) -> String {
        let builder = ExportBuilder(options: ImportOptions())
        builder.readParts = threads
        MappedExportReader.read(path: folder, mapping: mapping, into: builder)
        return outcome(of: builder)
    }

    @Test func sheetsReadAtOnceGiveWhatSheetsReadInTurnGive() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let generator = try SampleGenerator(configuration: SampleConfiguration(
            cases: 900, regions: 5, seed: 77, asOf: CalendarDate(year: 2025, month: 10, day: 15)!, withErrors: true))
        try generator.run(into: [WorkbookSampleWriter(folder: tmp.path("wb"))])
        let mappingPath = tmp.path("wb/mapping.yaml")
        let mapping = try ExportMapping.read(path: mappingPath, name: "mapping.yaml")
        let clean = read(tmp.path("wb"), mapping: mapping, threads: 1)
        #expect(clean.hasPrefix("8") && clean.contains("names unknown"))
        for threads in [2, 3, 4] { #expect(read(tmp.path("wb"), mapping: mapping, threads: threads) == clean) }

        // One code left out of the mapping: fatal problems in the workers, posts, cases and clientships sheets.
        let text = try String(contentsOfFile: mappingPath, encoding: .utf8)
        try #require(text.contains("\"LS\": lastensuojelu, "))
        try text.replacingOccurrences(of: "\"LS\": lastensuojelu, ", with: "").write(
            toFile: mappingPath, atomically: true, encoding: .utf8)
        let broken = try ExportMapping.read(path: mappingPath, name: "mapping.yaml")
        let problems = read(tmp.path("wb"), mapping: broken, threads: 1)
        let sheets = Set(problems.split(separator: "\n").compactMap { $0.split(separator: "!").first })
        #expect(sheets.count >= 3, "\(sheets) \(problems.prefix(600))")
        for threads in [2, 3, 4] { #expect(read(tmp.path("wb"), mapping: broken, threads: threads) == problems) }
    }
}
