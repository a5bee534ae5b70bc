import CaseModel

/// What happens once a case is a client: the responsible worker, the client
/// plan and its reviews, and the meetings.
extension Timeline {
    mutating func follow(clientship index: Int, of c: inout SampleCase) {
        let clientship = c.clientships[index]
        let until = min(clientship.end ?? asOf, asOf)
        assign(clientship, until: until, into: &c)
        plans(clientship, until: until, into: &c)
        meetings(clientship, until: until, into: &c)
    }

    /// Most clients get a worker within three weeks; some recent ones are
    /// still waiting, some lose theirs when the worker leaves, and long
    /// clientships change worker once. In family and working-age services a
    /// social worker often works beside an instructor who is a client's
    /// personal worker, most often when the client needs special support.
    private mutating func assign(_ clientship: SampleClientship, until: CalendarDate, into c: inout SampleCase) {
        // Only recent clients are still waiting for their first worker.
        let waiting = service == .lastensuojelu ? 0.12 : 0.2
        guard clientship.start < asOf.adding(days: -180) || !rng.chance(waiting) else { return }
        // An aftercare clientship continues the child's earlier one without a gap in assignment.
        var from = clientship.aftercare ? clientship.start : workday(clientship.start.adding(days: rng.int(0...21)))
        guard from <= until else { return }
        let open = clientship.end.map { $0 > asOf } ?? true
        let adultAftercare = clientship.aftercare && clientship.start >= eighteenth
        let span = until.days(since: from)
        if span > 300 && rng.chance(0.35) {
            let change = from.adding(days: rng.int(60...(span - 1)))
            let earlier = responsibleWorker(
                current: false, from: from, adultAftercare: adultAftercare, specialSupport: c.specialSupport)
            c.assignments.append(
                SampleAssignment(worker: earlier.worker, from: from, to: change.adding(days: -rng.int(0...1))))
            from = change
        }
        var to: CalendarDate? = open ? nil : clientship.end
        var current = open
        if open && rng.chance(0.05) {
            // The worker left and nobody has taken over yet: unassigned since.
            let left = asOf.adding(days: -rng.int(1...120))
            if left >= from {
                to = left
                current = false
            }
        }
        let named = responsibleWorker(
            current: current, from: from, adultAftercare: adultAftercare, specialSupport: c.specialSupport)
        c.assignments.append(SampleAssignment(worker: named.worker, from: from, to: to))
        let pair = rng.unit()
        let which = rng.unit()
        if current && named.instructor && pair < (c.specialSupport ? 0.5 : 0.08) {
            c.assignments.append(SampleAssignment(worker: socialWorker(which, on: from), from: from, to: to))
        }
    }

    private mutating func plans(_ clientship: SampleClientship, until: CalendarDate, into c: inout SampleCase) {
        let missing: Double
        switch service {
        case .lastensuojelu: missing = 0.1
        case .lapsiperheet: missing = 0.18
        case .tyoikaiset: missing = 0.2
        }
        guard !rng.chance(missing) else { return }
        let neverReviewed = rng.chance(0.15)
        var date = scheduledDay(clientship.start.adding(days: rng.int(7...60)))
        while date <= until {
            c.plans.append(SamplePlan(number: c.plans.count + 1, date: date))
            if neverReviewed { break }
            // Reviews mostly within the year; some slip past twelve months.
            date = scheduledDay(date.adding(days: rng.chance(0.75) ? rng.int(150...340) : rng.int(370...560)))
        }
    }

    private mutating func meetings(_ clientship: SampleClientship, until: CalendarDate, into c: inout SampleCase) {
        let steps: ClosedRange<Int>
        switch service {
        case .lastensuojelu: steps = 14...100
        case .lapsiperheet: steps = 30...150
        case .tyoikaiset: steps = 30...200
        }
        var last = until
        if service == .lastensuojelu && rng.chance(0.1) {
            last = min(last, asOf.adding(days: -rng.int(91...200)))  // nobody has seen the child lately
        }
        var date = scheduledDay(
            max(clientship.start, asOf.adding(days: -400)).adding(days: rng.int(0...steps.upperBound)))
        while date <= last {
            var meeting = SampleMeeting(date: date, worker: nil, withChild: nil)
            if !rng.chance(0.05) { meeting.worker = worker(on: date, in: c) }
            if service != .tyoikaiset { meeting.withChild = rng.chance(0.85) }
            c.meetings.append(meeting)
            date = scheduledDay(date.adding(days: rng.int(steps)))
        }
    }

    private func worker(on date: CalendarDate, in c: SampleCase) -> Int? {
        c.assignments.last { $0.from <= date && ($0.to.map { date <= $0 } ?? true) }?.worker
    }
}
