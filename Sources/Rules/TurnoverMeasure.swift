import CaseModel

/// `turnover` (henkilöstön vaihtuvuus), per the worker record's service, region and
/// role (and `*`): with E the earlier of the period's end and T, employed on the
/// period's first day and on E, joined (first day < start ≤ E) and left (first day ≤
/// end < E). A worker is employed on day D when (no start or start ≤ D) and (no end
/// or end ≥ D); the worker record's own dates, never occupancies. No rows when T is
/// before the period.
public enum TurnoverMeasure: Rule {
    struct Key: Hashable {
        var service: Service?
        var region: String
        var role: WorkerRole
    }

    struct Counts {
        var employedStart = 0
        var employedEnd = 0
        var joined = 0
        var left = 0
        var any: Bool { employedStart + employedEnd + joined + left > 0 }
    }

    static func rows(_ workers: [Worker], period: ClosedRange<CalendarDate>, asOf t: CalendarDate) -> [Findings.TurnoverRow] {
        let first = period.lowerBound
        guard t >= first else { return [] }
        let e = min(period.upperBound, t)
        func employed(_ w: Worker, _ d: CalendarDate) -> Bool {
            (w.start.map { $0 <= d } ?? true) && (w.end.map { $0 >= d } ?? true)
        }
        var counts: [Key: Counts] = [:]
        for w in workers {
            var c = Counts()
            if employed(w, first) { c.employedStart = 1 }
            if employed(w, e) { c.employedEnd = 1 }
            if let start = w.start, first < start, start <= e { c.joined = 1 }
            if let end = w.end, first <= end, end < e { c.left = 1 }
            guard c.any else { continue }
            for key in [Key(service: w.service, region: w.region, role: w.role),
                        Key(service: w.service, region: Findings.allRegions, role: w.role)] {
                var sum = counts[key] ?? Counts()
                sum.employedStart += c.employedStart
                sum.employedEnd += c.employedEnd
                sum.joined += c.joined
                sum.left += c.left
                counts[key] = sum
            }
        }
        return counts.map { key, c in
            Findings.TurnoverRow(
                service: key.service?.rawValue, region: key.region, role: key.role.rawValue,
                employedStart: c.employedStart, employedEnd: c.employedEnd, joined: c.joined, left: c.left)
        }.sorted { a, b in
            let ka = (RowOrder.rank(optional: a.service), RowOrder.rank(a.region))
            let kb = (RowOrder.rank(optional: b.service), RowOrder.rank(b.region))
            if ka.0 != kb.0 { return ka.0 < kb.0 }
            if ka.1 != kb.1 { return ka.1 < kb.1 }
            return a.role < b.role
        }
    }

    public static let definition = RuleDescription(
        id: .turnover, reference: "LSL 11 §",
        name: ["fi": "Henkilöstön vaihtuvuus", "sv": "Personalomsättning", "en": "Staff turnover"],
        statement: [
            "fi": "Työssä jakson alussa ja lopussa, aloittaneet ja lopettaneet palveluittain ja tehtävittäin.",
            "sv": "Anställda vid periodens början och slut, nya och avgångna per tjänst och uppgift.",
            "en": "Staff employed at the period's start and end, joined and left, by service and role.",
        ],
        isPolicy: false)

    public static var hasFailingState: Bool { false }

    /// Workers who left.
    public static func tally(_ evaluation: Evaluation) -> RuleTally {
        RuleTally(
            counted: evaluation.findings.turnover.filter { $0.region == Findings.allRegions }.reduce(0) { $0 + $1.left },
            failing: 0)
    }

    public static var examples: [RuleExample] {
        [
            RuleExample(
                "Inflow example 3: employed from 2019, left 31.3.; started 1.1. is employed on the first day; started "
                    + "2.1. joined",
                Ex.export(
                    [],
                    workers: [
                        Ex.worker("W1", start: "2019-01-01", end: "2025-03-31"), Ex.worker("W2", start: "2025-01-01"),
                        Ex.worker("W3", start: "2025-01-02"),
                    ], generated: "2025-06-16"),
                expected: RuleTally(counted: 1, failing: 0)),
            RuleExample(
                "no one left",
                Ex.export([], workers: [Ex.worker("W2", start: "2025-01-01")], generated: "2025-06-16"),
                expected: RuleTally(counted: 0, failing: 0)),
        ]
    }
}
