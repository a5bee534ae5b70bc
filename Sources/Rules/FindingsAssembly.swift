import CaseModel

/// Turns the counters of a pass into `Findings` rows (report.md, "Exactly
/// which rows exist") and the item lists of `Evaluation`.
extension EvaluationPass {
    func finish() -> Evaluation {
        let order = regionCodes.indices.sorted { regionCodes[$0] < regionCodes[$1] }
        let header = export.header
        let findings = Findings(
            organisation: header.organisation, asOf: t.iso,
            period: Findings.Period(start: period.lowerBound.iso, end: period.upperBound.iso),
            deadlines: deadlineRows(order), plans: planRows(order), assignment: assignmentRows(order),
            caseload: caseloadRows(), durations: durationRows(order), backlog: backlogRows(order),
            meetings: meetingRows(order), staffing: staffingRows(),
            rejected: export.rejected.sorted().map {
                Findings.RejectedRow(source: $0.location.source, line: $0.location.line, reason: $0.reason)
            })
        var names: [String: String] = [:]
        for region in export.regions { names[region.code] = region.name }
        return Evaluation(
            findings: findings, asOf: t, periodStart: period.lowerBound, periodEnd: period.upperBound,
            items: deadlineItems(order), unassigned: sortedUnassigned(),
            caseloadLimit: CaseloadLimit.limit(on: t), regionNames: names, settings: settings)
    }

    /// For each key: the `*` row (built from the regional rows, only when there is one) then the regional rows.
    private func withTotal<Row>(_ regional: [Row], total: ([Row]) -> Row) -> [Row] {
        regional.isEmpty ? [] : [total(regional)] + regional
    }

    private func deadlineRows(_ order: [Int]) -> [Findings.DeadlineRow] {
        var rows: [Findings.DeadlineRow] = []
        for rule in DeadlineRuleKey.allCases {
            for service in Service.allCases {
                let base = (rule.rawValue * 3 + service.index) * 4
                let regional = order.compactMap { r -> Findings.DeadlineRow? in
                    let n = regions[r].deadlines[base..<base + 4]
                    guard n.contains(where: { $0 > 0 }) else { return nil }
                    return Findings.DeadlineRow(
                        rule: rule.id, service: service.rawValue, region: regionCodes[r],
                        met: n[base], late: n[base + 1], overdue: n[base + 2], pending: n[base + 3])
                }
                rows += withTotal(regional) { rs in
                    Findings.DeadlineRow(
                        rule: rule.id, service: service.rawValue, region: Findings.allRegions,
                        met: rs.reduce(0) { $0 + $1.met }, late: rs.reduce(0) { $0 + $1.late },
                        overdue: rs.reduce(0) { $0 + $1.overdue },
                        pending: rs.reduce(0) { $0 + $1.pending })
                }
            }
        }
        return rows
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

    /// One row per worker with an assignment covering T, even with no counted child;
    /// the row's region is the worker's. No `*` row.
    private func caseloadRows() -> [Findings.CaseloadRow] {
        let limit = CaseloadLimit.limit(on: t)
        return export.workers.indices.filter { workerCovering[$0] }
            .map { i in
                let w = export.workers[i]
                return Findings.CaseloadRow(worker: w.id, region: w.region, children: workerChildren[i], limit: limit)
            }
            .sorted { ($0.region, $0.worker) < ($1.region, $1.worker) }
    }

    /// Nearest-rank: the ⌈p·n⌉-th smallest value; the median is the ⌈n/2⌉-th (never a mean of two).
    static func durationRow(service: Service, region: String, days: [Int]) -> Findings.DurationRow {
        let sorted = days.sorted()
        let n = sorted.count
        return Findings.DurationRow(
            service: service.rawValue, region: region, completed: n,
            medianDays: sorted[(n + 1) / 2 - 1], p90Days: sorted[(9 * n + 9) / 10 - 1])
    }

    private func durationRows(_ order: [Int]) -> [Findings.DurationRow] {
        Service.allCases.flatMap { service -> [Findings.DurationRow] in
            let withValues = order.filter { !regions[$0].durations[service.index].isEmpty }
            guard !withValues.isEmpty else { return [] }
            let all = withValues.flatMap { regions[$0].durations[service.index] }
            return [Self.durationRow(service: service, region: Findings.allRegions, days: all)]
                + withValues.map {
                    Self.durationRow(
                        service: service, region: regionCodes[$0], days: regions[$0].durations[service.index])
                }
        }
    }

    private func backlogRows(_ order: [Int]) -> [Findings.BacklogRow] {
        Service.allCases.flatMap { service -> [Findings.BacklogRow] in
            var total = BacklogTally()
            let regional = order.compactMap { r -> Findings.BacklogRow? in
                let b = regions[r].backlog[service.index]
                guard b.open > 0 else { return nil }
                total.open += b.open
                total.notStarted += b.notStarted
                total.overdue += b.overdue
                total.earliestReceived = min(total.earliestReceived, b.earliestReceived)
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
                rule: DeadlineRuleKey.allCases[Int(i.rule)].id, service: Service.allCases[Int(i.service)],
                region: regionCodes[Int(i.region)], caseId: cases[Int(i.caseIndex)].id,
                clockStart: CalendarDate(dayNumber: i.clockStart), deadline: CalendarDate(dayNumber: i.deadline),
                done: i.done == Int32.min ? nil : CalendarDate(dayNumber: i.done),
                outcome: DeadlineOutcome.allCases[Int(i.outcome)])
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
