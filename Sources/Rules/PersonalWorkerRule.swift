import CaseModel

/// `SHL42-personal-worker` (SHL 42 § 1 and 3 mom.): every client of family social
/// work and working-age services is named a personal worker (omatyöntekijä); for a
/// client in need of special support the personal worker or a worker doing client
/// work with them is a social worker. Counted by clientship, as plans are: a case
/// active in a service on T is in that service's row whatever its current service.
/// Special support is the case's own flag. Child welfare clients are in
/// `LSL13b-assigned` instead. The data cannot tell a post in public office nor a
/// personal worker left unnamed as unnecessary.
public enum PersonalWorkerRule: Rule {
    static let services: [Service] = [.lapsiperheet, .tyoikaiset]

    static func add(_ c: Case, activeServices: UInt8, covered: Bool, qualified: Bool, to tally: inout RegionTally) {
        for service in services where activeServices & (1 << UInt8(service.index)) != 0 {
            let s = service.index
            tally.personalWorker[s].active += 1
            if !covered { tally.personalWorker[s].withoutWorker += 1 }
            guard c.specialSupport else { continue }
            tally.personalWorker[s].specialSupport += 1
            if !covered {
                tally.personalWorker[s].specialWithoutWorker += 1
            } else if !qualified {
                tally.personalWorker[s].specialWithoutSocialWorker += 1
            }
        }
    }

    public static let definition = RuleDescription(
        id: .personalWorker, reference: "SHL 42 § 1 ja 3 mom.",
        name: ["fi": "Omatyöntekijä", "sv": "Egen kontaktperson", "en": "Personal worker"],
        statement: [
            "fi": "Asiakkaalle on nimettävä omatyöntekijä; erityistä tukea tarvitsevan asiakkaan omatyöntekijän tai "
                + "hänen kanssaan asiakastyötä tekevän on oltava sosiaalityöntekijä.",
            "sv": "Klienten ska ha en egen kontaktperson; för en klient i behov av särskilt stöd ska kontaktpersonen "
                + "eller den som arbetar med klienten vara socialarbetare.",
            "en": "Every client must be named a personal worker; for a client in need of special support the "
                + "personal worker or a worker doing client work with them must be a social worker.",
        ],
        isPolicy: false)

    /// Active clients, failing those without a worker and those in need of special support without a social worker.
    public static func tally(_ evaluation: Evaluation) -> RuleTally {
        let rows = evaluation.findings.personalWorker.filter { $0.region == Findings.allRegions }
        return RuleTally(
            counted: rows.reduce(0) { $0 + $1.active },
            failing: rows.reduce(0) { $0 + $1.withoutWorker + $1.specialWithoutSocialWorker })
    }

    public static var examples: [RuleExample] {
        let adult = { (assignments: [Assignment]) in
            Ex.child(
                "C3", .tyoikaiset, birthYear: 1980, specialSupport: true,
                clientships: [Ex.clientship(.tyoikaiset, start: "2025-02-01")], assignments: assignments)
        }
        let workers = [
            Ex.worker("W4", .sosiaaliohjaaja, service: .tyoikaiset), Ex.worker("W3", service: .tyoikaiset),
        ]
        return [
            RuleExample(
                "Every service example 3: an adult in need of special support with W3, a social worker, beside W4",
                Ex.export(
                    [adult([Ex.assignment("W4", from: "2025-02-01"), Ex.assignment("W3", from: "2025-02-01")])],
                    workers: workers, generated: "2025-06-16"),
                expected: RuleTally(counted: 1, failing: 0)),
            RuleExample(
                "Every service examples 3 and 5: the same adult with W4 only has no social worker; a family client "
                    + "since 1.3. with no assignment has no worker",
                Ex.export(
                    [
                        adult([Ex.assignment("W4", from: "2025-02-01")]),
                        Ex.child("C5", .lapsiperheet, clientships: [Ex.clientship(.lapsiperheet, start: "2025-03-01")]),
                    ], workers: workers, generated: "2025-06-16"),
                expected: RuleTally(counted: 2, failing: 2)),
        ]
    }
}
