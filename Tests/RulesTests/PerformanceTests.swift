import CaseModel
import Foundation
import Testing

@testable import Rules

/// Evaluates a large synthetic export; only with VALVONTA_PERF=<number of cases> in the environment,
/// since a timing on a shared machine is not a pass/fail fact. Prints the time and checks the totals.
@Suite struct PerformanceTests {
    static let size = Int(ProcessInfo.processInfo.environment["VALVONTA_PERF"] ?? "") ?? 0

    @Test(.enabled(if: size > 0)) func largeExport() {
        let n = Self.size
        let workers = (0..<1000).map {
            Ex.worker(
                "W\($0)", $0 % 5 == 0 ? .sosiaaliohjaaja : .sosiaalityontekija,
                region: $0 % 2 == 0 ? "A" : "B")
        }
        var cases: [Case] = []
        cases.reserveCapacity(n)
        let base = Ex.d("2023-06-01")
        for i in 0..<n {
            let received = base.adding(days: i % 360)
            let service = Service.allCases[i % 3]
            let referral = Referral(
                id: "R1", kind: i % 2 == 0 ? .lastensuojeluilmoitus : .hakemus, received: received,
                urgent: i % 7 == 0, urgencyAssessed: received.adding(days: i % 3),
                decided: i % 11 == 0 ? nil : received.adding(days: i % 12), outcome: .selvitys,
                location: Ex.here)
            let assessment = Assessment(
                id: nil, referral: "R1", started: received.adding(days: i % 9),
                completed: i % 4 == 0 ? nil : received.adding(days: 20 + i % 100), worker: nil,
                result: nil, location: Ex.here)
            let start = received.adding(days: 10)
            cases.append(
                Case(
                    id: "C\(i)", region: i % 2 == 0 ? "A" : "B", service: service, birthYear: 2010,
                    specialSupport: i % 5 == 0,
                    referrals: [referral], assessments: [assessment],
                    clientships: [
                        Clientship(service: service, start: start, end: nil, aftercare: i % 13 == 0, location: Ex.here)
                    ],
                    assignments: i % 6 == 0
                        ? [] : [Assignment(worker: "W\(i % 1000)", from: start, to: nil, location: Ex.here)],
                    plans: [ClientPlan(id: nil, date: start.adding(days: 5), location: Ex.here)],
                    meetings: [Meeting(date: start.adding(days: 30), worker: nil, withChild: true, location: Ex.here)],
                    location: Ex.here))
        }
        let export = Ex.export(cases, workers: workers, generated: "2024-05-31", period: ("2023-06-01", "2024-05-31"))
        let clock = ContinuousClock()
        var evaluation: Evaluation?
        let elapsed = clock.measure { evaluation = evaluate(export) }
        print("evaluate(\(n) cases): \(elapsed), \(evaluation?.items.count ?? 0) items")
        let screening = evaluation?.findings.deadlines.filter { $0.rule == "LSL26-screening-7wd" && $0.region == "*" }
        #expect(screening?.reduce(0) { $0 + $1.met + $1.late + $1.overdue + $1.pending } == (n + 1) / 2)
    }
}
