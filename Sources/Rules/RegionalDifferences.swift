import CaseModel

/// A rate of one region (or of the organisation, region `*`). For the vacancy
/// rate the 5-or-more rule is applied to the posts' FTE (5 full-time posts).
public struct RegionalRate: Sendable, Equatable {
    public var region: String
    /// Counts, or millionths of FTE for the vacancy rate.
    public var numerator: Double
    public var denominator: Double
    /// At least `regionalMinCount` in the denominator and at least `regionalGapPoints` worse than the organisation.
    public var differsMaterially: Bool

    /// numerator ÷ denominator, nil when the denominator is zero.
    public var rate: Double? { denominator > 0 ? numerator / denominator : nil }
}

/// One rate compared across regions (rules.md, "Regional differences").
public struct RegionalComparison: Sendable, Equatable {
    public enum Metric: String, Sendable, CaseIterable {
        /// met ÷ (met + late + overdue) of a deadline rule in a service.
        case deadlineRate
        /// withPlan ÷ active, per service.
        case planCoverage
        /// upToDate ÷ active, per service.
        case plansUpToDate
        /// unassigned ÷ active (lower is better).
        case unassignedShare
        /// metWithin ÷ active of the LSL29 population.
        case meetingRate
        /// vacant FTE ÷ post FTE over every post of the region (lower is better).
        case vacancyRate
        /// (active − withoutWorker) ÷ active, per service (SHL 42 § 1 mom.).
        case personalWorkerRate
        /// (specialSupport − specialWithoutWorker − specialWithoutSocialWorker) ÷ specialSupport (SHL 42 § 3 mom.).
        case specialSupportSocialWorkerRate
        /// bySocialWorker ÷ assessments (SHL 36 § 5 mom.).
        case assessorRate
        /// The median clients per worker of a service (nearest-rank); its `rate` is that median
        /// (numerator = median × workers, denominator = workers). Lower is better.
        case workloadMedian
    }

    public var metric: Metric
    /// The rule the rate belongs to (`staffing` for the vacancy rate).
    public var rule: String
    /// The service, where the rate is per service.
    public var service: String?
    public var higherIsBetter: Bool
    public var organisation: RegionalRate
    /// Every region with a row, in region code order.
    public var regions: [RegionalRate]
    /// The least denominator of a region that may be named (differing, best or worst).
    public var minimumDenominator: Double = 0

    /// Codes of the regions that differ materially, in region code order.
    public var differing: [String] { regions.filter(\.differsMaterially).map(\.region) }

    /// The best and the worst region among those with a rate and a denominator of at least
    /// `minimumDenominator` (first in code order on ties).
    public var best: RegionalRate? { extreme(better: true) }
    public var worst: RegionalRate? { extreme(better: false) }

    private func extreme(better: Bool) -> RegionalRate? {
        var pick: RegionalRate?
        for r in regions where r.denominator >= minimumDenominator {
            guard let rate = r.rate else { continue }
            guard let current = pick?.rate else {
                pick = r
                continue
            }
            let isBetter = higherIsBetter ? rate > current : rate < current
            let isWorse = higherIsBetter ? rate < current : rate > current
            if better ? isBetter : isWorse { pick = r }
        }
        return pick
    }
}

/// Every rate of the findings per region beside the organisation's, in the
/// order deadlines (by rule, service), plan coverage and up-to-date plans (by
/// service), unassigned share, meeting rate, vacancy rate. A region differs
/// materially when its denominator is ≥ 5 and its rate is at least
/// `gapPoints` percentage points worse; the comparison is made on the exact
/// fractions (cross-multiplied), so a gap of exactly 10 points counts.
/// The one test of "differs materially" (rules.md, "Regional differences"): the
/// region's denominator is at least `minimumDenominator` and its rate is at
/// least `gapPoints` percentage points worse than the organisation's, compared
/// on the exact fractions (cross-multiplied), so a gap of exactly the setting counts.
public func differsMaterially(
    num: Double, den: Double, orgNum: Double, orgDen: Double, higherIsBetter: Bool, gapPoints: Double,
    minimumDenominator: Double
) -> Bool {
    guard den >= minimumDenominator, den > 0, orgDen > 0 else { return false }
    // org − region ≥ gap/100  ⇔  100·(org.num·den − num·org.den) ≥ gap·den·org.den
    let diff = 100 * (orgNum * den - num * orgDen) * (higherIsBetter ? 1 : -1)
    return diff >= gapPoints * den * orgDen
}

/// Every rate of the findings compared across regions. `minimumCount` is the setting
/// `regionalMinCount` (report.md "A reply a director signs", default 20): it applies to every
/// rate, the vacancy rate's FTE included; workload keeps its 5 workers.
public func regionalDifferences(
    _ findings: Findings, gapPoints: Double = 10, workloadGapPercent: Double = 20, minimumCount: Int = 20
) -> [RegionalComparison] {
    var out: [RegionalComparison] = []
    func add(
        _ metric: RegionalComparison.Metric, rule: String, service: String?, higherIsBetter: Bool,
        minimumDenominator: Double = Double(minimumCount), rows: [(region: String, num: Double, den: Double)]
    ) {
        guard let org = rows.first(where: { $0.region == Findings.allRegions }) else { return }
        let regional = rows.filter { $0.region != Findings.allRegions }.sorted { $0.region < $1.region }
        func worse(_ num: Double, _ den: Double) -> Bool {
            differsMaterially(
                num: num, den: den, orgNum: org.num, orgDen: org.den, higherIsBetter: higherIsBetter,
                gapPoints: gapPoints, minimumDenominator: minimumDenominator)
        }
        out.append(
            RegionalComparison(
                metric: metric, rule: rule, service: service, higherIsBetter: higherIsBetter,
                organisation: RegionalRate(
                    region: Findings.allRegions, numerator: org.num, denominator: org.den,
                    differsMaterially: false),
                regions: regional.map {
                    RegionalRate(
                        region: $0.region, numerator: $0.num, denominator: $0.den,
                        differsMaterially: worse($0.num, $0.den))
                }, minimumDenominator: minimumDenominator))
    }
    let rules = Array(Set(findings.deadlines.map { "\($0.rule)\u{0}\($0.service)" })).sorted()
    for key in rules {
        let parts = key.split(separator: "\u{0}", omittingEmptySubsequences: false).map(String.init)
        let rows = findings.deadlines.filter { $0.rule == parts[0] && $0.service == parts[1] }
        add(
            .deadlineRate, rule: parts[0], service: parts[1], higherIsBetter: true,
            rows: rows.map { ($0.region, Double($0.met), Double($0.met + $0.late + $0.overdue)) })
    }
    for service in Service.allCases.map(\.rawValue) {
        let rows = findings.plans.filter { $0.service == service }
        let rule = RuleID.plan(forCode: service)?.rawValue ?? ""
        add(
            .planCoverage, rule: rule, service: service, higherIsBetter: true,
            rows: rows.map { ($0.region, Double($0.withPlan), Double($0.active)) })
        add(
            .plansUpToDate, rule: rule, service: service, higherIsBetter: true,
            rows: rows.map { ($0.region, Double($0.upToDate), Double($0.active)) })
    }
    add(
        .unassignedShare, rule: RuleID.assigned.rawValue, service: Service.lastensuojelu.rawValue, higherIsBetter: false,
        rows: findings.assignment.map { ($0.region, Double($0.unassigned), Double($0.active)) })
    add(
        .meetingRate, rule: RuleID.meeting.rawValue, service: Service.lastensuojelu.rawValue, higherIsBetter: true,
        rows: findings.meetings.map { ($0.region, Double($0.metWithin), Double($0.active)) })
    // Vacancy over every post of a region; the organisation is every post (the `*` rows).
    var vacancy: [String: (num: Double, den: Double)] = [:]
    for row in findings.staffing {
        guard let region = row.region else { continue }
        let sum = vacancy[region] ?? (0, 0)
        // In exact millionths, so that sums of FTE compare exactly.
        vacancy[region] = (sum.num + (row.vacant * 1e6).rounded(), sum.den + (row.posts * 1e6).rounded())
    }
    add(
        .vacancyRate, rule: StaffingMeasure.definition.id, service: nil, higherIsBetter: false,
        minimumDenominator: Double(minimumCount) * 1e6, rows: vacancy.map { ($0.key, $0.value.num, $0.value.den) })
    for service in Service.allCases.map(\.rawValue) {
        let rows = findings.personalWorker.filter { $0.service == service }
        add(
            .personalWorkerRate, rule: RuleID.personalWorker.rawValue, service: service, higherIsBetter: true,
            rows: rows.map { ($0.region, Double($0.active - $0.withoutWorker), Double($0.active)) })
        add(
            .specialSupportSocialWorkerRate, rule: RuleID.personalWorker.rawValue, service: service,
            higherIsBetter: true,
            rows: rows.map {
                (
                    $0.region, Double($0.specialSupport - $0.specialWithoutWorker - $0.specialWithoutSocialWorker),
                    Double($0.specialSupport)
                )
            })
        add(
            .assessorRate, rule: RuleID.assessor.rawValue, service: service, higherIsBetter: true,
            rows: findings.assessor.filter { $0.service == service }.map {
                ($0.region, Double($0.bySocialWorker), Double($0.assessments))
            })
    }
    out += workloadDifferences(findings.workload, gapPercent: workloadGapPercent)
    return out
}

/// Workload (rules.md "Every service"): per service of the worker records, a region
/// whose median clients per worker is at least `gapPercent` % above the
/// organisation's, with at least 5 workers, differs materially (exact: 100 × region
/// median ≥ (100 + gap) × organisation median).
func workloadDifferences(_ rows: [Findings.WorkloadRow], gapPercent: Double) -> [RegionalComparison] {
    func median(_ values: [Int]) -> Int { EvaluationPass.nearestRank(values.sorted(), percent: 50) ?? 0 }
    var out: [RegionalComparison] = []
    for service in Set(rows.compactMap(\.service)).sorted() {
        let mine = rows.filter { $0.service == service }
        let org = median(mine.map(\.clients))
        let regions = Dictionary(grouping: mine, by: \.region).sorted { $0.key < $1.key }.map { code, workers in
            let m = median(workers.map(\.clients))
            return RegionalRate(
                region: code, numerator: Double(m * workers.count), denominator: Double(workers.count),
                differsMaterially: workers.count >= 5 && 100 * Double(m) >= (100 + gapPercent) * Double(org))
        }
        out.append(
            RegionalComparison(
                metric: .workloadMedian, rule: RuleID.workload.rawValue, service: service, higherIsBetter: false,
                organisation: RegionalRate(
                    region: Findings.allRegions, numerator: Double(org * mine.count), denominator: Double(mine.count),
                    differsMaterially: false),
                regions: regions, minimumDenominator: 5))
    }
    return out
}
