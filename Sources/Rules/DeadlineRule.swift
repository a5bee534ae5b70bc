import CaseModel
import FinnishCalendar

/// A rule whose counting is a deadline (`DeadlineRule`): the pass finds it in the catalogue.
protocol CountsDeadlines: Rule {
    static var deadline: DeadlineRule { get }
}

/// A deadline rule of rules.md as one value: whom it counts (its population
/// of referrals or assessments), when its clock starts, what done means, its
/// limit and the period basis on which an item belongs to a period. The pass
/// over the cases (`EvaluationPass`) hands every referral and assessment to
/// every deadline rule in `DeadlineRule.all`; nothing else decides who counts.
public struct DeadlineRule: Sendable {
    /// What one item of the rule is.
    public enum Subject: Sendable { case referral, assessment }

    /// The time allowed from the clock's start.
    public enum Limit: Sendable, Equatable {
        /// N working days after the day (MLL; eves by `evesAreHolidays`).
        case workingDays(Int)
        /// N months by the month rule (shifted to a working day by `monthDeadlineRolls`).
        case months(Int)
        /// `urgencyDays` calendar days (the policy reading of "välittömästi"), even onto a holiday.
        case urgencyDays

        func deadline(from start: CalendarDate, settings: RuleSettings, calendar: WorkingDayCalendar) -> CalendarDate {
            switch self {
            case .workingDays(let n): return calendar.addingWorkingDays(n, to: start)
            case .months(let n): return calendar.addingMonths(n, to: start)
            case .urgencyDays: return start.adding(days: settings.urgencyDays)
            }
        }
    }

    /// How an item belongs to a reporting period (rules.md Version 2, "Period basis").
    public enum Basis: String, Sendable {
        /// Its clock started inside the period.
        case clockStart = "clock-start"
        /// THL's basis for completion: completed inside the period; open items
        /// whose deadline fell inside it (overdue) or whose clock started in it (pending).
        case completed
    }

    public let id: RuleID
    public let subject: Subject
    public let limit: Limit
    public let basis: Basis
    /// Whom the rule counts.
    let population: @Sendable (Matter) -> Bool
    /// The day the clock starts: the referral's `received` (vireilletulo) for every rule.
    let clock: @Sendable (Matter) -> CalendarDate
    /// The day the duty was done, as recorded (the pass sees it on T).
    let done: @Sendable (Matter) -> CalendarDate?
    /// Items counted apart as well, in the row's `urgentOnly` (nil: the rule has no such subset).
    let subset: (@Sendable (Matter) -> Bool)?

    init(
        _ id: RuleID, _ subject: Subject, limit: Limit, basis: Basis = .clockStart,
        population: @escaping @Sendable (Matter) -> Bool,
        done: @escaping @Sendable (Matter) -> CalendarDate?,
        subset: (@Sendable (Matter) -> Bool)? = nil
    ) {
        self.id = id
        self.subject = subject
        self.limit = limit
        self.basis = basis
        self.population = population
        clock = { $0.received }
        self.done = done
        self.subset = subset
    }

    /// Every deadline rule of the catalogue, in the order of their ids (the order of the findings' rows).
    public static let all: [DeadlineRule] = RuleCatalog.all
        .compactMap { ($0 as? any CountsDeadlines.Type)?.deadline }
        .sorted { $0.id < $1.id }

    /// The position of a rule in `all`, by id.
    static func index(of id: RuleID) -> Int? { all.firstIndex { $0.id == id } }

    /// What an item of this rule is on T for the period, or nil when it belongs to no
    /// table of the period. `done` is already seen on T (a later date is nil).
    func outcome(
        clockStart: CalendarDate, deadline: CalendarDate, done: CalendarDate?, asOf t: CalendarDate,
        period: ClosedRange<CalendarDate>
    ) -> DeadlineOutcome? {
        switch basis {
        case .clockStart:
            guard period.contains(clockStart) else { return nil }
            if let done { return done <= deadline ? .met : .late }
            return deadline < t ? .overdue : .pending
        case .completed:
            if let done { return period.contains(done) ? (done <= deadline ? .met : .late) : nil }
            if deadline < t { return period.contains(deadline) ? .overdue : nil }
            return period.contains(clockStart) ? .pending : nil
        }
    }
}
