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
        let a = evaluate(try Self.xml.get())
        let b = evaluate(csv)
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
        #expect(row("LSL26-screening-7wd", "lastensuojelu") == [585, 72, 13, 80])
        #expect(row("LSL26-urgency", "lastensuojelu") == [700, 41, 7, 2])
        let urgent = f.deadlines.first { $0.rule == "LSL26-urgency" && $0.region == "*" }?.urgentOnly
        #expect(urgent == OutcomeCounts(met: 60, late: 5, overdue: 1, pending: 0))
        #expect(row("SHL36-complete-3m", "lapsiperheet") == [24, 2, 2, 8])
        #expect(row("SHL36-complete-3m", "lastensuojelu") == [218, 22, 43, 104])
        let assignment = f.assignment.first { $0.region == "*" }
        #expect(assignment.map { [$0.active, $0.unassigned, $0.unqualified] } == [336, 41, 13])
        let first = f.firstPlan.first { $0.region == "*" }
        #expect(
            first.map { [$0.started, $0.withPlan, $0.withoutPlan, $0.medianDays, $0.p90Days] } == [
                149, 106, 43, 29, 53,
            ])
        // No worker without a counted child has a row.
        #expect(f.caseload.allSatisfy { $0.children > 0 } && f.caseload.count == 23)
        #expect(f.caseload.filter { $0.children > ($0.limit ?? .max) }.map(\.worker) == ["T0001"])
        #expect(f.caseload.allSatisfy { $0.limit == 30 })
        #expect(f.rejected.isEmpty)
    }

    /// rules.md "Every service" and "Inflow, the queue's age and pace, staff turnover" on the sample:
    /// the same figures come from crosscheck/reference.py.
    @Test func everyServiceFigures() throws {
        let f = evaluate(try Self.xml.get()).findings
        func urgency(_ service: String) -> [Int] {
            guard
                let r = f.deadlines.first(where: {
                    $0.rule == "SHL36-urgency" && $0.service == service && $0.region == "*"
                })
            else { return [] }
            return [r.met, r.late, r.overdue, r.pending, r.urgentOnly?.met ?? -1]
        }
        #expect(urgency("lapsiperheet") == [301, 16, 6, 0, 19])
        #expect(urgency("lastensuojelu") == [107, 6, 1, 0, 8])
        #expect(urgency("tyoikaiset") == [394, 26, 8, 0, 19])
        func personal(_ service: String) -> [Int] {
            guard let r = f.personalWorker.first(where: { $0.service == service && $0.region == "*" }) else {
                return []
            }
            return [r.active, r.withoutWorker, r.specialSupport, r.specialWithoutWorker, r.specialWithoutSocialWorker]
        }
        #expect(personal("lapsiperheet") == [172, 31, 22, 6, 3])
        #expect(personal("tyoikaiset") == [204, 30, 19, 1, 3])
        func assessor(_ service: String) -> [Int] {
            guard let r = f.assessor.first(where: { $0.service == service && $0.region == "*" }) else { return [] }
            return [r.assessments, r.bySocialWorker, r.byOther, r.noWorker]
        }
        #expect(assessor("lapsiperheet") == [32, 22, 7, 3])
        #expect(assessor("lastensuojelu") == [4, 3, 0, 1])
        #expect(assessor("tyoikaiset") == [32, 20, 5, 7])
        let over = f.workload.filter { row in row.limit.map { row.clients > $0 } ?? false }
        #expect(over.map { "\($0.worker) \($0.clients)" } == ["T0026 55", "T0027 56"])
        #expect(f.workload.count == 63)
        func repeats(_ service: String) -> [Int] {
            guard let r = f.repeatReferrals.first(where: { $0.service == service && $0.region == "*" }) else {
                return []
            }
            return [r.cases, r.withoutAssessment]
        }
        #expect(repeats("lapsiperheet") == [4, 1])
        #expect(repeats("lastensuojelu") == [22, 7])
        #expect(repeats("tyoikaiset") == [7, 2])
        let staff = f.turnover.filter { $0.region == "*" }
        #expect(staff.reduce(0) { $0 + $1.joined } == 4 && staff.reduce(0) { $0 + $1.left } == 8)
        #expect(staff.filter { $0.joined > 0 }.count == 4 && staff.filter { $0.left > 0 }.count == 4)
    }
}
