import CaseModel
import FinnishCalendar
import Testing

/// Issue 22: `urgencyDays: 1000000000000` and `planReviewMonths:
/// 9223372036854775807` trapped on integer overflow. The settings now stop
/// far below (3 650 days, 120 months), and the arithmetic itself is total.
@Suite struct CalendarBoundsTests {
    static let last = CalendarDate(year: 9999, month: 12, day: 31)!
    static let first = CalendarDate(year: 1, month: 1, day: 1)!

    @Test func dayArithmeticStopsAtTheEndsInsteadOfTrapping() {
        #expect(Self.last.adding(days: Int.max) == .latest)
        #expect(Self.first.adding(days: Int.min) == .earliest)
        #expect(CalendarDate.latest.adding(days: 1) == .latest)
        #expect(Self.last.adding(days: 1_000_000_000_000) == .latest)
        #expect(Self.last.adding(days: 3650).year == 10009)
        #expect(CalendarDate(dayNumber: 0).adding(days: -1).iso == "1969-12-31")
    }

    @Test func monthArithmeticIsTotal() {
        let c = WorkingDayCalendar.standard
        #expect(WorkingDayCalendar.addingMonths(Int.max, to: Self.last).year > 5_000_000)
        #expect(WorkingDayCalendar.addingMonths(Int.min, to: Self.first).year < -5_000_000)
        #expect(WorkingDayCalendar.addingMonths(Int.max, to: .latest) == .latest)
        #expect(WorkingDayCalendar.addingMonths(Int.min, to: .earliest) == .earliest)
        #expect(WorkingDayCalendar.addingMonths(120, to: Self.last).iso == "10009-12-31")
        #expect(c.addingMonths(9_223_372_036_854_775_807, to: Self.last) > Self.last)
        #expect(c.addingMonths(3, to: CalendarDate(year: 2024, month: 3, day: 31)!).iso == "2024-07-01")
    }

    @Test func workingDaysStopAtTheLastDay() {
        let c = WorkingDayCalendar.standard
        #expect(c.addingWorkingDays(Int.max, to: CalendarDate.latest.adding(days: -20)) == .latest)
        #expect(c.workingDay(onOrAfter: .latest) == .latest)
        #expect(c.addingWorkingDays(3650, to: Self.last) > Self.last)
        _ = c.isWorkingDay(.latest)
        _ = c.isWorkingDay(.earliest)
        _ = c.holiday(on: .latest)
        // The fast path of the table still gives the known answer.
        #expect(c.addingWorkingDays(7, to: CalendarDate(year: 2024, month: 1, day: 3)!).iso == "2024-01-12")
    }

    @Test func holidaysOfTheYearsAtTheEdgesAreComputed() {
        #expect(FinnishHolidays.days(year: CalendarDate.latest.year).count <= 11)
        #expect(FinnishHolidays.days(year: CalendarDate.earliest.year).count <= 11)
        #expect(FinnishHolidays.days(year: 10009).count == 11)
    }
}
