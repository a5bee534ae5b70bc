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

    /// [region][pool] → worker numbers on staff.
    var current: [[[Int]]]
    /// [region][service] → worker numbers who have left.
    var departed: [[[Int]]]

    func workers(_ region: Int, _ pool: Pool) -> [Int] { current[region][pool.rawValue] }
}

/// Builds the staff and posts of the sample organisation, sized to the
/// expected caseload so that most responsible social workers have 15–30
/// children and a few go over the limit, as in the regions AVI writes to.
enum StaffGenerator {
    /// Expected share of cases per service (child welfare the largest).
    static let serviceShares: [(Service, Double)] = [
        (.lastensuojelu, 0.5), (.lapsiperheet, 0.25), (.tyoikaiset, 0.25),
    ]
    /// Share of a service's cases that are active clients on T (measured from
    /// the case generator) and the clients per worker that staffing aims at
    /// (for child welfare about 24 per responsible social worker once the
    /// unassigned and those with other workers are left out).
    static let activeShare: [Service: Double] = [.lastensuojelu: 0.24, .lapsiperheet: 0.23, .tyoikaiset: 0.24]
    static let clientsPerWorker: [Service: Double] = [.lastensuojelu: 30, .lapsiperheet: 30, .tyoikaiset: 40]
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

        func addWorker(region: Int, service: Service?, role: WorkerRole, pool: StaffPools.Pool?) {
            let number = workers.count + 1
            let start = asOf.adding(days: -rng.int(45...6000))
            workers.append(
                SampleWorker(number: number, region: region, service: service, role: role, start: start, end: nil))
            if let pool { pools.current[region][pool.rawValue].append(number) }
            guard !rng.chance(0.05) else { return }  // a substitute without a post of their own
            let partTime = rng.chance(0.1)
            let fte = partTime ? rng.element([60, 80]) : nil
            let explicitFull = !partTime && rng.chance(0.5)
            posts.append(
                SamplePost(
                    number: posts.count + 1, region: region, service: service, role: role, fteHundredths: 100,
                    occupancies: [
                        SampleOccupancy(worker: number, from: start, to: nil, fteHundredths: explicitFull ? 100 : fte)
                    ]))
        }

        func addDeparted(region: Int, service: Service, role: WorkerRole) {
            let number = workers.count + 1
            let end = asOf.adding(days: -rng.int(5...700))
            let start = end.adding(days: -rng.int(90...3000))
            workers.append(
                SampleWorker(number: number, region: region, service: service, role: role, start: start, end: end))
            pools.departed[region][serviceIndex(service)].append(number)
            // Their post stands vacant since they left: the vacancies of the staffing table.
            posts.append(
                SamplePost(
                    number: posts.count + 1, region: region, service: service, role: role, fteHundredths: 100,
                    occupancies: [SampleOccupancy(worker: number, from: start, to: end, fteHundredths: nil)]))
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
            for (service, share) in serviceShares {
                let active = cases * share * activeShare[service, default: 0.25]
                let social = max(1, Int((active / clientsPerWorker[service, default: 30]).rounded()))
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
                for _ in 0..<stochasticRound(Double(social + instructors) * 0.09, &rng) {
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
