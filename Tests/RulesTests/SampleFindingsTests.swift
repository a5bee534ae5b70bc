import CaseImport
import CaseModel
import Foundation
import Rules
import Testing

/// Golden figures of the committed sample (sample-data/, 3 000 cases), checked
/// against the independent Python implementation in crosscheck/ when they were
/// written; XML and CSV must give the same findings.
@Suite struct SampleFindingsTests {
    static let sampleData = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("sample-data")

    static let xml = Result { try CaseImporter.load(paths: [sampleData.appendingPathComponent("export.xml").path]) }

    @Test func xmlAndCSVGiveTheSameFindings() throws {
        let csv = try CaseImporter.load(paths: [Self.sampleData.appendingPathComponent("csv").path])
        let a = evaluate(try Self.xml.get()), b = evaluate(csv)
        #expect(FindingsJSON.encode(a.findings) == FindingsJSON.encode(b.findings))
    }

    @Test func organisationWideFigures() throws {
        let f = evaluate(try Self.xml.get()).findings
        func row(_ rule: String, _ service: String) -> [Int] {
            guard let r = f.deadlines.first(where: { $0.rule == rule && $0.service == service && $0.region == "*" })
            else { return [] }
            return [r.met, r.late, r.overdue, r.pending]
        }
        #expect(f.asOf == "2026-01-01")
        // Version 2; the same figures come from crosscheck/reference.py on the XML and the CSV form.
        #expect(row("LSL26-screening-7wd", "lastensuojelu") == [552, 51, 16, 78])
        #expect(row("LSL26-urgency", "lastensuojelu") == [645, 34, 16, 2])
        let urgent = f.deadlines.first { $0.rule == "LSL26-urgency" && $0.region == "*" }?.urgentOnly
        #expect(urgent == OutcomeCounts(met: 65, late: 3, overdue: 0, pending: 0))
        #expect(row("SHL36-complete-3m", "lapsiperheet") == [19, 2, 4, 13])
        #expect(row("SHL36-complete-3m", "lastensuojelu") == [189, 32, 21, 113])
        let assignment = f.assignment.first { $0.region == "*" }
        #expect(assignment.map { [$0.active, $0.unassigned, $0.unqualified] } == [329, 48, 10])
        let first = f.firstPlan.first { $0.region == "*" }
        #expect(first.map { [$0.started, $0.withPlan, $0.withoutPlan, $0.medianDays, $0.p90Days] } == [147, 99, 48, 24, 51])
        // No worker without a counted child has a row.
        #expect(f.caseload.allSatisfy { $0.children > 0 } && f.caseload.count == 22)
        #expect(f.caseload.filter { $0.children > ($0.limit ?? .max) }.map(\.worker) == ["T0001"])
        #expect(f.caseload.allSatisfy { $0.limit == 30 })
        #expect(f.rejected.isEmpty)
    }
}
