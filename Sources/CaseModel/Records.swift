/// Where a record came from: the file's base name (`export.xml`) or
/// `<folder>/<table>.csv`, and the line of its start tag or first physical line.
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var source: String
    public var line: Int

    public init(source: String, line: Int) {
        self.source = source
        self.line = line
    }

    public var description: String { "\(source):\(line)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.source, a.line) < (b.source, b.line)
    }
}

/// A region (alue): an area, municipality or team of the organisation.
public struct Region: Hashable, Sendable {
    public var code: String
    public var name: String
    public var location: SourceLocation

    public init(code: String, name: String, location: SourceLocation) {
        self.code = code
        self.name = name
        self.location = location
    }
}

/// A member of staff.
public struct Worker: Hashable, Sendable {
    public var id: String
    public var region: String
    public var service: Service?
    public var role: WorkerRole
    public var start: CalendarDate?
    public var end: CalendarDate?
    public var location: SourceLocation

    public init(id: String, region: String, service: Service?, role: WorkerRole,
                start: CalendarDate?, end: CalendarDate?, location: SourceLocation) {
        self.id = id
        self.region = region
        self.service = service
        self.role = role
        self.start = start
        self.end = end
        self.location = location
    }
}

/// A worker holding (part of) a post for a time.
public struct Occupancy: Hashable, Sendable {
    public var worker: String
    public var from: CalendarDate
    public var to: CalendarDate?
    /// nil: fills the post's whole FTE.
    public var fte: FTE?
    public var location: SourceLocation

    public init(worker: String, from: CalendarDate, to: CalendarDate?, fte: FTE?, location: SourceLocation) {
        self.worker = worker
        self.from = from
        self.to = to
        self.fte = fte
        self.location = location
    }
}

/// A post (virka or toimi). Every field but `fte` may be missing.
public struct Post: Hashable, Sendable {
    public var id: String?
    public var region: String?
    public var service: Service?
    public var role: WorkerRole?
    public var fte: FTE
    public var occupancies: [Occupancy]
    public var location: SourceLocation

    public init(id: String?, region: String?, service: Service?, role: WorkerRole?, fte: FTE,
                occupancies: [Occupancy], location: SourceLocation) {
        self.id = id
        self.region = region
        self.service = service
        self.role = role
        self.fte = fte
        self.occupancies = occupancies
        self.location = location
    }
}

/// vireilletulo: a matter becoming pending, and its screening decision.
public struct Referral: Hashable, Sendable {
    public var id: String
    public var kind: ReferralKind
    /// vireilletulopäivä: the day the matter became pending.
    public var received: CalendarDate
    public var urgent: Bool
    public var urgencyAssessed: CalendarDate?
    /// The screening decision date.
    public var decided: CalendarDate?
    public var outcome: ScreeningOutcome?
    /// lastensuojeluasia: the client system marks this matter as child welfare
    /// whatever its `kind` (case-export.md, Version 2; absent = false).
    public var childWelfare: Bool
    public var location: SourceLocation

    public init(id: String, kind: ReferralKind, received: CalendarDate, urgent: Bool,
                urgencyAssessed: CalendarDate?, decided: CalendarDate?, outcome: ScreeningOutcome?,
                childWelfare: Bool = false, location: SourceLocation) {
        self.id = id
        self.kind = kind
        self.received = received
        self.urgent = urgent
        self.urgencyAssessed = urgencyAssessed
        self.decided = decided
        self.outcome = outcome
        self.childWelfare = childWelfare
        self.location = location
    }
}

/// palvelutarpeen arviointi (in child welfare also lastensuojelutarpeen selvitys).
public struct Assessment: Hashable, Sendable {
    public var id: String?
    /// The id of the referral (of the same case) that this assessment answers.
    public var referral: String
    public var started: CalendarDate?
    public var completed: CalendarDate?
    public var worker: String?
    public var result: AssessmentResult?
    /// The child of this assessment needed special support when it was made;
    /// nil: take the case's `specialSupport` (case-export.md, Version 2).
    public var specialSupport: Bool?
    public var location: SourceLocation

    public init(id: String?, referral: String, started: CalendarDate?, completed: CalendarDate?,
                worker: String?, result: AssessmentResult?, specialSupport: Bool? = nil, location: SourceLocation) {
        self.id = id
        self.referral = referral
        self.started = started
        self.completed = completed
        self.worker = worker
        self.result = result
        self.specialSupport = specialSupport
        self.location = location
    }
}

/// asiakkuus: a client relationship in one service.
public struct Clientship: Hashable, Sendable {
    /// Already resolved: a clientship without `service` takes its case's.
    public var service: Service
    public var start: CalendarDate
    public var end: CalendarDate?
    /// jälkihuolto: a young adult in aftercare after child welfare.
    public var aftercare: Bool
    public var location: SourceLocation

    public init(service: Service, start: CalendarDate, end: CalendarDate?, aftercare: Bool, location: SourceLocation) {
        self.service = service
        self.start = start
        self.end = end
        self.aftercare = aftercare
        self.location = location
    }

    /// Active on T: start ≤ T and (no end or end > T) — end exclusive.
    @inlinable public func isActive(on t: CalendarDate) -> Bool {
        start <= t && (end.map { $0 > t } ?? true)
    }
}

/// The child's responsible social worker (lapsen asioista vastaava
/// sosiaalityöntekijä) or the client's omatyöntekijä, for a time.
public struct Assignment: Hashable, Sendable {
    public var worker: String
    public var from: CalendarDate
    public var to: CalendarDate?
    public var location: SourceLocation

    public init(worker: String, from: CalendarDate, to: CalendarDate?, location: SourceLocation) {
        self.worker = worker
        self.from = from
        self.to = to
        self.location = location
    }

    /// Covering T: from ≤ T and (no to or to ≥ T) — inclusive.
    @inlinable public func covers(_ t: CalendarDate) -> Bool {
        from <= t && (to.map { $0 >= t } ?? true)
    }
}

/// asiakassuunnitelma: the day a client plan was drawn up or reviewed.
public struct ClientPlan: Hashable, Sendable {
    public var id: String?
    public var date: CalendarDate
    public var location: SourceLocation

    public init(id: String?, date: CalendarDate, location: SourceLocation) {
        self.id = id
        self.date = date
        self.location = location
    }
}

/// A personal meeting with the client.
public struct Meeting: Hashable, Sendable {
    public var date: CalendarDate
    public var worker: String?
    public var withChild: Bool
    public var location: SourceLocation

    public init(date: CalendarDate, worker: String?, withChild: Bool, location: SourceLocation) {
        self.date = date
        self.worker = worker
        self.withChild = withChild
        self.location = location
    }
}

/// A client's case with its dated events.
public struct Case: Hashable, Sendable {
    public var id: String
    public var region: String
    /// The service the case belongs to now; all its items count under it.
    public var service: Service
    public var birthYear: Int?
    /// erityistä tukea tarvitseva lapsi, SHL 3 §.
    public var specialSupport: Bool
    public var referrals: [Referral]
    public var assessments: [Assessment]
    public var clientships: [Clientship]
    public var assignments: [Assignment]
    public var plans: [ClientPlan]
    public var meetings: [Meeting]
    public var location: SourceLocation

    public init(id: String, region: String, service: Service, birthYear: Int?, specialSupport: Bool,
                referrals: [Referral] = [], assessments: [Assessment] = [], clientships: [Clientship] = [],
                assignments: [Assignment] = [], plans: [ClientPlan] = [], meetings: [Meeting] = [],
                location: SourceLocation) {
        self.id = id
        self.region = region
        self.service = service
        self.birthYear = birthYear
        self.specialSupport = specialSupport
        self.referrals = referrals
        self.assessments = assessments
        self.clientships = clientships
        self.assignments = assignments
        self.plans = plans
        self.meetings = meetings
        self.location = location
    }
}
