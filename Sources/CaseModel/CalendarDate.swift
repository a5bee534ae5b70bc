/// A calendar date with no time of day and no time zone: every deadline in the
/// law is counted in whole days, so nothing here may ever meet a clock.
///
/// Stored as the number of days since 1970-01-01 (proleptic Gregorian), which
/// makes comparison and day arithmetic single integer operations on the hot path.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let dayNumber: Int32

    public init(dayNumber: Int32) { self.dayNumber = dayNumber }

    /// Returns nil when the triple is not a real date (2024-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CalendarDate.daysIn(month: month, year: year) else { return nil }
        self.dayNumber = Int32(CalendarDate.daysFromCivil(year, month, day))
    }

    public var year: Int { components.year }
    public var month: Int { components.month }
    public var day: Int { components.day }

    /// Year, month and day (Howard Hinnant's civil_from_days).
    public var components: (year: Int, month: Int, day: Int) {
        let z = Int(dayNumber) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var isoWeekday: Int {
        // 1970-01-01 was a Thursday (4).
        let w = (Int(dayNumber) % 7 + 7 + 3) % 7
        return w + 1
    }

    /// `days` later (earlier when negative). Total: a sum beyond the day
    /// numbers an `Int32` holds (some 5.8 million years either way) stops at
    /// the last one instead of trapping; no setting accepted comes near
    /// (docs/settings.md: at most 3 650 days).
    public func adding(days: Int) -> CalendarDate {
        let (sum, overflow) = Int(dayNumber).addingReportingOverflow(days)
        return CalendarDate(dayNumber: overflow ? (days > 0 ? .max : .min) : Int32(clamping: sum))
    }

    /// The first and the last day a `CalendarDate` can hold.
    public static let earliest = CalendarDate(dayNumber: .min)
    public static let latest = CalendarDate(dayNumber: .max)

    /// Whole days from `other` to `self` (positive when self is later).
    public func days(since other: CalendarDate) -> Int { Int(dayNumber) - Int(other.dayNumber) }

    /// `YYYY-MM-DD`.
    public var iso: String {
        let c = components
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return pad(c.year, 4) + "-" + pad(c.month, 2) + "-" + pad(c.day, 2)
    }

    public var description: String { iso }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool { a.dayNumber < b.dayNumber }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 for any proleptic Gregorian date (Hinnant's
    /// days_from_civil); unlike `init(year:month:day:)` it never fails, so
    /// arithmetic near year 9999 stays total.
    public static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = m > 2 ? m - 3 : m + 9
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Parses exactly `YYYY-MM-DD` (the XML form).
    public static func parseISO(_ s: String) -> CalendarDate? {
        // Not generic, so that the importer's calls, from another module, are not through witness tables.
        var s = s
        return s.withUTF8 { parseISO(bytes: $0) }
    }

    /// Parses exactly `YYYY-MM-DD` (the XML form).
    public static func parseISO<S: StringProtocol>(_ s: S) -> CalendarDate? {
        // Native strings hand over their bytes without a copy (this runs on every date of an import).
        if let parsed = s.utf8.withContiguousStorageIfAvailable({ parseISO(bytes: $0) }) { return parsed }
        return Array(s.utf8).withUnsafeBufferPointer { parseISO(bytes: $0) }
    }

    /// Parses exactly `YYYY-MM-DD` from UTF-8 bytes (a CSV cell typed where it stands, without a string).
    public static func parseISO(utf8 bytes: UnsafeRawBufferPointer) -> CalendarDate? {
        parseISO(bytes: bytes.bindMemory(to: UInt8.self))
    }

    private static func parseISO(bytes u: UnsafeBufferPointer<UInt8>) -> CalendarDate? {
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
        guard let y = digits(u[0..<4]), let m = digits(u[5..<7]), let d = digits(u[8..<10]) else { return nil }
        return CalendarDate(year: y, month: m, day: d)
    }

    /// Parses `d.m.yyyy` with optional leading zeros (the Finnish spreadsheet form).
    public static func parseFinnish<S: StringProtocol>(_ s: S) -> CalendarDate? {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, (1...2).contains(parts[0].utf8.count), (1...2).contains(parts[1].utf8.count),
              parts[2].utf8.count == 4,
              let d = digits(parts[0].utf8), let m = digits(parts[1].utf8), let y = digits(parts[2].utf8)
        else { return nil }
        return CalendarDate(year: y, month: m, day: d)
    }

    private static func digits<C: Collection>(_ bytes: C) -> Int? where C.Element == UInt8 {
        var v = 0
        for b in bytes {
            guard b >= 48, b <= 57 else { return nil }
            v = v * 10 + Int(b - 48)
        }
        return bytes.isEmpty ? nil : v
    }
}
