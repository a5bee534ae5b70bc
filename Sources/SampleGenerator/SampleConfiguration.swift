import CaseModel

/// What to generate. Everything else follows from these values and the seed.
public struct SampleConfiguration: Sendable {
    /// Number of cases (rows of `cases.csv`, `case` elements).
    public var cases: Int
    /// Number of areas, 1 to `SampleConfiguration.maximumRegions`.
    public var regions: Int
    public var seed: UInt64
    /// The export's `generated` date (T). No generated date lies after it.
    public var asOf: CalendarDate
    /// Adds a handful of cross-reference problems (unknown region, worker and
    /// referral, a date after `generated`, dates in the wrong order) for demos.
    public var withErrors: Bool

    public static let maximumRegions = Municipalities.all.count
    public static let defaultAsOf = CalendarDate(year: 2024, month: 6, day: 1)!

    public init(
        cases: Int, regions: Int = 8, seed: UInt64 = 1,
        asOf: CalendarDate = SampleConfiguration.defaultAsOf, withErrors: Bool = false
    ) {
        self.cases = cases
        self.regions = regions
        self.seed = seed
        self.asOf = asOf
        self.withErrors = withErrors
    }

    /// The reporting period: the calendar half-year up to the day before T
    /// (T = 1.6.2024 gives 1.1.–31.5.2024, T = 1.1.2026 gives 1.7.–31.12.2025).
    public var periodStart: CalendarDate {
        SampleCalendar.date(periodEnd.year, periodEnd.month <= 6 ? 1 : 7, 1)
    }

    public var periodEnd: CalendarDate { asOf.adding(days: -1) }

    /// `generated` as an `xs:dateTime`: 06:00 Finnish time, with the summer
    /// offset (+03:00) between the last Sundays of March and October.
    public var generatedTimestamp: String {
        let y = asOf.year
        let summerStart = lastSunday(year: y, month: 3)
        let summerEnd = lastSunday(year: y, month: 10)
        let offset = asOf >= summerStart && asOf < summerEnd ? "+03:00" : "+02:00"
        return asOf.iso + "T06:00:00" + offset
    }

    private func lastSunday(year: Int, month: Int) -> CalendarDate {
        let last = SampleCalendar.lastDayOfMonth(year, month)
        return last.adding(days: -(last.isoWeekday % 7))
    }
}
