import CaseModel

/// Terse constructors for the rules' example exports (and the tests'): dates
/// as ISO literals, regions `A` and `B`, every record at `example.xml`.
enum Ex {
    static let here = SourceLocation(source: "example.xml", line: 1)

    /// An ISO date literal written in this module (never user input).
    static func d(_ iso: String) -> CalendarDate { CalendarDate.parseISO(iso) ?? CalendarDate(dayNumber: 0) }
    static func d(_ iso: String?) -> CalendarDate? { iso.map { d($0) } }

    /// An export generated on `generated` with the period `periodStart…periodEnd`
    /// (default: 1 January of that year to the generated date).
    static func export(
        _ cases: [Case], workers: [Worker] = [], posts: [Post] = [], generated: String,
        period: (String, String)? = nil, rejected: [Rejection] = []
    ) -> CaseExport {
        let g = d(generated)
        let start = period.map { d($0.0) } ?? CalendarDate(year: g.year, month: 1, day: 1) ?? g
        let end = period.map { d($0.1) } ?? g
        return CaseExport(
            header: ExportHeader(
                organisation: "Esimerkin hyvinvointialue", generated: generated + "T06:00:00+03:00",
                generatedDate: g, periodStart: start, periodEnd: end),
            sources: ["example.xml"],
            regions: [
                Region(code: "A", name: "Alue A", location: here), Region(code: "B", name: "Alue B", location: here),
            ],
            workers: workers, posts: posts, cases: cases, rejected: rejected, warnings: [])
    }

    static func worker(
        _ id: String, _ role: WorkerRole = .sosiaalityontekija, region: String = "A",
        service: Service? = .lastensuojelu, start: String? = nil, end: String? = nil
    ) -> Worker {
        Worker(id: id, region: region, service: service, role: role, start: d(start), end: d(end), location: here)
    }

    static func child(
        _ id: String, _ service: Service = .lastensuojelu, region: String = "A", birthYear: Int? = 2012,
        specialSupport: Bool = false, referrals: [Referral] = [], assessments: [Assessment] = [],
        clientships: [Clientship] = [], assignments: [Assignment] = [], plans: [ClientPlan] = [],
        meetings: [Meeting] = []
    ) -> Case {
        Case(
            id: id, region: region, service: service, birthYear: birthYear, specialSupport: specialSupport,
            referrals: referrals, assessments: assessments, clientships: clientships, assignments: assignments,
            plans: plans, meetings: meetings, location: here)
    }

    static func referral(
        _ kind: ReferralKind = .lastensuojeluilmoitus, id: String = "R1", received: String,
        urgent: Bool = false, urgencyAssessed: String? = nil, decided: String? = nil,
        outcome: ScreeningOutcome? = nil, childWelfare: Bool = false
    ) -> Referral {
        Referral(
            id: id, kind: kind, received: d(received), urgent: urgent, urgencyAssessed: d(urgencyAssessed),
            decided: d(decided), outcome: outcome, childWelfare: childWelfare, location: here)
    }

    static func assessment(
        _ referral: String = "R1", started: String? = nil, completed: String? = nil, specialSupport: Bool? = nil,
        worker: String? = nil
    ) -> Assessment {
        Assessment(
            id: nil, referral: referral, started: d(started), completed: d(completed), worker: worker,
            result: nil, specialSupport: specialSupport, location: here)
    }

    static func clientship(
        _ service: Service = .lastensuojelu, start: String, end: String? = nil,
        aftercare: Bool = false
    ) -> Clientship {
        Clientship(service: service, start: d(start), end: d(end), aftercare: aftercare, location: here)
    }

    static func assignment(_ worker: String, from: String, to: String? = nil) -> Assignment {
        Assignment(worker: worker, from: d(from), to: d(to), location: here)
    }

    static func plan(_ date: String) -> ClientPlan { ClientPlan(id: nil, date: d(date), location: here) }

    static func meeting(_ date: String, withChild: Bool = true) -> Meeting {
        Meeting(date: d(date), worker: nil, withChild: withChild, location: here)
    }

    static func fte(_ s: String) -> FTE { FTE.parse(s, allowComma: false) ?? .zero }

    static func post(
        _ id: String?, region: String? = "A", service: Service? = .lastensuojelu,
        role: WorkerRole? = .sosiaalityontekija, fte: String = "1.0",
        occupancies: [Occupancy] = []
    ) -> Post {
        Post(
            id: id, region: region, service: service, role: role, fte: Ex.fte(fte), occupancies: occupancies,
            location: here)
    }

    static func occupancy(_ worker: String, from: String, to: String? = nil, fte: String? = nil) -> Occupancy {
        Occupancy(worker: worker, from: d(from), to: d(to), fte: fte.map { Ex.fte($0) }, location: here)
    }
}
