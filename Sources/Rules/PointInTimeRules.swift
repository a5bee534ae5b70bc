import CaseModel

/// Shared by the two plan rules: active clients and those without an up-to-date plan.
func planTally(_ evaluation: Evaluation, rule: RuleID) -> RuleTally {
    let rows = evaluation.findings.plans.filter {
        $0.region == Findings.allRegions && RuleID.plan(forCode: $0.service) == rule
    }
    let active = rows.reduce(0) { $0 + $1.active }
    return RuleTally(counted: active, failing: active - rows.reduce(0) { $0 + $1.upToDate })
}

/// `LSL30-plan` (LSL 30 §: "tarkistettava tarvittaessa, kuitenkin vähintään
/// kerran vuodessa", so the review is statutory; its 12 months are the
/// setting `planReviewMonths`): active `lastensuojelu` clients with a plan dated ≤ T
/// (`withPlan`) and one no older than `planReviewMonths` (`upToDate`: plan
/// date + months by the month rule without the working-day shift ≥ T).
public enum ChildWelfarePlanRule: Rule {
    public static let definition = RuleDescription(
        id: .childWelfarePlan, reference: "LSL 30 § 1 mom.",
        name: [
            "fi": "Lastensuojelun asiakassuunnitelma", "sv": "Klientplan inom barnskyddet",
            "en": "Child welfare client plan",
        ],
        statement: [
            "fi": "Lastensuojelun asiakkaalle on laadittava asiakassuunnitelma, joka on tarkistettava tarvittaessa, "
                + "kuitenkin vähintään kerran vuodessa.",
            "sv": "För en klient inom barnskyddet ska en klientplan utarbetas och ses över vid behov, dock minst "
                + "en gång om året.",
            "en": "A child welfare client must have a client plan, reviewed when needed and at least once a year.",
        ],
        isPolicy: false)

    public static func tally(_ evaluation: Evaluation) -> RuleTally {
        planTally(evaluation, rule: id)
    }

    public static var examples: [RuleExample] {
        let client = Ex.clientship(start: "2023-01-01")
        return [
            RuleExample(
                "a plan exactly 12 months old is up to date",
                Ex.export(
                    [
                        Ex.child("C1", clientships: [client], plans: [Ex.plan("2022-06-01"), Ex.plan("2023-05-31")])
                    ], generated: "2024-05-31"), expected: RuleTally(counted: 1, failing: 0)),
            RuleExample(
                "a day older is not; no plan is not; an aftercare client is still counted",
                Ex.export(
                    [
                        Ex.child("C1", clientships: [client], plans: [Ex.plan("2023-05-30")]),
                        Ex.child("C2", clientships: [client]),
                        Ex.child(
                            "C3", clientships: [Ex.clientship(start: "2023-01-01", aftercare: true)],
                            plans: [Ex.plan("2024-01-10")]),
                    ], generated: "2024-05-31"), expected: RuleTally(counted: 3, failing: 2)),
        ]
    }
}

/// `SHL39-plan`: the same counts for active clients of `lapsiperheet` and `tyoikaiset`.
public enum SocialWelfarePlanRule: Rule {
    public static let definition = RuleDescription(
        id: .socialWelfarePlan, reference: "SHL 39 §",
        name: [
            "fi": "Sosiaalihuollon asiakassuunnitelma", "sv": "Klientplan inom socialvården",
            "en": "Social welfare client plan",
        ],
        statement: [
            "fi": "Sosiaalihuollon asiakkaalle on laadittava asiakassuunnitelma, ja se on pidettävä ajan tasalla; "
                + "ajantasaisena pidetään viimeisen 12 kuukauden aikana laadittua tai tarkistettua suunnitelmaa.",
            "sv": "För en klient inom socialvården ska en klientplan utarbetas och hållas aktuell; en plan som "
                + "utarbetats eller setts över under de senaste 12 månaderna anses aktuell.",
            "en": "A social welfare client must have a client plan that is kept up to date; a plan drawn up or "
                + "reviewed within the last 12 months counts as up to date.",
        ],
        isPolicy: false)

    public static func tally(_ evaluation: Evaluation) -> RuleTally {
        planTally(evaluation, rule: id)
    }

    public static var examples: [RuleExample] {
        [
            RuleExample(
                "overlapping clientships of one service count once; a plan dated T is up to date",
                Ex.export(
                    [
                        Ex.child(
                            "C1", .lapsiperheet,
                            clientships: [
                                Ex.clientship(.lapsiperheet, start: "2024-01-10"),
                                Ex.clientship(.lapsiperheet, start: "2024-02-01"),
                            ], plans: [Ex.plan("2024-02-01")]),
                        Ex.child(
                            "C2", .tyoikaiset, clientships: [Ex.clientship(.tyoikaiset, start: "2024-03-01")],
                            plans: [Ex.plan("2024-05-31")]),
                    ], generated: "2024-05-31"), expected: RuleTally(counted: 2, failing: 0)),
            RuleExample(
                "a clientship ending on T is not active; an active client without a plan fails",
                Ex.export(
                    [
                        Ex.child(
                            "C1", .tyoikaiset,
                            clientships: [Ex.clientship(.tyoikaiset, start: "2024-01-01", end: "2024-05-31")]),
                        Ex.child("C2", .lapsiperheet, clientships: [Ex.clientship(.lapsiperheet, start: "2024-01-01")]),
                    ], generated: "2024-05-31"), expected: RuleTally(counted: 1, failing: 1)),
        ]
    }
}

/// `LSL13b-assigned` (LSL 13 b § 1 mom.): active `lastensuojelu` clients with no assignment covering T
/// (from ≤ T and no `to` or `to` ≥ T, inclusive).
public enum ResponsibleWorkerRule: Rule {
    public static let definition = RuleDescription(
        id: .assigned, reference: "LSL 13 b § 1 mom.",
        name: [
            "fi": "Lapsen asioista vastaava sosiaalityöntekijä",
            "sv": "Socialarbetare som ansvarar för barnets angelägenheter",
            "en": "Responsible social worker assigned",
        ],
        statement: [
            "fi":
                "Lastensuojelun asiakkaana olevalle lapselle on nimettävä lapsen asioista vastaava sosiaalityöntekijä.",
            "sv": "För ett barn som är klient inom barnskyddet ska en socialarbetare som ansvarar för barnets "
                + "angelägenheter utses.",
            "en": "Every child who is a child welfare client must have a named social worker responsible for the "
                + "child's affairs.",
        ],
        isPolicy: false)

    public static func tally(_ evaluation: Evaluation) -> RuleTally {
        let rows = evaluation.findings.assignment.filter { $0.region == Findings.allRegions }
        return RuleTally(counted: rows.reduce(0) { $0 + $1.active }, failing: rows.reduce(0) { $0 + $1.unassigned })
    }

    public static var examples: [RuleExample] {
        let client = Ex.clientship(start: "2024-01-01")
        return [
            RuleExample(
                "an assignment ending on T still covers T",
                Ex.export(
                    [
                        Ex.child(
                            "C1", clientships: [client],
                            assignments: [Ex.assignment("W1", from: "2024-01-01", to: "2024-05-31")])
                    ], workers: [Ex.worker("W1")], generated: "2024-05-31"), expected: RuleTally(counted: 1, failing: 0)
            ),
            RuleExample(
                "ended the day before T, or starting after T: unassigned",
                Ex.export(
                    [
                        Ex.child(
                            "C1", clientships: [client],
                            assignments: [Ex.assignment("W1", from: "2024-01-01", to: "2024-05-30")]),
                        Ex.child("C2", clientships: [client], assignments: [Ex.assignment("W1", from: "2024-06-01")]),
                    ], workers: [Ex.worker("W1")], generated: "2024-06-30", period: ("2024-01-01", "2024-05-31")),
                asOf: Ex.d("2024-05-31"), expected: RuleTally(counted: 2, failing: 2)),
        ]
    }
}

/// `LSL13b-qualified` (LSL 13 b § 1 mom.): assigned active `lastensuojelu` clients none of whose
/// workers on T is `sosiaalityontekija` or `johtava` (licensed social workers).
public enum QualifiedWorkerRule: Rule {
    public static let definition = RuleDescription(
        id: .qualified, reference: "LSL 13 b § 1 mom.",
        name: [
            "fi": "Vastaavan sosiaalityöntekijän kelpoisuus", "sv": "Den ansvariga socialarbetarens behörighet",
            "en": "Qualification of the responsible social worker",
        ],
        statement: [
            "fi": "Lapsen asioista vastaavan sosiaalityöntekijän on oltava laillistettu sosiaalityöntekijä.",
            "sv": "Den socialarbetare som ansvarar för barnets angelägenheter ska vara legitimerad socialarbetare.",
            "en": "The social worker responsible for the child's affairs must be a licensed social worker.",
        ],
        isPolicy: false)

    public static func tally(_ evaluation: Evaluation) -> RuleTally {
        let rows = evaluation.findings.assignment.filter { $0.region == Findings.allRegions }
        let assigned = rows.reduce(0) { $0 + $1.active - $1.unassigned }
        return RuleTally(counted: assigned, failing: rows.reduce(0) { $0 + $1.unqualified })
    }

    public static var examples: [RuleExample] {
        let client = Ex.clientship(start: "2024-01-01")
        let workers = [Ex.worker("W1", .sosiaaliohjaaja), Ex.worker("W2", .johtava)]
        return [
            RuleExample(
                "a social instructor and a leading social worker together: qualified",
                Ex.export(
                    [
                        Ex.child(
                            "C1", clientships: [client],
                            assignments: [
                                Ex.assignment("W1", from: "2024-01-01"), Ex.assignment("W2", from: "2024-02-01"),
                            ]),
                        // Unassigned: not in the qualification count.
                        Ex.child("C2", clientships: [client]),
                    ], workers: workers, generated: "2024-05-31"), expected: RuleTally(counted: 1, failing: 0)),
            RuleExample(
                "only a social instructor: unqualified",
                Ex.export(
                    [
                        Ex.child("C1", clientships: [client], assignments: [Ex.assignment("W1", from: "2024-01-01")])
                    ], workers: workers, generated: "2024-05-31"), expected: RuleTally(counted: 1, failing: 1)),
        ]
    }
}
