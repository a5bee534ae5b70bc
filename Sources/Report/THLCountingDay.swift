import CaseModel

/// THL's counting day for the mitoitus collection: the situation on the second
/// Tuesday of April and of October (e.g. 14.4.2026, 13.10.2026).
public enum THLCountingDay {
    /// The months whose second Tuesday is a counting day.
    public static let months = [4, 10]

    /// The second Tuesday of `month` in `year`.
    public static func secondTuesday(year: Int, month: Int) -> CalendarDate? {
        guard let first = CalendarDate(year: year, month: month, day: 1) else { return nil }
        // ISO weekday: Monday 1 … Sunday 7; Tuesday is 2.
        let toFirstTuesday = (2 - first.isoWeekday + 7) % 7
        return first.adding(days: toFirstTuesday + 7)
    }

    /// The latest counting day on or before `date`: this year's October or April,
    /// or last year's October.
    public static func latest(onOrBefore date: CalendarDate) -> CalendarDate {
        let candidates = [(date.year, 10), (date.year, 4), (date.year - 1, 10)]
        for (year, month) in candidates {
            if let day = secondTuesday(year: year, month: month), day <= date { return day }
        }
        // Unreachable for any real date (last year's October is always before it).
        return date
    }

    /// Whether `date` is a counting day.
    public static func isCountingDay(_ date: CalendarDate) -> Bool {
        months.contains(date.month) && secondTuesday(year: date.year, month: date.month) == date
    }
}
