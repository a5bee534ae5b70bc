import CaseModel

/// `LSL13b-caseload` (LSL 13 b § 2 mom.): per worker responsible on T for at
/// least one counted child, the distinct cases assigned on T (assignment
/// covering T) that have an active `lastensuojelu` clientship whose client is
/// a child on T (`countsAsChild`), whatever the case's current service; over
/// the limit when children > the limit in force on T (`CaseloadLimit`).
/// Counted per worker, never as an average; a worker with no counted child
/// (only adults, aftercare young adults) has no row.
public enum CaseloadRule: Rule {
    /// rules.md Version 2: with `birthYear`, T's year − birthYear ≤ 17, or = 18
    /// and not in aftercare; without it, not in aftercare (jälkihuolto).
    static func countsAsChild(_ c: Case, _ clientship: Clientship, asOf t: CalendarDate) -> Bool {
        guard let born = c.birthYear else { return !clientship.aftercare }
        let age = t.year - born
        return age <= 17 || (age == 18 && !clientship.aftercare)
    }

    public static let definition = RuleDescription(
        id: .caseload, reference: "LSL 13 b § 2 mom.",
        name: ["fi": "Asiakasmitoitus", "sv": "Klientdimensionering", "en": "Caseload limit"],
        statement: [
            "fi": "Lapsen asioista vastaavalla sosiaalityöntekijällä saa olla enintään 35 lasta 1.1.2022 alkaen "
                + "ja enintään 30 lasta 1.1.2024 alkaen.",
            "sv": "En socialarbetare som ansvarar för barnets angelägenheter får ha högst 35 barn från 1.1.2022 "
                + "och högst 30 barn från 1.1.2024.",
            "en": "A social worker responsible for children's affairs may have at most 35 children from 1 January "
                + "2022 and at most 30 from 1 January 2024.",
        ],
        isPolicy: false)

    public static func tally(_ evaluation: Evaluation) -> RuleTally {
        let rows = evaluation.findings.caseload
        return RuleTally(
            counted: rows.count, failing: rows.filter { row in row.limit.map { row.children > $0 } ?? false }.count)
    }

    /// `n` child welfare clients all assigned to W1, plus W2's only client, a young adult in aftercare.
    static func caseload(_ n: Int, on date: String) -> CaseExport {
        let children = (1...n).map { i in
            Ex.child(
                "C\(i)", clientships: [Ex.clientship(start: "2021-01-01")],
                assignments: [Ex.assignment("W1", from: "2021-01-01")])
        }
        let aftercare = Ex.child(
            "J1", birthYear: 2001, clientships: [Ex.clientship(start: "2021-01-01", aftercare: true)],
            assignments: [Ex.assignment("W2", from: "2021-01-01")])
        return Ex.export(
            children + [aftercare], workers: [Ex.worker("W1"), Ex.worker("W2", region: "B")],
            generated: date)
    }

    public static var examples: [RuleExample] {
        [
            RuleExample(
                "30 children on 31.5.2024 is at the limit; a worker whose only client is an adult in aftercare has "
                    + "no row",
                caseload(30, on: "2024-05-31"), expected: RuleTally(counted: 1, failing: 0)),
            RuleExample(
                "31 children is over the limit of 30", caseload(31, on: "2024-05-31"),
                expected: RuleTally(counted: 1, failing: 1)),
            RuleExample(
                "before 1.1.2022 there is no limit", caseload(36, on: "2021-12-31"),
                expected: RuleTally(counted: 1, failing: 0)),
            RuleExample(
                "36 children on 1.1.2022 is over the limit of 35", caseload(36, on: "2022-01-01"),
                expected: RuleTally(counted: 1, failing: 1)),
            RuleExample(
                "Version 2 example 6: born 2008 in aftercare is 17 on T and counts, born 2007 in aftercare does not, "
                    + "born 2007 without aftercare (18) counts; W2, responsible only for adults, has no row",
                Ex.export(
                    (1...29).map { i in
                        Ex.child(
                            "C\(i)", clientships: [Ex.clientship(start: "2024-01-01")],
                            assignments: [Ex.assignment("W1", from: "2024-01-01")])
                    } + [
                        Ex.child(
                            "A17", birthYear: 2008, clientships: [Ex.clientship(start: "2024-01-01", aftercare: true)],
                            assignments: [Ex.assignment("W1", from: "2024-01-01")]),
                        Ex.child(
                            "A18", birthYear: 2007, clientships: [Ex.clientship(start: "2024-01-01", aftercare: true)],
                            assignments: [Ex.assignment("W1", from: "2024-01-01"), Ex.assignment("W2", from: "2024-01-01")]),
                        Ex.child(
                            "B18", birthYear: 2007, clientships: [Ex.clientship(start: "2024-01-01")],
                            assignments: [Ex.assignment("W1", from: "2024-01-01")]),
                    ], workers: [Ex.worker("W1"), Ex.worker("W2")], generated: "2025-06-16"),
                expected: RuleTally(counted: 1, failing: 1)),
        ]
    }
}

/// `LSL29-meeting` (policy): active `lastensuojelu` clients whose earliest
/// active clientship started at least `meetingIntervalDays` before T; met when
/// a meeting with `withChild=true` is dated T − interval < date ≤ T.
public enum MeetingRule: Rule {
    public static let definition = RuleDescription(
        id: .meeting, reference: "LSL 29 §",
        name: ["fi": "Lapsen tapaaminen", "sv": "Möte med barnet", "en": "Meeting the child"],
        statement: [
            "fi": "Lapsen asioista vastaavan sosiaalityöntekijän on tavattava lasta henkilökohtaisesti riittävän "
                + "usein; laki ei aseta väliä, ja tässä edellytetään tapaamista vähintään 90 päivän välein.",
            "sv": "Den socialarbetare som ansvarar för barnets angelägenheter ska träffa barnet personligen "
                + "tillräckligt ofta; lagen anger inget intervall, här krävs ett möte minst var 90:e dag.",
            "en": "The responsible social worker must meet the child in person often enough; the law sets no "
                + "interval, and here a meeting at least every 90 days is expected.",
        ],
        isPolicy: true)

    public static func tally(_ evaluation: Evaluation) -> RuleTally {
        let rows = evaluation.findings.meetings.filter { $0.region == Findings.allRegions }
        let active = rows.reduce(0) { $0 + $1.active }
        return RuleTally(counted: active, failing: active - rows.reduce(0) { $0 + $1.metWithin })
    }

    public static var examples: [RuleExample] {
        [
            RuleExample(
                "client for exactly 90 days, met 89 days ago; a client of 89 days is not yet counted",
                Ex.export(
                    [
                        Ex.child(
                            "C1", clientships: [Ex.clientship(start: "2024-03-02")],
                            meetings: [Ex.meeting("2024-03-03")]),
                        Ex.child("C2", clientships: [Ex.clientship(start: "2024-03-03")]),
                    ], generated: "2024-05-31"), expected: RuleTally(counted: 1, failing: 0)),
            RuleExample(
                "met exactly 90 days ago, or met without the child: not met within",
                Ex.export(
                    [
                        Ex.child(
                            "C1", clientships: [Ex.clientship(start: "2024-01-01")],
                            meetings: [Ex.meeting("2024-03-02")]),
                        Ex.child(
                            "C2", clientships: [Ex.clientship(start: "2024-01-01")],
                            meetings: [Ex.meeting("2024-05-01", withChild: false)]),
                    ], generated: "2024-05-31"), expected: RuleTally(counted: 2, failing: 2)),
        ]
    }
}

/// Staffing on T: per post, vacant FTE = post FTE − FTE of occupancies covering
/// T (inclusive; an occupancy without `fte` fills the post), clamped at zero;
/// summed by region, service and role.
public enum StaffingMeasure: Rule {
    public static let definition = RuleDescription(
        id: .staffing, reference: "LSL 11 §",
        name: ["fi": "Henkilöstö", "sv": "Personal", "en": "Staffing"],
        statement: [
            "fi": "Lastensuojelu on järjestettävä sisällöltään ja laajuudeltaan tarpeen mukaisena; raportoidaan "
                + "virkojen ja toimien henkilötyövuodet ja täyttämättömät henkilötyövuodet tarkastelupäivänä.",
            "sv": "Barnskyddet ska ordnas till innehåll och omfattning enligt behovet; rapporteras tjänsternas "
                + "årsverken och de obesatta årsverkena på granskningsdagen.",
            "en": "Child welfare must be organised to the extent the need requires; the posts' full-time "
                + "equivalents and the vacant ones on the review date are reported.",
        ],
        isPolicy: false)

    public static func tally(_ evaluation: Evaluation) -> RuleTally {
        let rows = evaluation.findings.staffing.filter { $0.region != Findings.allRegions }
        return RuleTally(counted: rows.count, failing: rows.filter { $0.vacant > 0 }.count)
    }

    public static var examples: [RuleExample] {
        [
            RuleExample(
                "an occupancy ending on T still fills the post",
                Ex.export(
                    [],
                    posts: [
                        Ex.post("V1", occupancies: [Ex.occupancy("W1", from: "2023-01-01", to: "2024-05-31")])
                    ], generated: "2024-05-31"), expected: RuleTally(counted: 1, failing: 0)),
            RuleExample(
                "a part-time occupancy, and one that ended the day before T, leave vacancies",
                Ex.export(
                    [],
                    posts: [
                        Ex.post("V1", occupancies: [Ex.occupancy("W1", from: "2023-01-01", fte: "0.6")]),
                        Ex.post(
                            nil, region: nil, occupancies: [Ex.occupancy("W2", from: "2023-01-01", to: "2024-05-30")]),
                    ], generated: "2024-05-31"), expected: RuleTally(counted: 2, failing: 2)),
        ]
    }
}
