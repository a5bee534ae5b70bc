import CaseModel
import Foundation

/// The day of the run in Finland: the date a document bears unless its metadata gives one.
func today() -> CalendarDate {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "Europe/Helsinki") ?? .current
    let c = calendar.dateComponents([.year, .month, .day], from: Date())
    return CalendarDate(year: c.year ?? 2000, month: c.month ?? 1, day: c.day ?? 1) ?? CalendarDate(dayNumber: 0)
}
