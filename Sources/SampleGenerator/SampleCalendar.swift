import CaseModel
import FinnishCalendar

/// Just enough of the Finnish calendar to make sample dates look like real
/// work: holidays to cluster clocks around and working days to space decisions.
/// It only shapes the sample; no figure is ever counted with it (the rules use
/// `FinnishCalendar`).
enum SampleCalendar {
    /// Easter Sunday, from the rules' own calendar.
    static func easter(_ year: Int) -> CalendarDate {
        let e = FinnishHolidays.easterSunday(year: year)
        return date(year, e.month, e.day)
    }

    /// Midsummer Eve: the Friday from 19 to 25 June.
    static func midsummerEve(_ year: Int) -> CalendarDate {
        let first = date(year, 6, 19)
        return first.adding(days: (5 - first.isoWeekday + 7) % 7)
    }

    static func isHoliday(_ d: CalendarDate) -> Bool { WorkingDayCalendar.standard.holiday(on: d) != nil }

    static func isWorkingDay(_ d: CalendarDate) -> Bool { WorkingDayCalendar.standard.isWorkingDay(d) }

    /// The n-th working day after `d` (`d` itself never counts); n = 0 gives `d`.
    static func workingDays(_ n: Int, after d: CalendarDate) -> CalendarDate {
        n == 0 ? d : WorkingDayCalendar.standard.addingWorkingDays(n, to: d)
    }

    static func date(_ y: Int, _ m: Int, _ d: Int) -> CalendarDate {
        CalendarDate(year: y, month: m, day: min(d, CalendarDate.daysIn(month: m, year: y)))!
    }

    static func lastDayOfMonth(_ y: Int, _ m: Int) -> CalendarDate {
        date(y, m, CalendarDate.daysIn(month: m, year: y))
    }

    /// The same day `months` later or earlier, clipped to the month's end.
    static func adding(months: Int, to d: CalendarDate) -> CalendarDate {
        let (y, m, day) = d.components
        let total = y * 12 + (m - 1) + months
        return date(total / 12, total % 12 + 1, day)
    }
}
