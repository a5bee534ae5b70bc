@testable import CaseImport
import CaseModel
import Foundation
import Testing

@Suite("CSV export reader: problems")
struct CSVProblemTests {
    @Test func raggedRowIsFatalNamingItsLine() throws {
        let folder = try CSVFolder(["cases.csv": "id;region;service\nA1;JKL;lastensuojelu\nA2;JKL\nA3;JKL;lastensuojelu;x\n"])
        #expect(folder.problems().map(\.description) == [
            "vienti/cases.csv:3: the row has 2 cells but the header has 3 columns; check separators and quotes",
            "vienti/cases.csv:4: the row has 4 cells but the header has 3 columns; check separators and quotes",
        ])
    }

    @Test func missingRequiredColumnIsFatalNamingIt() throws {
        let cases = try CSVFolder(["cases.csv": "id;region;birthYear\nA1;JKL;2012\n"])
        #expect(cases.problems().map(\.description) == ["vienti/cases.csv:1: cases.csv/service: required column is missing from the header"])
        let key = try CSVFolder(["plans.csv": "id;date\nS1;2024-01-01\n"])
        #expect(key.problems().map(\.description) == ["vienti/plans.csv:1: plans.csv/case: required column is missing from the header"])
    }

    @Test func missingParentKeyCellIsFatal() throws {
        let folder = try CSVFolder(["plans.csv": "case;date\nA1;2024-01-01\n ;2024-02-01\n"])
        #expect(folder.problems().map(\.description) == [
            "vienti/plans.csv:3: plan.case: required value is missing (the cell is empty); every row names its case",
        ])
    }

    @Test func missingRequiredCellIsFatal() throws {
        let folder = try CSVFolder(["cases.csv": "id;region;service\nA1;;lastensuojelu\n"])
        #expect(folder.problems().map(\.description) == ["vienti/cases.csv:2: case.region: required value is missing (the cell is empty)"])
    }

    @Test func duplicateHeaderIsFatal() throws {
        let folder = try CSVFolder(["regions.csv": "code;name;code\nJKL;Jyväskylä;JKL\n"])
        #expect(folder.problems().map(\.description) == [
            "vienti/regions.csv:1: regions.csv/code: the column appears twice in the header (columns 1 and 3)",
        ])
    }

    @Test func unknownColumnIsFatalInStrictAndAWarningInLenientMode() throws {
        let folder = try CSVFolder(["cases.csv": "id;region;service;colour\nA1;JKL;lastensuojelu;blue\n"])
        #expect(folder.problems().map(\.description) == [
            "vienti/cases.csv:1: cases.csv/colour: unknown column (not in the case export format, version 1); "
                + "remove it, or run with --lenient to ignore unknown names",
        ])
        let export = try folder.load(lenient: true)
        #expect(export.cases.map(\.id) == ["A1"])
        #expect(export.warnings == [ImportWarning(location: CaseModel.SourceLocation(source: "vienti/cases.csv", line: 1),
                                                  message: "cases.csv/colour: unknown column (not in the case export format, version 1); ignored")])
    }

    @Test func unknownTableIsFatalInStrictAndAWarningInLenientMode() throws {
        let folder = try CSVFolder(["notes.csv": "case;text\nA1;hello\n", "notes.txt": "ignored", "Cases.CSV": ""])
        #expect(folder.problems().map(\.description) == [
            "vienti/Cases.CSV: Cases.CSV: unknown table (not in the case export format, version 1); remove it, or run with --lenient to ignore unknown names",
            "vienti/notes.csv: notes.csv: unknown table (not in the case export format, version 1); remove it, or run with --lenient to ignore unknown names",
        ])
        let export = try folder.load(lenient: true)
        #expect(export.cases.count == 1)
        #expect(export.warnings.map(\.location.source) == ["vienti/Cases.CSV", "vienti/notes.csv"])
    }

    @Test func requiredTablesMustExistAndHaveAHeader() throws {
        let missing = try CSVFolder(without: ["cases.csv"])
        #expect(missing.problems().map(\.description) == [
            "vienti/cases.csv: the table is missing; a CSV export needs export.csv, regions.csv and cases.csv",
        ])
        let empty = try CSVFolder(["regions.csv": " \n"])
        #expect(empty.problems().map(\.description) == [
            "vienti/regions.csv:1: the table is empty; it needs a header line naming its columns",
        ])
        let blankFirstLine = try CSVFolder(["regions.csv": "\ncode;name\nJKL;Jyväskylä\n"])
        #expect(blankFirstLine.problems().map(\.description) == [
            "vienti/regions.csv:1: line 1 must be the header naming the table's columns",
        ])
    }

    @Test func exportTableNeedsExactlyOneRow() throws {
        let two = try CSVFolder(["export.csv": "organisation;generated;periodStart;periodEnd\n"
            + "Org;2024-06-01T06:00:00+03:00;2024-01-01;2024-05-31\nOrg;2024-06-01T06:00:00+03:00;2024-01-01;2024-05-31\n"])
        #expect(two.problems().map(\.description) == [
            "vienti/export.csv:3: the export header appears twice; an export describes one organisation",
        ])
        let none = try CSVFolder(["export.csv": "organisation;generated;periodStart;periodEnd\n"])
        #expect(none.problems().count == 1)
        #expect(none.problems().first?.message.hasPrefix("export.csv has no data row") == true)
    }

    @Test func badTypedValuesAreFatal() throws {
        let folder = try CSVFolder([
            "cases.csv": "id;region;service;birthYear;specialSupport\nA1;JKL;lastensuojelu;12;ehkä\n",
            "posts.csv": "fte\n1,5,0\n",
            "plans.csv": "case;date\nA1;31.2.2024\n",
        ])
        #expect(folder.problems().map { "\($0.source):\($0.line ?? 0) \($0.field ?? "")" } == [
            "vienti/posts.csv:2 post.fte",
            "vienti/cases.csv:2 case.birthYear", "vienti/cases.csv:2 case.specialSupport",
            "vienti/plans.csv:2 plan.date",
        ])
    }

    @Test func malformedQuotesAreFatal() throws {
        let unclosed = try CSVFolder(["regions.csv": "code;name\nJKL;\"Jyväskylä\nAANE;Äänekoski\n"])
        #expect(unclosed.problems().map(\.description) == [
            "vienti/regions.csv:2: a quoted cell is never closed; check the double quotes",
        ])
        let trailing = try CSVFolder(["regions.csv": "code;name\nJKL;\"Jyväs\"kylä\n"])
        #expect(trailing.problems().map(\.line) == [2])
        let header = try CSVFolder(["regions.csv": "code;\"name\nJKL;Jyväskylä\n"])
        #expect(header.problems().map(\.description) == [
            "vienti/regions.csv:1: the header line is malformed: a quoted cell is never closed; check the double quotes",
        ])
    }

    @Test func invalidEncodingsAreFatal() throws {
        // With a BOM the file must be UTF-8: a lone 0xE4 (Windows-1252 ä) is fatal.
        let bom = try CSVFolder(bytes: ["regions.csv": [0xEF, 0xBB, 0xBF] + Array("code;name\n\nJKL;Jyv".utf8) + [0xE4] + [0x0A]])
        #expect(bom.problems().map(\.description) == [
            "vienti/regions.csv:3: the table starts with a UTF-8 byte order mark but is not valid UTF-8; save it again as UTF-8",
        ])
        // 0x81 is one of Windows-1252's five undefined bytes.
        let undefined = try CSVFolder(bytes: ["regions.csv": Array("code;name\nJKL;J".utf8) + [0xE4, 0x81, 0x0A]])
        #expect(undefined.problems().map(\.description) == [
            "vienti/regions.csv:2: the table is neither UTF-8 nor Windows-1252 (byte 0x81 is undefined in Windows-1252); save it as UTF-8",
        ])
        let utf16 = try CSVFolder(bytes: ["regions.csv": [0xFF, 0xFE] + Array("code;name\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }])
        #expect(utf16.problems().map(\.description) == [
            "vienti/regions.csv:1: the table is UTF-16; save it as UTF-8 or Windows-1252",
        ])
    }

    // MARK: henkilötunnus

    /// A valid code (check character T); the import must stop naming file,
    /// line and field, and no message may hold it.
    static let code = "131052-308T"

    @Test(arguments: [
        ("cases.csv", "id;region;service\nA1;JKL;lastensuojelu\n\(code);JKL;lastensuojelu\n", "vienti/cases.csv", 3, "case.id"),
        ("regions.csv", "code;name\nJKL; \(code.lowercased()) \n", "vienti/regions.csv", 2, "region.name"),
        ("plans.csv", "case;date\n\"\(code)\";2024-01-01\n", "vienti/plans.csv", 2, "plan.case"),
        ("plans.csv", "case;date;note\nA1;2024-01-01;\(code)\n", "vienti/plans.csv", 2, "plans.csv/note"),
        ("plans.csv", "case;date;\(code)\nA1;2024-01-01;\n", "vienti/plans.csv", 1, "plans.csv/column 3"),
    ])
    func identityCodeStopsTheImportWithoutBeingNamed(file: String, text: String, source: String, line: Int, field: String) throws {
        let folder = try CSVFolder([file: text])
        for lenient in [false, true] {
            let problems = folder.problems(lenient: lenient)
            let hit = problems.filter { $0.message.contains("henkilötunnus") }
            #expect(hit.map { "\($0.source):\($0.line ?? 0) \($0.field ?? "")" } == ["\(source):\(line) \(field)"])
            for p in problems {
                #expect(!p.description.uppercased().contains("131052"))
            }
        }
    }

    @Test func identityCodeInAnIgnoredTableIsStillFatalInLenientMode() throws {
        let folder = try CSVFolder(["notes.csv": "case,text\nA1,\(Self.code)\n"])
        let problems = folder.problems(lenient: true)
        #expect(problems.map { "\($0.source):\($0.line ?? 0) \($0.field ?? "")" } == ["vienti/notes.csv:2 notes.csv/text"])
        #expect(!problems.contains { $0.description.contains("131052") })
    }

    @Test func identityCodeIsPseudonymisedWithAKey() throws {
        let folder = try CSVFolder([
            "cases.csv": "id;region;service\n\(Self.code);JKL;lastensuojelu\n",
            "plans.csv": "case;date\n\(Self.code.lowercased());2024-01-01\n",
        ])
        let key = Array("secret".utf8)
        let export = try folder.load(key: key)
        let pseudonym = IdentityCode.pseudonym(for: Self.code, key: key)
        #expect(pseudonym.hasPrefix("ps-") && pseudonym.count == 27)
        #expect(export.cases.map(\.id) == [pseudonym])
        // The key cell gets the same pseudonym, so the plan still joins its case.
        #expect(export.cases.first?.plans.map(\.date) == [date("2024-01-01")!])
        #expect(export.rejected.isEmpty)
    }
}
