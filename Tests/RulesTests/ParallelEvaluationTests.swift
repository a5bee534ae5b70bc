import CaseImport
import CaseModel
import Foundation
import Testing

@testable import Rules

/// A large export's cases are counted in parts at once and the parts' counters
/// merged (`EvaluationPass.absorb`): the findings must not depend on how many.
@Suite struct ParallelEvaluationTests {
    @Test func countingInPartsGivesTheFindingsOfOnePass() throws {
        let export = try SampleFindingsTests.xml.get()
        #expect(export.cases.count == 3000)
        let header = export.header
        let dates = [header.generatedDate, header.generatedDate.adding(days: -45), header.periodStart.adding(days: 10)]
        for asOf in dates {
            let period = header.periodStart...min(asOf, header.periodEnd)
            let one = evaluate(export, asOf: asOf, period: period, settings: RuleSettings(), parts: 1)
            #expect(!one.findings.deadlines.isEmpty)
            #expect(!one.items.isEmpty)
            #expect(!one.unassigned.isEmpty)
            for parts in [2, 3, 7] {
                let split = evaluate(export, asOf: asOf, period: period, settings: RuleSettings(), parts: parts)
                #expect(FindingsJSON.encode(split.findings) == FindingsJSON.encode(one.findings), "as of \(asOf), \(parts) parts")
                #expect(split.items == one.items, "as of \(asOf), \(parts) parts")
                #expect(split.unassigned == one.unassigned, "as of \(asOf), \(parts) parts")
            }
        }
    }
}
