import CaseModel
import Rules

/// The sections of rules.md "Every service" and "Inflow, the queue's age and pace,
/// staff turnover". Regions in code order, the organisation's row last; counts
/// about children through `publication` (small numbers), staff figures as they are.
extension ReportBuilder {
    typealias K = Publication.Key

    // MARK: - Inflow (opens section 2)

    func inflowSection() -> InflowSection {
        let p = publication
        let rows = regionalFirst(InflowColumns.regions(findings), region: { $0 }).map { code -> InflowRowModel in
            let v = InflowColumns.values(findings, region: code)
            let key = { K.inflow(code, $0) }
            let before = previous.map { InflowColumns.values($0, region: code).notifications }
            return InflowRowModel(
                region: regionRef(code),
                // No count of the previous period is tied to this one's: only THL's primary rule applies.
                previousNotifications: before.map(suppression.count) ?? Publication.nothing,
                notifications: p.count(key("notifications"), v.notifications),
                requests: p.count(key("requests"), v.requests),
                otherChildWelfare: p.count(key("otherChildWelfare"), v.otherChildWelfare),
                familyWork: p.count(key("familyWork"), v.familyWork), workingAge: p.count(key("workingAge"), v.workingAge))
        }
        let all = InflowColumns.values(findings, region: Findings.allRegions)
        let star = Findings.allRegions
        return InflowSection(
            rows: rows, hasRows: !rows.isEmpty, notifications: p.count(K.inflow(star, "notifications"), all.notifications),
            otherChildWelfare: p.count(K.inflow(star, "sumChildWelfare"), all.requests + all.otherChildWelfare),
            otherMatters: p.count(K.inflow(star, "sumOther"), all.familyWork + all.workingAge))
    }

    // MARK: - The queue's pace

    func paceSentences() throws -> [PaceSentence] {
        try findings.backlogForecast.map { f in
            let growth = f.received13w - f.completed13w
            return PaceSentence(
                service: try serviceName(f.service),
                received: publication.count(K.forecast(f.service, "received"), f.received13w),
                completed: publication.count(K.forecast(f.service, "completed"), f.completed13w),
                clears: f.clearsOn != nil,
                clearsOn: f.clearsOn.flatMap(CalendarDate.parseISO).map(style.date) ?? "",
                grows: growth > 0,
                // Rounded half up (rules.md, Decisions): (growth + 1) div 3 for a whole third.
                growthPerMonth: style.integer((growth + 1) / 3), steady: growth == 0)
        }
    }

    // MARK: - Family and working-age social services

    func serviceSection() throws -> ServiceSection {
        let p = publication
        let urgency = try deadlineTables().filter { $0.rule == RuleID.socialUrgency.rawValue }
        var personal: [PersonalWorkerRowModel] = []
        var personalFindings: [PersonalWorkerFinding] = []
        for service in services(in: findings.personalWorker.map(\.service)) {
            let name = try serviceName(service)
            for r in regionalFirst(findings.personalWorker.filter { $0.service == service }, region: \.region) {
                let key = { K.personalWorker(service, r.region, $0) }
                personal.append(
                    PersonalWorkerRowModel(
                        service: name, region: regionRef(r.region), active: p.count(key("active"), r.active),
                        withoutWorker: p.count(key("withoutWorker"), r.withoutWorker),
                        share: p.share(key("share"), r.withoutWorker, r.active),
                        specialSupport: p.count(key("specialSupport"), r.specialSupport),
                        specialWithoutWorker: p.count(key("specialWithoutWorker"), r.specialWithoutWorker),
                        specialWithoutSocialWorker: p.count(key("specialWithoutSocialWorker"), r.specialWithoutSocialWorker),
                        specialShare: p.share(
                            key("specialShare"), r.specialWithoutWorker + r.specialWithoutSocialWorker, r.specialSupport)))
                personal[personal.count - 1].startsService = personal.count == 1 || personal[personal.count - 2].service != name
                if r.region == Findings.allRegions {
                    personalFindings.append(
                        PersonalWorkerFinding(
                            service: name, active: p.count(key("active"), r.active),
                            withoutWorker: p.count(key("withoutWorker"), r.withoutWorker),
                            specialSupport: p.count(key("specialSupport"), r.specialSupport),
                            hasSpecial: r.specialSupport > 0,
                            specialWithoutSocialWorker: p.count(key("specialWithoutSocialWorker"), r.specialWithoutSocialWorker),
                            specialWithoutWorker: p.count(key("specialWithoutWorker"), r.specialWithoutWorker)))
                }
            }
        }
        var assessor: [AssessorRowModel] = []
        var assessorFindings: [AssessorFinding] = []
        for service in services(in: findings.assessor.map(\.service)) {
            let name = try serviceName(service)
            for r in regionalFirst(findings.assessor.filter { $0.service == service }, region: \.region) {
                let key = { K.assessor(service, r.region, $0) }
                let row = AssessorRowModel(
                    service: name, region: regionRef(r.region), assessments: p.count(key("assessments"), r.assessments),
                    bySocialWorker: p.count(key("bySocialWorker"), r.bySocialWorker),
                    byOther: p.count(key("byOther"), r.byOther), noWorker: p.count(key("noWorker"), r.noWorker),
                    share: p.share(key("share"), r.bySocialWorker, r.assessments))
                assessor.append(row)
                if r.region == Findings.allRegions {
                    assessorFindings.append(
                        AssessorFinding(
                            service: name, assessments: row.assessments, bySocialWorker: row.bySocialWorker,
                            byOther: row.byOther, noWorker: row.noWorker))
                }
            }
        }
        let workload = try workloadRows()
        var repeats: [RepeatRowModel] = []
        for service in services(in: findings.repeatReferrals.map(\.service)) {
            let name = try serviceName(service)
            for r in regionalFirst(findings.repeatReferrals.filter { $0.service == service }, region: \.region) {
                let key = { K.repeatReferrals(service, r.region, $0) }
                repeats.append(
                    RepeatRowModel(
                        service: name, region: regionRef(r.region), cases: p.count(key("cases"), r.cases),
                        withoutAssessment: p.count(key("withoutAssessment"), r.withoutAssessment)))
            }
        }
        let any = !urgency.isEmpty || !personal.isEmpty || !assessor.isEmpty || !workload.byRole.isEmpty || !repeats.isEmpty
        return ServiceSection(
            hasContent: any, urgency: urgency, hasUrgency: !urgency.isEmpty, personalWorker: personal,
            hasPersonalWorker: !personal.isEmpty, assessor: assessor, hasAssessor: !assessor.isEmpty,
            workload: workload.byRole, hasWorkload: !workload.byRole.isEmpty, workloadByRegion: workload.byRegion,
            repeatReferrals: repeats, hasRepeatReferrals: !repeats.isEmpty,
            repeatReferralCount: style.integer(evaluation.settings.repeatReferralCount),
            personalWorkerFindings: personalFindings, assessorFindings: assessorFindings,
            workloadFindings: workload.findings)
    }

    /// Workloads by service and role, then by service and region (staff figures: not suppressed).
    func workloadRows() throws -> (byRole: [WorkloadRowModel], byRegion: [WorkloadRowModel], findings: [WorkloadFinding]) {
        let rows = findings.workload
        let comparisons = comparisons.filter { $0.metric == .workloadMedian }
        func model(_ service: String, _ role: String, _ region: RegionRef, _ group: [Findings.WorkloadRow], differs: Bool)
            -> WorkloadRowModel
        {
            let clients = group.map(\.clients).sorted()
            let over = group.filter { row in row.limit.map { row.clients > $0 } ?? false }.count
            return WorkloadRowModel(
                service: service, role: role, region: region, workers: style.integer(group.count),
                median: nearestRank(clients, 0.5).map(style.integer) ?? Publication.nothing,
                p90: nearestRank(clients, 0.9).map(style.integer) ?? Publication.nothing,
                most: clients.last.map(style.integer) ?? Publication.nothing,
                overLimit: group.first?.limit == nil ? Publication.nothing : style.integer(over), differs: differs)
        }
        var byRole: [WorkloadRowModel] = []
        var byRegion: [WorkloadRowModel] = []
        var found: [WorkloadFinding] = []
        let serviceCodes = Set(rows.map { $0.service ?? "" }).sorted { (rank($0), $0) < (rank($1), $1) }
        for code in serviceCodes {
            let mine = rows.filter { ($0.service ?? "") == code }
            let name = code.isEmpty ? (strings.words["service.none"] ?? "") : try serviceName(code)
            for role in Set(mine.map(\.role)).sorted() {
                byRole.append(
                    model(name, strings.words["role." + role] ?? role, regionRef(Findings.allRegions),
                        mine.filter { $0.role == role }, differs: false))
            }
            let comparison = comparisons.first { $0.service == code }
            for region in Set(mine.map(\.region)).sorted() {
                let differs = comparison?.regions.first { $0.region == region }?.differsMaterially ?? false
                byRegion.append(model(name, "", regionRef(region), mine.filter { $0.region == region }, differs: differs))
            }
            let all = model(name, "", regionRef(Findings.allRegions), mine, differs: false)
            byRegion.append(all)
            let limit = mine.first?.limit
            found.append(
                WorkloadFinding(
                    service: name, workers: all.workers, median: all.median, hasLimit: limit != nil,
                    limit: limit.map(style.integer) ?? "", overLimit: all.overLimit))
        }
        return (byRole, byRegion, found)
    }

    private func rank(_ service: String) -> Int {
        ["lastensuojelu": 0, "lapsiperheet": 1, "tyoikaiset": 2][service] ?? 3
    }

    // MARK: - Staff turnover (section on staff)

    func turnoverSection() throws -> TurnoverSection {
        let first = evaluation.periodStart
        let end = min(evaluation.periodEnd, evaluation.asOf)
        let rows = try findings.turnover.filter { $0.region == Findings.allRegions }.map { r in
            var row = try turnoverRow(
                service: r.service.map { try serviceName($0) } ?? (strings.words["service.none"] ?? ""),
                role: strings.words["role." + r.role] ?? r.role, r.employedStart, r.employedEnd, r.joined, r.left,
                total: false)
            let before = previous?.turnover.first {
                $0.region == Findings.allRegions && $0.service == r.service && $0.role == r.role
            }
            row.previousRate = before.map { b in
                let mean = Double(b.employedStart + b.employedEnd) / 2
                return mean > 0 ? style.percent(Double(b.left) / mean) : Publication.hidden
            } ?? Publication.nothing
            return row
        }
        let all = findings.turnover.filter { $0.region == Findings.allRegions }
        let total = rows.isEmpty
            ? []
            : [
                try turnoverRow(
                    service: word("region.all"), role: "", all.reduce(0) { $0 + $1.employedStart },
                    all.reduce(0) { $0 + $1.employedEnd }, all.reduce(0) { $0 + $1.joined }, all.reduce(0) { $0 + $1.left },
                    total: true)
            ]
        return TurnoverSection(
            rows: rows + total, hasRows: !rows.isEmpty, periodStart: style.date(first), periodEnd: style.date(end))
    }

    /// The rate is those who left over the mean of the headcounts at the start and the end,
    /// for the period as it is (not annualised); `..` when the mean is 0.
    private func turnoverRow(service: String, role: String, _ start: Int, _ end: Int, _ joined: Int, _ left: Int, total: Bool)
        throws -> TurnoverRowModel
    {
        let mean = Double(start + end) / 2
        return TurnoverRowModel(
            service: service, role: role, employedStart: style.integer(start), employedEnd: style.integer(end),
            joined: style.integer(joined), left: style.integer(left),
            rate: mean > 0 ? style.percent(Double(left) / mean) : Publication.hidden, previousRate: Publication.nothing,
            isTotal: total)
    }
}

/// The inflow table's columns from the `inflow` rows.
enum InflowColumns {
    struct Values {
        var notifications = 0
        var requests = 0
        var otherChildWelfare = 0
        var familyWork = 0
        var workingAge = 0
    }

    static func regions(_ f: Findings) -> [String] {
        Array(Set(f.inflow.map(\.region))).sorted()
    }

    static func values(_ f: Findings, region: String) -> Values {
        var v = Values()
        for r in f.inflow where r.region == region {
            switch (r.service, r.kind) {
            case ("lastensuojelu", "lastensuojeluilmoitus"): v.notifications += r.received
            case ("lastensuojelu", "pyynto-arvioida"): v.requests += r.received
            case ("lastensuojelu", _): v.otherChildWelfare += r.received
            case ("lapsiperheet", _): v.familyWork += r.received
            default: v.workingAge += r.received
            }
        }
        return v
    }
}
