import CaseModel

/// Fills one case from its own random stream, so case n is the same whatever
/// came before it. Every date is on or before T.
struct CaseGenerator {
    let asOf: CalendarDate
    let seed: UInt64
    let regionWeights: [Double]
    let pools: StaffPools

    /// The share of child welfare cases that are young adults (18–24) in or
    /// after aftercare (jälkihuolto, LSL 75 §: until 25), and their ages' weights.
    static let youngAdultShare = 0.08
    static let youngAdultAges: [Double] = [0.24, 0.2, 0.17, 0.13, 0.11, 0.08, 0.07]
    /// The share of a service's cases whose client needs special support.
    static let specialSupportShare: [Service: Double] = [.lapsiperheet: 0.15, .tyoikaiset: 0.1]
    /// The share of a service's cases about whom referrals keep coming within
    /// weeks (`repeatReferrals`), and of those, the clients the service does
    /// not reach: every one of their referrals is screened out.
    static let repeatShare: [Service: Double] = [.lastensuojelu: 0.05, .lapsiperheet: 0.04, .tyoikaiset: 0.05]
    static let unreachedShare = 0.4
    /// The share of referrals that are not child welfare matters flagged urgent.
    static let urgentShare = 0.05

    func fill(_ c: inout SampleCase, number: Int) {
        var rng = SplitMix64(seed: seed, stream: UInt64(number))
        c.reset()
        c.number = number
        c.region = rng.weighted(regionWeights)
        c.service = [Service.lastensuojelu, .lapsiperheet, .tyoikaiset][rng.weighted([0.5, 0.25, 0.25])]
        let age: Int
        switch c.service {
        case .lastensuojelu:
            age = rng.chance(Self.youngAdultShare) ? 18 + rng.weighted(Self.youngAdultAges) : rng.int(0...17)
        case .lapsiperheet: age = rng.int(0...17)
        case .tyoikaiset: age = rng.int(18...64)
        }
        let birthYear = asOf.year - age
        if !rng.chance(0.03) { c.birthYear = birthYear }
        // A child in family social work, or an adult in working-age services
        // (SHL 3 § 3 k, rules.md "Every service"), in need of special support.
        switch c.service {
        case .lastensuojelu: c.specialSupport = false
        case .lapsiperheet: c.specialSupport = rng.chance(Self.specialSupportShare[.lapsiperheet, default: 0])
        case .tyoikaiset: c.specialSupport = rng.chance(Self.specialSupportShare[.tyoikaiset, default: 0])
        }
        // The month of the eighteenth birthday: a child's matters come before it.
        let eighteenth = SampleCalendar.date(birthYear + 18, rng.int(1...12), 1)

        var timeline = Timeline(
            asOf: asOf, rng: rng, service: c.service, region: c.region, pools: pools, eighteenth: eighteenth)
        if c.service == .tyoikaiset {
            timeline.referrals(into: &c, notBefore: nil, notAfter: nil)
        } else {
            let born = SampleCalendar.date(birthYear, 1, 1).adding(days: 30)
            timeline.referrals(into: &c, notBefore: born, notAfter: eighteenth.adding(days: -1))
        }
        if c.service == .lastensuojelu {
            if eighteenth <= asOf {
                timeline.continueInAftercare(&c, from: eighteenth)
            } else if age >= 12, timeline.rng.chance(age >= 16 ? 0.2 : 0.06) {
                timeline.placementEnded(&c)
            }
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
    /// The first day of the client's eighteenth birthday month (children's services).
    let eighteenth: CalendarDate

    // MARK: Referrals, screening and assessments

    /// `notAfter`: the last day a matter about the client as a child can come
    /// (a young adult's child welfare matters all came before they turned 18).
    mutating func referrals(into c: inout SampleCase, notBefore born: CalendarDate?, notAfter: CalendarDate?) {
        let windows: [(ClosedRange<Int>, Double)] = [(0...180, 0.45), (181...730, 0.33), (731...2190, 0.22)]
        let window = windows[rng.weighted(windows.map(\.1))].0
        var lo = asOf.adding(days: -window.upperBound)
        var hi = asOf.adding(days: -window.lowerBound)
        if let born {
            lo = max(lo, born)
            if hi < lo { hi = asOf }
            if hi < lo { lo = asOf }
        }
        let last = min(asOf, notAfter ?? asOf)
        if hi > last {
            hi = last
            if lo > hi { lo = max(born ?? hi, hi.adding(days: -1460)) }
        }
        var received = clockDate(lo, hi)
        let repeated = rng.chance(CaseGenerator.repeatShare[service, default: 0])
        let unreached = repeated && rng.chance(CaseGenerator.unreachedShare)
        let again: Double = repeated ? 0.85 : service == .lastensuojelu ? 0.45 : 0.3
        for number in 1...6 {
            referral(number, received: received, unreached: unreached, into: &c)
            guard rng.chance(again) else { break }
            let next = received.adding(days: repeated ? rng.int(6...40) : rng.int(20...420))
            guard next <= last else { break }
            received = clockDate(next, min(last, next.adding(days: repeated ? 10 : 30)))
        }
    }

    /// `unreached`: the client is one the service does not reach; no referral becomes an assessment.
    private mutating func referral(
        _ number: Int, received: CalendarDate, unreached: Bool, into c: inout SampleCase
    ) {
        let kind = referralKind(first: number == 1)
        var r = SampleReferral(number: number, kind: kind, received: received)
        r.childWelfare = markedChildWelfare(kind)
        // Client systems record the urgency assessment of every contact and
        // notification (LSL 26 § for a child welfare matter, lastensuojeluasia;
        // SHL 36 § 1 mom for any other; rules.md "Every service"), urgent or
        // not; now and then it is late or has no date at all.
        let childWelfareMatter = r.childWelfare || kind == .lastensuojeluilmoitus || kind == .pyyntoArvioida
        let urgent = rng.chance(childWelfareMatter ? 0.1 : CaseGenerator.urgentShare)
        // Family and working-age services' systems write the flag only when set (absent = false).
        r.urgent = urgent || childWelfareMatter || service == .lastensuojelu ? urgent : nil
        let lag = [0, 1, rng.int(2...4), -1][
            rng.weighted(urgent ? [0.75, 0.17, 0.06, 0.02] : [0.68, 0.24, 0.06, 0.02])]
        if lag >= 0 { r.urgencyAssessed = capped(received.adding(days: lag)) }
        let recent = received.days(since: asOf) > -10
        let delay = [rng.int(0...7), rng.int(8...20), -1][rng.weighted([0.87, 0.11, 0.02])]
        if delay >= 0 && !(recent && rng.chance(0.4)) {
            r.decided = capped(SampleCalendar.workingDays(delay, after: received))
        }
        // Urgency is assessed by the screening decision at the latest.
        if let assessed = r.urgencyAssessed, let decided = r.decided, assessed > decided { r.urgencyAssessed = decided }
        let client = c.clientships.contains { $0.start <= received && ($0.end.map { received < $0 } ?? true) }
        if r.decided != nil {
            if client {
                r.outcome = rng.chance(0.8) ? .joAsiakas : .eiToimenpiteita
            } else if rng.chance(service == .lastensuojelu ? 0.55 : 0.62) {
                r.outcome = .selvitys
            } else {
                r.outcome = rng.chance(0.85) ? .eiToimenpiteita : .joAsiakas
            }
            if unreached && r.outcome == .selvitys { r.outcome = .eiToimenpiteita }
        }
        c.referrals.append(r)
        if r.outcome == .selvitys, let decided = r.decided, !rng.chance(0.04) {
            assessment(of: r, childWelfare: childWelfareMatter, decided: decided, into: &c)
        }
    }

    /// A contact or a social welfare notification that the client system
    /// marks as a child welfare matter (case-export.md, Version 2): often in
    /// a child welfare case, now and then in a family's.
    private mutating func markedChildWelfare(_ kind: ReferralKind) -> Bool {
        guard kind == .sosiaalihuoltoilmoitus || kind == .yhteydenotto else { return false }
        switch service {
        case .lastensuojelu: return rng.chance(0.25)
        case .lapsiperheet: return rng.chance(0.05)
        case .tyoikaiset: return false
        }
    }

    private mutating func referralKind(first: Bool) -> ReferralKind {
        switch service {
        case .lastensuojelu:
            return [.lastensuojeluilmoitus, .pyyntoArvioida, .sosiaalihuoltoilmoitus, .hakemus, .yhteydenotto][
                rng.weighted([0.75, 0.1, 0.08, 0.04, 0.03])]
        case .lapsiperheet:
            // Many families come to family social work from a child welfare
            // notification whose assessment found no need for child welfare.
            return [.sosiaalihuoltoilmoitus, .hakemus, .yhteydenotto, .lastensuojeluilmoitus, .pyyntoArvioida][
                rng.weighted(first ? [0.32, 0.32, 0.22, 0.11, 0.03] : [0.36, 0.36, 0.24, 0.03, 0.01])]
        case .tyoikaiset:
            return [.hakemus, .yhteydenotto, .sosiaalihuoltoilmoitus][rng.weighted([0.5, 0.3, 0.2])]
        }
    }

    private mutating func assessment(
        of r: SampleReferral, childWelfare: Bool, decided: CalendarDate, into c: inout SampleCase
    ) {
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
        a.worker = assessor(childWelfare: childWelfare, on: a.started ?? decided)
        if let completed = a.completed {
            let becomesClient = rng.chance(service == .lastensuojelu ? 0.62 : 0.58)
            a.result = becomesClient ? .asiakkuus : .eiAsiakkuutta
            if becomesClient, let start = capped(workday(completed.adding(days: rng.int(0...7)))),
                !c.clientships.contains(where: { $0.end.map { $0 > start } ?? true })
            {
                c.clientships.append(clientship(from: start))
            }
        }
        // A need for special support changes over time: some assessments
        // record it where the case no longer has the flag, some from before
        // the need arose.
        if service != .lastensuojelu {
            if c.specialSupport {
                if rng.chance(0.15) { a.specialSupport = false }
            } else if rng.chance(0.08) {
                a.specialSupport = true
            }
        }
        c.assessments.append(a)
    }

    private mutating func clientship(from start: CalendarDate) -> SampleClientship {
        let length = [rng.int(60...365), rng.int(366...1100), -1][rng.weighted([0.2, 0.3, 0.5])]
        let end = length < 0 ? nil : capped(start.adding(days: length))
        return SampleClientship(service: service, start: start, end: end, aftercare: false)
    }

    /// A child welfare client continues in aftercare (jälkihuolto) from `from`:
    /// the month they turned 18, or the end of a placement outside the home.
    mutating func continueInAftercare(_ c: inout SampleCase, from: CalendarDate) {
        guard from <= asOf else { return }
        for i in c.clientships.indices where c.clientships[i].end == nil {
            if c.clientships[i].start >= from {
                c.clientships[i].aftercare = true
            } else {
                c.clientships[i].end = from
                c.clientships.append(SampleClientship(service: service, start: from, end: nil, aftercare: true))
                return
            }
        }
    }

    /// A child's placement ended after half a year or more: a minor in aftercare.
    mutating func placementEnded(_ c: inout SampleCase) {
        guard let open = c.clientships.last(where: { $0.end == nil }) else { return }
        let span = asOf.days(since: open.start)
        guard span >= 200 else { return }
        continueInAftercare(&c, from: workday(open.start.adding(days: rng.int(180...span))))
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
}
