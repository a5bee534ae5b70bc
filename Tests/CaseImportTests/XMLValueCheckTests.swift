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
