import CaseModel

// The generated content, one value per export record. Workers are referred to
// by number (`T0001` is 1; 0 is the unknown `T0000` of `--with-errors`), and
// referral, assessment and plan ids by their number within the case, so a
// case costs no string allocation until a writer formats it.

public struct SampleRegion: Sendable {
    public var code: String
    public var name: String
}

public struct SampleWorker: Sendable {
    public var number: Int
    public var region: Int
    public var service: Service?
    public var role: WorkerRole
    public var start: CalendarDate?
    public var end: CalendarDate?
}

public struct SampleOccupancy: Sendable {
    public var worker: Int
    public var from: CalendarDate
    public var to: CalendarDate?
    /// FTE in hundredths; nil fills the post's whole FTE.
    public var fteHundredths: Int?
}

public struct SamplePost: Sendable {
    public var number: Int
    public var region: Int
    public var service: Service?
    public var role: WorkerRole
    public var fteHundredths: Int
    public var occupancies: [SampleOccupancy]
}

/// Everything that precedes the cases.
public struct SampleHeader: Sendable {
    public var organisation: String
    public var generated: String
    public var periodStart: CalendarDate
    public var periodEnd: CalendarDate
    public var regions: [SampleRegion]
    public var workers: [SampleWorker]
    public var posts: [SamplePost]
}

public struct SampleReferral: Sendable {
    public var number: Int
    public var kind: ReferralKind
    public var received: CalendarDate
    /// nil: the attribute is left out (the default, false).
    public var urgent: Bool?
    public var urgencyAssessed: CalendarDate?
    public var decided: CalendarDate?
    public var outcome: ScreeningOutcome?
    /// The client system marks the matter as child welfare whatever its kind
    /// (case-export.md, Version 2); written only when true.
    public var childWelfare = false
}

public struct SampleAssessment: Sendable {
    public var number: Int
    public var referral: Int
    public var started: CalendarDate?
    public var completed: CalendarDate?
    public var worker: Int?
    public var result: AssessmentResult?
    /// The child's special support when the assessment was made; nil: the
    /// attribute is left out (the case's flag holds).
    public var specialSupport: Bool?
}

public struct SampleClientship: Sendable {
    public var service: Service
    public var start: CalendarDate
    public var end: CalendarDate?
    public var aftercare: Bool
}

public struct SampleAssignment: Sendable {
    public var worker: Int
    public var from: CalendarDate
    public var to: CalendarDate?
}

public struct SamplePlan: Sendable {
    public var number: Int
    public var date: CalendarDate
}

public struct SampleMeeting: Sendable {
    public var date: CalendarDate
    public var worker: Int?
    /// nil: the attribute is left out (the default, true).
    public var withChild: Bool?
}

/// One case with its events. The generator reuses one value for every case
/// (arrays keep their capacity), so sinks must copy what they keep.
public struct SampleCase: Sendable {
    public var number: Int = 0
    /// An index into the header's regions; -1 is the unknown `XXX` of `--with-errors`.
    public var region: Int = 0
    public var service: Service = .lastensuojelu
    public var birthYear: Int?
    public var specialSupport = false
    public var referrals: [SampleReferral] = []
    public var assessments: [SampleAssessment] = []
    public var clientships: [SampleClientship] = []
    public var assignments: [SampleAssignment] = []
    public var plans: [SamplePlan] = []
    public var meetings: [SampleMeeting] = []

    mutating func reset() {
        birthYear = nil
        specialSupport = false
        referrals.removeAll(keepingCapacity: true)
        assessments.removeAll(keepingCapacity: true)
        clientships.removeAll(keepingCapacity: true)
        assignments.removeAll(keepingCapacity: true)
        plans.removeAll(keepingCapacity: true)
        meetings.removeAll(keepingCapacity: true)
    }
}

/// How ids are spelled, shared by both writers so the two syntaxes agree.
public enum SampleIDs {
    public static func caseID(_ n: Int) -> String { "A" + padded(n, 7) }
    public static func workerID(_ n: Int) -> String { "T" + padded(n, 4) }
    public static func postID(_ n: Int) -> String { "V" + padded(n, 4) }
    public static func referralID(_ n: Int) -> String { "R" + String(n) }
    public static func assessmentID(_ n: Int) -> String { "P" + String(n) }
    public static func planID(_ n: Int) -> String { "S" + String(n) }
    public static let unknownRegion = "XXX"

    public static func regionCode(_ index: Int, in regions: [SampleRegion]) -> String {
        index >= 0 && index < regions.count ? regions[index].code : unknownRegion
    }

    static func padded(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// `1.0`, `0.8`, `0.65`: hundredths as a decimal with a point.
    public static func fte(_ hundredths: Int) -> String {
        let whole = hundredths / 100
        let frac = hundredths % 100
        if frac == 0 { return "\(whole).0" }
        if frac % 10 == 0 { return "\(whole).\(frac / 10)" }
        return "\(whole)." + padded(frac, 2)
    }
}

/// Record counts of what was generated, per element / table.
public struct SampleSummary: Sendable, Equatable {
    public var regions = 0, workers = 0, posts = 0, occupancies = 0
    public var cases = 0, referrals = 0, assessments = 0, clientships = 0
    public var assignments = 0, plans = 0, meetings = 0

    public init() {}

    mutating func add(_ c: SampleCase) {
        cases += 1
        referrals += c.referrals.count
        assessments += c.assessments.count
        clientships += c.clientships.count
        assignments += c.assignments.count
        plans += c.plans.count
        meetings += c.meetings.count
    }
}
