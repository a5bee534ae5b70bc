import CaseModel
import Rules

/// Sections 2–5: the tables that prove each sentence. Regions in code order,
/// the organisation's total (`*`) last.
extension ReportBuilder {
    func regionalFirst<Row>(_ rows: [Row], region: (Row) -> String) -> [Row] {
        rows.filter { region($0) != Findings.allRegions }.sorted { region($0) < region($1) }
            + rows.filter { region($0) == Findings.allRegions }
    }

    func deadlineSection() throws -> DeadlineSection {
        var tables: [DeadlineTable] = []
        for key in deadlineKeys() {
            let rows = findings.deadlines.filter { $0.rule == key.rule && $0.service == key.service }
            tables.append(
                DeadlineTable(
                    rule: key.rule, ruleName: ruleName(key.rule), reference: rules[key.rule]?.reference ?? "",
                    service: try serviceName(key.service),
                    rows: regionalFirst(rows, region: \.region).map { r in
                        let prev = previous?.deadlines.first {
                            $0.rule == r.rule && $0.service == r.service && $0.region == r.region
                        }
                        return DeadlineRowModel(
                            region: regionRef(r.region), met: suppression.count(r.met), late: suppression.count(r.late),
                            overdue: suppression.count(r.overdue), pending: suppression.count(r.pending),
                            rate: rateText(deadlineRatio(r)), previousRate: rateText(prev.map(deadlineRatio)))
                    }))
        }
        var ruleIds: [String] = []
        for key in deadlineKeys() where !ruleIds.contains(key.rule) { ruleIds.append(key.rule) }
        let charts = ruleIds.map { trendChart(rule: $0) }
        let backlog = try services(in: findings.backlog.map(\.service)).flatMap { service in
            let rows = regionalFirst(findings.backlog.filter { $0.service == service }, region: \.region)
            let name = try serviceName(service)
            return rows.map {
                BacklogRowModel(
                    service: name, region: regionRef($0.region), open: suppression.count($0.open),
                    notStarted: suppression.count($0.notStarted), overdue: suppression.count($0.overdue),
                    oldestDays: style.integer($0.oldestDays))
            }
        }
        let durations = try services(in: findings.durations.map(\.service)).flatMap { service in
            let rows = regionalFirst(findings.durations.filter { $0.service == service }, region: \.region)
            let name = try serviceName(service)
            return rows.map {
                DurationRowModel(
                    service: name, region: regionRef($0.region), completed: suppression.count($0.completed),
                    medianDays: style.integer($0.medianDays), p90Days: style.integer($0.p90Days))
            }
        }
        return DeadlineSection(
            tables: tables, hasTables: !tables.isEmpty, charts: charts, hasCharts: !charts.isEmpty,
            backlog: backlog, hasBacklog: !backlog.isEmpty, durations: durations, hasDurations: !durations.isEmpty)
    }

    func planSection() throws -> PlanSection {
        var rows: [PlanRowModel] = []
        for service in services(in: findings.plans.map(\.service)) {
            let name = try serviceName(service)
            for r in regionalFirst(findings.plans.filter { $0.service == service }, region: \.region) {
                let prev = previous?.plans.first { $0.service == r.service && $0.region == r.region }
                rows.append(
                    PlanRowModel(
                        service: name, region: regionRef(r.region), active: suppression.count(r.active),
                        withPlan: suppression.count(r.withPlan), coverage: rateText(Ratio(r.withPlan, r.active)),
                        upToDate: suppression.count(r.upToDate), upToDateRate: rateText(Ratio(r.upToDate, r.active)),
                        previousCoverage: rateText(prev.map { Ratio($0.withPlan, $0.active) }),
                        previousUpToDateRate: rateText(prev.map { Ratio($0.upToDate, $0.active) })))
            }
        }
        return PlanSection(rows: rows, hasRows: !rows.isEmpty)
    }

    func workerSection() throws -> WorkerSection {
        let assignment = regionalFirst(findings.assignment, region: \.region).map { r in
            let waits = evaluation.unassigned.filter { r.region == Findings.allRegions || $0.region == r.region }
                .map(\.waitingDays).sorted()
            let prev = previous?.assignment.first { $0.region == r.region }
            return AssignmentRowModel(
                region: regionRef(r.region), active: suppression.count(r.active),
                unassigned: suppression.count(r.unassigned), share: rateText(Ratio(r.unassigned, r.active)),
                previousShare: rateText(prev.map { Ratio($0.unassigned, $0.active) }),
                longestWaitDays: waits.last.map(style.integer) ?? Suppression.noRate,
                medianWaitDays: nearestRank(waits, 0.5).map(style.integer) ?? Suppression.noRate,
                unqualified: suppression.count(r.unqualified))
        }
        // Per region of the worker, and every worker together; staff figures are not suppressed.
        var byRegion: [String: [Findings.CaseloadRow]] = [:]
        for row in findings.caseload { byRegion[row.region, default: []].append(row) }
        var caseloadRows = byRegion.keys.sorted().map { caseloadRow($0, byRegion[$0] ?? []) }
        if !findings.caseload.isEmpty { caseloadRows.append(caseloadRow(Findings.allRegions, findings.caseload)) }
        let meetings = regionalFirst(findings.meetings, region: \.region).map { r in
            let prev = previous?.meetings.first { $0.region == r.region }
            return MeetingRowModel(
                region: regionRef(r.region), active: suppression.count(r.active),
                metWithin: suppression.count(r.metWithin), rate: rateText(Ratio(r.metWithin, r.active)),
                previousRate: rateText(prev.map { Ratio($0.metWithin, $0.active) }))
        }
        return WorkerSection(
            assignment: assignment, hasAssignment: !assignment.isEmpty, caseload: caseloadRows,
            hasCaseload: !caseloadRows.isEmpty, hasLimit: evaluation.caseloadLimit != nil,
            limit: evaluation.caseloadLimit.map(style.integer) ?? "", meetings: meetings,
            hasMeetings: !meetings.isEmpty, meetingIntervalDays: style.integer(options.meetingIntervalDays))
    }

    func caseloadRow(_ region: String, _ rows: [Findings.CaseloadRow]) -> CaseloadRowModel {
        let children = rows.map(\.children).sorted()
        let over = rows.filter { row in row.limit.map { row.children > $0 } ?? false }.count
        return CaseloadRowModel(
            region: regionRef(region), workers: style.integer(rows.count),
            medianChildren: nearestRank(children, 0.5).map(style.integer) ?? Suppression.noRate,
            maxChildren: children.last.map(style.integer) ?? Suppression.noRate,
            overLimit: evaluation.caseloadLimit == nil ? Suppression.noRate : style.integer(over))
    }

    /// Posts, vacant FTE and vacancy rate per region (posts without a region
    /// on their own row), and the organisation from the `*` rows.
    func staffingSection() throws -> StaffingSection {
        let current = vacancyRatios(findings)
        let before = previous.map(vacancyRatios)
        var rows = current.regions.keys.sorted().map { code -> StaffingRowModel in
            let r = current.regions[code] ?? .zero
            return StaffingRowModel(
                region: regionRef(code), posts: style.oneDecimal(r.den), vacant: style.oneDecimal(r.num),
                rate: rateText(r, describesChildren: false),
                previousRate: rateText(before?.regions[code], describesChildren: false))
        }
        let unplaced = findings.staffing.filter { $0.region == nil }
            .reduce(Ratio.zero) { $0 + Ratio($1.vacant, $1.posts) }
        if unplaced.den > 0 {
            rows.append(
                StaffingRowModel(
                    region: RegionRef(code: "", name: try word("region.none"), isTotal: false),
                    posts: style.oneDecimal(unplaced.den), vacant: style.oneDecimal(unplaced.num),
                    rate: rateText(unplaced, describesChildren: false), previousRate: Suppression.noRate))
        }
        if !findings.staffing.isEmpty {
            rows.append(
                StaffingRowModel(
                    region: regionRef(Findings.allRegions), posts: style.oneDecimal(current.org.den),
                    vacant: style.oneDecimal(current.org.num), rate: rateText(current.org, describesChildren: false),
                    previousRate: rateText(before?.org, describesChildren: false)))
        }
        return StaffingSection(rows: rows, hasRows: !rows.isEmpty)
    }

    // MARK: - Appendix

    func appendix() -> Appendix {
        guard options.includeExceptions else {
            return Appendix(included: false, exceptions: [], hasExceptions: false, rejected: [], hasRejected: false)
        }
        let exceptions = ExceptionList.items(evaluation).map { item in
            ExceptionRowModel(
                caseId: item.caseId, region: regionRef(item.region).name, rule: item.rule,
                service: (try? serviceName(item.service.rawValue)) ?? item.service.rawValue,
                clockStart: style.date(item.clockStart), deadline: style.date(item.deadline),
                done: item.done.map(style.date) ?? "", isOverdue: item.outcome == .overdue,
                daysLate: style.integer(item.daysLate(asOf: evaluation.asOf)))
        }
        let rejected = findings.rejected.map {
            RejectedRowModel(source: $0.source, line: String($0.line), reason: $0.reason)
        }
        return Appendix(
            included: true, exceptions: exceptions, hasExceptions: !exceptions.isEmpty, rejected: rejected,
            hasRejected: !rejected.isEmpty)
    }
}

/// Nearest-rank percentile (rules.md): the ⌈p·n⌉-th smallest of sorted values.
func nearestRank(_ sorted: [Int], _ p: Double) -> Int? {
    guard !sorted.isEmpty else { return nil }
    let rank = Int((p * Double(sorted.count)).rounded(.up))
    return sorted[max(1, min(sorted.count, rank)) - 1]
}
