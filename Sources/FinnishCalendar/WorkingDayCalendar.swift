import CaseModel

/// The Finnish working-day calendar of rules.md ("Calendar"): a working day
/// (arkipäivä) is Monday to Friday unless it is a public holiday or, with
/// `evesAreHolidays`, Midsummer Eve or Christmas Eve.
///
/// Deadlines are computed millions of times on a large export, so the years
/// 1900–2199 are precomputed once as a prefix count of working days plus the
/// list of working days: "N working days after D" is then two array reads.
/// Dates outside those years take a slower path with the same answers.
public final class WorkingDayCalendar: Sendable {
    /// MLL 5 § treats Midsummer Eve and Christmas Eve like public holidays.
    public let evesAreHolidays: Bool
    /// MLL 5 §: a month deadline that falls on a non-working day moves to the next working day.
    public let monthDeadlineRolls: Bool

    /// The calendar with the defaults of rules.md (eves are holidays, month deadlines roll).
    public static let standard = WorkingDayCalendar()

    private static let firstYear = 1900
    private static let lastYear = 2199
    private let firstDay: Int
    private let lastDay: Int
    /// `workingBefore[i]`: working days among `firstDay ..< firstDay + i` (one entry more than days).
    private let workingBefore: [Int32]
    /// `workingDays[k]`: the day number of the k-th working day (from 0) on or after `firstDay`.
    private let workingDays: [Int32]

    public init(evesAreHolidays: Bool = true, monthDeadlineRolls: Bool = true) {
        self.evesAreHolidays = evesAreHolidays
        self.monthDeadlineRolls = monthDeadlineRolls
        let first = FinnishHolidays.dayNumber(Self.firstYear, 1, 1)
        let last = FinnishHolidays.dayNumber(Self.lastYear, 12, 31)
        var closed = [Bool](repeating: false, count: last - first + 1)
        for year in Self.firstYear...Self.lastYear {
            for h in FinnishHolidays.days(year: year) where evesAreHolidays || !h.kind.isEve {
                closed[Int(h.date.dayNumber) - first] = true
            }
        }
        var before = [Int32]()
        before.reserveCapacity(closed.count + 1)
        var list = [Int32]()
        list.reserveCapacity(closed.count * 5 / 7 + 1)
        var count: Int32 = 0
        for i in 0..<closed.count {
            before.append(count)
            let day = first + i
            if !closed[i] && FinnishHolidays.isoWeekday(day) <= 5 {
                list.append(Int32(day))
                count += 1
            }
        }
        before.append(count)
        firstDay = first
        lastDay = last
        workingBefore = before
        workingDays = list
    }

    /// The holiday or eve on this day, if any (whatever the weekday and the setting).
    public func holiday(on date: CalendarDate) -> FinnishHolidays.Kind? {
        FinnishHolidays.days(year: date.year).first { $0.date == date }?.kind
    }

    /// Monday to Friday and neither a public holiday nor (with `evesAreHolidays`) an eve.
    public func isWorkingDay(_ date: CalendarDate) -> Bool {
        let d = Int(date.dayNumber)
        if d >= firstDay && d <= lastDay {
            let i = d - firstDay
            return workingBefore[i + 1] != workingBefore[i]
        }
        guard FinnishHolidays.isoWeekday(d) <= 5 else { return false }
        guard let kind = holiday(on: date) else { return true }
        return kind.isEve && !evesAreHolidays
    }

    /// The N-th working day after `date`; `date` itself is never counted,
    /// whatever day it is. N ≤ 0 returns `date`.
    /// Example: Wed 3.1.2024 + 7 working days = Fri 12.1.2024 (6.1 is a Saturday).
    public func addingWorkingDays(_ n: Int, to date: CalendarDate) -> CalendarDate {
        guard n > 0 else { return date }
        let d = Int(date.dayNumber)
        if d >= firstDay && d < lastDay && n <= workingDays.count {
            let k = Int(workingBefore[d + 1 - firstDay]) + n - 1
            if k < workingDays.count { return CalendarDate(dayNumber: workingDays[k]) }
        }
        var current = date
        var remaining = n
        // Past the last day a CalendarDate holds there is no later working day: it stops there.
        while remaining > 0 && current < .latest {
            current = current.adding(days: 1)
            if isWorkingDay(current) { remaining -= 1 }
        }
        return current
    }

    /// `date` itself when it is a working day, else the next working day.
    public func workingDay(onOrAfter date: CalendarDate) -> CalendarDate {
        let d = Int(date.dayNumber)
        if d >= firstDay && d <= lastDay {
            let k = Int(workingBefore[d - firstDay])
            if k < workingDays.count { return CalendarDate(dayNumber: workingDays[k]) }
        }
        var current = date
        while !isWorkingDay(current) && current < .latest { current = current.adding(days: 1) }
        return current
    }

    /// N months after `date` (MLL): the same day number N months later, or that
    /// month's last day when it has no such day; then, when `rollToWorkingDay`
    /// (default: the `monthDeadlineRolls` setting), the next working day if the
    /// result is not one. 30.11.2023 + 3 → 29.2.2024; 31.3.2024 + 3 → 30.6.2024 → 1.7.2024.
    public func addingMonths(_ n: Int, to date: CalendarDate, rollToWorkingDay: Bool? = nil) -> CalendarDate {
        let plain = Self.addingMonths(n, to: date)
        return (rollToWorkingDay ?? monthDeadlineRolls) ? workingDay(onOrAfter: plain) : plain
    }

    /// N months after `date` by the month rule alone (clamped to the month's end), no working-day shift.
    /// Total for every `n`: months beyond ±70 million (past every day a
    /// CalendarDate holds) count as that many, and the result stops at the
    /// first or last day (no setting accepted comes near: at most 120 months).
    public static func addingMonths(_ n: Int, to date: CalendarDate) -> CalendarDate {
        let c = date.components
        let span = 70_000_000
        let monthIndex = c.year * 12 + (c.month - 1) + min(max(n, -span), span)
        let year = monthIndex >= 0 ? monthIndex / 12 : (monthIndex - 11) / 12
        let month = monthIndex - year * 12 + 1
        let day = min(c.day, CalendarDate.daysIn(month: month, year: year))
        return CalendarDate(dayNumber: Int32(clamping: FinnishHolidays.dayNumber(year, month, day)))
    }
}
