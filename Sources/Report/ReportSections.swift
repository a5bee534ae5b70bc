import CaseModel
import Foundation
import Rules

/// Sections 2–5: the tables that prove each sentence. Regions in code order,
/// the organisation's total (`*`) last.
extension ReportBuilder {
    func regionalFirst<Row>(_ rows: [Row], region: (Row) -> String) -> [Row] {
        rows.filter { region($0) != Findings.allRegions }.sorted { region($0) < region($1) }
            + rows.filter { region($0) == Findings.allRegions }
    }

    /// The region's explanation of some rules' figures (metadata `reasons:`), as one paragraph.
    func reason(_ ids: RuleID...) -> String {
        ids.compactMap { metadata.reasons[$0] }.map(ReportBuilder.oneLine).joined(separator: " ")
    }

    /// Line breaks of a metadata value become spaces: a table's note is one paragraph.
    static func oneLine(_ s: String) -> String {
        s.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// A row of a deadline table; `key(column)` names its published figures.
    func deadlineRowModel(
        _ region: String, counts: OutcomeCounts, previous prev: Findings.DeadlineRow?, key: (String) -> String
    ) -> DeadlineRowModel {
        let p = publication
        return DeadlineRowModel(
            region: regionRef(region), met: p.count(key("met"), counts.met), late: p.count(key("late"), counts.late),
            overdue: p.count(key("overdue"), counts.overdue), pending: p.count(key("pending"), counts.pending),
            rate: p.share(key("rate"), counts.met, counts.decided),
            previousRate: rateText(prev.map(deadlineRatio)))
    }

    func deadlineSection() throws -> DeadlineSection {
        // SHL36-urgency stands in the section on family and working-age services.
        let tables = try deadlineTables().filter { $0.rule != RuleID.socialUrgency.rawValue }
        var ruleIds: [String] = []
        let charted = Self.trendRules(findings)
        for key in deadlineKeys() where !ruleIds.contains(key.rule) && charted.contains(key.rule) {
            ruleIds.append(key.rule)
        }
        let charts = ruleIds.map { trendChart(rule: $0) }.filter(\.hasBars)
        let backlog = try backlogRows()
        let durations = try durationRows()
        let backlogNote = reason(.backlog)
        var inflow = inflowSection()
        if let scope = metadata.services {
            inflow.hasSentence = false
            inflow.showChildWelfare = scope.contains(.lastensuojelu)
            inflow.showFamily = scope.contains(.lapsiperheet)
            inflow.showWorkingAge = scope.contains(.tyoikaiset)
        }
        let pace = try paceSentences()
        return DeadlineSection(
            tables: tables, hasTables: !tables.isEmpty, charts: charts, hasCharts: !charts.isEmpty,
            backlog: backlog, hasBacklog: !backlog.isEmpty, backlogReason: backlogNote,
            hasBacklogReason: !backlogNote.isEmpty, durations: durations, hasDurations: !durations.isEmpty,
            inflow: inflow, pace: pace, hasPace: !pace.isEmpty)
    }

    /// Every deadline table: per rule and service, regions then the organisation.
    func deadlineTables() throws -> [DeadlineTable] {
        var tables: [DeadlineTable] = []
        for key in deadlineKeys() {
            let rows = findings.deadlines.filter { $0.rule == key.rule && $0.service == key.service }
            let id = RuleID(rawValue: key.rule)
            let total = rows.first { $0.region == Findings.allRegions }
            let urgentOnly = total.flatMap { t in
                t.urgentOnly.map { u in
                    deadlineRowModel(t.region, counts: u, previous: nil) {
                        Publication.Key.urgentOnly(key.rule, key.service, $0)
                    }
                }
            }
            // Only urgency tells a date never recorded apart: for the others an overdue item has no done date anyway.
            var unrecorded = 0
            if let id, id == .urgency || id == .socialUrgency {
                unrecorded = evaluation.unrecordedOverdue(id, service: key.service)
            }
            let note = id.map { reason($0) } ?? ""
            tables.append(
                DeadlineTable(
                    rule: key.rule, ruleName: ruleName(key.rule), reference: LegalReference.localise(rules[key.rule]?.reference ?? "", language),
                    service: try serviceName(key.service),
                    rows: regionalFirst(rows, region: \.region).map { r in
                        let prev = previous?.deadlines.first {
                            $0.rule == r.rule && $0.service == r.service && $0.region == r.region
                        }
                        return deadlineRowModel(r.region, counts: r.counts, previous: prev) {
                            Publication.Key.deadline(key.rule, key.service, r.region, $0)
                        }
                    },
                    isCompletionBasis: Findings.basis(of: key.rule, in: findings) == DeadlineRule.Basis.completed.rawValue,
                    isUrgency: id == .urgency || id == .socialUrgency, urgencyDays: style.integer(evaluation.settings.urgencyDays),
                    urgencyOneDay: evaluation.settings.urgencyDays == 1,
                    urgentOnly: urgentOnly.map { [$0] } ?? [], hasUrgentOnly: urgentOnly != nil,
                    unrecorded: publication.count(Publication.Key.unrecorded(key.rule, key.service), unrecorded),
                    hasUnrecorded: unrecorded > 0,
                    reason: note, hasReason: !note.isEmpty))
        }
        // The SHL36 rules count child welfare matters under lastensuojelu and, in the other services,
        // only the matters of children in need of special support: the caption says whom.
        for i in tables.indices
        where tables[i].rule == RuleID.assessmentStart.rawValue || tables[i].rule == RuleID.assessmentCompletion.rawValue {
            let key = tables[i].service == (try? serviceName(Service.lastensuojelu.rawValue))
                ? "population.childWelfareMatters" : "population.specialSupportChildren"
            tables[i].population = strings.words[key] ?? ""
            tables[i].hasPopulation = !tables[i].population.isEmpty
        }
        // The region's explanation of a rule stands once, under the rule's last table.
        for i in tables.indices where tables[(i + 1)...].contains(where: { $0.rule == tables[i].rule }) {
            tables[i].hasReason = false
        }
        return tables
    }

    func backlogRows() throws -> [BacklogRowModel] {
        try services(in: findings.backlog.map(\.service)).flatMap { service in
            let rows = regionalFirst(findings.backlog.filter { $0.service == service }, region: \.region)
            let name = try serviceName(service)
            return rows.map { r in
                let key = { Publication.Key.backlog(service, r.region, $0) }
                let age = findings.backlogAge.first { $0.service == service && $0.region == r.region }
                let band = { (c: String, v: Int?) in v.map { publication.count(key(c), $0) } ?? Publication.nothing }
                return BacklogRowModel(
                    service: name, region: regionRef(r.region), open: publication.count(key("open"), r.open),
                    notStarted: publication.count(key("notStarted"), r.notStarted),
                    overdue: publication.count(key("overdue"), r.overdue),
                    oldestDays: style.integer(r.oldestDays),
                    under1m: band("under1m", age?.under1m), m1to3: band("m1to3", age?.m1to3),
                    m3to6: band("m3to6", age?.m3to6), over6m: band("over6m", age?.over6m))
            }
        }
    }

    func durationRows() throws -> [DurationRowModel] {
        try services(in: findings.durations.map(\.service)).flatMap { service in
            let rows = regionalFirst(findings.durations.filter { $0.service == service }, region: \.region)
            let name = try serviceName(service)
            return rows.map { r in
                let key = Publication.Key.duration(service, r.region)
                return DurationRowModel(
                    service: name, region: regionRef(r.region), completed: publication.count(key, r.completed),
                    medianDays: style.integer(r.medianDays), p90Days: style.integer(r.p90Days))
            }
        }
    }

    func planSection() throws -> PlanSection {
        var rows: [PlanRowModel] = []
        for service in services(in: findings.plans.map(\.service)) {
            let name = try serviceName(service)
            for r in regionalFirst(findings.plans.filter { $0.service == service }, region: \.region) {
                let prev = previous?.plans.first { $0.service == r.service && $0.region == r.region }
                let key = { Publication.Key.plan(service, r.region, $0) }
                let p = publication
                rows.append(
                    PlanRowModel(
                        service: name, serviceCode: service, region: regionRef(r.region), active: p.count(key("active"), r.active),
                        withPlan: p.count(key("withPlan"), r.withPlan),
                        coverage: p.share(key("coverage"), r.withPlan, r.active),
                        upToDate: p.count(key("upToDate"), r.upToDate),
                        upToDateRate: p.share(key("upToDateRate"), r.upToDate, r.active),
                        previousCoverage: rateText(prev.map { Ratio($0.withPlan, $0.active) }),
                        previousUpToDateRate: rateText(prev.map { Ratio($0.upToDate, $0.active) })))
            }
        }
        let firstPlan = regionalFirst(findings.firstPlan, region: \.region).map { r in
            let key = { Publication.Key.firstPlan(r.region, $0) }
            let p = publication
            return FirstPlanRowModel(
                region: regionRef(r.region), started: p.count(key("started"), r.started),
                withPlan: p.count(key("withPlan"), r.withPlan), withoutPlan: p.count(key("withoutPlan"), r.withoutPlan),
                medianDays: r.medianDays.map(style.integer)
                    ?? Publication.nothing,
                p90Days: r.p90Days.map(style.integer)
                    ?? Publication.nothing)
        }
        let note = reason(.childWelfarePlan, .socialWelfarePlan)
        let firstNote = reason(.firstPlan)
        return PlanSection(
            rows: rows, hasRows: !rows.isEmpty, reason: note, hasReason: !note.isEmpty, firstPlan: firstPlan,
            hasFirstPlan: !firstPlan.isEmpty, firstPlanReason: firstNote, hasFirstPlanReason: !firstNote.isEmpty)
    }

    func workerSection() throws -> WorkerSection {
        let assignment = regionalFirst(findings.assignment, region: \.region).map { r in
            let waits = evaluation.unassigned.filter { r.region == Findings.allRegions || $0.region == r.region }
                .map(\.waitingDays).sorted()
            let prev = previous?.assignment.first { $0.region == r.region }
            let key = { Publication.Key.assignment(r.region, $0) }
            let p = publication
            // Waits are printed as they are: they say nothing of how many children wait.
            let wait = { (days: Int?) in days.map(style.integer) ?? Publication.nothing }
            return AssignmentRowModel(
                region: regionRef(r.region), active: p.count(key("active"), r.active),
                unassigned: p.count(key("unassigned"), r.unassigned),
                share: p.share(key("share"), r.unassigned, r.active),
                previousShare: rateText(prev.map { Ratio($0.unassigned, $0.active) }),
                longestWaitDays: wait(waits.last), medianWaitDays: wait(nearestRank(waits, 0.5)),
                unqualified: p.count(key("unqualified"), r.unqualified))
        }
        // Per region of the worker, and every worker together; staff figures are not suppressed.
        var byRegion: [String: [Findings.CaseloadRow]] = [:]
        for row in findings.caseload { byRegion[row.region, default: []].append(row) }
        var caseloadRows = byRegion.keys.sorted().map { caseloadRow($0, byRegion[$0] ?? []) }
        if !findings.caseload.isEmpty { caseloadRows.append(caseloadRow(Findings.allRegions, findings.caseload)) }
        let meetings = regionalFirst(findings.meetings, region: \.region).map { r in
            let prev = previous?.meetings.first { $0.region == r.region }
            let key = { Publication.Key.meeting(r.region, $0) }
            return MeetingRowModel(
                region: regionRef(r.region), active: publication.count(key("active"), r.active),
                metWithin: publication.count(key("metWithin"), r.metWithin),
                rate: publication.share(key("rate"), r.metWithin, r.active),
                previousRate: rateText(prev.map { Ratio($0.metWithin, $0.active) }))
        }
        let assignmentNote = reason(.assigned, .qualified)
        let caseloadNote = reason(.caseload)
        let meetingNote = reason(.meeting)
        return WorkerSection(
            assignment: assignment, hasAssignment: !assignment.isEmpty, caseload: caseloadRows,
            hasCaseload: !caseloadRows.isEmpty, hasLimit: evaluation.caseloadLimit != nil,
            limit: evaluation.caseloadLimit.map(style.integer) ?? "", meetings: meetings,
            hasMeetings: !meetings.isEmpty, meetingIntervalDays: style.integer(evaluation.settings.meetingIntervalDays),
            assignmentReason: assignmentNote, hasAssignmentReason: !assignmentNote.isEmpty,
            caseloadReason: caseloadNote, hasCaseloadReason: !caseloadNote.isEmpty, meetingReason: meetingNote,
            hasMeetingReason: !meetingNote.isEmpty)
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

    /// Posts, vacant FTE and vacancy rate by service and role (rules.md "Staffing"):
    /// the organisation's row of each service and role first, then that service and
    /// role by region (posts without a region on a row of their own); every post last.
    func staffingSection() throws -> StaffingSection {
        func name(_ prefix: String, _ code: String?) -> String {
            code.flatMap { strings.words[prefix + $0] } ?? strings.words[prefix + "none"] ?? code ?? ""
        }
        var rows: [StaffingRowModel] = []
        // Child welfare first, then the other services, a post without a service last; within
        // a service the social workers first (the figures the authority asks about).
        let serviceRank = ["lastensuojelu": 0, "lapsiperheet": 1, "tyoikaiset": 2]
        let roleRank = ["sosiaalityontekija": 0, "johtava": 1, "sosiaaliohjaaja": 2, "muu": 3]
        let groups = findings.staffing.filter { $0.region == Findings.allRegions }.sorted {
            (serviceRank[$0.service ?? ""] ?? 9, roleRank[$0.role ?? ""] ?? 9)
                < (serviceRank[$1.service ?? ""] ?? 9, roleRank[$1.role ?? ""] ?? 9)
        }
        for g in groups {
            // Regions in code order, the posts without a region after them.
            let members = findings.staffing.filter {
                $0.region != Findings.allRegions && $0.service == g.service && $0.role == g.role
            }.sorted { ($0.region == nil ? 1 : 0, $0.region ?? "") < ($1.region == nil ? 1 : 0, $1.region ?? "") }
            for r in [g] + members {
                let prev = previous?.staffing.first {
                    $0.region == r.region && $0.service == r.service && $0.role == r.role
                }
                let region = try r.region.map(regionRef) ?? RegionRef(code: "", name: word("region.none"), isTotal: false)
                rows.append(
                    StaffingRowModel(
                        service: name("service.", r.service), role: name("role.", r.role),
                        isGroup: r.region == Findings.allRegions, region: region,
                        posts: style.oneDecimal(r.posts), vacant: style.oneDecimal(r.vacant),
                        rate: rateText(Ratio(r.vacant, r.posts), describesChildren: false),
                        previousRate: rateText(prev.map { Ratio($0.vacant, $0.posts) }, describesChildren: false)))
            }
        }
        if !groups.isEmpty {
            let current = vacancyRatios(findings).org
            let before = previous.map { vacancyRatios($0).org }
            rows.append(
                StaffingRowModel(
                    service: "", role: "", isGroup: false, region: regionRef(Findings.allRegions),
                    posts: style.oneDecimal(current.den), vacant: style.oneDecimal(current.num),
                    rate: rateText(current, describesChildren: false),
                    previousRate: rateText(before, describesChildren: false)))
        }
        let note = reason(.staffing)
        return StaffingSection(
            rows: rows, hasRows: !rows.isEmpty, reason: note, hasReason: !note.isEmpty, turnover: try turnoverSection())
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
            included: true, number: exceptionsAppendixNumber, exceptions: exceptions, hasExceptions: !exceptions.isEmpty, rejected: rejected,
            hasRejected: !rejected.isEmpty)
    }
}

/// Nearest-rank percentile (rules.md): the ⌈p·n⌉-th smallest of sorted values.
func nearestRank(_ sorted: [Int], _ p: Double) -> Int? {
    guard !sorted.isEmpty else { return nil }
    let rank = Int((p * Double(sorted.count)).rounded(.up))
    return sorted[max(1, min(sorted.count, rank)) - 1]
}
