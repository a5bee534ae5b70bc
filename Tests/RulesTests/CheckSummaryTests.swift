import CaseModel
import Testing

@testable import Rules

@Suite struct CheckSummaryTests {
    @Test func summaryOfTheGoldenExport() {
        let text = CheckSummary.text(EvaluationGoldenTests.evaluation)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "Esimerkin hyvinvointialue: seen on 2024-05-31, period 2024-01-01..2024-05-31")
        #expect(lines.contains("  LSL26-screening-7wd lastensuojelu  66.7 %   met 2, late 1, overdue 0, pending 1"))
        #expect(lines.contains("  lastensuojelu  open 3, not started 1, past 3 months 2, oldest 163 days"))
        #expect(lines.contains("  LSL13b-caseload                    3 workers responsible for children, 0 over the limit (limit 30)"))
        #expect(
            lines.contains(
                "                                     100.0 %  flagged urgent: met 1, late 0, overdue 0, pending 0; "
                    + "overdue with no date recorded 3"))
        #expect(lines.contains("Unassigned child welfare clients: 1, longest wait 365 days"))
        #expect(lines.contains("Records left out: 2 (listed with --format json)"))
        #expect(lines.contains("Workers over the caseload limit: none"))
    }
}
