import CaseModel

/// Finnish public holidays (pyhäpäivät) and the two eves that MLL 5 § treats
/// like them, computed for any year so that no table can run out.
public enum FinnishHolidays {
    /// A day on which no working-day deadline can fall, other than a weekend.
    public enum Kind: String, Sendable, CaseIterable {
        case newYearsDay, epiphany, goodFriday, easterMonday, mayDay, ascensionDay
        /// juhannusaatto: the Friday from 19 to 25 June.
        case midsummerEve
        case independenceDay
        /// jouluaatto, 24 December.
        case christmasEve
        case christmasDay, boxingDay

        /// The eves are not public holidays by law; MLL 5 § counts them as such
        /// (setting `evesAreHolidays`).
        public var isEve: Bool { self == .midsummerEve || self == .christmasEve }
    }

    /// Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm,
    /// Meeus/Jones/Butcher), valid for every year from 1583.
    public static func easterSunday(year: Int) -> (month: Int, day: Int) {
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
        return (month, day)
    }

    /// Every holiday and eve of the year, in date order. Some fall on weekends;
    /// that does not matter to the working-day rule.
    public static func days(year: Int) -> [(date: CalendarDate, kind: Kind)] {
        let easter = easterSunday(year: year)
        let easterDay = dayNumber(year, easter.month, easter.day)
        // The Friday from 19 to 25 June: 19 June plus the days to the next Friday (ISO 5).
        let june19 = dayNumber(year, 6, 19)
        let midsummerEve = june19 + (5 - isoWeekday(june19) + 7) % 7
        let list: [(Int, Kind)] = [
            (dayNumber(year, 1, 1), .newYearsDay),
            (dayNumber(year, 1, 6), .epiphany),
            (easterDay - 2, .goodFriday),
            (easterDay + 1, .easterMonday),
            (dayNumber(year, 5, 1), .mayDay),
            (easterDay + 39, .ascensionDay),
            (midsummerEve, .midsummerEve),
            (dayNumber(year, 12, 6), .independenceDay),
            (dayNumber(year, 12, 24), .christmasEve),
            (dayNumber(year, 12, 25), .christmasDay),
            (dayNumber(year, 12, 26), .boxingDay),
        ]
        // A year at the edge of what a CalendarDate holds may have holidays beyond it: they are left out.
        return list.sorted { $0.0 < $1.0 }.compactMap { day, kind in
            Int32(exactly: day).map { (CalendarDate(dayNumber: $0), kind) }
        }
    }

    /// Days since 1970-01-01 (`CalendarDate.daysFromCivil`: never fails).
    static func dayNumber(_ y: Int, _ m: Int, _ d: Int) -> Int { CalendarDate.daysFromCivil(y, m, d) }

    /// ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday).
    static func isoWeekday(_ day: Int) -> Int { ((day % 7) + 7 + 3) % 7 + 1 }
}
