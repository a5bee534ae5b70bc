import CaseImport
import CaseModel
import Foundation
import Rules
import SampleGenerator
import Testing

@testable import Report

/// Issue 17, "the figures equal the same rules' findings for the same period and
/// date": on generated exports (not in the repository), every THL figure is
/// worked out here from findings JSON as `check --format json` writes it, from
/// a separate evaluation, by the mapping of docs/thl.md written out again.
@Suite struct THLSampleTests {
    static func export(seed: UInt64, asOf: String) throws -> CaseExport {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("valvonta-thl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("export.xml").path
        let configuration = SampleConfiguration(
            cases: 1500, regions: 5, seed: seed, asOf: CalendarDate.parseISO(asOf) ?? SampleConfiguration.defaultAsOf)
        _ = try SampleGenerator(configuration: configuration).run(into: [try XMLSampleWriter(path: file)])
        return try CaseImporter.load(paths: [file])
    }

    /// The findings as `valvonta check --format json` prints them, read back.
    static func checkJSON(_ export: CaseExport, asOf: CalendarDate?, period: ClosedRange<CalendarDate>?) throws
        -> Findings
    {
        let json = FindingsJSON.encode(evaluate(export, asOf: asOf, period: period).findings)
        return try JSONDecoder().decode(Findings.self, from: Data(json.utf8))
    }

    /// The `*` outcomes of a rule in one service (nil: every service).
    static func outcomes(_ f: Findings, _ rule: String, _ service: String?) -> [String: Int] {
        var n = ["met": 0, "late": 0, "overdue": 0, "pending": 0]
        for row in f.deadlines where row.rule == rule && row.region == "*" && (service == nil || row.service == service)
        {
            n["met"]! += row.met
            n["late"]! += row.late
            n["overdue"]! += row.overdue
            n["pending"]! += row.pending
        }
        return n
    }

    static func expectedProcessingTimes(_ f: Findings) -> [String: Int] {
        let measures: [(String, String, (([String: Int]) -> Int))] = [
            ("start.inTime", "SHL36-start-7wd", { $0["met"]! }),
            ("start.later", "SHL36-start-7wd", { $0["late"]! + $0["overdue"]! }),
            ("start.pending", "SHL36-start-7wd", { $0["pending"]! }),
            ("complete.inTime", "SHL36-complete-3m", { $0["met"]! }),
            ("complete.later", "SHL36-complete-3m", { $0["late"]! }),
            ("complete.overdueOpen", "SHL36-complete-3m", { $0["overdue"]! }),
            ("complete.pendingOpen", "SHL36-complete-3m", { $0["pending"]! }),
        ]
        var expected: [String: Int] = [:]
        for (measure, rule, part) in measures {
            expected[measure + ".all"] = part(outcomes(f, rule, nil))
            expected[measure + ".childWelfare"] = part(outcomes(f, rule, "lastensuojelu"))
            expected[measure + ".specialSupport"] = part(outcomes(f, rule, "lapsiperheet"))
        }
        let screening = outcomes(f, "LSL26-screening-7wd", nil)
        expected["screening.inTime"] = screening["met"]!
        expected["screening.later"] = screening["late"]! + screening["overdue"]!
        expected["screening.pending"] = screening["pending"]!
        return expected
    }

    @Test(arguments: [
        (UInt64(31), "2026-04-20", "2026H1"), (UInt64(32), "2026-10-20", "2026H2"),
        (UInt64(33), "2026-10-20", "2026H1"),
    ])
    func theProcessingTimesAreTheFindingsOfTheSamePeriodAndDate(seed: UInt64, generated: String, half: String) throws {
        let export = try Self.export(seed: seed, asOf: generated)
        let period = try ReportingPeriod.parse(half)
        let form = THLForm(
            .kasittelyajat, evaluation: evaluate(export, period: period.range), period: period,
            asOfBasis: .exportDate, header: export.header)
        let expected = Self.expectedProcessingTimes(try Self.checkJSON(export, asOf: nil, period: period.range))
        #expect(form.values.count == expected.count)
        for (field, value) in zip(form.collection.fields, form.values) {
            #expect(value.count == expected[field.id], "\(field.id)")
        }
        // Not a vacuous comparison: the sample has assessments of both kinds in the half-year.
        #expect((expected["start.inTime.childWelfare"] ?? 0) > 0 && (expected["start.inTime.specialSupport"] ?? 0) > 0)
        #expect((expected["complete.inTime.all"] ?? 0) + (expected["complete.later.all"] ?? 0) > 0)
    }

    @Test(arguments: [(UInt64(41), "2026-04-20"), (UInt64(42), "2026-10-20"), (UInt64(43), "2026-10-12")])
    func theStaffingRatioIsTheFindingsOfTheCountingDay(seed: UInt64, generated: String) throws {
        let export = try Self.export(seed: seed, asOf: generated)
        let day = THLCountingDay.latest(onOrBefore: export.header.generatedDate)
        let form = THLForm(
            .mitoitus, evaluation: evaluate(export, asOf: day), asOfBasis: .countingDay, header: export.header)
        let f = try Self.checkJSON(export, asOf: day, period: nil)
        let assignment = f.assignment.first { $0.region == "*" }
        let limit = f.caseload.first?.limit
        #expect(f.asOf == day.iso)
        #expect(form.value("clients")?.count == (assignment?.active ?? 0))
        #expect(form.value("unassigned")?.count == (assignment?.unassigned ?? 0))
        #expect(form.value("responsibleWorkers")?.count == f.caseload.count)
        #expect(form.value("overLimit")?.count == f.caseload.filter { $0.children > (limit ?? .max) }.count)
        #expect(form.value("childrenInCaseloads")?.count == f.caseload.reduce(0) { $0 + $1.children })
        #expect(form.value("limit")?.count == limit)
        #expect(f.caseload.count > 0 && (assignment?.active ?? 0) > 0)
    }
}
