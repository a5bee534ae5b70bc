import CaseModel
import Foundation

/// A reporting period, inclusive at both ends, named by explicit dates or by
/// one of the presets users work in (report.md):
/// - `2024H1` = 1.10.2023–31.3.2024 and `2024H2` = 1.4.–30.9.2024: THL's
///   half-years of its national deadline data collection;
/// - `2024T1` = 1.1.–30.4., `T2` = 1.5.–31.8., `T3` = 1.9.–31.12.: the
///   four-month periods of published self-monitoring;
/// - `2024Q1` … `2024Q4`: calendar quarters; `2024`: the calendar year;
/// - `2024-01-01..2024-05-31`: explicit dates.
public struct ReportingPeriod: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case explicit
        case halfYear(Int)
        case tertial(Int)
        case quarter(Int)
        case year
    }

    public var start: CalendarDate
    public var end: CalendarDate
    public var kind: Kind
    /// The year named in a preset (for `2024H1` that is 2024, although the period starts in 2023).
    public var presetYear: Int?

    public init(start: CalendarDate, end: CalendarDate) {
        self.start = start
        self.end = end
        kind = .explicit
        presetYear = nil
    }

    public var range: ClosedRange<CalendarDate> { start...end }

    /// The preset name (`2024H1`) or `start..end`.
    public var description: String {
        guard let y = presetYear else { return "\(start.iso)..\(end.iso)" }
        switch kind {
        case .explicit: return "\(start.iso)..\(end.iso)"
        case .halfYear(let n): return "\(y)H\(n)"
        case .tertial(let n): return "\(y)T\(n)"
        case .quarter(let n): return "\(y)Q\(n)"
        case .year: return "\(y)"
        }
    }

    /// Parses a preset (case-insensitive) or `YYYY-MM-DD..YYYY-MM-DD` (start ≤ end).
    public static func parse(_ text: String) throws -> ReportingPeriod {
        let s = text.trimmingCharacters(in: .whitespaces)
        if let dots = s.range(of: "..") {
            guard let start = CalendarDate.parseISO(s[..<dots.lowerBound]),
                let end = CalendarDate.parseISO(s[dots.upperBound...])
            else { throw ReportingPeriodError.unrecognised(text) }
            guard start <= end else { throw ReportingPeriodError.endBeforeStart(text) }
            return ReportingPeriod(start: start, end: end)
        }
        let u = Array(s.uppercased().utf8)
        guard u.count >= 4, let year = Int(String(decoding: u[0..<4], as: UTF8.self)), year >= 2,
            u[0..<4].allSatisfy({ $0 >= 48 && $0 <= 57 })
        else { throw ReportingPeriodError.unrecognised(text) }
        if u.count == 4 { return preset(.year, year: year) }
        guard u.count == 6, let n = Int(String(decoding: u[5...5], as: UTF8.self)) else {
            throw ReportingPeriodError.unrecognised(text)
        }
        switch (u[4], n) {
        case (UInt8(ascii: "H"), 1...2): return preset(.halfYear(n), year: year)
        case (UInt8(ascii: "T"), 1...3): return preset(.tertial(n), year: year)
        case (UInt8(ascii: "Q"), 1...4): return preset(.quarter(n), year: year)
        default: throw ReportingPeriodError.unrecognised(text)
        }
    }

    /// The preset period of `kind` named by `year`.
    public static func preset(_ kind: Kind, year: Int) -> ReportingPeriod {
        func date(_ y: Int, _ m: Int, _ d: Int) -> CalendarDate {
            CalendarDate(year: y, month: m, day: d) ?? CalendarDate(dayNumber: 0)
        }
        func monthSpan(_ y: Int, _ first: Int, _ last: Int) -> (CalendarDate, CalendarDate) {
            (date(y, first, 1), date(y, last, CalendarDate.daysIn(month: last, year: y)))
        }
        let span: (CalendarDate, CalendarDate)
        switch kind {
        case .explicit, .year: span = monthSpan(year, 1, 12)
        case .halfYear(1): span = (date(year - 1, 10, 1), date(year, 3, 31))
        case .halfYear: span = monthSpan(year, 4, 9)
        case .tertial(let n): span = monthSpan(year, 4 * (n - 1) + 1, 4 * n)
        case .quarter(let n): span = monthSpan(year, 3 * (n - 1) + 1, 3 * n)
        }
        var p = ReportingPeriod(start: span.0, end: span.1)
        p.kind = kind == .explicit ? .year : kind
        p.presetYear = year
        return p
    }

    /// The period before this one, for the "previous period" column: the
    /// preceding preset of the same kind, or for explicit dates the same number
    /// of days immediately before.
    public var previous: ReportingPeriod {
        guard let y = presetYear else {
            let length = end.days(since: start) + 1
            return ReportingPeriod(start: start.adding(days: -length), end: start.adding(days: -1))
        }
        switch kind {
        case .explicit: return ReportingPeriod(start: start, end: end)
        case .year: return Self.preset(.year, year: y - 1)
        case .halfYear(let n):
            return n == 1 ? Self.preset(.halfYear(2), year: y - 1) : Self.preset(.halfYear(1), year: y)
        case .tertial(let n):
            return n == 1 ? Self.preset(.tertial(3), year: y - 1) : Self.preset(.tertial(n - 1), year: y)
        case .quarter(let n):
            return n == 1 ? Self.preset(.quarter(4), year: y - 1) : Self.preset(.quarter(n - 1), year: y)
        }
    }
}

/// Why a `--period` value was refused.
public enum ReportingPeriodError: LocalizedError, Equatable {
    case unrecognised(String)
    case endBeforeStart(String)

    public var errorDescription: String? {
        switch self {
        case .unrecognised(let text):
            return "'\(text)' is not a period: use YYYY-MM-DD..YYYY-MM-DD or a preset such as 2024H1, 2024H2, "
                + "2024T1–T3, 2024Q1–Q4 or 2024"
        case .endBeforeStart(let text): return "the period '\(text)' ends before it starts"
        }
    }
}
