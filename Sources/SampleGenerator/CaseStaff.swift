import CaseModel

/// Who does a case's work: the assessor and the responsible or personal workers.
/// Every function makes the same draws whatever the staff's size, so a case's
/// later events do not depend on how many cases the export has; only the
/// worker named differs.
extension Timeline {
    /// The pools of the case's service: its social workers and its instructors.
    var servicePools: (social: StaffPools.Pool, instructor: StaffPools.Pool) {
        switch service {
        case .lastensuojelu: return (.childWelfareSocialWorker, .childWelfareInstructor)
        case .lapsiperheet: return (.familySocialWorker, .familyInstructor)
        case .tyoikaiset: return (.adultSocialWorker, .adultInstructor)
        }
    }

    /// The worker at `which` (in 0..<1) of those in the pool who had started
    /// by `date` (nobody is named before they joined); of the whole pool when
    /// none had.
    func pick(_ workers: [Int], _ which: Double, on date: CalendarDate) -> Int {
        let onStaff = pools.startedBy(date, in: workers)
        let n = onStaff > 0 ? onStaff : workers.count
        return workers[min(n - 1, Int(which * Double(n)))]
    }

    /// The assessor of an assessment started (or decided on) `date`. A child
    /// welfare matter, or any matter of a child welfare client, is assessed by
    /// child welfare's social workers, now and then by an instructor; in family and working-age services instructors
    /// make many assessments, of clients in need of special support too
    /// (rules.md "Every service": `SHL36-assessor`). Nil: no worker recorded.
    mutating func assessor(childWelfare: Bool, on date: CalendarDate) -> Int? {
        let byInstructor = rng.chance(
            childWelfare || service == .lastensuojelu ? 0.03 : service == .tyoikaiset ? 0.35 : 0.25)
        let which = rng.unit()
        guard !rng.chance(0.1) else { return nil }
        let pool: StaffPools.Pool
        if childWelfare {
            pool = byInstructor ? .childWelfareInstructor : .childWelfareSocialWorker
        } else {
            pool = byInstructor ? servicePools.instructor : servicePools.social
        }
        return pick(pools.workers(region, pool), which, on: date)
    }

    /// A social worker of the case's service for client work beside an
    /// instructor (pair work, SHL 42 § 3 mom).
    func socialWorker(_ which: Double, on date: CalendarDate) -> Int {
        pick(pools.workers(region, servicePools.social), which, on: date)
    }

    /// The worker for an assignment from `from`; on staff when it still runs
    /// on T. `instructor` tells from the draws alone (never from the staff)
    /// that a family or working-age client has an instructor as their
    /// personal worker. A client in need of special support more often has a
    /// social worker (SHL 42 § 3 mom), yet not always.
    mutating func responsibleWorker(
        current: Bool, from: CalendarDate, adultAftercare: Bool = false, specialSupport: Bool = false
    ) -> (worker: Int, instructor: Bool) {
        let fromDeparted = rng.chance(0.25)
        let toAftercareWorker = rng.chance(0.8)
        let role = rng.unit()
        let favourite = rng.unit()
        let which = rng.unit()
        let departed = pools.departed[region][StaffGenerator.serviceIndex(service)]
        if !current && fromDeparted && pools.startedBy(from, in: departed) > 0 {
            return (pick(departed, which, on: from), false)
        }
        switch service {
        case .lastensuojelu:
            // A young adult in aftercare mostly has the area's aftercare social worker.
            let aftercare = pools.workers(region, .aftercareSocialWorker)
            if adultAftercare && toAftercareWorker && !aftercare.isEmpty {
                return (pick(aftercare, which, on: from), false)
            }
            let pool: StaffPools.Pool =
                role < 0.92 ? .childWelfareSocialWorker : role < 0.95 ? .childWelfareLead : .childWelfareInstructor
            let workers = pools.workers(region, pool)
            // The longest-serving social worker of an area with several carries
            // nearly twice as many as the others: the one over the limit.
            if pool == .childWelfareSocialWorker && workers.count >= 3 && favourite < 0.8 / Double(workers.count) {
                return (workers[0], false)
            }
            return (pick(workers, which, on: from), false)
        case .lapsiperheet, .tyoikaiset:
            let socialShare =
                service == .lapsiperheet ? (specialSupport ? 0.6 : 0.5) : (specialSupport ? 0.65 : 0.5)
            let instructor = role >= socialShare
            let workers = pools.workers(region, instructor ? servicePools.instructor : servicePools.social)
            // In working-age services the longest-serving instructor of an area
            // with several carries far more than the others: over the recommended limit.
            if service == .tyoikaiset && instructor && workers.count >= 2
                && favourite < StaffGenerator.adultInstructorOverload / Double(workers.count)
            {
                return (workers[0], true)
            }
            return (pick(workers, which, on: from), instructor)
        }
    }
}
