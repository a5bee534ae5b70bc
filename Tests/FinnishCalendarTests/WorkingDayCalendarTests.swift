import CaseModel
import FinnishCalendar
import Testing

private func day(_ iso: String) -> CalendarDate {
    guard let d = CalendarDate.parseISO(iso) else { fatalError("bad test date \(iso)") }
    return d
}

@Suite struct FinnishHolidaysTests {
    /// Western (Gregorian) Easter Sunday 2000–2030 from the published tables.
    static let easter: [(Int, Int, Int)] = [
        (2000, 4, 23), (2001, 4, 15), (2002, 3, 31), (2003, 4, 20), (2004, 4, 11), (2005, 3, 27),
        (2006, 4, 16), (2007, 4, 8), (2008, 3, 23), (2009, 4, 12), (2010, 4, 4), (2011, 4, 24),
        (2012, 4, 8), (2013, 3, 31), (2014, 4, 20), (2015, 4, 5), (2016, 3, 27), (2017, 4, 16),
        (2018, 4, 1), (2019, 4, 21), (2020, 4, 12), (2021, 4, 4), (2022, 4, 17), (2023, 4, 9),
        (2024, 3, 31), (2025, 4, 20), (2026, 4, 5), (2027, 3, 28), (2028, 4, 16), (2029, 4, 1),
        (2030, 4, 21),
        // The extremes: earliest (22 March) and latest (25 April) possible dates.
        (1818, 3, 22), (2285, 3, 22), (1943, 4, 25), (2038, 4, 25),
    ]

    @Test(arguments: easter)
    func easterSunday(year: Int, month: Int, dayOfMonth: Int) {
        let e = FinnishHolidays.easterSunday(year: year)
        #expect(e.month == month && e.day == dayOfMonth, "Easter \(year)")
    }

    @Test func holidaysOf2024() {
        let got = FinnishHolidays.days(year: 2024).map { "\($0.date.iso) \($0.kind.rawValue)" }
        #expect(
            got == [
                "2024-01-01 newYearsDay", "2024-01-06 epiphany", "2024-03-29 goodFriday",
                "2024-04-01 easterMonday", "2024-05-01 mayDay", "2024-05-09 ascensionDay",
                "2024-06-21 midsummerEve", "2024-12-06 independenceDay", "2024-12-24 christmasEve",
                "2024-12-25 christmasDay", "2024-12-26 boxingDay",
            ])
    }

    @Test(arguments: [
        (2019, "2019-06-21"), (2020, "2020-06-19"), (2021, "2021-06-25"), (2022, "2022-06-24"),
        (2023, "2023-06-23"), (2024, "2024-06-21"), (2025, "2025-06-20"), (2026, "2026-06-19"),
    ])
    func midsummerEve(year: Int, iso: String) {
        let eve = FinnishHolidays.days(year: year).first { $0.kind == .midsummerEve }
        #expect(eve?.date.iso == iso)
        #expect(eve?.date.isoWeekday == 5)
    }

    @Test func ascensionIsEasterPlus39AndAThursday() {
        for year in 1990...2060 {
            let days = FinnishHolidays.days(year: year)
            let good = days.first { $0.kind == .goodFriday }!.date
            let asc = days.first { $0.kind == .ascensionDay }!.date
            #expect(asc.days(since: good) == 41)
            #expect(asc.isoWeekday == 4 && good.isoWeekday == 5)
        }
    }
}

@Suite struct WorkingDayCalendarTests {
    static let standard = WorkingDayCalendar.standard
    static let evesWork = WorkingDayCalendar(evesAreHolidays: false)

    @Test(arguments: [
        // The spec's example: Epiphany on a Saturday.
        ("2024-01-03", 7, "2024-01-12", "2024-01-12"),
        // Easter 2024: Good Friday 29.3, Easter Monday 1.4.
        ("2024-03-27", 7, "2024-04-09", "2024-04-09"),
        ("2024-03-29", 1, "2024-04-02", "2024-04-02"),
        // May Day and Ascension 2024 in one week.
        ("2024-04-30", 7, "2024-05-13", "2024-05-13"),
        // Midsummer Eve 21.6.2024.
        ("2024-06-19", 7, "2024-07-01", "2024-06-28"),
        // Christmas 2024 and New Year, Epiphany 2025 on a Monday.
        ("2024-12-20", 7, "2025-01-07", "2025-01-03"),
        ("2024-12-23", 1, "2024-12-27", "2024-12-24"),
        // Independence Day 2024 is a Friday.
        ("2024-12-05", 1, "2024-12-09", "2024-12-09"),
        // Received on a Saturday or Sunday: the day itself never counts.
        ("2024-01-06", 7, "2024-01-16", "2024-01-16"),
        ("2024-01-07", 1, "2024-01-08", "2024-01-08"),
        // Leap day.
        ("2024-02-28", 1, "2024-02-29", "2024-02-29"),
        ("2024-02-26", 7, "2024-03-06", "2024-03-06"),
        ("2023-02-27", 7, "2023-03-08", "2023-03-08"),
        // Table edges and beyond take the slow path with the same rule.
        ("2199-12-30", 1, "2199-12-31", "2199-12-31"),
        ("2199-12-31", 1, "2200-01-02", "2200-01-02"),
        ("1899-12-29", 3, "1900-01-04", "1900-01-04"),
        ("2250-12-23", 2, "2250-12-30", "2250-12-27"),
    ])
    func workingDays(from: String, n: Int, expected: String, withoutEves: String) {
        #expect(Self.standard.addingWorkingDays(n, to: day(from)).iso == expected)
        #expect(Self.evesWork.addingWorkingDays(n, to: day(from)).iso == withoutEves)
    }

    /// The precomputed tables against a day-by-day count built only from the holiday list.
    @Test func tablesAgreeWithNaiveCount() {
        var closed = Set<Int32>()
        for year in 1999...2031 {
            for h in FinnishHolidays.days(year: year) { closed.insert(h.date.dayNumber) }
        }
        func naive(_ n: Int, _ d: CalendarDate) -> CalendarDate {
            var c = d
            var left = n
            while left > 0 {
                c = c.adding(days: 1)
                if c.isoWeekday <= 5 && !closed.contains(c.dayNumber) { left -= 1 }
            }
            return c
        }
        var d = day("2000-01-01")
        let end = day("2030-12-31")
        while d <= end {
            for n in [1, 7, 15] { #expect(Self.standard.addingWorkingDays(n, to: d) == naive(n, d), "\(d) + \(n)") }
            #expect(Self.standard.isWorkingDay(d) == (d.isoWeekday <= 5 && !closed.contains(d.dayNumber)))
            d = d.adding(days: 1)
        }
    }

    @Test(arguments: [
        // The spec's examples.
        ("2023-11-30", 3, "2024-02-29", "2024-02-29"),
        ("2024-03-31", 3, "2024-07-01", "2024-06-30"),
        // Month ends and leap years.
        ("2023-01-31", 1, "2023-02-28", "2023-02-28"),
        ("2024-01-31", 1, "2024-02-29", "2024-02-29"),
        ("2024-02-29", 12, "2025-02-28", "2025-02-28"),
        ("2023-05-31", 12, "2024-05-31", "2024-05-31"),
        ("2024-03-31", -1, "2024-02-29", "2024-02-29"),
        ("2024-11-30", 3, "2025-02-28", "2025-02-28"),
        // Landing on Christmas Eve, Midsummer Eve, Independence Day, a Saturday.
        ("2024-09-24", 3, "2024-12-27", "2024-12-24"),
        ("2024-03-21", 3, "2024-06-24", "2024-06-21"),
        ("2024-09-06", 3, "2024-12-09", "2024-12-06"),
        ("2024-10-06", 3, "2025-01-07", "2025-01-06"),
        ("2024-02-03", 3, "2024-05-03", "2024-05-03"),
        ("2024-02-01", 3, "2024-05-02", "2024-05-01"),
    ])
    func months(from: String, n: Int, rolled: String, plain: String) {
        #expect(Self.standard.addingMonths(n, to: day(from)).iso == rolled)
        #expect(Self.standard.addingMonths(n, to: day(from), rollToWorkingDay: false).iso == plain)
        #expect(WorkingDayCalendar.addingMonths(n, to: day(from)).iso == plain)
        #expect(WorkingDayCalendar(monthDeadlineRolls: false).addingMonths(n, to: day(from)).iso == plain)
    }

    @Test func evesSetting() {
        #expect(!Self.standard.isWorkingDay(day("2024-12-24")))
        #expect(Self.evesWork.isWorkingDay(day("2024-12-24")))
        #expect(!Self.standard.isWorkingDay(day("2024-06-21")))
        #expect(Self.evesWork.isWorkingDay(day("2024-06-21")))
        #expect(!Self.evesWork.isWorkingDay(day("2024-12-25")))
        #expect(Self.standard.workingDay(onOrAfter: day("2024-12-24")).iso == "2024-12-27")
        #expect(Self.standard.holiday(on: day("2024-05-09")) == .ascensionDay)
        #expect(Self.standard.holiday(on: day("2024-05-10")) == nil)
    }
}
