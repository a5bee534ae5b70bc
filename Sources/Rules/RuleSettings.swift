import CaseModel
import FinnishCalendar
import Foundation
import Yams

/// The parameters that policy may change (rules.md). Read from a small YAML
/// file (`--settings`); every key is optional, an unknown key is an error.
/// Documented with defaults in docs/settings.md.
public struct RuleSettings: Codable, Sendable, Equatable {
    /// MLL 5 §: Midsummer Eve and Christmas Eve are not working days.
    public var evesAreHolidays = true
    /// MLL 5 §: a month deadline that falls on a non-working day moves to the next working day.
    public var monthDeadlineRolls = true
    /// `LSL26-urgency`: "välittömästi" read as received + this many calendar days.
    public var urgencyDays = 1
    /// `LSL30-plan`/`SHL39-plan`: a plan is up to date for this many months.
    public var planReviewMonths = 12
    /// `LSL29-meeting`: the child is met at least once in this many days.
    public var meetingIntervalDays = 90
    /// A region differs materially when its rate is this many percentage points worse.
    public var regionalGapPoints: Double = 10
    /// Referral kinds that make a child welfare matter (lastensuojeluasia) by themselves;
    /// any referral with `childWelfare=true` is one too (rules.md Version 2).
    public var childWelfareKinds: [ReferralKind] = [.lastensuojeluilmoitus, .pyyntoArvioida]
    /// `LSL30-first-plan`: no deadline in law; a first plan later than this many days is
    /// marked late in the exceptions list.
    public var firstPlanDays = 30

    /// Every default, in one place: the properties' initial values.
    public init() {}

    public init(
        evesAreHolidays: Bool? = nil, monthDeadlineRolls: Bool? = nil, urgencyDays: Int? = nil,
        planReviewMonths: Int? = nil, meetingIntervalDays: Int? = nil, regionalGapPoints: Double? = nil,
        childWelfareKinds: [ReferralKind]? = nil, firstPlanDays: Int? = nil
    ) {
        if let evesAreHolidays { self.evesAreHolidays = evesAreHolidays }
        if let monthDeadlineRolls { self.monthDeadlineRolls = monthDeadlineRolls }
        if let urgencyDays { self.urgencyDays = urgencyDays }
        if let planReviewMonths { self.planReviewMonths = planReviewMonths }
        if let meetingIntervalDays { self.meetingIntervalDays = meetingIntervalDays }
        if let regionalGapPoints { self.regionalGapPoints = regionalGapPoints }
        if let childWelfareKinds { self.childWelfareKinds = childWelfareKinds }
        if let firstPlanDays { self.firstPlanDays = firstPlanDays }
    }

    /// A child welfare matter: its kind is one of `childWelfareKinds`, or the client system marked it.
    @inline(__always) public func isChildWelfareMatter(_ r: Referral) -> Bool {
        r.childWelfare || childWelfareKinds.contains(r.kind)
    }

    /// The working-day calendar these settings ask for.
    public var calendar: WorkingDayCalendar {
        evesAreHolidays && monthDeadlineRolls
            ? .standard : WorkingDayCalendar(evesAreHolidays: evesAreHolidays, monthDeadlineRolls: monthDeadlineRolls)
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case evesAreHolidays, monthDeadlineRolls, urgencyDays, planReviewMonths, meetingIntervalDays
        case regionalGapPoints, childWelfareKinds, firstPlanDays
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: Decoder) throws {
        let all = try decoder.container(keyedBy: AnyKey.self)
        for key in all.allKeys where CodingKeys(stringValue: key.stringValue) == nil {
            throw RuleSettingsError.unknownKey(key.stringValue)
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            evesAreHolidays: try c.decodeIfPresent(Bool.self, forKey: .evesAreHolidays),
            monthDeadlineRolls: try c.decodeIfPresent(Bool.self, forKey: .monthDeadlineRolls),
            urgencyDays: try c.decodeIfPresent(Int.self, forKey: .urgencyDays),
            planReviewMonths: try c.decodeIfPresent(Int.self, forKey: .planReviewMonths),
            meetingIntervalDays: try c.decodeIfPresent(Int.self, forKey: .meetingIntervalDays),
            regionalGapPoints: try c.decodeIfPresent(Double.self, forKey: .regionalGapPoints),
            childWelfareKinds: try c.decodeIfPresent([ReferralKind].self, forKey: .childWelfareKinds),
            firstPlanDays: try c.decodeIfPresent(Int.self, forKey: .firstPlanDays))
        try validate()
    }

    /// Refuses values no policy can mean (a negative interval, a gap that is not a number).
    public func validate() throws {
        if urgencyDays < 0 { throw RuleSettingsError.invalid(key: "urgencyDays", expected: "a whole number ≥ 0") }
        if planReviewMonths < 1 {
            throw RuleSettingsError.invalid(key: "planReviewMonths", expected: "a whole number ≥ 1")
        }
        if meetingIntervalDays < 1 {
            throw RuleSettingsError.invalid(key: "meetingIntervalDays", expected: "a whole number ≥ 1")
        }
        if firstPlanDays < 0 { throw RuleSettingsError.invalid(key: "firstPlanDays", expected: "a whole number ≥ 0") }
        if !regionalGapPoints.isFinite || regionalGapPoints < 0 || regionalGapPoints > 100 {
            throw RuleSettingsError.invalid(key: "regionalGapPoints", expected: "a number from 0 to 100")
        }
    }

    /// Parses the YAML text of a settings file. An empty file (or only comments) gives the defaults.
    public static func parse(yaml: String) throws -> RuleSettings {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch {
            throw RuleSettingsError.syntax(String(describing: error))
        }
        guard let node else { return RuleSettings() }
        guard node.mapping != nil else { throw RuleSettingsError.notAMapping }
        do {
            return try YAMLDecoder().decode(RuleSettings.self, from: yaml)
        } catch let error as RuleSettingsError {
            throw error
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.dataCorrupted(context),
            let DecodingError.valueNotFound(_, context)
        {
            if let inner = context.underlyingError as? RuleSettingsError { throw inner }
            let key = context.codingPath.last?.stringValue ?? "?"
            guard let known = CodingKeys(stringValue: key) else {
                throw RuleSettingsError.syntax(context.debugDescription)
            }
            throw RuleSettingsError.invalid(key: key, expected: expectedType(known))
        }
    }

    /// Reads a settings file; errors name the file.
    public static func load(path: String) throws -> RuleSettings {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RuleSettingsError.unreadable(path: path)
        }
        guard let text = String(data: data, encoding: .utf8) else { throw RuleSettingsError.unreadable(path: path) }
        do {
            return try parse(yaml: text)
        } catch let error as RuleSettingsError {
            throw RuleSettingsError.inFile(path: path, error)
        }
    }

    private static func expectedType(_ key: CodingKeys) -> String {
        switch key {
        case .evesAreHolidays, .monthDeadlineRolls: return "true or false"
        case .urgencyDays, .planReviewMonths, .meetingIntervalDays, .firstPlanDays: return "a whole number"
        case .regionalGapPoints: return "a number"
        case .childWelfareKinds: return "a list of referral kinds (" + ReferralKind.allCases.map(\.rawValue).joined(separator: ", ") + ")"
        }
    }
}

/// Why a settings file was refused.
public indirect enum RuleSettingsError: LocalizedError, Equatable {
    case unknownKey(String)
    case invalid(key: String, expected: String)
    case notAMapping
    case syntax(String)
    case unreadable(path: String)
    case inFile(path: String, RuleSettingsError)

    public var errorDescription: String? {
        switch self {
        case .unknownKey(let key):
            return "unknown setting '\(key)'; the settings are "
                + RuleSettings.CodingKeys.allCases.map(\.stringValue).joined(separator: ", ")
                + " (see docs/settings.md)"
        case .invalid(let key, let expected): return "setting '\(key)' must be \(expected)"
        case .notAMapping: return "the settings must be a YAML mapping of 'key: value' lines"
        case .syntax(let detail): return "the settings are not valid YAML: \(detail)"
        case .unreadable(let path): return "cannot read the settings file \(path) (it must exist and be UTF-8)"
        case .inFile(let path, let inner): return "\(path): \(inner.errorDescription ?? "invalid settings")"
        }
    }
}
