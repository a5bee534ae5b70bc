import CaseModel
import Rules

/// A numerator over a denominator (counts, or FTE for the vacancy rate).
struct Ratio: Sendable {
    var num: Double
    var den: Double

    init(_ num: Double, _ den: Double) {
        self.num = num
        self.den = den
    }

    init(_ num: Int, _ den: Int) { self.init(Double(num), Double(den)) }

    static func + (a: Ratio, b: Ratio) -> Ratio { Ratio(a.num + b.num, a.den + b.den) }
    static let zero = Ratio(0.0, 0.0)
}

/// What one rate is: its rows per region and organisation-wide, and how it is read.
struct RateSpec {
    var label: String
    var rule: String
    var higherIsBetter = true
    /// Counts describe children: their rates are suppressed under 5. FTE are not.
    var describesChildren = true
    var org: Ratio?
    var regions: [(code: String, ratio: Ratio)]
    var previousOrg: Ratio?
    /// The rules stage's comparison of this rate across regions, when it made one: the
    /// regions it found to differ materially are the ones named (the report never decides twice).
    var comparison: RegionalComparison? = nil
    /// The published figures of a rate about children (`Publication.Key`): nil for staff (FTE).
    var keys: RateKeys? = nil
    /// The periodic report's name for the share that met the rule, where the rate counts the
    /// shortfall (`met.*` labels: assigned, filled, with a personal worker); nil: `label`.
    var metLabel: String? = nil
}

/// Where a rate's figures stand among the published ones.
struct RateKeys {
    var numerator: String
    var denominator: String
    var share: String
    /// Region code → the key of the region's share.
    var regions: [String: String]
}

extension ReportBuilder {
    /// Builds the sentence values of one rate (rules.md, "Regional differences"):
    /// a region differs materially when its denominator is at least 5 and its
    /// rate is at least `gapPoints` percentage points worse than the
    /// organisation's, compared on the exact fractions (as the rules stage does).
    func rateFinding(_ spec: RateSpec) -> RateFinding {
        let minDen: Double = spec.describesChildren ? 5 : 0
        let org = spec.org ?? spec.regions.reduce(Ratio.zero) { $0 + $1.ratio }
        let share = shownShare(spec, key: spec.keys?.share, org)
        let previousShare = spec.previousOrg.flatMap {
            suppression.visibleShare($0.num, $0.den, minimumDenominator: minDen)
        }
        var change = ""
        var changeSize = ""
        var improved = false
        var worsened = false
        var unchanged = false
        if let now = share, let before = previousShare {
            // The difference of the two printed figures (one decimal), so that a reader can check it
            // (report.md "A reply a director signs": "93,3 %; muutos 1,7" beside figures 1,6 apart).
            let printed = { (v: Double) in (v * 1000).rounded() / 10 }
            let points = printed(now) - printed(before)
            change = style.signedPoints(points)
            changeSize = style.oneDecimal(abs(points))
            // Below a twentieth of a point the one-decimal figure reads 0,0: call it unchanged.
            if abs(points) < 0.05 {
                unchanged = true
            } else if (points > 0) == spec.higherIsBetter {
                improved = true
            } else {
                worsened = true
            }
        }
        let sorted = spec.regions.sorted { $0.code < $1.code }
        let differing = sorted.filter { differsMaterially($0.code, spec: spec) }.map {
            regionRef($0.code)
        }
        var best: (code: String, share: Double)?
        var worst: (code: String, share: Double)?
        // The spread is taken over the regions that may be named (`regionalMinCount`; FTE for staff).
        let minimum = Double(evaluation.settings.regionalMinCount)
        for r in sorted where r.ratio.den >= minimum {
            guard let s = shownShare(spec, key: spec.keys?.regions[r.code], r.ratio) else { continue }
            let better = { (a: Double, b: Double) in spec.higherIsBetter ? a > b : a < b }
            if best == nil || better(s, best!.share) { best = (r.code, s) }
            if worst == nil || better(worst!.share, s) { worst = (r.code, s) }
        }
        let hasSpread = sorted.count >= 2 && best != nil && worst != nil && best!.code != worst!.code
        let count: (String?, Double) -> String = { key, v in
            guard spec.describesChildren else { return style.oneDecimal(v) }
            return key.map { publication.count($0, Int(v)) } ?? suppression.count(Int(v))
        }
        return RateFinding(
            label: spec.label, rule: spec.rule, reference: LegalReference.localise(rules[spec.rule]?.reference ?? "", language),
            hasRate: share != nil, noCases: org.den == 0, rate: share.map(style.percent) ?? (org.den == 0 ? Publication.nothing : Publication.hidden),
            numerator: count(spec.keys?.numerator, org.num), denominator: count(spec.keys?.denominator, org.den),
            hasPrevious: previousShare != nil,
            previousRate: previousShare.map(style.percent) ?? Publication.hidden,
            change: change, changeSize: changeSize, improved: improved, worsened: worsened, unchanged: unchanged,
            higherIsBetter: spec.higherIsBetter, differing: differing, hasDiffering: !differing.isEmpty,
            hasSpread: hasSpread, best: best.map { regionRef($0.code) },
            bestRate: best.map { style.percent($0.share) } ?? "",
            worst: worst.map { regionRef($0.code) }, worstRate: worst.map { style.percent($0.share) } ?? "")
    }

    /// A share as published: a rate about children by its key (withheld or too few: nil),
    /// a staff rate (FTE) whenever it has a denominator.
    func shownShare(_ spec: RateSpec, key: String?, _ r: Ratio) -> Double? {
        guard spec.describesChildren else { return suppression.visibleShare(r.num, r.den, minimumDenominator: 0) }
        guard let key else { return suppression.visibleShare(r.num, r.den) }
        return publication.shareValue(key, Int(r.num), Int(r.den))
    }

    /// The rules stage's verdict (`regionalDifferences`): the report never decides it again.
    func differsMaterially(_ code: String, spec: RateSpec) -> Bool {
        spec.comparison?.regions.first { $0.region == code }?.differsMaterially ?? false
    }

    /// The comparison Rules made of a metric (of a rule and service).
    func comparison(_ metric: RegionalComparison.Metric, rule: String, service: String?) -> RegionalComparison? {
        comparisons.first { $0.metric == metric && $0.rule == rule && $0.service == service }
    }

    /// The share shown in a table cell: of a previous period (no counts of it are printed,
    /// so only fewer than 5 withholds it), or of staff (FTE, never withheld).
    func rateText(_ r: Ratio?, describesChildren: Bool = true) -> String {
        guard let r, r.den > 0 else { return Publication.nothing }
        guard let share = suppression.visibleShare(r.num, r.den, minimumDenominator: describesChildren ? 5 : 0) else {
            return Publication.hidden
        }
        return style.percent(share)
    }

    /// Every rate of the findings, in the order of rules.md's "Regional differences":
    /// deadline rates by rule and service, plan coverage and up-to-date plans by
    /// service, unassigned share, meeting rate, vacancy rate.
    func allRateSpecs() throws -> [RateSpec] {
        var out = try deadlineSpecs()
        for plan in try planSpecs() { out += [plan.coverage, plan.upToDate] }
        out += [unassignedSpec(), meetingSpec(), vacancySpec()].compactMap { $0 }
        out += try serviceRateSpecs()
        return out
    }

    /// rules.md "Every service": per service, the share without a personal worker, the share of
    /// clients in need of special support without a social worker, the share of special-support
    /// assessments by a social worker.
    func serviceRateSpecs() throws -> [RateSpec] {
        var out: [RateSpec] = []
        let star = Findings.allRegions
        for service in services(in: findings.personalWorker.map(\.service)) {
            let rows = findings.personalWorker.filter { $0.service == service }
            let name = try serviceName(service)
            let key = { (r: String, c: String) in Publication.Key.personalWorker(service, r, c) }
            out.append(
                RateSpec(
                    label: try word("rate.withoutPersonalWorker") + " – " + name, rule: RuleID.personalWorker.rawValue,
                    higherIsBetter: false,
                    org: rows.first { $0.region == star }.map { Ratio($0.withoutWorker, $0.active) },
                    regions: rows.filter { $0.region != star }.map { ($0.region, Ratio($0.withoutWorker, $0.active)) },
                    previousOrg: previous?.personalWorker.first { $0.service == service && $0.region == star }.map {
                        Ratio($0.withoutWorker, $0.active)
                    },
                    comparison: comparison(.personalWorkerRate, rule: RuleID.personalWorker.rawValue, service: service),
                    keys: RateKeys(
                        numerator: key(star, "withoutWorker"), denominator: key(star, "active"), share: key(star, "share"),
                        regions: Dictionary(rows.map { ($0.region, key($0.region, "share")) }, uniquingKeysWith: { a, _ in a })),
                    metLabel: try word("met.personalWorker") + " – " + name)
            )
            let special = rows.filter { $0.specialSupport > 0 }
            if special.contains(where: { $0.region == star }) {
                let without = { (r: Findings.PersonalWorkerRow) in
                    Ratio(r.specialWithoutWorker + r.specialWithoutSocialWorker, r.specialSupport)
                }
                out.append(
                    RateSpec(
                        label: try word("rate.specialWithoutSocialWorker") + " – " + name,
                        rule: RuleID.personalWorker.rawValue, higherIsBetter: false,
                        org: special.first { $0.region == star }.map(without),
                        regions: special.filter { $0.region != star }.map { ($0.region, without($0)) },
                        comparison: comparison(
                            .specialSupportSocialWorkerRate, rule: RuleID.personalWorker.rawValue, service: service),
                        keys: RateKeys(
                            numerator: key(star, "specialWithout"), denominator: key(star, "specialSupport"),
                            share: key(star, "specialShare"),
                            regions: Dictionary(
                                special.map { ($0.region, key($0.region, "specialShare")) },
                                uniquingKeysWith: { a, _ in a })),
                        metLabel: try word("met.socialWorker") + " – " + name))
            }
        }
        for service in services(in: findings.assessor.map(\.service)) {
            let rows = findings.assessor.filter { $0.service == service }
            let key = { (r: String, c: String) in Publication.Key.assessor(service, r, c) }
            out.append(
                RateSpec(
                    label: try word("rate.assessedBySocialWorker") + " – " + (try serviceName(service)),
                    rule: RuleID.assessor.rawValue,
                    org: rows.first { $0.region == star }.map { Ratio($0.bySocialWorker, $0.assessments) },
                    regions: rows.filter { $0.region != star }.map { ($0.region, Ratio($0.bySocialWorker, $0.assessments)) },
                    comparison: comparison(.assessorRate, rule: RuleID.assessor.rawValue, service: service),
                    keys: RateKeys(
                        numerator: key(star, "bySocialWorker"), denominator: key(star, "assessments"),
                        share: key(star, "share"),
                        regions: Dictionary(rows.map { ($0.region, key($0.region, "share")) }, uniquingKeysWith: { a, _ in a }))))
        }
        return out
    }

    /// A deadline rule's rate in one service, as its table shows it.
    func deadlineSpecs() throws -> [RateSpec] {
        var out: [RateSpec] = []
        for key in deadlineKeys() {
            let rows = findings.deadlines.filter { $0.rule == key.rule && $0.service == key.service }
            let prev = previous?.deadlines.first {
                $0.rule == key.rule && $0.service == key.service && $0.region == Findings.allRegions
            }
            out.append(
                RateSpec(
                    label: ruleName(key.rule) + " – " + (try serviceName(key.service)), rule: key.rule,
                    org: rows.first { $0.region == Findings.allRegions }.map(deadlineRatio),
                    regions: rows.filter { $0.region != Findings.allRegions }.map { ($0.region, deadlineRatio($0)) },
                    previousOrg: prev.map(deadlineRatio),
                    comparison: comparison(.deadlineRate, rule: key.rule, service: key.service),
                    keys: RateKeys(
                        numerator: Publication.Key.deadline(key.rule, key.service, Findings.allRegions, "met"),
                        denominator: Publication.Key.deadline(key.rule, key.service, Findings.allRegions, "decided"),
                        share: Publication.Key.deadline(key.rule, key.service, Findings.allRegions, "rate"),
                        regions: Dictionary(
                            rows.map { ($0.region, Publication.Key.deadline(key.rule, key.service, $0.region, "rate")) },
                            uniquingKeysWith: { a, _ in a }))))
        }
        return out
    }

    func deadlineRatio(_ r: Findings.DeadlineRow) -> Ratio { Ratio(r.met, r.met + r.late + r.overdue) }

    /// (rule, service) pairs in the catalogue's rule order, then service order.
    func deadlineKeys() -> [(rule: String, service: String)] {
        var seen = Set<String>()
        var keys: [(rule: String, service: String)] = []
        for row in findings.deadlines where seen.insert(row.rule + "\u{0}" + row.service).inserted {
            keys.append((row.rule, row.service))
        }
        return keys.sorted { a, b in
            let ra = ruleOrder[a.rule] ?? Int.max
            let rb = ruleOrder[b.rule] ?? Int.max
            return (ra, a.rule, serviceOrder[a.service] ?? 9, a.service)
                < (rb, b.rule, serviceOrder[b.service] ?? 9, b.service)
        }
    }

    func planSpecs() throws -> [(service: String, coverage: RateSpec, upToDate: RateSpec)] {
        var out: [(service: String, coverage: RateSpec, upToDate: RateSpec)] = []
        for service in services(in: findings.plans.map(\.service)) {
            let rows = findings.plans.filter { $0.service == service }
            let rule = RuleID.plan(forCode: service)?.rawValue ?? ""
            let prev = previous?.plans.first { $0.service == service && $0.region == Findings.allRegions }
            let name = try serviceName(service)
            func spec(
                _ label: String, _ metric: RegionalComparison.Metric, _ column: String, _ shareColumn: String,
                _ num: (Findings.PlanRow) -> Int
            ) -> RateSpec {
                RateSpec(
                    label: label, rule: rule,
                    org: rows.first { $0.region == Findings.allRegions }.map { Ratio(num($0), $0.active) },
                    regions: rows.filter { $0.region != Findings.allRegions }.map {
                        ($0.region, Ratio(num($0), $0.active))
                    },
                    previousOrg: prev.map { Ratio(num($0), $0.active) },
                    comparison: comparison(metric, rule: rule, service: service),
                    keys: RateKeys(
                        numerator: Publication.Key.plan(service, Findings.allRegions, column),
                        denominator: Publication.Key.plan(service, Findings.allRegions, "active"),
                        share: Publication.Key.plan(service, Findings.allRegions, shareColumn),
                        regions: Dictionary(
                            rows.map { ($0.region, Publication.Key.plan(service, $0.region, shareColumn)) },
                            uniquingKeysWith: { a, _ in a })))
            }
            out.append(
                (
                    name, spec(try word("rate.planCoverage") + " – " + name, .planCoverage, "withPlan", "coverage", \.withPlan),
                    spec(try word("rate.plansUpToDate") + " – " + name, .plansUpToDate, "upToDate", "upToDateRate", \.upToDate)
                ))
        }
        return out
    }

    func planFindings() throws -> [PlanFinding] {
        try planSpecs().map {
            PlanFinding(service: $0.service, coverage: rateFinding($0.coverage), upToDate: rateFinding($0.upToDate))
        }
    }

    func unassignedSpec() -> RateSpec? {
        guard !findings.assignment.isEmpty else { return nil }
        let rows = findings.assignment
        return RateSpec(
            label: ruleName(RuleID.assigned.rawValue), rule: RuleID.assigned.rawValue, higherIsBetter: false,
            org: rows.first { $0.region == Findings.allRegions }.map { Ratio($0.unassigned, $0.active) },
            regions: rows.filter { $0.region != Findings.allRegions }.map {
                ($0.region, Ratio($0.unassigned, $0.active))
            },
            previousOrg: previous?.assignment.first { $0.region == Findings.allRegions }.map {
                Ratio($0.unassigned, $0.active)
            },
            comparison: comparison(.unassignedShare, rule: RuleID.assigned.rawValue, service: Service.lastensuojelu.rawValue),
            keys: RateKeys(
                numerator: Publication.Key.assignment(Findings.allRegions, "unassigned"),
                denominator: Publication.Key.assignment(Findings.allRegions, "active"),
                share: Publication.Key.assignment(Findings.allRegions, "share"),
                regions: Dictionary(
                    rows.map { ($0.region, Publication.Key.assignment($0.region, "share")) },
                    uniquingKeysWith: { a, _ in a })),
            metLabel: strings.words["met.assigned"])
    }

    func meetingSpec() -> RateSpec? {
        guard !findings.meetings.isEmpty else { return nil }
        let rows = findings.meetings
        return RateSpec(
            label: ruleName(RuleID.meeting.rawValue), rule: RuleID.meeting.rawValue,
            org: rows.first { $0.region == Findings.allRegions }.map { Ratio($0.metWithin, $0.active) },
            regions: rows.filter { $0.region != Findings.allRegions }.map {
                ($0.region, Ratio($0.metWithin, $0.active))
            },
            previousOrg: previous?.meetings.first { $0.region == Findings.allRegions }.map {
                Ratio($0.metWithin, $0.active)
            },
            comparison: comparison(.meetingRate, rule: RuleID.meeting.rawValue, service: Service.lastensuojelu.rawValue),
            keys: RateKeys(
                numerator: Publication.Key.meeting(Findings.allRegions, "metWithin"),
                denominator: Publication.Key.meeting(Findings.allRegions, "active"),
                share: Publication.Key.meeting(Findings.allRegions, "rate"),
                regions: Dictionary(
                    rows.map { ($0.region, Publication.Key.meeting($0.region, "rate")) },
                    uniquingKeysWith: { a, _ in a })))
    }

    func vacancySpec() -> RateSpec? {
        guard !findings.staffing.isEmpty else { return nil }
        let v = vacancyRatios(findings)
        return RateSpec(
            label: ruleName("staffing"), rule: "staffing", higherIsBetter: false, describesChildren: false,
            org: v.org, regions: v.regions.map { ($0.key, $0.value) },
            previousOrg: previous.map { vacancyRatios($0).org },
            comparison: comparison(.vacancyRate, rule: RuleID.staffing.rawValue, service: nil),
            metLabel: strings.words["met.filled"])
    }

    /// Vacant FTE over post FTE: per region over every post of it, and the
    /// organisation over the `*` rows (which hold the posts without a region too).
    func vacancyRatios(_ f: Findings) -> (org: Ratio, regions: [String: Ratio]) {
        var regions: [String: Ratio] = [:]
        var org = Ratio.zero
        for row in f.staffing {
            let r = Ratio(row.vacant, row.posts)
            if row.region == Findings.allRegions {
                org = org + r
            } else if let code = row.region {
                regions[code] = (regions[code] ?? .zero) + r
            }
        }
        return (org, regions)
    }

    /// The services present, in vocabulary order.
    func services(in codes: [String]) -> [String] {
        Array(Set(codes)).sorted { (serviceOrder[$0] ?? 9, $0) < (serviceOrder[$1] ?? 9, $1) }
    }
}

private let serviceOrder = ["lastensuojelu": 0, "lapsiperheet": 1, "tyoikaiset": 2]
