import CaseModel

/// The workers the case generator can name, by area: who is on staff on T
/// (current assignments) and who has left (only in past assignments).
struct StaffPools: Sendable {
    enum Pool: Int, CaseIterable {
        case childWelfareSocialWorker, childWelfareLead, childWelfareInstructor
        case familySocialWorker, familyInstructor, adultSocialWorker, adultInstructor
        /// Child welfare social workers for young adults in aftercare (jälkihuollon sosiaalityöntekijä).
        case aftercareSocialWorker
    }

    /// [region][pool] → worker numbers on staff, longest-serving first.
    var current: [[[Int]]]
    /// [region][service] → worker numbers who have left, longest-serving first.
    var departed: [[[Int]]]
    /// Worker number → the worker's start (index 0 is no worker).
    var starts: [CalendarDate] = [SampleCalendar.date(1900, 1, 1)]

    func workers(_ region: Int, _ pool: Pool) -> [Int] { current[region][pool.rawValue] }

    /// How many of `workers` (longest-serving first) had started by `date`.
    func startedBy(_ date: CalendarDate, in workers: [Int]) -> Int {
        var lo = 0
        var hi = workers.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if starts[workers[mid]] <= date { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Orders every pool longest-serving first (by start, then by number).
    mutating func orderBySeniority() {
        let starts = self.starts
        let senior = { (a: Int, b: Int) in starts[a] != starts[b] ? starts[a] < starts[b] : a < b }
        for r in current.indices {
            for p in current[r].indices { current[r][p].sort(by: senior) }
            for s in departed[r].indices { departed[r][s].sort(by: senior) }
        }
    }
}

/// Builds the staff and posts of the sample organisation, sized to the
/// expected caseload so that most responsible social workers have 15–30
/// children and a few go over the limit, as in the regions AVI writes to, and
/// working-age workers mostly 30–40 clients, some over Talentia's 50.
enum StaffGenerator {
    /// Expected share of cases per service (child welfare the largest).
    static let serviceShares: [(Service, Double)] = [
        (.lastensuojelu, 0.5), (.lapsiperheet, 0.25), (.tyoikaiset, 0.25),
    ]
    /// Share of a service's cases that are active clients on T (measured from
    /// the case generator) and the clients per social worker that staffing
    /// aims at (for child welfare about 24 per responsible social worker once
    /// the unassigned and those with other workers are left out; in family and
    /// working-age services as many instructors share the clients, so
    /// working-age services' 80 is about 40 per head).
    static let activeShare: [Service: Double] = [.lastensuojelu: 0.24, .lapsiperheet: 0.23, .tyoikaiset: 0.24]
    static let clientsPerWorker: [Service: Double] = [.lastensuojelu: 30, .lapsiperheet: 30, .tyoikaiset: 80]
    /// Areas short of staff in family and working-age services: their workers
    /// carry this many times the clients of the others' (uneven workloads).
    static let shortStaffed: [String: Double] = ["AANE": 1.5, "LAUK": 1.4, "KEUR": 1.3, "PETA": 1.3, "KONN": 1.5]
    /// How often the longest-serving of an area's n working-age instructors is
    /// named before the even draw among all n: this ÷ n of the time.
    static let adultInstructorOverload = 0.7
    /// Staff turnover (`turnover`): the share of the staff who joined in the
    /// period, of posts whose holder left that a successor has taken, and of
    /// the staff on a fixed term that ends after T.
    static let joinedShare = 0.1
    /// Workers who have left in the last two years, per worker on staff; many left during the period.
    static let departedShare = 0.2
    static let successorShare = 0.6
    static let fixedTermShare = 0.04
    /// Share of the young adult child welfare cases in aftercare on T (measured:
    /// 0.19 on 60 000 cases) and the young adults per aftercare social worker.
    static let youngAdultsInAftercare = 0.2
    static let youngAdultsPerAftercareWorker = 20.0

    static func build(configuration: SampleConfiguration, regionWeights: [Double])
        -> (header: SampleHeader, pools: StaffPools)
    {
        var rng = SplitMix64(seed: configuration.seed, stream: 0xFFFF_FFFF_0000_0001)
        let asOf = configuration.asOf
        let regions = Municipalities.all.prefix(configuration.regions).map {
            SampleRegion(code: $0.code, name: $0.name)
        }
        var workers: [SampleWorker] = []
        var posts: [SamplePost] = []
        var pools = StaffPools(
            current: Array(
                repeating: Array(repeating: [], count: StaffPools.Pool.allCases.count), count: regions.count),
            departed: Array(repeating: Array(repeating: [], count: 3), count: regions.count))

        // The period's first day and E, the earlier of its end and T (rules.md, `turnover`).
        let periodFirst = configuration.periodStart
        let periodDays = min(configuration.periodEnd, asOf).days(since: periodFirst)

        func enrol(
            region: Int, service: Service?, role: WorkerRole, pool: StaffPools.Pool?, start: CalendarDate,
            end: CalendarDate?
        ) -> Int {
            let number = workers.count + 1
            workers.append(
                SampleWorker(number: number, region: region, service: service, role: role, start: start, end: end))
            pools.starts.append(start)
            if let pool { pools.current[region][pool.rawValue].append(number) }
            return number
        }

        /// A worker on staff on T: some joined during the period, a few are on
        /// a fixed term that ends after T (a planned end). The first of each
        /// pool has served for over ten years, so that every case, however
        /// old, has someone who was on staff to name.
        func addWorker(region: Int, service: Service?, role: WorkerRole, pool: StaffPools.Pool?) {
            let senior = pool.map { pools.current[region][$0.rawValue].isEmpty } ?? false
            let joined = !senior && periodDays >= 1 && rng.chance(joinedShare)
            let start =
                joined
                ? periodFirst.adding(days: rng.int(1...periodDays))
                : asOf.adding(days: -rng.int(senior ? 4000...6000 : 45...6000))
            let end = rng.chance(fixedTermShare) ? asOf.adding(days: rng.int(20...240)) : nil
            let number = enrol(region: region, service: service, role: role, pool: pool, start: start, end: end)
            guard !rng.chance(0.05) else { return }  // a substitute without a post of their own
            let partTime = rng.chance(0.1)
            let fte = partTime ? rng.element([60, 80]) : nil
            let explicitFull = !partTime && rng.chance(0.5)
            posts.append(
                SamplePost(
                    number: posts.count + 1, region: region, service: service, role: role, fteHundredths: 100,
                    occupancies: [
                        SampleOccupancy(worker: number, from: start, to: end, fteHundredths: explicitFull ? 100 : fte)
                    ]))
        }

        /// A worker who has left, many of them during the period. Their post
        /// stands vacant since (the vacancies of the staffing table) unless a
        /// successor has taken it, who then joined after them.
        func addDeparted(region: Int, service: Service, role: WorkerRole) {
            let inPeriod = periodDays >= 1 && rng.chance(0.45)
            let end =
                inPeriod
                ? periodFirst.adding(days: rng.int(0...(periodDays - 1))) : asOf.adding(days: -rng.int(5...700))
            let start = end.adding(days: -rng.int(90...3000))
            let number = workers.count + 1
            workers.append(
                SampleWorker(number: number, region: region, service: service, role: role, start: start, end: end))
            pools.starts.append(start)
            pools.departed[region][serviceIndex(service)].append(number)
            var post = SamplePost(
                number: posts.count + 1, region: region, service: service, role: role, fteHundredths: 100,
                occupancies: [SampleOccupancy(worker: number, from: start, to: end, fteHundredths: nil)])
            let successorStart = end.adding(days: rng.int(14...120))
            if rng.chance(successorShare) && successorStart <= asOf {
                let (socialPool, instructorPool) = poolPair(for: service)
                let successor = enrol(
                    region: region, service: service, role: role,
                    pool: role == .sosiaaliohjaaja ? instructorPool : socialPool, start: successorStart, end: nil)
                post.occupancies.append(
                    SampleOccupancy(worker: successor, from: successorStart, to: nil, fteHundredths: nil))
            }
            posts.append(post)
        }

        func addVacantPost(region: Int, service: Service, role: WorkerRole) {
            posts.append(
                SamplePost(
                    number: posts.count + 1, region: region, service: service, role: role,
                    fteHundredths: rng.chance(0.2) ? 50 : 100, occupancies: []))
        }

        for region in regions.indices {
            let firstWorker = workers.count
            let cases = Double(configuration.cases) * regionWeights[region]
            let shortOfStaff = shortStaffed[regions[region].code] ?? 1
            for (service, share) in serviceShares {
                let active = cases * share * activeShare[service, default: 0.25]
                let perWorker = clientsPerWorker[service, default: 30] * (service == .lastensuojelu ? 1 : shortOfStaff)
                let social = max(1, Int((active / perWorker).rounded()))
                let instructors = service == .lastensuojelu ? max(1, social / 3) : max(1, social)
                let (socialPool, instructorPool) = poolPair(for: service)
                for _ in 0..<social {
                    addWorker(region: region, service: service, role: .sosiaalityontekija, pool: socialPool)
                }
                for _ in 0..<instructors {
                    addWorker(region: region, service: service, role: .sosiaaliohjaaja, pool: instructorPool)
                }
                let leads = service == .lastensuojelu ? 1 + social / 15 : (social + instructors >= 4 ? 1 : 0)
                for _ in 0..<leads {
                    addWorker(
                        region: region, service: service, role: .johtava,
                        pool: service == .lastensuojelu ? .childWelfareLead : nil)
                }
                for _ in 0..<stochasticRound(Double(social + instructors) * departedShare, &rng) {
                    addDeparted(
                        region: region, service: service,
                        role: rng.chance(0.75) ? .sosiaalityontekija : .sosiaaliohjaaja)
                }
                for _ in 0..<stochasticRound(Double(social) * 0.04, &rng) {
                    addVacantPost(region: region, service: service, role: .sosiaalityontekija)
                }
            }
            // An area with a couple of young adults in aftercare has a social
            // worker for them, whose clients on T are all adults.
            let childWelfareCases = cases * (serviceShares.first { $0.0 == .lastensuojelu }?.1 ?? 0)
            let youngAdults = childWelfareCases * CaseGenerator.youngAdultShare * youngAdultsInAftercare
            let aftercareWorkers =
                youngAdults < 1.5 ? 0 : max(1, Int((youngAdults / youngAdultsPerAftercareWorker).rounded()))
            for _ in 0..<aftercareWorkers {
                addWorker(
                    region: region, service: .lastensuojelu, role: .sosiaalityontekija, pool: .aftercareSocialWorker)
            }
            for _ in 0..<(1 + (workers.count - firstWorker) / 25) {
                addWorker(region: region, service: nil, role: .muu, pool: nil)
            }
        }
        pools.orderBySeniority()
        let header = SampleHeader(
            organisation: Municipalities.organisation, generated: configuration.generatedTimestamp,
            periodStart: configuration.periodStart, periodEnd: configuration.periodEnd,
            regions: regions, workers: workers, posts: posts)
        return (header, pools)
    }

    static func serviceIndex(_ s: Service) -> Int {
        switch s {
        case .lastensuojelu: return 0
        case .lapsiperheet: return 1
        case .tyoikaiset: return 2
        }
    }

    private static func poolPair(for service: Service) -> (StaffPools.Pool, StaffPools.Pool) {
        switch service {
        case .lastensuojelu: return (.childWelfareSocialWorker, .childWelfareInstructor)
        case .lapsiperheet: return (.familySocialWorker, .familyInstructor)
        case .tyoikaiset: return (.adultSocialWorker, .adultInstructor)
        }
    }

    /// Rounds up with probability equal to the fraction, so small areas get
    /// a vacancy now and then instead of never.
    private static func stochasticRound(_ x: Double, _ rng: inout SplitMix64) -> Int {
        let whole = Int(x)
        return whole + (rng.chance(x - Double(whole)) ? 1 : 0)
    }
}
