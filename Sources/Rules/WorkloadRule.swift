import CaseModel

/// `workload` (clients per worker; statutory only in child welfare, which
/// `LSL13b-caseload` keeps): one row per worker who has at least one client on T,
/// a case with an assignment to the worker covering T and an active clientship of
/// any service on T; `clients` counts distinct cases. Region, role and service are
/// the worker record's; `limit` is the setting `workloadLimits` for the worker's
/// service (default 50 in working-age services: Talentia's recommendation of
/// 35–50 clients per social worker or instructor, a recommendation and not law).
public enum WorkloadRule: Rule {
    public static let definition = RuleDescription(
        id: .workload, reference: "Talentia",
        name: ["fi": "Työmäärä", "sv": "Arbetsbörda", "en": "Workload"],
        statement: [
            "fi": "Asiakkaita työntekijää kohden kaikissa palveluissa; työikäisten palveluissa verrataan Talentian "
                + "suositukseen (enintään 35–50 asiakasta), joka on suositus eikä laki.",
            "sv": "Klienter per arbetstagare i alla tjänster; inom tjänsterna för personer i arbetsför ålder jämförs "
                + "med Talentias rekommendation (högst 35–50 klienter), som är en rekommendation, inte lag.",
            "en": "Clients per worker in every service; in working-age services compared with Talentia's "
                + "recommendation of at most 35–50 clients, a recommendation and not law.",
        ],
        isPolicy: true)

    /// Workers with clients, failing those over their service's limit.
    public static func tally(_ evaluation: Evaluation) -> RuleTally {
        let rows = evaluation.findings.workload
        return RuleTally(
            counted: rows.count, failing: rows.filter { row in row.limit.map { row.clients > $0 } ?? false }.count)
    }

    static func clients(_ n: Int, worker: String) -> [Case] {
        (1...n).map { i in
            Ex.child(
                "\(worker)-\(i)", .tyoikaiset, birthYear: 1980, clientships: [Ex.clientship(.tyoikaiset, start: "2025-01-01")],
                assignments: [Ex.assignment(worker, from: "2025-01-01")])
        }
    }

    public static var examples: [RuleExample] {
        let workers = [Ex.worker("W4", .sosiaaliohjaaja, service: .tyoikaiset), Ex.worker("W5", service: nil)]
        return [
            RuleExample(
                "50 working-age clients is at the limit; a worker without a service has no limit",
                Ex.export(clients(50, worker: "W4") + clients(60, worker: "W5"), workers: workers, generated: "2025-06-16"),
                expected: RuleTally(counted: 2, failing: 0)),
            RuleExample(
                "51 is over; a client whose clientship ended, or whose assignment has not begun, is not counted",
                Ex.export(
                    clients(51, worker: "W4") + [
                        Ex.child(
                            "X1", .tyoikaiset, clientships: [Ex.clientship(.tyoikaiset, start: "2025-01-01", end: "2025-06-01")],
                            assignments: [Ex.assignment("W4", from: "2025-01-01")]),
                        Ex.child(
                            "X2", .tyoikaiset, clientships: [Ex.clientship(.tyoikaiset, start: "2025-01-01")],
                            assignments: [Ex.assignment("W4", from: "2025-06-17")]),
                    ], workers: workers, generated: "2025-06-16"),
                expected: RuleTally(counted: 1, failing: 1)),
        ]
    }
}
