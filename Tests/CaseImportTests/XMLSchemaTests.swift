import Foundation
import Testing

@testable import CaseImport

@Suite struct XMLSchemaTests {
    @Test func embeddedSchemaIsTheShippedFile() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let file = try Data(contentsOf: root.appendingPathComponent("schemas/case-export-1.xsd"))
        #expect(Array(file) == Array(CaseExportSchema.xsd.utf8))
    }

    @Test func embeddedSchemaCompiles() {
        #expect(CompiledSchema() != nil)
    }

    @Test(arguments: [
        ("Element '{urn:valvonta:case-export:1}case', attribute 'service': [facet 'enumeration'] The value 'Matti Meikäläinen' is not an element of the set {'lastensuojelu', 'lapsiperheet', 'tyoikaiset'}.\n",
         "case.service", "[facet 'enumeration'] The value is not an element of the set {'lastensuojelu', 'lapsiperheet', 'tyoikaiset'}."),
        ("Element '{urn:valvonta:case-export:1}plan', attribute 'date': 'Matti's 2024-02-30' is not a valid value of the atomic type '{urn:valvonta:case-export:1}Date'.\n",
         "plan.date", "The value is not a valid value of the atomic type 'Date'."),
        ("Element '{urn:valvonta:case-export:1}case', attribute 'birthYear': [facet 'pattern'] The value 'Matti' is not accepted by the pattern '[0-9]{4}'.\n",
         "case.birthYear", "[facet 'pattern'] The value is not accepted by the pattern '[0-9]{4}'."),
        ("Element '{urn:valvonta:case-export:1}region', attribute 'name': [facet 'minLength'] The value '' has a length of '0'; this underruns the allowed minimum length of '1'.\n",
         "region.name", "[facet 'minLength'] The value has a length of '0'; this underruns the allowed minimum length of '1'."),
        ("Element '{urn:valvonta:case-export:1}caseExport', attribute 'version': The value 'Matti' does not match the fixed value constraint '1'.\n",
         "caseExport.version", "The value does not match the fixed value constraint '1'."),
        ("Element '{urn:valvonta:case-export:1}post', attribute 'fte': [facet 'minInclusive'] The value '-1' is less than the minimum value allowed ('0').\n",
         "post.fte", "[facet 'minInclusive'] The value is less than the minimum value allowed ('0')."),
        ("Element '{urn:valvonta:case-export:1}plan': The attribute 'date' is required but missing.\n",
         "plan.date", "The attribute 'date' is required but missing."),
        ("Element '{urn:valvonta:case-export:1}referral': This element is not expected. Expected is ( {urn:valvonta:case-export:1}case ).\n",
         "referral", "This element is not expected. Expected is ( case )."),
        ("Element '{urn:valvonta:case-export:1}case': Something new quoting 'Matti Meikäläinen'.\n",
         "case", XMLErrorText.withheld),
    ])
    func schemaMessagesKeepNamesAndDropValues(raw: String, field: String, text: String) {
        let s = XMLErrorText.schema(raw)
        #expect(s.field == field)
        #expect(s.text == text)
        #expect(!s.text.contains("Matti"))
    }

    @Test func parserMessagesDropQuotedData() {
        #expect(XMLErrorText.parser(code: 9999, message: "CData section not finished\nMatti Meikäläinen", fatal: true)
            == "is not well-formed XML: CData section not finished; the rest of the file was not read")
        #expect(XMLErrorText.parser(code: 9999, message: "Something 'Matti' happened", fatal: false)
            == "is not well-formed XML: libxml2 error 9999")
        #expect(XMLErrorText.parser(code: 9999, message: "Start tag expected, '<' not found", fatal: true)
            == "is not well-formed XML: Start tag expected, '<' not found; the rest of the file was not read")
    }

    @Test func prologScanFindsDoctypeBehindCommentsAndInstructions() {
        let text = "\u{FEFF}<?xml version=\"1.0\"?>\n<!-- <!DOCTYPE in a comment --> <?pi x?>\n\n<!DOCTYPE x>"
        #expect(PrologScan.scan(Array(text.utf8)) == .doctype(line: 4))
        #expect(PrologScan.scan(Array("<?xml version=\"1.0\"?><!-- unfinished".utf8)) == .needMore)
        #expect(PrologScan.scan(Array("<?xml version=\"1.0\"?>\n<caseExport/>".utf8)) == .rootFound)
        #expect(PrologScan.scan([0xFE, 0xFF, 0x00, 0x3C]) == .notASCIICompatible)
    }
}
