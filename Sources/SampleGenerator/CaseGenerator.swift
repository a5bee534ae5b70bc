import CaseModel

/// Fills one case from its own random stream, so case n is the same whatever
/// came before it. Every date is on or before T.
struct CaseGenerator {
    let asOf: CalendarDate
    let seed: UInt64
    let regionWeights: [Double]
    let pools: StaffPools

    func fill(_ c: inout SampleCase, number: Int) {
        var rng = SplitMix64(seed: seed, stream: UInt64(number))
        c.reset()
        c.number = number
        c.region = rng.weighted(regionWeights)
        c.service = [Service.lastensuojelu, .lapsiperheet, .tyoikaiset][rng.weighted([0.5, 0.25, 0.25])]
        let age: Int
        switch c.service {
        case .lastensuojelu: age = rng.chance(0.06) ? rng.int(18...20) : rng.int(0...17)
        case .lapsiperheet: age = rng.int(0...17)
        case .tyoikaiset: age = rng.int(18...64)
        }
        let birthYear = asOf.year - age
        if !rng.chance(0.03) { c.birthYear = birthYear }
        c.specialSupport = c.service == .lapsiperheet && rng.chance(0.15)

        var timeline = Timeline(asOf: asOf, rng: rng, service: c.service, region: c.region, pools: pools)
        let born = SampleCalendar.date(birthYear, 1, 1).adding(days: 30)
        timeline.referrals(into: &c, notBefore: c.service == .tyoikaiset ? nil : born)
        if c.service == .lastensuojelu && age >= 18 {
            timeline.splitAftercare(&c, eighteenth: SampleCalendar.date(birthYear + 18, timeline.rng.int(1...12), 1))
        }
        for i in c.clientships.indices {
            timeline.follow(clientship: i, of: &c)
        }
    }
}

/// The events of one case, drawn in time order.
struct Timeline {
    let asOf: CalendarDate
    var rng: SplitMix64
    let service: Service
    let region: Int
    let pools: StaffPools

    // MARK: Referrals, screening and assessments

    mutating func referrals(into c: inout SampleCase, notBefore born: CalendarDate?) {
        let windows: [(ClosedRange<Int>, Double)] = [(0...180, 0.45), (181...730, 0.33), (731...2190, 0.22)]
        let window = windows[rng.weighted(windows.map(\.1))].0
        var lo = asOf.adding(days: -window.upperBound)
        var hi = asOf.adding(days: -window.lowerBound)
        if let born {
            lo = max(lo, born)
            if hi < lo { hi = asOf }
            if hi < lo { lo = asOf }
        }
        var received = clockDate(lo, hi)
        let again: Double = service == .lastensuojelu ? 0.45 : 0.3
        for number in 1...6 {
            referral(number, received: received, into: &c)
            guard rng.chance(again) else { break }
            let next = received.adding(days: rng.int(20...420))
            guard next <= asOf else { break }
            received = clockDate(next, min(asOf, next.adding(days: 30)))
        }
    }

    private mutating func referral(_ number: Int, received: CalendarDate, into c: inout SampleCase) {
        let kind = referralKind()
        var r = SampleReferral(number: number, kind: kind, received: received)
        if service == .lastensuojelu {
            let urgent = (kind == .lastensuojeluilmoitus || kind == .pyyntoArvioida) && rng.chance(0.1)
            r.urgent = urgent
            if urgent || rng.chance(0.6) {
                let lag = [0, 1, rng.int(2...4), -1][
                    rng.weighted(urgent ? [0.75, 0.17, 0.06, 0.02] : [0.7, 0.3, 0, 0])]
                if lag >= 0 { r.urgencyAssessed = capped(received.adding(days: lag)) }
            }
        }
        let recent = received.days(since: asOf) > -10
        let delay = [rng.int(0...7), rng.int(8...20), -1][rng.weighted([0.87, 0.11, 0.02])]
        if delay >= 0 && !(recent && rng.chance(0.4)) {
            r.decided = capped(SampleCalendar.workingDays(delay, after: received))
        }
        let client = c.clientships.contains { $0.start <= received && ($0.end.map { received < $0 } ?? true) }
        if r.decided != nil {
            if client {
                r.outcome = rng.chance(0.8) ? .joAsiakas : .eiToimenpiteita
            } else if rng.chance(service == .lastensuojelu ? 0.55 : 0.62) {
                r.outcome = .selvitys
            } else {
                r.outcome = rng.chance(0.85) ? .eiToimenpiteita : .joAsiakas
            }
        }
        c.referrals.append(r)
        if r.outcome == .selvitys, let decided = r.decided, !rng.chance(0.04) {
            assessment(of: r, decided: decided, into: &c)
        }
    }

    private mutating func referralKind() -> ReferralKind {
        switch service {
        case .lastensuojelu:
            return [.lastensuojeluilmoitus, .pyyntoArvioida, .sosiaalihuoltoilmoitus, .hakemus, .yhteydenotto][
                rng.weighted([0.75, 0.1, 0.08, 0.04, 0.03])]
        case .lapsiperheet:
            return [.sosiaalihuoltoilmoitus, .hakemus, .yhteydenotto, .lastensuojeluilmoitus][
                rng.weighted([0.35, 0.35, 0.25, 0.05])]
        case .tyoikaiset:
            return [.hakemus, .yhteydenotto, .sosiaalihuoltoilmoitus][rng.weighted([0.5, 0.3, 0.2])]
        }
    }

    private mutating func assessment(of r: SampleReferral, decided: CalendarDate, into c: inout SampleCase) {
        var a = SampleAssessment(number: c.assessments.count + 1, referral: r.number)
        // Only this year's assessments are still stuck; older ones were finished late.
        let mayStall = r.received.days(since: asOf) > -365
        let startLag = [rng.int(0...7), rng.int(8...25), -1][rng.weighted([0.84, 0.13, mayStall ? 0.03 : 0])]
        if startLag >= 0 {
            a.started = capped(max(decided, SampleCalendar.workingDays(startLag, after: r.received)))
        }
        if let started = a.started {
            let days = [rng.int(25...89), rng.int(93...170), -1][rng.weighted([0.8, 0.15, mayStall ? 0.05 : 0])]
            if days >= 0 { a.completed = capped(workday(max(started, r.received.adding(days: days)))) }
        }
        if !rng.chance(0.1) { a.worker = rng.element(socialWorkers()) }
        if let completed = a.completed {
            let becomesClient = rng.chance(service == .lastensuojelu ? 0.62 : 0.58)
            a.result = becomesClient ? .asiakkuus : .eiAsiakkuutta
            if becomesClient, let start = capped(workday(completed.adding(days: rng.int(0...7)))),
                !c.clientships.contains(where: { $0.end.map { $0 > start } ?? true })
            {
                c.clientships.append(clientship(from: start))
            }
        }
        c.assessments.append(a)
    }

    private mutating func clientship(from start: CalendarDate) -> SampleClientship {
        let length = [rng.int(60...365), rng.int(366...1100), -1][rng.weighted([0.2, 0.3, 0.5])]
        let end = length < 0 ? nil : capped(start.adding(days: length))
        return SampleClientship(service: service, start: start, end: end, aftercare: false)
    }

    /// A child welfare client who has turned 18 continues in aftercare
    /// (jälkihuolto) from a month of their eighteenth year.
    mutating func splitAftercare(_ c: inout SampleCase, eighteenth: CalendarDate) {
        guard eighteenth <= asOf else { return }
        for i in c.clientships.indices where c.clientships[i].end == nil {
            if c.clientships[i].start >= eighteenth {
                c.clientships[i].aftercare = true
            } else {
                c.clientships[i].end = eighteenth
                c.clientships.append(SampleClientship(service: service, start: eighteenth, end: nil, aftercare: true))
                return
            }
        }
    }

    // MARK: Clock dates

    /// A day in lo…hi where clocks really start: now and then around
    /// Christmas, Easter or Midsummer, or in the last days of a month, and
    /// more often on a weekday than at a weekend.
    mutating func clockDate(_ lo: CalendarDate, _ hi: CalendarDate) -> CalendarDate {
        let span = max(0, hi.days(since: lo))
        let roll = rng.unit()
        let any = lo.adding(days: rng.int(0...span))
        if roll < 0.15 {
            let year = any.year
            let holiday: CalendarDate
            switch rng.below(3) {
            case 0: holiday = SampleCalendar.date(year, 12, 24).adding(days: rng.int(-6...7))
            case 1: holiday = SampleCalendar.easter(year).adding(days: rng.int(-4...2))
            default: holiday = SampleCalendar.midsummerEve(year).adding(days: rng.int(-4...3))
            }
            if holiday >= lo && holiday <= hi { return holiday }
        } else if roll < 0.27 {
            let monthEnd = SampleCalendar.lastDayOfMonth(any.year, any.month).adding(days: -rng.int(0...2))
            if monthEnd >= lo && monthEnd <= hi { return monthEnd }
        }
        if any.isoWeekday >= 6 && rng.chance(0.6) {
            let monday = any.adding(days: 8 - any.isoWeekday)
            if monday <= hi { return monday }
        }
        return any
    }

    /// Office work happens on working days: a weekend or holiday moves to the next working day.
    func workday(_ d: CalendarDate) -> CalendarDate {
        SampleCalendar.isWorkingDay(d) ? d : SampleCalendar.workingDays(1, after: d)
    }

    /// A working day near `d` for things people schedule (meetings, plan
    /// reviews): a weekend or holiday moves a few working days on, not all to Monday.
    mutating func scheduledDay(_ d: CalendarDate) -> CalendarDate {
        SampleCalendar.isWorkingDay(d) ? d : SampleCalendar.workingDays(rng.int(1...4), after: d)
    }

    /// The date, or nil when it would lie after T (not yet happened).
    func capped(_ d: CalendarDate) -> CalendarDate? { d <= asOf ? d : nil }

    // MARK: Staff

    mutating func socialWorkers() -> [Int] {
        switch service {
        case .lastensuojelu: return pools.workers(region, .childWelfareSocialWorker)
        case .lapsiperheet: return pools.workers(region, .familySocialWorker)
        case .tyoikaiset: return pools.workers(region, .adultSocialWorker)
        }
    }

    /// The worker for an assignment; on staff when it still runs on T.
    mutating func responsibleWorker(current: Bool) -> Int {
        let departed = pools.departed[region][StaffGenerator.serviceIndex(service)]
        if !current && !departed.isEmpty && rng.chance(0.25) { return rng.element(departed) }
        switch service {
        case .lastensuojelu:
            let pool: StaffPools.Pool = [.childWelfareSocialWorker, .childWelfareLead, .childWelfareInstructor][
                rng.weighted([0.92, 0.03, 0.05])]
            let workers = pools.workers(region, pool)
            // The first social worker of an area with several carries about a
            // third more than the others: the one over the limit.
            if pool == .childWelfareSocialWorker && workers.count >= 3 && rng.chance(0.35 / Double(workers.count)) {
                return workers[0]
            }
            return rng.element(workers)
        case .lapsiperheet:
            return rng.element(pools.workers(region, rng.chance(0.5) ? .familySocialWorker : .familyInstructor))
        case .tyoikaiset:
            return rng.element(pools.workers(region, rng.chance(0.6) ? .adultSocialWorker : .adultInstructor))
        }
    }
}
