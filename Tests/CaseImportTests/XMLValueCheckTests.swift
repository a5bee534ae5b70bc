import Testing

@testable import CaseImport

/// The XSD keeps only base types for dates, booleans and years (patterns cost
/// a fifth of the validation); these values pass it, and the builder must
/// still refuse each one, naming line and field but not the value.
@Suite struct XMLValueCheckTests {
    @Test func valuesTheSchemaLetThroughAreRefusedByTheBuilder() throws {
        let path = try xmlTemporary("values.xml", xmlHeader + """
            <regions><region code="J" name="J"/></regions>
            <cases>
            <case id="C1" region="J" service="lastensuojelu" birthYear="+2012">
            <referral id="R1" kind="hakemus" received="2024-01-02Z" urgent=" true"/>
            <plan date="2024-02-01+02:00"/>
            </case>
            </cases>
            </caseExport>
            """)
        let problems = xmlProblems([path])
        #expect(problems.map { "\($0.line ?? 0) \($0.field ?? "")" }
            == ["5 case.birthYear", "6 referral.received", "6 referral.urgent", "7 plan.date"])
        #expect(problems.allSatisfy { !$0.message.contains("does not match the case export schema") })
        for p in problems {
            #expect(!p.description.contains("+2012") && !p.description.contains("2024-01-02Z"))
        }
    }

    @Test func theSchemaStillRefusesWhatIsNotADateOrABoolean() throws {
        let path = try xmlTemporary("types.xml", xmlHeader + """
            <regions><region code="J" name="J"/></regions>
            <cases>
            <case id="C1" region="J" service="lastensuojelu" birthYear="999">
            <referral id="R1" kind="hakemus" received="2024-13-02" urgent="yes"/>
            </case>
            </cases>
            </caseExport>
            """)
        let problems = xmlProblems([path])
        #expect(problems.map { "\($0.line ?? 0) \($0.field ?? "")" }
            == ["5 case.birthYear", "6 referral.received", "6 referral.urgent"])
    }
}

/// Schema errors come from the validator plugged into the parser and wait for
/// the reader's next event: each must stand in file order among the reader's
/// own problems, and one about a field the reader already reported must be
/// dropped, also past the list limit.
@Suite struct SchemaErrorMergeTests {
    private let header = """
        <?xml version="1.0" encoding="UTF-8"?>
        <caseExport xmlns="urn:valvonta:case-export:1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
            version="1" organisation="Org" generated="2024-06-01T06:00:00Z" periodStart="2024-01-01" periodEnd="2024-05-31">
        <regions><region code="J" name="J"/></regions>
        <cases>

        """

    @Test func schemaErrorsStandAmongTheReadersProblemsInFileOrder() throws {
        // xsi:nil on a case is only the schema's complaint; a bad service is the reader's (the schema's is dropped).
        let path = try xmlTemporary("order.xml", header + """
            <case id="C1" region="J" service="x"/>
            <case id="C2" region="J" service="lastensuojelu" xsi:nil="true"/>
            <case id="C3" region="J" service="y"/>
            <case id="C4" region="J" service="lastensuojelu" xsi:nil="true"><plan date="2024-01-01"/></case>
            <case id="C5" region="J" service="z" xsi:nil="true"/>
            </cases>
            </caseExport>
            """)
        let problems = xmlProblems([path])
        #expect(problems.map { "\($0.line ?? 0) \($0.field ?? "") \($0.message.contains("schema") ? "xsd" : "reader")" }
            == ["6 case.service reader", "7 case xsd", "8 case.service reader", "9 case xsd",
                "10 case.service reader", "10 case xsd"])
    }

    @Test func theListLimitHoldsAcrossBothThreads() throws {
        let cases = (0..<1200).map { i in
            i % 2 == 0 ? #"<case id="C\#(i)" region="J" service="bad"/>"#
                : #"<case id="C\#(i)" region="J" service="lastensuojelu" xsi:nil="true"/>"#
        }
        let path = try xmlTemporary("limit.xml", header + cases.joined(separator: "\n") + "\n</cases>\n</caseExport>\n")
        let problems = xmlProblems([path])
        #expect(problems.count == ExportBuilder.problemLimit + 1)
        // Alternating, in line order, up to the limit; then the count of the rest.
        let listed = problems.dropLast()
        #expect(listed.map { $0.line ?? 0 } == Array(6..<(6 + ExportBuilder.problemLimit)))
        #expect(listed.enumerated().allSatisfy { i, p in p.message.contains("schema") == (i % 2 == 1) })
        #expect(problems.last!.message.contains("and 200 more problems"))
    }
}
