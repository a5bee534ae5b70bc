/// The export's header (root attributes or `export.csv`).
public struct ExportHeader: Hashable, Sendable {
    public var organisation: String
    /// `generated` as written (ISO 8601 with offset).
    public var generated: String
    /// The calendar date of `generated` in its own offset: no event may lie after it.
    public var generatedDate: CalendarDate
    public var periodStart: CalendarDate
    public var periodEnd: CalendarDate

    public init(organisation: String, generated: String, generatedDate: CalendarDate,
                periodStart: CalendarDate, periodEnd: CalendarDate) {
        self.organisation = organisation
        self.generated = generated
        self.generatedDate = generatedDate
        self.periodStart = periodStart
        self.periodEnd = periodEnd
    }
}

/// A record left out of the model, with where it was and why.
public struct Rejection: Hashable, Sendable, Comparable {
    public var location: SourceLocation
    public var reason: String

    public init(location: SourceLocation, reason: String) {
        self.location = location
        self.reason = reason
    }

    public static func < (a: Rejection, b: Rejection) -> Bool {
        (a.location.source, a.location.line, a.reason) < (b.location.source, b.location.line, b.reason)
    }
}

/// A non-fatal remark about the input (lenient mode: unknown names).
public struct ImportWarning: Hashable, Sendable {
    public var location: SourceLocation
    public var message: String

    public init(location: SourceLocation, message: String) {
        self.location = location
        self.message = message
    }
}

/// One organisation's merged, cross-checked export: only accepted records.
public struct CaseExport: Sendable {
    public var header: ExportHeader
    /// Every source that was merged into this export, in the order given.
    public var sources: [String]
    public var regions: [Region]
    public var workers: [Worker]
    public var posts: [Post]
    public var cases: [Case]
    /// Sorted by source, line, reason.
    public var rejected: [Rejection]
    public var warnings: [ImportWarning]

    public init(header: ExportHeader, sources: [String], regions: [Region], workers: [Worker], posts: [Post],
                cases: [Case], rejected: [Rejection], warnings: [ImportWarning]) {
        self.header = header
        self.sources = sources
        self.regions = regions
        self.workers = workers
        self.posts = posts
        self.cases = cases
        self.rejected = rejected
        self.warnings = warnings
    }
}
