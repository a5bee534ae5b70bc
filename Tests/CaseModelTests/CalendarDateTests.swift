import CaseModel
import Testing

@Suite struct CalendarDateTests {
    @Test(arguments: [
        ("1970-01-01", 0, 4), ("2024-01-03", 19725, 3), ("2024-02-29", 19782, 4), ("2000-03-01", 11017, 3),
        ("1899-12-31", -25568, 7),
    ])
    func roundTrip(iso: String, dayNumber: Int32, weekday: Int) throws {
        let d = try #require(CalendarDate.parseISO(iso))
        #expect(d.dayNumber == dayNumber)
        #expect(d.iso == iso)
        #expect(d.isoWeekday == weekday)
    }

    @Test func refusesImpossibleDates() {
        for s in ["2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024-1-03", "24-01-03", "2024-01-03 "] {
            #expect(CalendarDate.parseISO(s) == nil, "\(s)")
        }
    }

    @Test func finnishForm() {
        #expect(CalendarDate.parseFinnish("3.1.2024") == CalendarDate(year: 2024, month: 1, day: 3))
        #expect(CalendarDate.parseFinnish("03.01.2024") == CalendarDate(year: 2024, month: 1, day: 3))
        #expect(CalendarDate.parseFinnish("30.2.2024") == nil)
        #expect(CalendarDate.parseFinnish("3.1.24") == nil)
        #expect(CalendarDate.parseFinnish("3..2024") == nil)
    }

    @Test func fte() {
        #expect(FTE.parse("1", allowComma: false) == FTE.parse("1.0", allowComma: false))
        #expect(FTE.parse("0,5", allowComma: true)?.micros == 500_000)
        #expect(FTE.parse("0,5", allowComma: false) == nil)
        #expect(FTE.parse("1.2.3", allowComma: false) == nil)
        #expect(FTE.parse("", allowComma: false) == nil)
        #expect(FTE.parse("1e3", allowComma: false) == nil)
        #expect(FTE.parse(".5", allowComma: false)?.micros == 500_000)
        // xs:decimal allows any number of decimals: rounded half up to millionths.
        #expect(FTE.parse("1.000000000", allowComma: false) == FTE.parse("1", allowComma: false))
        #expect(FTE.parse("0.3333333", allowComma: false)?.micros == 333_333)
        #expect(FTE.parse("0.6666666", allowComma: false)?.micros == 666_667)
        #expect(FTE.parse("12345678901234567890", allowComma: false) == nil)
    }
}
