import CaseModel
import Foundation
import Testing

@testable import CaseImport

/// The XML fixtures, next to this file in the source tree.
let xmlFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/xml")

func xmlFixture(_ name: String) -> String { xmlFixtures.appendingPathComponent(name).path }

/// Writes `text` to a fresh temporary file and returns its path.
func xmlTemporary(_ name: String, _ bytes: [UInt8]) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("valvonta-xml-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
}

func xmlTemporary(_ name: String, _ text: String) throws -> String { try xmlTemporary(name, Array(text.utf8)) }

/// The fatal problems of a load that must fail.
func xmlProblems(_ paths: [String], options: ImportOptions = ImportOptions()) -> [ImportProblem] {
    do {
        _ = try CaseImporter.load(paths: paths, options: options)
        Issue.record("the import should have failed")
        return []
    } catch let failure as ImportFailure {
        return failure.problems
    } catch {
        Issue.record("unexpected error \(error)")
        return []
    }
}

let xmlHeader = """
    <?xml version="1.0" encoding="UTF-8"?>
    <caseExport xmlns="urn:valvonta:case-export:1" version="1" organisation="Org"
        generated="2024-06-01T06:00:00Z" periodStart="2024-01-01" periodEnd="2024-05-31">
    """

@Suite struct XMLReaderTests {
    @Test func validExportReadsEveryRecord() throws {
        let e = try CaseImporter.load(paths: [xmlFixture("valid.xml")])
        #expect(e.header.organisation == "Keski-Suomen hyvinvointialue & kumppanit")
        #expect(e.header.generatedDate == CalendarDate(year: 2024, month: 6, day: 1))
        #expect(e.sources == ["valid.xml"])
        #expect(e.regions.map(\.code) == ["JKL", "AANE"])
        #expect(e.workers.map(\.id) == ["T001", "T002"])
        #expect(e.posts.count == 2)
        #expect(e.posts[0].id == nil && e.posts[0].fte == FTE(micros: 500_000))
        #expect(e.posts[1].occupancies.map(\.fte) == [FTE(micros: 1_000_000), nil])
        #expect(e.cases.map(\.id) == ["A1", "A2", "A3"])
        let a1 = e.cases[0], a2 = e.cases[1]
        #expect(a1.specialSupport && !a2.specialSupport)
        #expect(a1.birthYear == 2012 && a2.birthYear == nil)
        #expect(a1.referrals.count == 1 && a1.assessments.count == 1 && a1.clientships.count == 1)
        #expect(a1.assignments.count == 1 && a1.plans.count == 2 && a1.meetings.count == 1)
        #expect(a2.referrals.first?.urgent == true)
        #expect(a2.clientships.first?.service == .lapsiperheet)  // takes its case's service
        #expect(a2.clientships.first?.aftercare == false)
        #expect(e.rejected.isEmpty && e.warnings.isEmpty)
        // A record's line is its start tag's (here the last line of a tag broken over three).
        #expect(a1.location == SourceLocation(source: "valid.xml", line: 11))
        #expect(a1.referrals[0].location.line == 15)
        #expect(e.regions[1].location.line == 40)
    }

    @Test func schemaErrorsAreFatalOnceEachWithoutValues() throws {
        let problems = xmlProblems([xmlFixture("schema-errors.xml")])
        #expect(problems.map { "\($0.line ?? 0) \($0.field ?? "")" }
            == ["8 case.service", "9 plan.date", "10 referral.kind", "11 meeting.worker"])
        #expect(problems.allSatisfy { $0.source == "schema-errors.xml" })
        for p in problems {
            #expect(!p.description.contains("lastensuojeluX"))
            #expect(!p.description.contains("2024-02-30"))
        }
    }

    @Test func unknownNamesAreFatalWhenStrict() throws {
        let problems = xmlProblems([xmlFixture("unknown-names.xml")])
        #expect(problems.map { "\($0.line ?? 0) \($0.field ?? "")" } == ["5 region.colour", "9 case/note"])
        #expect(problems.allSatisfy { $0.message.hasPrefix("unknown") && $0.message.contains("--lenient") })
    }

    @Test func unknownNamesAreWarningsWhenLenient() throws {
        let e = try CaseImporter.load(paths: [xmlFixture("unknown-names.xml")], options: ImportOptions(lenient: true))
        #expect(e.warnings.map(\.location.line) == [5, 9])
        #expect(e.warnings.map(\.message).allSatisfy { $0.hasSuffix("ignored") })
        // The unknown element is skipped whole, the referral after it is read.
        #expect(e.cases.count == 1 && e.cases[0].referrals.map(\.id) == ["R1"])
        #expect(e.regions.map(\.name) == ["Jyväskylä"])
    }

    @Test func misplacedKnownElementIsFatalEvenWhenLenient() throws {
        let path = try xmlTemporary("misplaced.xml", xmlHeader + """
            <regions><region code="J" name="J"/></regions>
            <cases><referral id="R1" kind="hakemus" received="2024-01-01"/></cases>
            </caseExport>
            """)
        let problems = xmlProblems([path], options: ImportOptions(lenient: true))
        #expect(problems.map(\.description) == ["misplaced.xml:4: cases/referral: referral is not allowed inside cases (expected: case)"])
    }

    @Test func textContentIsAnErrorWhenStrict() throws {
        let path = try xmlTemporary("text.xml", xmlHeader + """
            <regions><region code="J" name="J">Jyväskylä</region></regions>
            </caseExport>
            """)
        let problems = xmlProblems([path])
        #expect(problems.map(\.description) == ["text.xml:3: region: text content is not allowed here; remove it, or run with --lenient to ignore it"])
        let e = try CaseImporter.load(paths: [path], options: ImportOptions(lenient: true))
        #expect(e.regions.count == 1 && e.warnings.count == 1)
    }

    @Test func doctypeIsRefusedBeforeParsing() throws {
        let laughs = """
            <?xml version="1.0"?>
            <!-- classic billion laughs -->
            <!DOCTYPE lolz [
              <!ENTITY lol "lol">
              <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
              <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
              <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
              <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
              <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
              <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
              <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
            ]>
            <caseExport xmlns="urn:valvonta:case-export:1" organisation="&lol9;"/>
            """
        let path = try xmlTemporary("laughs.xml", laughs)
        let started = Date()
        let problems = xmlProblems([path])
        #expect(Date().timeIntervalSince(started) < 1)
        #expect(problems.count == 1)
        #expect(problems.first?.line == 3)
        #expect(problems.first?.message.contains("DTDs and entities are not allowed") == true)
        // Also when the DOCTYPE names an external DTD: nothing is fetched.
        let external = try xmlTemporary("external.xml", "<!DOCTYPE caseExport SYSTEM \"http://example.invalid/x.dtd\"><caseExport/>")
        #expect(xmlProblems([external]).map(\.line) == [1])
    }

    @Test func undeclaredEntityIsFatal() throws {
        let path = try xmlTemporary("entity.xml", xmlHeader + "<regions><region code=\"J\" name=\"&secret;\"/></regions></caseExport>")
        let problems = xmlProblems([path])
        #expect(problems.count == 1 && problems[0].line == 3)
        #expect(problems[0].message.contains("entit") && !problems[0].message.contains("secret"))
    }

    @Test(arguments: [
        ("empty.xml", [UInt8](), nil as Int?, "the file is empty"),
        ("blank.xml", Array("  \n\n".utf8), 3, "holds no XML element"),
        ("text.xml", Array("name;id\nx;1\n".utf8), 1, "holds no XML element"),
        ("utf16.xml", [0xFF, 0xFE, 0x3C, 0x00, 0x61, 0x00], 1, "UTF-16"),
        ("cut.xml", Array((xmlHeader + "\n<regions>\n<region code=\"J\"").utf8), 5, "ends before the XML is complete"),
        ("latin.xml", Array((xmlHeader + "\n<regions><region code=\"J\" name=\"J").utf8) + [0xE4] + Array("\"/></regions></caseExport>".utf8),
         4, "is not valid UTF-8"),
    ])
    func brokenFilesAreFatalWithALocation(name: String, bytes: [UInt8], line: Int?, message: String) throws {
        let path = try xmlTemporary(name, bytes)
        let problems = xmlProblems([path])
        #expect(problems.count == 1)
        #expect(problems.first?.source == name)
        #expect(problems.first?.line == line)
        #expect(problems.first?.message.contains(message) == true, "\(problems)")
    }

    @Test func wrongRootIsFatal() throws {
        let path = try xmlTemporary("root.xml", "<?xml version=\"1.0\"?>\n<caseExport version=\"1\"/>\n")
        let problems = xmlProblems([path])
        #expect(problems.map(\.line) == [2])
        #expect(problems.first?.message.contains("namespace urn:valvonta:case-export:1") == true)
    }

    @Test func declaredLatin1EncodingIsRead() throws {
        let bytes = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n".utf8)
            + Array(xmlHeader.split(separator: "\n", maxSplits: 1)[1].utf8)
            + Array("<regions><region code=\"A\" name=\"".utf8) + [0xC4, 0xE4] + Array("nekoski\"/></regions></caseExport>".utf8)
        let e = try CaseImporter.load(paths: [try xmlTemporary("latin1.xml", bytes)])
        #expect(e.regions.first?.name == "Äänekoski")
    }

    @Test func linesPast65535AreExact() throws {
        var text = xmlHeader + "\n<regions><region code=\"J\" name=\"J\"/></regions>\n<cases>\n"
        for i in 0..<14_000 {
            text += "<case id=\"C\(i)\" region=\"J\" service=\"lastensuojelu\">\n<plan date=\"2024-01-01\"/>\n"
            text += "<meeting date=\"2024-01-02\"/>\n<referral id=\"R\" kind=\"hakemus\" received=\"2024-01-01\"/>\n</case>\n"
        }
        // Line 70 007 holds a plan after `generated`, line 70 009 a case with a bad service.
        text += "<case id=\"LAST\" region=\"J\" service=\"lastensuojelu\">\n<plan date=\"2024-07-01\"/>\n</case>\n"
        text += "<case id=\"BAD\" region=\"J\" service=\"x\"/>\n</cases></caseExport>\n"
        let path = try xmlTemporary("long.xml", text)
        let problems = xmlProblems([path])
        #expect(problems.map(\.description) == ["long.xml:70009: case.service: not one of the allowed values: lapsiperheet, lastensuojelu, tyoikaiset"])
        let fixed = try xmlTemporary("long.xml", text.replacingOccurrences(of: "service=\"x\"", with: "service=\"tyoikaiset\""))
        let e = try CaseImporter.load(paths: [fixed])
        #expect(e.cases.count == 14_002)
        #expect(e.cases[14_000].location.line == 70_006)
        #expect(e.rejected.map(\.row) == ["long.xml:70007: plan of case LAST: date is after the export was generated (2024-06-01)"])
    }

    @Test func identityCodeStopsTheImportWithoutTheValue() throws {
        let text = xmlHeader + """
            <regions><region code="J" name="J"/></regions>
            <staff>
            <worker id="131052-308T" region="J" role="sosiaalityontekija"/></staff>
            <cases><case id="131052-308T" region="J" service="lastensuojelu">
            <assignment worker=" 131052-308t " from="2024-01-01"/></case></cases>
            </caseExport>
            """
        let path = try xmlTemporary("hetu.xml", text)
        let problems = xmlProblems([path])
        #expect(problems.map { "\($0.source):\($0.line ?? 0) \($0.field ?? "")" } == ["hetu.xml:5 worker.id", "hetu.xml:6 case.id", "hetu.xml:7 assignment.worker"])
        for p in problems {
            #expect(!p.description.uppercased().contains("131052"))
            #expect(p.message.contains("henkilötunnus"))
        }
        let key = Array("secret key".utf8)
        let e = try CaseImporter.load(paths: [path], options: ImportOptions(pseudonymiseKey: key))
        let pseudonym = IdentityCode.pseudonym(for: "131052-308T", key: key)
        #expect(e.cases.map(\.id) == [pseudonym])
        // Same code, same pseudonym (trimmed, any case): the assignment still joins.
        #expect(e.cases[0].assignments.map(\.worker) == [pseudonym])
        #expect(!pseudonym.contains("131052"))
    }

    @Test func identityCodeInUnknownOrIgnoredPlacesIsStillFound() throws {
        let text = xmlHeader + """
            <regions xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="131052-308T">
            <region code="J" name="J"><x y="131052-308T"/></region></regions>
            <cases>131052-308T</cases>
            </caseExport>
            """
        let problems = xmlProblems([try xmlTemporary("hidden.xml", text)], options: ImportOptions(lenient: true))
        #expect(problems.filter { $0.message.contains("henkilötunnus") }.map(\.line) == [3, 4, 5])
        #expect(problems.allSatisfy { !$0.description.contains("131052") })
    }
}
