import CaseModel

/// The statutory caseload limit of LSL 13 b § (asiakasmitoitus): the most
/// children one responsible social worker may have, as data with the dates
/// from which each figure is in force (HE 170/2021). This is the only place
/// these numbers are written.
public enum CaseloadLimit {
    /// In force from the date until the next entry; before the first entry there is no limit.
    public static let schedule: [(from: CalendarDate, children: Int)] = [
        (CalendarDate(dayNumber: 18_993), 35),  // 2022-01-01
        (CalendarDate(dayNumber: 19_723), 30),  // 2024-01-01
    ]

    /// The limit in force on `date`, or nil before 1.1.2022 (the rule is not applicable).
    public static func limit(on date: CalendarDate) -> Int? {
        schedule.last { $0.from <= date }?.children
    }
}
