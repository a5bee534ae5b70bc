import CaseModel

/// Turns the counters of a pass into `Findings` rows (report.md, "Exactly
/// which rows exist") and the item lists of `Evaluation`.
extension EvaluationPass {
    func finish() -> Evaluation {
        let order = regionCodes.indices.sorted { regionCodes[$0] < regionCodes[$1] }
        let header = export.header
        let findings = Findings(
            organisation: header.organisation, asOf: t.iso,
            period: Findings.Period(
                start: period.lowerBound.iso, end: period.upperBound.iso, basis: Self.periodBasis),
            deadlines: deadlineRows(order), plans: planRows(order), firstPlan: firstPlanRows(order),
            assignment: assignmentRows(order),
            caseload: caseloadRows(), durations: durationRows(order), backlog: backlogRows(order),
            meetings: meetingRows(order), staffing: staffingRows(),
            rejected: export.rejected.sorted().map {
                Findings.RejectedRow(source: $0.location.source, line: $0.location.line, reason: $0.reason)
            })
        var f = findings
        f.inflow = inflowRows(order)
        f.backlogAge = backlogAgeRows(order)
        f.backlogForecast = forecastRows(f.backlog)
        f.personalWorker = perService(order, PersonalWorkerRule.services, \.personalWorker, { $0.active > 0 }) { s, r, t in
            Findings.PersonalWorkerRow(
                service: s.rawValue, region: r, active: t.active, withoutWorker: t.withoutWorker,
                specialSupport: t.specialSupport, specialWithoutWorker: t.specialWithoutWorker,
                specialWithoutSocialWorker: t.specialWithoutSocialWorker)
        }
        f.assessor = perService(order, Service.allCases, \.assessor, { $0.assessments > 0 }) { s, r, t in
            Findings.AssessorRow(
                service: s.rawValue, region: r, assessments: t.assessments, bySocialWorker: t.bySocialWorker,
                byOther: t.byOther, noWorker: t.noWorker)
        }
        f.workload = workloadRows()
        f.repeatReferrals = perService(order, Service.allCases, \.repeatReferrals, { $0.cases > 0 }) { s, r, t in
            Findings.RepeatReferralRow(service: s.rawValue, region: r, cases: t.cases, withoutAssessment: t.withoutAssessment)
        }
        f.turnover = TurnoverMeasure.rows(export.workers, period: period, asOf: t)
        var names: [String: String] = [:]
        for region in export.regions { names[region.code] = region.name }
        return Evaluation(
            findings: f, asOf: t, periodStart: period.lowerBound, periodEnd: period.upperBound,
            lazyItems: { [self] in deadlineItems(order) }, unassigned: sortedUnassigned(),
            caseloadLimit: CaseloadLimit.limit(on: t),
            firstPlans: firstPlans.sorted { ($0.region, $0.caseId, $0.start) < ($1.region, $1.caseId, $1.start) },
            regionNames: names, settings: settings)
    }

    /// The `period.basis` object: each rule whose basis is not the clock start, and `*` for the rest.
    static let periodBasis: [String: String] = {
        var basis = [Findings.allRegions: DeadlineRule.Basis.clockStart.rawValue]
        for rule in DeadlineRule.all where rule.basis != .clockStart { basis[rule.id.rawValue] = rule.basis.rawValue }
        return basis
    }()

    /// For each key: the `*` row (built from the regional rows, only when there is one) then the regional rows.
    private func withTotal<Row>(_ regional: [Row], total: ([Row]) -> Row) -> [Row] {
        regional.isEmpty ? [] : [total(regional)] + regional
    }

    private func deadlineRows(_ order: [Int]) -> [Findings.DeadlineRow] {
        var rows: [Findings.DeadlineRow] = []
        for (k, rule) in DeadlineRule.all.enumerated() {
            for service in Service.allCases {
                let base = RegionTally.slot(rule: k, service: service.index, outcome: 0)
                func counts(_ n: [Int]) -> OutcomeCounts {
                    OutcomeCounts(met: n[base], late: n[base + 1], overdue: n[base + 2], pending: n[base + 3])
                }
                func row(_ region: String, _ c: OutcomeCounts, _ subset: OutcomeCounts) -> Findings.DeadlineRow {
                    Findings.DeadlineRow(
                        rule: rule.id.rawValue, service: service.rawValue, region: region, met: c.met, late: c.late,
                        overdue: c.overdue, pending: c.pending, urgentOnly: rule.subset == nil ? nil : subset)
                }
                var total = (OutcomeCounts.zero, OutcomeCounts.zero)
                let regional = order.compactMap { r -> Findings.DeadlineRow? in
                    let c = counts(regions[r].deadlines)
                    guard c.decided + c.pending > 0 else { return nil }
                    let subset = counts(regions[r].subsets)
                    total = (total.0 + c, total.1 + subset)
                    return row(regionCodes[r], c, subset)
                }
                if !regional.isEmpty { rows += [row(Findings.allRegions, total.0, total.1)] + regional }
            }
        }
        return rows
    }

    private func firstPlanRows(_ order: [Int]) -> [Findings.FirstPlanRow] {
        func row(_ region: String, _ f: FirstPlanTally) -> Findings.FirstPlanRow {
            let sorted = f.days.values.sorted()
            return Findings.FirstPlanRow(
                region: region, started: f.started, withPlan: sorted.count, withoutPlan: f.started - sorted.count,
                medianDays: Self.nearestRank(sorted, percent: 50), p90Days: Self.nearestRank(sorted, percent: 90))
        }
        var total = FirstPlanTally()
        let regional = order.compactMap { r -> Findings.FirstPlanRow? in
            let f = regions[r].firstPlan
            guard f.started > 0 else { return nil }
            total.merge(f)
            return row(regionCodes[r], f)
        }
        return regional.isEmpty ? [] : [row(Findings.allRegions, total)] + regional
    }

    /// Per service and region (and `*` first), rows of a per-service counter; a row exists when `exists`.
    private func perService<T: Tally, Row>(
        _ order: [Int], _ services: [Service], _ path: KeyPath<RegionTally, [T]>, _ exists: (T) -> Bool,
        _ row: (Service, String, T) -> Row
    ) -> [Row] {
        services.sorted().flatMap { service -> [Row] in
            var total: T?
            let regional = order.compactMap { r -> Row? in
                let t = regions[r][keyPath: path][service.index]
                guard exists(t) else { return nil }
                if total == nil { total = t } else { total!.merge(t) }
                return row(service, regionCodes[r], t)
            }
            guard let total else { return [] }
            return [row(service, Findings.allRegions, total)] + regional
        }
    }

    /// Referrals received in the period by service, region (`*` first) and kind (by code).
    private func inflowRows(_ order: [Int]) -> [Findings.InflowRow] {
        let kinds = ReferralKind.allCases.sorted { $0.rawValue < $1.rawValue }
        let n = ReferralKind.allCases.count
        var rows: [Findings.InflowRow] = []
        for service in Service.allCases {
            var totals = [Int](repeating: 0, count: n)
            for r in order {
                for k in 0..<n { totals[k] += regions[r].inflow[service.index * n + k] }
            }
            for (code, counts) in [(Findings.allRegions, totals)] + order.map({ r in
                (regionCodes[r], Array(regions[r].inflow[(service.index * n)..<(service.index * n + n)]))
            }) {
                for kind in kinds {
                    let v = counts[InflowMeasure.kindIndex(kind)]
                    if v > 0 { rows.append(Findings.InflowRow(service: service.rawValue, region: code, kind: kind.rawValue, received: v)) }
                }
            }
        }
        return rows
    }

    /// A row wherever the backlog has one.
    private func backlogAgeRows(_ order: [Int]) -> [Findings.BacklogAgeRow] {
        Service.allCases.flatMap { service -> [Findings.BacklogAgeRow] in
            var total = BacklogAgeTally()
            let regional = order.compactMap { r -> Findings.BacklogAgeRow? in
                guard regions[r].backlog[service.index].open > 0 else { return nil }
                let b = regions[r].backlogAge[service.index]
                total.merge(b)
                return Findings.BacklogAgeRow(
                    service: service.rawValue, region: regionCodes[r], under1m: b.under1m, m1to3: b.m1to3,
                    m3to6: b.m3to6, over6m: b.over6m)
            }
            guard !regional.isEmpty else { return [] }
            return [
                Findings.BacklogAgeRow(
                    service: service.rawValue, region: Findings.allRegions, under1m: total.under1m, m1to3: total.m1to3,
                    m3to6: total.m3to6, over6m: total.over6m)
            ] + regional
        }
    }

    /// Per service whose queue is open on T: the organisation's pace.
    private func forecastRows(_ backlog: [Findings.BacklogRow]) -> [Findings.BacklogForecastRow] {
        backlog.filter { $0.region == Findings.allRegions && $0.open > 0 }.compactMap { b in
            guard let service = Service(rawValue: b.service) else { return nil }
            var pace = ForecastTally()
            for r in regions.indices { pace.merge(regions[r].forecast[service.index]) }
            let clears = BacklogForecastMeasure.clearsOn(
                open: b.open, received: pace.received13w, completed: pace.completed13w, asOf: t)
            return Findings.BacklogForecastRow(
                service: b.service, open: b.open, received13w: pace.received13w, completed13w: pace.completed13w,
                clearsOn: clears?.iso)
        }
    }

    /// One row per worker with a client on T, sorted by region then worker.
    private func workloadRows() -> [Findings.WorkloadRow] {
        export.workers.indices.filter { workerClients[$0] > 0 }.map { i in
            let w = export.workers[i]
            return Findings.WorkloadRow(
                worker: w.id, region: w.region, role: w.role.rawValue, service: w.service?.rawValue,
                clients: workerClients[i], limit: w.service.flatMap { settings.workloadLimits[$0] })
        }.sorted { ($0.region, $0.worker) < ($1.region, $1.worker) }
    }

    /// Nearest-rank: the ⌈p·n/100⌉-th smallest of sorted values; nil when there are none.
    static func nearestRank(_ sorted: [Int], percent: Int) -> Int? {
        guard !sorted.isEmpty else { return nil }
        return sorted[max(1, (percent * sorted.count + 99) / 100) - 1]
    }

    private func planRows(_ order: [Int]) -> [Findings.PlanRow] {
        Service.allCases.flatMap { service in
            let regional = order.compactMap { r -> Findings.PlanRow? in
                let p = regions[r].plans[service.index]
                guard p.active > 0 else { return nil }
                return Findings.PlanRow(
                    service: service.rawValue, region: regionCodes[r], active: p.active,
                    withPlan: p.withPlan, upToDate: p.upToDate)
            }
            return withTotal(regional) { rs in
                Findings.PlanRow(
                    service: service.rawValue, region: Findings.allRegions,
                    active: rs.reduce(0) { $0 + $1.active }, withPlan: rs.reduce(0) { $0 + $1.withPlan },
                    upToDate: rs.reduce(0) { $0 + $1.upToDate })
            }
        }
    }

    private func assignmentRows(_ order: [Int]) -> [Findings.AssignmentRow] {
        let regional = order.compactMap { r -> Findings.AssignmentRow? in
            let a = regions[r].assignment
            guard a.active > 0 else { return nil }
            return Findings.AssignmentRow(
                region: regionCodes[r], active: a.active, unassigned: a.unassigned,
                unqualified: a.unqualified)
        }
        return withTotal(regional) { rs in
            Findings.AssignmentRow(
                region: Findings.allRegions, active: rs.reduce(0) { $0 + $1.active },
                unassigned: rs.reduce(0) { $0 + $1.unassigned },
                unqualified: rs.reduce(0) { $0 + $1.unqualified })
        }
    }

    private func meetingRows(_ order: [Int]) -> [Findings.MeetingRow] {
        let regional = order.compactMap { r -> Findings.MeetingRow? in
            let m = regions[r].meetings
            guard m.active > 0 else { return nil }
            return Findings.MeetingRow(region: regionCodes[r], active: m.active, metWithin: m.metWithin)
        }
        return withTotal(regional) { rs in
            Findings.MeetingRow(
                region: Findings.allRegions, active: rs.reduce(0) { $0 + $1.active },
                metWithin: rs.reduce(0) { $0 + $1.metWithin })
        }
    }

    /// One row per worker responsible on T for at least one counted child (rules.md
    /// Version 2); the row's region is the worker's. No `*` row.
    private func caseloadRows() -> [Findings.CaseloadRow] {
        let limit = CaseloadLimit.limit(on: t)
        return export.workers.indices.filter { workerChildren[$0] > 0 }
            .map { i in
                let w = export.workers[i]
                return Findings.CaseloadRow(worker: w.id, region: w.region, children: workerChildren[i], limit: limit)
            }
            .sorted { ($0.region, $0.worker) < ($1.region, $1.worker) }
    }

    /// Nearest-rank: the ⌈p·n⌉-th smallest value; the median is the ⌈n/2⌉-th (never a mean of two).
    static func durationRow(service: Service, region: String, days: [Int]) -> Findings.DurationRow {
        let sorted = days.sorted()
        return Findings.DurationRow(
            service: service.rawValue, region: region, completed: sorted.count,
            medianDays: nearestRank(sorted, percent: 50) ?? 0, p90Days: nearestRank(sorted, percent: 90) ?? 0)
    }

    private func durationRows(_ order: [Int]) -> [Findings.DurationRow] {
        Service.allCases.flatMap { service -> [Findings.DurationRow] in
            let withValues = order.filter { !regions[$0].durations[service.index].values.isEmpty }
            guard !withValues.isEmpty else { return [] }
            let all = withValues.flatMap { regions[$0].durations[service.index].values }
            return [Self.durationRow(service: service, region: Findings.allRegions, days: all)]
                + withValues.map {
                    Self.durationRow(
                        service: service, region: regionCodes[$0], days: regions[$0].durations[service.index].values)
                }
        }
    }

    private func backlogRows(_ order: [Int]) -> [Findings.BacklogRow] {
        Service.allCases.flatMap { service -> [Findings.BacklogRow] in
            var total = BacklogTally()
            let regional = order.compactMap { r -> Findings.BacklogRow? in
                let b = regions[r].backlog[service.index]
                guard b.open > 0 else { return nil }
                total.merge(b)
                return backlogRow(service, regionCodes[r], b)
            }
            return regional.isEmpty ? [] : [backlogRow(service, Findings.allRegions, total)] + regional
        }
    }

    private func backlogRow(_ service: Service, _ region: String, _ b: BacklogTally) -> Findings.BacklogRow {
        Findings.BacklogRow(
            service: service.rawValue, region: region, open: b.open, notStarted: b.notStarted,
            overdue: b.overdue, oldestDays: Int(t.dayNumber) - Int(b.earliestReceived))
    }

    /// A row per (region, service, role) that has a post; a `*` row per (service, role)
    /// sums every post of that key, those without a region included.
    private func staffingRows() -> [Findings.StaffingRow] {
        var totals: [StaffingKey: (posts: FTE, vacant: FTE)] = [:]
        for (key, sum) in staffing {
            let k = StaffingKey(region: Findings.allRegions, service: key.service, role: key.role)
            let t = totals[k] ?? (FTE.zero, FTE.zero)
            totals[k] = (t.posts + sum.posts, t.vacant + sum.vacant)
        }
        let rows = (staffing.map { ($0.key, $0.value) } + totals.map { ($0.key, $0.value) }).map { key, sum in
            Findings.StaffingRow(
                region: key.region, service: key.service?.rawValue, role: key.role?.rawValue,
                posts: sum.posts.doubleValue, vacant: sum.vacant.doubleValue)
        }
        return rows.sorted(by: RowOrder.staffing)
    }

    /// Sorted by rule, service, region (region code order), then case id; ties by dates.
    private func deadlineItems(_ order: [Int]) -> [DeadlineItem] {
        guard !items.isEmpty else { return [] }
        var regionRank = [Int32](repeating: 0, count: regionCodes.count)
        for (rank, r) in order.enumerated() { regionRank[r] = Int32(rank) }
        let cases = export.cases
        let caseOrder = cases.indices.sorted { cases[$0].id < cases[$1].id }
        var caseRank = [Int32](repeating: 0, count: cases.count)
        for (rank, i) in caseOrder.enumerated() { caseRank[i] = Int32(rank) }
        // One packed key per item (rule·service, region rank, case rank), then the dates.
        func key(_ i: ItemRecord) -> UInt64 {
            UInt64(Int(i.rule) * 4 + Int(i.service)) << 56 | UInt64(regionRank[Int(i.region)]) << 32
                | UInt64(UInt32(caseRank[Int(i.caseIndex)]))
        }
        let keyed = items.map { (key: key($0), item: $0) }
        let sorted = keyed.sorted { a, b in
            (a.key, a.item.clockStart, a.item.deadline, a.item.done) < (
                b.key, b.item.clockStart, b.item.deadline, b.item.done
            )
        }.map(\.item)
        return sorted.map { i in
            DeadlineItem(
                rule: DeadlineRule.all[Int(i.rule)].id.rawValue, service: Service.allCases[Int(i.service)],
                region: regionCodes[Int(i.region)], caseId: cases[Int(i.caseIndex)].id,
                clockStart: CalendarDate(dayNumber: i.clockStart), deadline: CalendarDate(dayNumber: i.deadline),
                done: i.done == Int32.min ? nil : CalendarDate(dayNumber: i.done),
                outcome: DeadlineOutcome.allCases[Int(i.outcome)], unrecorded: i.flags & 1 != 0,
                inSubset: i.flags & 2 != 0)
        }
    }

    /// Sorted by region code, then case id.
    private func sortedUnassigned() -> [UnassignedChild] {
        unassigned.sorted { ($0.region, $0.caseId) < ($1.region, $1.caseId) }
    }
}

/// The sort orders of report.md: rule, service, region (`*` first), then worker.
/// A missing value (a post without region, service or role, JSON null) sorts
/// after `*` and before every code.
enum RowOrder {
    static func rank(_ region: String?) -> (Int, String) {
        guard let region else { return (1, "") }
        return region == Findings.allRegions ? (0, "") : (2, region)
    }

    static func rank(optional value: String?) -> (Int, String) {
        value.map { (1, $0) } ?? (0, "")
    }

    static func staffing(_ a: Findings.StaffingRow, _ b: Findings.StaffingRow) -> Bool {
        let ka = (rank(optional: a.service), rank(a.region), rank(optional: a.role))
        let kb = (rank(optional: b.service), rank(b.region), rank(optional: b.role))
        if ka.0 != kb.0 { return ka.0 < kb.0 }
        if ka.1 != kb.1 { return ka.1 < kb.1 }
        return ka.2 < kb.2
    }
}
