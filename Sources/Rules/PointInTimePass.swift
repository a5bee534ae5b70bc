import CaseModel
import FinnishCalendar

/// (region, service, role) of a post; any may be missing (JSON null).
struct StaffingKey: Hashable {
    var region: String?
    var service: Service?
    var role: WorkerRole?
}

/// The point-in-time family (rules.md, "Point-in-time rules" and "Staffing"), all seen on T.
extension EvaluationPass {
    mutating func addPointInTime(of c: Case, index: Int, region r: Int) {
        // Active clientships: start ≤ T and (no end or end > T). A case active in
        // two services counts in both; overlapping clientships of one service count once.
        var activeServices: UInt8 = 0
        var earliestChildWelfareStart: CalendarDate?
        var countsInCaseload = false
        for cs in c.clientships where cs.isActive(on: t) {
            activeServices |= 1 << UInt8(cs.service.index)
            if cs.service == .lastensuojelu {
                earliestChildWelfareStart = min(earliestChildWelfareStart ?? cs.start, cs.start)
                if CaseloadRule.countsAsChild(c, cs, asOf: t) { countsInCaseload = true }
            }
        }
        if activeServices != 0 { addPlans(of: c, region: r, activeServices: activeServices) }
        FirstPlanRule.add(c, to: &regions[r], items: &firstPlans, asOf: t, period: period)

        // Workers with an assignment covering T (inclusive), each counted once per case.
        var workers: [Int] = []
        var anyCovering = false
        for a in c.assignments where a.covers(t) {
            anyCovering = true
            if let w = workerIndex[a.worker], !workers.contains(w) { workers.append(w) }
        }
        if countsInCaseload {
            for w in workers { workerChildren[w] += 1 }
        }
        if activeServices != 0 {
            for w in workers { workerClients[w] += 1 }
            let qualified = workers.contains { export.workers[$0].role.isQualifiedSocialWorker }
            PersonalWorkerRule.add(
                c, activeServices: activeServices, covered: anyCovering, qualified: qualified, to: &regions[r])
        }

        guard let start = earliestChildWelfareStart else { return }
        regions[r].assignment.active += 1
        if !anyCovering {
            regions[r].assignment.unassigned += 1
            unassigned.append(
                UnassignedChild(
                    caseId: c.id, region: c.region,
                    waitingDays: waitingDays(of: c, clientSince: start)))
        } else if !workers.contains(where: { export.workers[$0].role.isQualifiedSocialWorker }) {
            // Unqualified only when none of the child's workers on T is qualified; an
            // assignment naming a worker missing from the export cannot show a qualification.
            regions[r].assignment.unqualified += 1
        }

        // LSL29 population: client since the earliest active start for at least the interval.
        let interval = settings.meetingIntervalDays
        guard t.days(since: start) >= interval else { return }
        regions[r].meetings.active += 1
        let met = c.meetings.contains { m in
            m.withChild && m.date <= t && t.days(since: m.date) < interval
        }
        if met { regions[r].meetings.metWithin += 1 }
    }

    /// `LSL30-plan`/`SHL39-plan`: plans are the case's, whatever service they were made in.
    private mutating func addPlans(of c: Case, region r: Int, activeServices: UInt8) {
        var latest: CalendarDate?
        for p in c.plans where p.date <= t { latest = max(latest ?? p.date, p.date) }
        // Up to date: the latest plan + planReviewMonths (month rule, no working-day shift) ≥ T.
        let upToDate = latest.map { WorkingDayCalendar.addingMonths(settings.planReviewMonths, to: $0) >= t } ?? false
        for s in 0..<3 where activeServices & (1 << UInt8(s)) != 0 {
            regions[r].plans[s].active += 1
            if latest != nil { regions[r].plans[s].withPlan += 1 }
            if upToDate { regions[r].plans[s].upToDate += 1 }
        }
    }

    /// T − the later of the client's start (the earliest start among its active
    /// `lastensuojelu` clientships) and the `to` of its last assignment that ended before T.
    private func waitingDays(of c: Case, clientSince start: CalendarDate) -> Int {
        var since = start
        for a in c.assignments {
            if let to = a.to, to < t, a.from <= t, to > since { since = to }
        }
        return t.days(since: since)
    }

    /// Staffing: vacant FTE on T per post = post FTE − FTE of occupancies covering T
    /// (an occupancy without `fte` fills the whole post), clamped at zero per post.
    mutating func addStaffing() {
        for post in export.posts {
            var filled = FTE.zero
            for o in post.occupancies where o.from <= t && (o.to.map { $0 >= t } ?? true) {
                filled = filled + (o.fte ?? post.fte)
            }
            let vacant = max(FTE.zero, post.fte - filled)
            let key = StaffingKey(region: post.region, service: post.service, role: post.role)
            let sum = staffing[key] ?? (FTE.zero, FTE.zero)
            staffing[key] = (sum.posts + post.fte, sum.vacant + vacant)
        }
    }
}
