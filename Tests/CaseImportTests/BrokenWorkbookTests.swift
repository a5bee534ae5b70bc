@testable import CaseImport
import CaseModel
import Foundation
import Testing
import ZIPFoundation

/// Every broken workbook of the issue stops the import with the file, the
/// sheet and the cell, and the format field, never the value.
@Suite struct BrokenWorkbookTests {
    /// "file | cell | field" of each problem of reading `book` with the fixture's mapping.
    func problems(_ book: WorkbookFixture, mapping: String = WorkbookFixture.mapping) throws -> [String] {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        try book.write(to: tmp.path("raportit.xlsx"))
        return try problems(at: tmp.path("raportit.xlsx"), mapping: mapping).map { "\($0.source) | \($0.cell ?? "-") | \($0.field ?? "-")" }
    }

    func problems(at path: String, mapping: String = WorkbookFixture.mapping) throws -> [ImportProblem] {
        WorkbookImportTests.problems([path], mapping: try WorkbookImportTests.mapping(mapping))
    }

    @Test func aMissingMappedHeader() throws {
        let book = WorkbookFixture.good().replacing(sheet: "Asiakkuudet", row: 0, column: 2, with: "s:Palvelu")
        #expect(try problems(book) == ["raportit.xlsx | Asiakkuudet!1:1 | case.service"])
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        try book.write(to: tmp.path("r.xlsx"))
        let message = try problems(at: tmp.path("r.xlsx")).first?.description ?? ""
        #expect(message.contains("Tehtäväalue") && message.contains("cases.service"))
    }

    @Test func anUnknownCode() throws {
        let book = WorkbookFixture.good().replacing(sheet: "Vireilletulot", row: 2, column: 2, with: "s:Puhelu")
        #expect(try problems(book) == ["raportit.xlsx | Vireilletulot!C3 | referral.kind"])
    }

    @Test func aFormulaWithoutItsValue() throws {
        let book = WorkbookFixture.good().replacing(sheet: "Asiakkuudet", row: 2, column: 3, with: "f:")
        #expect(try problems(book) == ["raportit.xlsx | Asiakkuudet!D3 | case.birthYear"])
        // Also in a column that no format column reads.
        let unmapped = WorkbookFixture.good().replacing(sheet: "Asiakkuudet", row: 1, column: 5, with: "f:")
        #expect(try problems(unmapped) == ["raportit.xlsx | Asiakkuudet!F2 | Asiakkuudet/F"])
    }

    @Test func anErrorValueInAMappedCell() throws {
        let book = WorkbookFixture.good().replacing(sheet: "Vireilletulot", row: 1, column: 3, with: "e:#N/A")
        #expect(try problems(book) == ["raportit.xlsx | Vireilletulot!D2 | referral.received"])
    }

    @Test func anIdentityCodeAnywhere() throws {
        let code = "131052-308T"
        let cases = [
            ("Asiakkuudet", 1, 5, "raportit.xlsx | Asiakkuudet!F2 | Asiakkuudet/F"),  // an unmapped column
            ("Ohje", 0, 3, "raportit.xlsx | Ohje!D1 | Ohje/D"),  // a sheet no table reads
            ("Asiakkuudet", 0, 7, "raportit.xlsx | Asiakkuudet!H1 | Asiakkuudet/H"),  // a header cell
            ("Vireilletulot", 3, 0, "raportit.xlsx | Vireilletulot!A4 | referral.case"),  // a parent key
            ("Asiakkuudet", 3, 0, "raportit.xlsx | Asiakkuudet!A4 | case.id"),  // a mapped value
        ]
        for (sheet, row, column, expected) in cases {
            let book = WorkbookFixture.good().replacing(sheet: sheet, row: row, column: column, with: "t:\(code)")
            let tmp = try TemporaryFolder()
            defer { tmp.remove() }
            try book.write(to: tmp.path("raportit.xlsx"))
            let found = try problems(at: tmp.path("raportit.xlsx"))
            #expect(found.map { "\($0.source) | \($0.cell ?? "-") | \($0.field ?? "-")" }.first == expected)
            #expect(found.allSatisfy { !$0.description.contains(code) && !$0.description.contains("131052") })
            #expect(found.first?.message.contains("identity code") == true)
        }
        // With a pseudonymisation key the workbook reads, and the code is nowhere in the model.
        let book = WorkbookFixture.good().replacing(sheet: "Asiakkuudet", row: 1, column: 5, with: "t:\(code)")
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        try book.write(to: tmp.path("raportit.xlsx"))
        let export = try WorkbookImportTests.load([tmp.path("raportit.xlsx")], mapping: WorkbookImportTests.mapping(), key: Array("k".utf8))
        #expect(export.cases.count == 3)
    }

    @Test func aCorruptZip() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        try WorkbookFixture.good().write(to: tmp.path("raportit.xlsx"))
        var bytes = try Data(contentsOf: URL(fileURLWithPath: tmp.path("raportit.xlsx")))
        bytes = bytes.prefix(bytes.count / 2)  // cut off: no central directory
        try bytes.write(to: URL(fileURLWithPath: tmp.path("cut.xlsx")))
        let found = try problems(at: tmp.path("cut.xlsx"))
        #expect(found.map(\.source) == ["cut.xlsx"])
        #expect(found.first?.message.contains("not a readable workbook") == true)
        // Damaged data inside an entry: the sheet's compressed bytes overwritten.
        var damaged = try Data(contentsOf: URL(fileURLWithPath: tmp.path("raportit.xlsx")))
        let sheet = try #require(damaged.range(of: Data("xl/worksheets/sheet3.xml".utf8)))
        for i in sheet.upperBound + 8..<min(sheet.upperBound + 60, damaged.count) { damaged[i] = 0xFF }
        try damaged.write(to: URL(fileURLWithPath: tmp.path("damaged.xlsx")))
        let inEntry = try problems(at: tmp.path("damaged.xlsx"))
        #expect(inEntry.map { "\($0.source) | \($0.cell ?? "-") | \($0.field ?? "-")" } == ["damaged.xlsx | Asiakkuudet | xl/worksheets/sheet3.xml"])
    }

    @Test func aZipBomb() throws {
        // A sheet padded with 30 MB of spaces: it deflates over 1000:1.
        var book = WorkbookFixture.good()
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        try book.write(to: tmp.path("plain.xlsx"))
        // Rewrite the archive with the Toimipisteet sheet replaced by a bomb.
        let source = try Archive(url: URL(fileURLWithPath: tmp.path("plain.xlsx")), accessMode: .read)
        let target = try Archive(url: URL(fileURLWithPath: tmp.path("bomb.xlsx")), accessMode: .create)
        for entry in source {
            var data = Data()
            _ = try source.extract(entry) { data.append($0) }
            if entry.path == "xl/worksheets/sheet2.xml" {
                data = Data(String(decoding: data, as: UTF8.self).replacingOccurrences(of: "<sheetData>", with: "<sheetData>" + String(repeating: " ", count: 30_000_000)).utf8)
            }
            let bytes = data
            try target.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { p, n in
                bytes.subdata(in: Int(p)..<Int(p) + n)
            }
        }
        let found = try problems(at: tmp.path("bomb.xlsx"))
        #expect(found.map { "\($0.source) | \($0.cell ?? "-") | \($0.field ?? "-")" } == ["bomb.xlsx | Toimipisteet | xl/worksheets/sheet2.xml"])
        #expect(found.first?.message.contains("limits") == true)
    }

    @Test func aMacroProjectIsRefusedUnopened() throws {
        var book = WorkbookFixture.good()
        book.extraParts["xl/vbaProject.bin"] = Array(repeating: 0x41, count: 100)
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        try book.write(to: tmp.path("macro.xlsx"))
        let found = try problems(at: tmp.path("macro.xlsx"))
        #expect(found.map { "\($0.source) | \($0.field ?? "-")" } == ["macro.xlsx | xl/vbaProject.bin"])
    }

    @Test func aDateInAFormTheMappingDoesNotAccept() throws {
        let book = WorkbookFixture.good().replacing(sheet: "Vireilletulot", row: 3, column: 3, with: "t:2025/03/01")
        #expect(try problems(book) == ["raportit.xlsx | Vireilletulot!D4 | referral.received"])
    }

    @Test func aDuplicateCaseFromTwoRegionNames() throws {
        // Two rows mapping to one record are duplicates, as the format handles them.
        let book = WorkbookFixture.good().replacing(sheet: "Asiakkuudet", row: 2, column: 0, with: "t:A1")
        #expect(try problems(book) == ["raportit.xlsx | Asiakkuudet!A3 | case.id"])
    }

    @Test func aMappingThatNamesNoSheet() throws {
        let mapping = WorkbookFixture.mapping.replacingOccurrences(of: "source: Vireilletulot", with: "source: Ilmoitukset")
        let found = try problems(WorkbookFixture.good(), mapping: mapping)
        #expect(found == ["mapping.yaml | - | tables.referrals.source"])
    }
}

/// The mapping file is read like every YAML file of the tool: problems name the file, line and key.
@Suite struct MappingFileTests {
    func error(_ text: String) -> YAMLErrorText? {
        do {
            _ = try ExportMapping.read(Array(text.utf8), file: "mapping.yaml")
            return nil
        } catch {
            return YAMLErrorText(line: error.line, path: error.path, problem: error.problem)
        }
    }

    struct YAMLErrorText: Equatable {
        var line: Int?
        var path: String
        var problem: String
    }

    @Test func theFixtureReads() throws {
        let m = try WorkbookImportTests.mapping()
        #expect(m.tables[.case]?.columns.map(\.header) == ["Tunniste", "Toimipiste", "Tehtäväalue", "Syntymävuosi", "Erityinen tuki"])
        #expect(m.tables[.case]?.values["region"]?["Jyväskylä Palokka"] == "JKL")
        #expect(m.header == ["Testialue", "2025-06-01T06:00:00+03:00", "2025-01-01", "2025-05-31"])
        #expect(m.trueWords == ["K"] && m.falseWords == ["E"])
        #expect(m.dateForms.map(\.text) == ["d.m.yyyy", "d.m.yy"])
    }

    @Test func problemsNameTheLineAndKey() {
        let base = "mapping: 1\ntables:\n  cases:\n    source: A\n"
        #expect(error(base + "    colour: x\n")?.line == 5)
        #expect(error(base + "    colour: x\n")?.path == "tables.cases.colour")
        #expect(error(base + "    columns: { id: A, region: A }\n")?.path == "tables.cases.columns.region")
        #expect(error(base + "    columns: { colour: A }\n")?.path == "tables.cases.columns.colour")
        #expect(error(base + "    columns: { id: A }\n    values: { region: { a: b } }\n")?.path == "tables.cases.values.region")
        #expect(error(base + "  kases:\n    source: B\n")?.path == "tables.kases")
        #expect(error("mapping: 2\ntables: {}\n")?.path == "mapping")
        #expect(error("mapping: 1\ntables:\n  cases: { source: A }\n  cases: { source: B }\n")?.line == 4)
        #expect(error("mapping: 1\ndates: [d.m.y]\ntables: {}\n")?.path == "dates[1]")
        #expect(error(base + "    columns: { id: A, service: B }\n    values: { service: { LS: 01 } }\n")?.problem.contains("quotes") == true)
        #expect(error("mapping: 1\nbooleans: { true: [K], false: [K] }\ntables: {}\n")?.line == 2)
        #expect(error("a: &x 1\nb: *x\n") != nil)
    }
}
