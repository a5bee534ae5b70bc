import CaseModel
import Rules

/// One figure of a findings file, named `FAMILY.field` (docs/history.md,
/// "Metrics"): the family says which findings array and which rows, the field
/// which count. A count is summed over the services of a region; a rate is its
/// numerator over its denominator, both summed the same way. The table below is
/// the one definition: `history trend`, its error for an unknown name, the docs'
/// list and the report's history all read it.
public struct Metric: Sendable, Equatable {
    public var family: String
    public var field: String
    public var name: String { family + "." + field }
}

/// A figure at one snapshot and region: a count, or a rate's parts.
public struct MetricValue: Sendable, Equatable {
    public var numerator: Int
    /// nil for a count.
    public var denominator: Int?

    public var rate: Double? {
        guard let d = denominator, d > 0 else { return nil }
        return Double(numerator) / Double(d)
    }
}

/// A row of a findings array as a metric family sees it.
struct MetricRow {
    var region: String
    var values: [String: Int]
}

struct MetricFamily: Sendable {
    var name: String
    /// The findings JSON array the rows come from.
    var array: String
    var counts: [String]
    /// A rate: its numerator field over the sum of its denominator fields.
    var rates: [(name: String, numerator: String, denominator: [String])]
    var rows: @Sendable (Findings) -> [MetricRow]
}

public enum Metrics {
    static let families: [MetricFamily] = deadlineFamilies + [
        MetricFamily(
            name: RuleID.backlog.rawValue, array: "backlog", counts: ["open", "notStarted", "overdue"], rates: []
        ) { f in
            f.backlog.map { MetricRow(region: $0.region, values: ["open": $0.open, "notStarted": $0.notStarted, "overdue": $0.overdue]) }
        },
        MetricFamily(name: RuleID.durations.rawValue, array: "durations", counts: ["completed"], rates: []) { f in
            f.durations.map { MetricRow(region: $0.region, values: ["completed": $0.completed]) }
        },
        planFamily(.childWelfarePlan) { $0 == Service.lastensuojelu.rawValue },
        planFamily(.socialWelfarePlan) { $0 != Service.lastensuojelu.rawValue },
        MetricFamily(
            name: RuleID.firstPlan.rawValue, array: "firstPlan", counts: ["started", "withPlan", "withoutPlan"],
            rates: [("rate", "withPlan", ["started"])]
        ) { f in
            f.firstPlan.map {
                MetricRow(region: $0.region, values: ["started": $0.started, "withPlan": $0.withPlan, "withoutPlan": $0.withoutPlan])
            }
        },
        MetricFamily(
            name: RuleID.assigned.rawValue, array: "assignment", counts: ["active", "unassigned", "assigned"],
            rates: [("rate", "assigned", ["active"])]
        ) { f in
            f.assignment.map {
                MetricRow(
                    region: $0.region,
                    values: ["active": $0.active, "unassigned": $0.unassigned, "assigned": $0.active - $0.unassigned])
            }
        },
        MetricFamily(name: RuleID.qualified.rawValue, array: "assignment", counts: ["unqualified"], rates: []) { f in
            f.assignment.map { MetricRow(region: $0.region, values: ["unqualified": $0.unqualified]) }
        },
        MetricFamily(
            name: RuleID.meeting.rawValue, array: "meetings", counts: ["active", "metWithin"],
            rates: [("rate", "metWithin", ["active"])]
        ) { f in
            f.meetings.map { MetricRow(region: $0.region, values: ["active": $0.active, "metWithin": $0.metWithin]) }
        },
        MetricFamily(
            name: RuleID.personalWorker.rawValue, array: "personalWorker",
            counts: ["active", "withoutWorker", "specialSupport", "specialWithoutWorker"], rates: []
        ) { f in
            f.personalWorker.map {
                MetricRow(
                    region: $0.region,
                    values: [
                        "active": $0.active, "withoutWorker": $0.withoutWorker, "specialSupport": $0.specialSupport,
                        "specialWithoutWorker": $0.specialWithoutWorker,
                    ])
            }
        },
        MetricFamily(name: RuleID.inflow.rawValue, array: "inflow", counts: ["received"], rates: []) { f in
            f.inflow.map { MetricRow(region: $0.region, values: ["received": $0.received]) }
        },
        MetricFamily(
            name: RuleID.repeatReferrals.rawValue, array: "repeatReferrals", counts: ["cases", "withoutAssessment"],
            rates: []
        ) { f in
            f.repeatReferrals.map {
                MetricRow(region: $0.region, values: ["cases": $0.cases, "withoutAssessment": $0.withoutAssessment])
            }
        },
    ]

    /// Every deadline rule: its outcomes, and the rate met / (met + late + overdue) as the report computes it.
    static var deadlineFamilies: [MetricFamily] {
        [RuleID.urgency, .screening, .assessmentStart, .assessmentCompletion, .socialUrgency].map { id in
            MetricFamily(
                name: id.rawValue, array: "deadlines", counts: ["met", "late", "overdue", "pending"],
                rates: [("rate", "met", ["met", "late", "overdue"])]
            ) { f in
                f.deadlines.filter { $0.rule == id.rawValue }.map {
                    MetricRow(
                        region: $0.region,
                        values: ["met": $0.met, "late": $0.late, "overdue": $0.overdue, "pending": $0.pending])
                }
            }
        }
    }

    static func planFamily(_ id: RuleID, service: @escaping @Sendable (String) -> Bool) -> MetricFamily {
        MetricFamily(
            name: id.rawValue, array: "plans", counts: ["active", "withPlan", "upToDate"],
            rates: [("coverage", "withPlan", ["active"]), ("rate", "upToDate", ["active"])]
        ) { f in
            f.plans.filter { service($0.service) }.map {
                MetricRow(region: $0.region, values: ["active": $0.active, "withPlan": $0.withPlan, "upToDate": $0.upToDate])
            }
        }
    }

    /// Every metric name, in the table's order.
    public static var names: [String] {
        families.flatMap { f in (f.counts + f.rates.map(\.name)).map { f.name + "." + $0 } }
    }

    /// The metric of a name, or an error listing every valid one.
    public static func parse(_ name: String) throws -> Metric {
        guard names.contains(name), let dot = name.lastIndex(of: ".") else {
            throw HistoryError.unknownMetric(name, valid: names)
        }
        return Metric(family: String(name[..<dot]), field: String(name[name.index(after: dot)...]))
    }

    /// The metric in one findings file, per region (`*` organisation-wide), regions in the file's order.
    public static func values(_ metric: Metric, in findings: Findings) -> [(region: String, value: MetricValue)] {
        guard let family = families.first(where: { $0.name == metric.family }) else { return [] }
        var order: [String] = []
        var sums: [String: (Int, Int)] = [:]
        let rate = family.rates.first { $0.name == metric.field }
        for row in family.rows(findings) {
            if sums[row.region] == nil { order.append(row.region) }
            var s = sums[row.region] ?? (0, 0)
            if let rate {
                s.0 += row.values[rate.numerator] ?? 0
                s.1 += rate.denominator.reduce(0) { $0 + (row.values[$1] ?? 0) }
            } else {
                s.0 += row.values[metric.field] ?? 0
            }
            sums[row.region] = s
        }
        // Organisation-wide first, then the regions as the findings list them.
        let regions = order.filter { $0 == Findings.allRegions } + order.filter { $0 != Findings.allRegions }
        return regions.map { r in
            let s = sums[r] ?? (0, 0)
            return (r, MetricValue(numerator: s.0, denominator: rate == nil ? nil : s.1))
        }
    }

    /// The findings JSON array each family reads, for the docs.
    public static var familyArrays: [(family: String, array: String)] { families.map { ($0.name, $0.array) } }
}
