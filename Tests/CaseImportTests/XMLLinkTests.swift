import CaseModel
import Foundation
import SampleGenerator
import Testing

@testable import CaseImport

/// Cross-reference rejections and merging, read from XML (case-export.md,
/// "Cross-references" and Decisions: Rejections cascade, Several exports).
@Suite struct XMLLinkTests {
    @Test func everyCrossReferenceRejectionHasItsRow() throws {
        let e = try CaseImporter.load(paths: [xmlFixture("crossref.xml")])
        #expect(e.rejected.map(\.row) == [
            "crossref.xml:10: worker T2 names unknown region NOWHERE",
            "crossref.xml:11: post V1 names unknown region NOWHERE",
            "crossref.xml:12: occupancy of post V1: its post was rejected",
            "crossref.xml:15: occupancy of post V2 names worker T2, which was rejected",
            "crossref.xml:20: referral R1 of case A1: decided is before received",
            "crossref.xml:21: assessment P1 of case A1 names referral R1, which was rejected",
            "crossref.xml:22: assessment P2 of case A1 names unknown referral R9",
            "crossref.xml:23: assignment of case A1 names worker T2, which was rejected",
            "crossref.xml:24: assignment of case A1 names unknown worker T9",
            "crossref.xml:25: clientship of case A1: end is before start",
            "crossref.xml:27: meeting of case A1: date is after the export was generated (2024-06-01)",
            "crossref.xml:28: plan of case A1: date is after the export was generated (2024-06-01)",
            "crossref.xml:31: case A2 names unknown region NOWHERE",
            "crossref.xml:32: referral R1 of case A2: its case was rejected",
            "crossref.xml:33: plan of case A2: its case was rejected",
        ])
        // What stays: generated is 2024-06-01 in its own offset, so a meeting on that day counts.
        #expect(e.workers.map(\.id) == ["T1"])
        #expect(e.posts.map(\.id) == ["V2"] && e.posts[0].occupancies.isEmpty)
        #expect(e.cases.map(\.id) == ["A1"])
        #expect(e.cases[0].meetings.map(\.date.iso) == ["2024-06-01"])
        #expect(e.cases[0].assignments.map(\.worker) == ["T1"])
        #expect(e.cases[0].referrals.isEmpty && e.cases[0].assessments.isEmpty && e.cases[0].plans.isEmpty)
    }

    @Test func identicalRecordsOfTwoExportsMerge() throws {
        let e = try CaseImporter.load(paths: [xmlFixture("merge-a.xml"), xmlFixture("merge-b.xml")])
        #expect(e.sources == ["merge-a.xml", "merge-b.xml"])
        // T is the earliest `generated`.
        #expect(e.header.generated == "2024-06-01T06:00:00Z")
        #expect(e.regions.count == 1 && e.workers.count == 1 && e.posts.count == 1)
        #expect(e.cases.map(\.id) == ["A1", "A2"])
        #expect(e.cases[0].referrals.count == 1 && e.cases[0].plans.count == 1)
        // A2 (export b) names worker T1, declared only in export a.
        #expect(e.cases[1].assignments.map(\.worker) == ["T1"])
        #expect(e.rejected.isEmpty)
    }

    @Test func differingRecordsAreFatalNamingBothPlaces() throws {
        let problems = xmlProblems([xmlFixture("merge-a.xml"), xmlFixture("merge-conflict.xml")])
        #expect(problems.map(\.description) == [
            "merge-conflict.xml:13: case A1 differs from the one at merge-a.xml:14; the same id must have the same content in every export"
        ])
    }

    @Test func differentOrganisationIsFatal() throws {
        let problems = xmlProblems([xmlFixture("merge-a.xml"), xmlFixture("merge-other-org.xml")])
        #expect(problems.count == 1)
        #expect(problems.first?.source == "merge-other-org.xml" && problems.first?.line == 3)
        #expect(problems.first?.field == "caseExport.organisation")
        #expect(problems.first?.message.contains("merge-a.xml:3") == true)
        #expect(problems.allSatisfy { !$0.description.contains("Other") })
    }

    @Test func duplicateIdsInOneExportAreFatal() throws {
        let path = try xmlTemporary("dup.xml", xmlHeader + """
            <regions><region code="J" name="J"/></regions>
            <cases><case id="A" region="J" service="lastensuojelu"/>
            <case id="A" region="J" service="lastensuojelu"/></cases>
            </caseExport>
            """)
        #expect(xmlProblems([path]).map(\.description) == ["dup.xml:5: case.id: duplicate case id A (first at line 4)"])
    }
}

extension Rejection {
    /// `source:line: reason`, as `valvonta validate` lists it.
    var row: String { "\(location): \(reason)" }
}

/// The linker works on a large export's cases in parts on several threads;
/// the result must not depend on how many.
@Suite struct ParallelLinkTests {
    @Test func linkingInPartsGivesTheSameExportAsInOne() throws {
        let (scratch, _) = try generateSample(SampleConfiguration(cases: 3000, seed: 21), csv: false)
        // Rejections all through the file: unknown regions (whole cases) and unknown workers.
        var text = try String(contentsOfFile: scratch.file("export.xml"), encoding: .utf8)
        var n = 0
        text = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            n += 1
            if n % 97 == 0, line.contains("<case ") {
                return line.replacingOccurrences(of: #"region=""#, with: #"region="NOWHERE"#)
            }
            if n % 89 == 0, line.contains("<meeting "), line.contains("worker=") {
                return line.replacingOccurrences(of: #"worker=""#, with: #"worker="GHOST"#)
            }
            return String(line)
        }.joined(separator: "\n")
        let path = scratch.file("spread.xml")
        try text.write(toFile: path, atomically: true, encoding: .utf8)

        func link(parts: Int) throws -> CaseExport {
            let builder = ExportBuilder(options: ImportOptions())
            builder.linkParts = parts
            XMLExportReader.read(path: path, into: builder)
            return try builder.finish()
        }
        let one = try link(parts: 1)
        #expect(one.rejected.count > 40)
        #expect(one.rejected.contains { $0.reason.contains("unknown region NOWHERE") })
        #expect(one.rejected.contains { $0.reason.contains("unknown worker GHOST") })
        for parts in [2, 3, 7] {
            let split = try link(parts: parts)
            #expect(split.cases == one.cases, "parts \(parts)")
            #expect(split.rejected == one.rejected, "parts \(parts)")
        }
    }
}
