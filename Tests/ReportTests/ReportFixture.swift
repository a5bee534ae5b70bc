import CaseModel
import Foundation
@testable import Report
import Rules

/// A hand-made evaluation with figures chosen to exercise every branch:
/// a region that differs materially, small counts (1–4) to suppress, a
/// backlog past the 3-month deadline, a worker over the caseload limit, a
/// post without a region and a rejected record.
enum ReportFixture {
    static func date(_ s: String) -> CalendarDate { CalendarDate.parseISO(s)! }

    static let templates: String = {
        // Tests/ReportTests/ReportFixture.swift → the repository's templates/.
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("templates").path
    }()

    static func evaluation(
        organisation: String = "Keski-Suomen hyvinvointialue",
        regionNames: [String: String] = ["JKL": "Jyväskylä", "SAA": "Saarijärvi", "JAM": "Jämsä"]
    )
        -> Evaluation
    {
        let findings = Findings(
            organisation: organisation, asOf: "2024-05-31",
            period: .init(
                start: "2024-01-01", end: "2024-05-31", basis: ["SHL36-complete-3m": "completed", "*": "clock-start"]),
            deadlines: [
                .init(
                    rule: "LSL26-screening-7wd", service: "lastensuojelu", region: "*", met: 1240, late: 90,
                    overdue: 12, pending: 30),
                .init(
                    rule: "LSL26-screening-7wd", service: "lastensuojelu", region: "JAM", met: 3, late: 1, overdue: 0,
                    pending: 0),
                .init(
                    rule: "LSL26-screening-7wd", service: "lastensuojelu", region: "JKL", met: 1100, late: 40,
                    overdue: 2, pending: 25),
                .init(
                    rule: "LSL26-screening-7wd", service: "lastensuojelu", region: "SAA", met: 137, late: 49,
                    overdue: 10, pending: 5),
                .init(
                    rule: "SHL36-complete-3m", service: "lastensuojelu", region: "*", met: 300, late: 60, overdue: 13,
                    pending: 80),
                .init(
                    rule: "SHL36-complete-3m", service: "lastensuojelu", region: "JKL", met: 250, late: 30, overdue: 3,
                    pending: 70),
                .init(
                    rule: "SHL36-complete-3m", service: "lastensuojelu", region: "SAA", met: 50, late: 30, overdue: 10,
                    pending: 10),
            ],
            plans: [
                .init(service: "lastensuojelu", region: "*", active: 600, withPlan: 540, upToDate: 480),
                .init(service: "lastensuojelu", region: "JAM", active: 3, withPlan: 2, upToDate: 2),
                .init(service: "lastensuojelu", region: "JKL", active: 410, withPlan: 380, upToDate: 350),
                .init(service: "lastensuojelu", region: "SAA", active: 187, withPlan: 158, upToDate: 128),
            ],
            assignment: [
                .init(region: "*", active: 600, unassigned: 35, unqualified: 6),
                .init(region: "JAM", active: 3, unassigned: 0, unqualified: 0),
                .init(region: "JKL", active: 410, unassigned: 12, unqualified: 4),
                .init(region: "SAA", active: 187, unassigned: 23, unqualified: 2),
            ],
            caseload: [
                .init(worker: "T001", region: "JKL", children: 33, limit: 30),
                .init(worker: "T002", region: "JKL", children: 28, limit: 30),
                .init(worker: "T003", region: "SAA", children: 30, limit: 30),
            ],
            durations: [
                .init(service: "lastensuojelu", region: "*", completed: 360, medianDays: 61, p90Days: 95),
                .init(service: "lastensuojelu", region: "JKL", completed: 280, medianDays: 58, p90Days: 90),
                .init(service: "lastensuojelu", region: "SAA", completed: 80, medianDays: 77, p90Days: 112),
            ],
            backlog: [
                .init(service: "lastensuojelu", region: "*", open: 93, notStarted: 11, overdue: 13, oldestDays: 140),
                .init(service: "lastensuojelu", region: "JKL", open: 73, notStarted: 8, overdue: 3, oldestDays: 101),
                .init(service: "lastensuojelu", region: "SAA", open: 20, notStarted: 3, overdue: 10, oldestDays: 140),
            ],
            meetings: [
                .init(region: "*", active: 500, metWithin: 430),
                .init(region: "JKL", active: 350, metWithin: 320),
                .init(region: "SAA", active: 150, metWithin: 110),
            ],
            staffing: [
                .init(region: "*", service: "lastensuojelu", role: "sosiaalityontekija", posts: 32.0, vacant: 5.0),
                .init(region: nil, service: "lastensuojelu", role: "sosiaalityontekija", posts: 2.0, vacant: 1.0),
                .init(region: "JKL", service: "lastensuojelu", role: "sosiaalityontekija", posts: 20.0, vacant: 1.5),
                .init(region: "SAA", service: "lastensuojelu", role: "sosiaalityontekija", posts: 10.0, vacant: 2.5),
            ],
            rejected: [.init(source: "export.xml", line: 812, reason: "assessment P7 names unknown referral R9")])
        let items: [DeadlineItem] =
            [
                item("SHL36-complete-3m", "JKL", "C0101", "2024-01-10", "2024-04-10", done: "2024-04-15", .late),
                item("SHL36-complete-3m", "SAA", "C0207", "2024-02-01", "2024-05-02", done: nil, .overdue),
                item("SHL36-complete-3m", "JKL", "C0102", "2024-01-15", "2024-04-15", done: "2024-04-01", .met),
            ]
            + (0..<6).map { i in
                item(
                    "LSL26-screening-7wd", "JKL", "C1\(i)", "2024-03-0\(i + 1)", "2024-03-1\(i + 1)",
                    done: "2024-03-1\(i)", .met)
            }
        return Evaluation(
            findings: findings, asOf: date("2024-05-31"), periodStart: date("2024-01-01"),
            periodEnd: date("2024-05-31"),
            items: items,
            unassigned: [
                UnassignedChild(caseId: "C0300", region: "JKL", waitingDays: 12),
                UnassignedChild(caseId: "C0301", region: "JKL", waitingDays: 40),
                UnassignedChild(caseId: "C0302", region: "SAA", waitingDays: 75),
            ], caseloadLimit: 30, regionNames: regionNames)
    }

    /// The previous period: the same organisation a little worse in screening, better in plans.
    static let previousFindings = Findings(
        organisation: "Keski-Suomen hyvinvointialue", asOf: "2023-12-31",
        period: .init(start: "2023-09-01", end: "2023-12-31"),
        deadlines: [
            .init(
                rule: "LSL26-screening-7wd", service: "lastensuojelu", region: "*", met: 900, late: 150, overdue: 20,
                pending: 10),
            .init(
                rule: "SHL36-complete-3m", service: "lastensuojelu", region: "*", met: 300, late: 60, overdue: 13,
                pending: 80),
        ],
        plans: [.init(service: "lastensuojelu", region: "*", active: 580, withPlan: 551, upToDate: 500)],
        assignment: [.init(region: "*", active: 580, unassigned: 20, unqualified: 3)],
        meetings: [.init(region: "*", active: 480, metWithin: 400)],
        staffing: [.init(region: "*", service: "lastensuojelu", role: "sosiaalityontekija", posts: 30.0, vacant: 6.0)])

    static func item(
        _ rule: String, _ region: String, _ caseId: String, _ start: String, _ deadline: String,
        done: String?, _ outcome: DeadlineOutcome
    ) -> DeadlineItem {
        DeadlineItem(
            rule: rule, service: .lastensuojelu, region: region, caseId: caseId, clockStart: date(start),
            deadline: date(deadline), done: done.map(date), outcome: outcome)
    }

    static let rules: [RuleDescription] = [
        RuleDescription(
            id: .screening, reference: "LSL 26 §",
            name: [
                "fi": "Lastensuojeluilmoituksen käsittely 7 arkipäivässä",
                "sv": "Behandling av barnskyddsanmälan inom 7 vardagar",
                "en": "Child welfare notification decided within 7 working days",
            ],
            statement: [
                "fi": "Ilmoituksen johdosta on 7 arkipäivän kuluessa ratkaistava, onko ryhdyttävä toimenpiteisiin.",
                "sv": "Inom 7 vardagar ska det avgöras om åtgärder ska vidtas.",
                "en": "Within 7 working days it must be decided whether action is needed.",
            ],
            isPolicy: false),
        RuleDescription(
            id: .assessmentCompletion, reference: "SHL 36 §",
            name: [
                "fi": "Palvelutarpeen arviointi valmis 3 kuukaudessa",
                "sv": "Servicebehovsbedömningen klar inom 3 månader",
                "en": "Service-needs assessment completed within 3 months",
            ],
            statement: [
                "fi": "Arviointi on saatettava loppuun viimeistään kolmen kuukauden kuluessa vireilletulosta.",
                "sv": "Bedömningen ska slutföras senast tre månader efter att ärendet inletts.",
                "en": "The assessment must be completed within three months of the matter becoming pending.",
            ],
            isPolicy: false),
        RuleDescription(
            id: .meeting, reference: "LSL 29 §",
            name: ["fi": "Lapsen tapaaminen", "sv": "Möte med barnet", "en": "Meeting the child"],
            statement: [
                "fi": "Vastuusosiaalityöntekijän on tavattava lasta riittävän usein.",
                "sv": "Den ansvariga socialarbetaren ska träffa barnet tillräckligt ofta.",
                "en": "The responsible social worker must meet the child often enough.",
            ],
            isPolicy: true),
        RuleDescription(
            id: .assigned, reference: "LSL 13 b §",
            name: [
                "fi": "Nimetty vastuusosiaalityöntekijä", "sv": "Utsedd ansvarig socialarbetare",
                "en": "Named responsible social worker",
            ],
            statement: [
                "fi": "Lapselle on nimettävä vastuusosiaalityöntekijä.",
                "sv": "Barnet ska ha en utsedd ansvarig socialarbetare.",
                "en": "Every child client must have a named responsible social worker.",
            ],
            isPolicy: false),
        RuleDescription(
            id: .staffing, reference: "LSL 11 §",
            name: ["fi": "Henkilöstön riittävyys", "sv": "Tillräcklig personal", "en": "Adequate staffing"],
            statement: [
                "fi": "Hyvinvointialueen on huolehdittava riittävästä henkilöstöstä.",
                "sv": "Välfärdsområdet ska se till att personalen är tillräcklig.",
                "en": "The county must see to adequate staffing.",
            ],
            isPolicy: false),
    ]

    static func metadata(_ kind: ReportKind = .aviResponse, _ language: ReportLanguage = .fi) -> ResponseMetadata {
        ResponseMetadata(
            kind: kind, language: language, recipient: "Lupa- ja valvontavirasto",
            request: .init(
                reference: "LSSAVI/1234/2024", date: date("2024-04-15"),
                subject: "Lastensuojelun asiakasjonot ja määräajat"),
            organisation: .init(name: "Keski-Suomen hyvinvointialue", unit: "Lasten, nuorten ja perheiden palvelut"),
            signatory: .init(name: "Etunimi Sukunimi", title: "vastuualuejohtaja"),
            contact: "palvelujohtaja Etunimi Sukunimi, p. 050 000 0000",
            actions:
                "Rekrytointia on tehostettu.\n\n- **Saarijärvi**: kaksi uutta sosiaalityöntekijää 1.6.2024 alkaen\n- jonon purku",
            distribution: ["Lupa- ja valvontavirasto", "hyvinvointialuehallitus"])
    }

    static func render(
        _ kind: ReportKind = .aviResponse, _ language: ReportLanguage = .fi, format: ReportFormat = .html,
        suppress: Bool = true, previous: Findings? = nil, evaluation: Evaluation = evaluation(),
        metadata: ResponseMetadata? = nil, exceptions: Bool = true, templates: String = templates,
        rules: [RuleDescription] = rules, secondary: Bool = true
    ) throws -> String {
        let set = try TemplateSet(directory: templates)
        let strings = try set.strings(for: language)
        var options = ReportOptions(
            documentDate: date("2024-06-03"), toolVersion: "VERSION", suppress: suppress,
            includeExceptions: exceptions)
        options.secondarySuppression = secondary
        let model = try ReportBuilder(
            evaluation: evaluation, previous: previous, metadata: metadata ?? self.metadata(kind, language),
            rules: rules, strings: strings, options: options
        ).build()
        return try set.render(model, kind: kind, language: language, format: format)
    }
}
