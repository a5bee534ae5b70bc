import CaseModel

/// Just enough of the Finnish calendar to make sample dates look like real
/// work: holidays to cluster clocks around and working days to space decisions.
/// It only shapes the sample; no figure is ever counted with it (the rules use
/// `FinnishCalendar`).
enum SampleCalendar {
    /// Easter Sunday (anonymous Gregorian algorithm).
    static func easter(_ year: Int) -> CalendarDate {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return date(year, month, day)
    }

    /// Midsummer Eve: the Friday from 19 to 25 June.
    static func midsummerEve(_ year: Int) -> CalendarDate {
        let first = date(year, 6, 19)
        return first.adding(days: (5 - first.isoWeekday + 7) % 7)
    }

    static func isHoliday(_ d: CalendarDate) -> Bool {
        let (y, m, day) = d.components
        switch (m, day) {
        case (1, 1), (1, 6), (5, 1), (12, 6), (12, 24), (12, 25), (12, 26): return true
        default: break
        }
        let e = easter(y)
        let offset = d.days(since: e)
        if offset == -2 || offset == 1 || offset == 39 { return true }
        return m == 6 && d == midsummerEve(y)
    }

    static func isWorkingDay(_ d: CalendarDate) -> Bool { d.isoWeekday <= 5 && !isHoliday(d) }

    /// The n-th working day after `d` (`d` itself never counts); n = 0 gives `d`.
    static func workingDays(_ n: Int, after d: CalendarDate) -> CalendarDate {
        var day = d
        var left = n
        while left > 0 {
            day = day.adding(days: 1)
            if isWorkingDay(day) { left -= 1 }
        }
        return day
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
