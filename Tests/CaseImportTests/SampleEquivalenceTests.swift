import CaseImport
import CaseModel
import Foundation
import Testing

/// The same content as XML and as CSV must give the identical model: the
/// committed sample is checked record by record, everything but locations.
@Suite struct SampleEquivalenceTests {
    static let sampleData = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("sample-data")

    @Test func xmlAndCSVGiveTheIdenticalModel() throws {
        let xml = try CaseImporter.load(paths: [Self.sampleData.appendingPathComponent("export.xml").path])
        let csv = try CaseImporter.load(paths: [Self.sampleData.appendingPathComponent("csv").path])
        #expect(xml.header == csv.header)
        #expect(xml.cases.count == 3000)
        #expect(xml.rejected.isEmpty && csv.rejected.isEmpty)
        #expect(xml.regions.map { [$0.code, $0.name] } == csv.regions.map { [$0.code, $0.name] })
        #expect(xml.workers.map(Self.unlocated) == csv.workers.map(Self.unlocated))
        #expect(xml.posts.map(Self.unlocated) == csv.posts.map(Self.unlocated))
        #expect(xml.cases.count == csv.cases.count)
        var differing = 0
        for (a, b) in zip(xml.cases, csv.cases) where Self.unlocated(a) != Self.unlocated(b) { differing += 1 }
        #expect(differing == 0)
        // Locations point into each syntax's own files.
        #expect(xml.cases.first?.location.source == "export.xml")
        #expect(csv.cases.first?.location.source == "csv/cases.csv")
        #expect(csv.cases.first?.location.line == 2)
    }

    static let nowhere = SourceLocation(source: "", line: 0)

    static func unlocated(_ w: Worker) -> Worker {
        var w = w
        w.location = nowhere
        return w
    }

    static func unlocated(_ p: Post) -> Post {
        var p = p
        p.location = nowhere
        p.occupancies = p.occupancies.map { var o = $0; o.location = nowhere; return o }
        return p
    }

    static func unlocated(_ c: Case) -> Case {
        var c = c
        c.location = nowhere
        c.referrals = c.referrals.map { var x = $0; x.location = nowhere; return x }
        c.assessments = c.assessments.map { var x = $0; x.location = nowhere; return x }
        c.clientships = c.clientships.map { var x = $0; x.location = nowhere; return x }
        c.assignments = c.assignments.map { var x = $0; x.location = nowhere; return x }
        c.plans = c.plans.map { var x = $0; x.location = nowhere; return x }
        c.meetings = c.meetings.map { var x = $0; x.location = nowhere; return x }
        return c
    }
}
