import CaseModel
import FinnishCalendar
import Foundation
import StrictYAML

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
    /// `workload`: the most clients per worker, by the worker's service (rules.md "Every
    /// service"): Talentia's recommendation of 35–50 clients in working-age services, a
    /// recommendation and not law. A service without an entry has no limit.
    public var workloadLimits: [Service: Int] = [.tyoikaiset: 50]
    /// `repeatReferrals` (policy): this many referrals about one client in the period.
    public var repeatReferralCount = 3
    /// `workload`: a region differs materially when its median clients per worker is at
    /// least this many per cent above the organisation's (with at least 5 workers).
    public var workloadGapPercent: Double = 20
    /// A region is named as differing materially only when the denominator of its rate is at
    /// least this (report.md "A reply a director signs"); workload keeps its 5 workers.
    public var regionalMinCount = 20
    /// The periodic report's severity levels (report.md "A reply a director signs"): a
    /// statutory rate below `serious` % is serious, below `notable` % notable, else minor;
    /// a policy rate one level lower.
    public var severity = Severity()

    /// The periodic report's severity thresholds, in per cent of compliance.
    public struct Severity: Codable, Sendable, Equatable {
        public var serious: Double = 80
        public var notable: Double = 95
        public init(serious: Double = 80, notable: Double = 95) {
            self.serious = serious
            self.notable = notable
        }
    }

    /// Every default, in one place: the properties' initial values.
    public init() {}

    public init(
        evesAreHolidays: Bool? = nil, monthDeadlineRolls: Bool? = nil, urgencyDays: Int? = nil,
        planReviewMonths: Int? = nil, meetingIntervalDays: Int? = nil, regionalGapPoints: Double? = nil,
        childWelfareKinds: [ReferralKind]? = nil, firstPlanDays: Int? = nil,
        workloadLimits: [Service: Int]? = nil, repeatReferralCount: Int? = nil, workloadGapPercent: Double? = nil
    ) {
        if let workloadLimits { self.workloadLimits = workloadLimits }
        if let repeatReferralCount { self.repeatReferralCount = repeatReferralCount }
        if let workloadGapPercent { self.workloadGapPercent = workloadGapPercent }
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
        case regionalGapPoints, childWelfareKinds, firstPlanDays, workloadLimits, repeatReferralCount
        case workloadGapPercent, regionalMinCount, severity
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

    /// The accepted range of each whole-number setting (docs/settings.md): no
    /// policy needs more than ten years of days or months, and with these the
    /// calendar arithmetic stays far from any overflow.
    static let wholeNumberRanges: [CodingKeys: ClosedRange<Int>] = [
        .urgencyDays: 0...3650, .planReviewMonths: 1...120, .meetingIntervalDays: 1...3650, .firstPlanDays: 0...3650,
        .repeatReferralCount: 2...1000, .workloadLimits: 1...10_000, .regionalMinCount: 1...1_000_000,
    ]

    /// The accepted range of `regionalGapPoints`, in percentage points.
    static let gapRange: ClosedRange<Double> = 0...100

    /// Refuses values no policy can mean (a negative interval, ten years of months, a gap that is not a number).
    public func validate() throws {
        let values: [(CodingKeys, Int)] = [
            (.urgencyDays, urgencyDays), (.planReviewMonths, planReviewMonths),
            (.meetingIntervalDays, meetingIntervalDays), (.firstPlanDays, firstPlanDays),
            (.repeatReferralCount, repeatReferralCount), (.regionalMinCount, regionalMinCount),
        ] + workloadLimits.values.map { (.workloadLimits, $0) }
        for (key, value) in values {
            if let problem = Self.rangeProblem(key, value) { throw problem }
        }
        if !regionalGapPoints.isFinite || !Self.gapRange.contains(regionalGapPoints) {
            throw RuleSettingsError.invalid(key: "regionalGapPoints", expected: "a number from 0 to 100")
        }
        if !workloadGapPercent.isFinite || !Self.gapRange.contains(workloadGapPercent) {
            throw RuleSettingsError.invalid(key: "workloadGapPercent", expected: "a number from 0 to 100")
        }
        if !(severity.serious.isFinite && severity.notable.isFinite && 0 <= severity.serious
            && severity.serious <= severity.notable && severity.notable <= 100)
        {
            throw RuleSettingsError.invalid(key: "severity", expected: Self.severityExpected)
        }
    }

    static let severityExpected = "a mapping {serious: N, notable: N} of per cents, 0 ≤ serious ≤ notable ≤ 100"


    static func rangeProblem(_ key: CodingKeys, _ value: Int) -> RuleSettingsError? {
        guard let range = wholeNumberRanges[key], !range.contains(value) else { return nil }
        let bound = value < range.lowerBound ? "≥ \(range.lowerBound)" : "≤ \(range.upperBound)"
        return .invalid(key: key.stringValue, expected: "a whole number \(bound)")
    }

    /// Parses the YAML text of a settings file. An empty file (or only comments)
    /// gives the defaults. The errors name the key; `load(path:)` adds the file,
    /// line and column.
    public static func parse(yaml: String) throws -> RuleSettings {
        do {
            return try read(Array(yaml.utf8), file: "settings")
        } catch let RuleSettingsError.located(_, inner) {
            throw inner
        }
    }

    /// Reads a settings file with the strict YAML reader (docs/security.md,
    /// "YAML files"); every error names the file, line, column and key.
    public static func load(path: String) throws -> RuleSettings {
        let bytes: [UInt8]
        do {
            bytes = try StrictYAML.readFile(path)
        } catch let e as YAMLFileError {
            throw e.isMissing ? RuleSettingsError.unreadable(path: path) : .cannotRead(path: path, reason: e.reason)
        }
        return try read(bytes, file: path)
    }

    /// The settings of a file's bytes; every error is `.located`.
    public static func read(_ bytes: [UInt8], file: String) throws(RuleSettingsError) -> RuleSettings {
        let root: YAMLNode?
        do {
            root = try StrictYAML.parse(bytes, file: file)
        } catch {
            throw .located(error, .syntax(error.problem))
        }
        guard let root else { return RuleSettings() }
        let map: YAMLMapping
        do {
            map = try YAMLField(root, file: file).mapping("must be a YAML mapping of 'key: value' lines")
        } catch {
            throw .located(error, .notAMapping)
        }
        if let unknown = map.firstUnknownKey(allowed: Set(CodingKeys.allCases.map(\.stringValue))) {
            let known = CodingKeys.allCases.map(\.stringValue).joined(separator: ", ")
            throw .located(
                map.error(key: unknown, "is not a setting; the settings are \(known) (see docs/settings.md)"),
                .unknownKey(unknown.key))
        }
        var settings = RuleSettings()
        for (name, field) in map.fields {
            guard let key = CodingKeys(stringValue: name) else { continue }
            switch key {
            case .evesAreHolidays: settings.evesAreHolidays = try boolean(field, key)
            case .monthDeadlineRolls: settings.monthDeadlineRolls = try boolean(field, key)
            case .urgencyDays: settings.urgencyDays = try wholeNumber(field, key)
            case .planReviewMonths: settings.planReviewMonths = try wholeNumber(field, key)
            case .meetingIntervalDays: settings.meetingIntervalDays = try wholeNumber(field, key)
            case .firstPlanDays: settings.firstPlanDays = try wholeNumber(field, key)
            case .repeatReferralCount: settings.repeatReferralCount = try wholeNumber(field, key)
            case .regionalMinCount: settings.regionalMinCount = try wholeNumber(field, key)
            case .severity:
                let map: YAMLMapping
                do { map = try field.mapping() } catch { throw invalid(field, key, expected: severityExpected) }
                if let unknown = map.firstUnknownKey(allowed: ["serious", "notable"]) {
                    throw .located(
                        map.error(key: unknown, "is not a severity level; the levels are serious and notable"),
                        .invalid(key: key.stringValue, expected: severityExpected))
                }
                for (name, value) in map.fields {
                    guard let v = value.scalar?.number, v.isFinite, (0...100).contains(v) else {
                        throw invalid(value, key, expected: severityExpected)
                    }
                    if name == "serious" { settings.severity.serious = v } else { settings.severity.notable = v }
                }
                if settings.severity.serious > settings.severity.notable {
                    throw invalid(field, key, expected: severityExpected)
                }
            case .workloadGapPercent:
                guard let v = field.scalar?.number, gapRange.contains(v) else {
                    throw invalid(field, key, expected: "a number from 0 to 100")
                }
                settings.workloadGapPercent = v
            case .workloadLimits:
                // service: whole number; every service left out has no limit.
                let map: YAMLMapping
                do { map = try field.mapping() } catch { throw invalid(field, key, expected: expectedType(key)) }
                var limits: [Service: Int] = [:]
                for (name, limit) in map.fields {
                    guard let service = Service(rawValue: name) else {
                        throw invalid(limit, key, expected: expectedType(key))
                    }
                    limits[service] = try wholeNumber(limit, key)
                }
                settings.workloadLimits = limits
            case .regionalGapPoints:
                guard let v = field.scalar?.number, gapRange.contains(v) else {
                    throw invalid(field, key, expected: "a number from 0 to 100")
                }
                settings.regionalGapPoints = v
            case .childWelfareKinds:
                let expected = expectedType(key)
                let items: [YAMLField]
                do { items = try field.sequence() } catch { throw invalid(field, key, expected: expected) }
                settings.childWelfareKinds = try items.map { item throws(RuleSettingsError) in
                    guard let text = item.scalar?.text, let kind = ReferralKind(rawValue: text) else {
                        throw invalid(item, key, expected: expected)
                    }
                    return kind
                }
            }
        }
        return settings
    }

    static func invalid(_ field: YAMLField, _ key: CodingKeys, expected: String) -> RuleSettingsError {
        .located(field.error("must be \(expected)"), .invalid(key: key.stringValue, expected: expected))
    }

    static func boolean(_ field: YAMLField, _ key: CodingKeys) throws(RuleSettingsError) -> Bool {
        guard let value = field.scalar?.boolean else { throw invalid(field, key, expected: "true or false") }
        return value
    }

    /// A decimal whole number within the key's range; `060` (octal in YAML 1.1)
    /// and numbers too large for any range are refused, never wrapped or clamped.
    static func wholeNumber(_ field: YAMLField, _ key: CodingKeys) throws(RuleSettingsError) -> Int {
        let range = wholeNumberRanges[key] ?? 0...0
        switch field.scalar?.integerReading ?? .notAWholeNumber {
        case .integer(let value):
            if let problem = rangeProblem(key, value) {
                guard case .invalid(_, let expected) = problem else { throw problem }
                throw invalid(field, key, expected: expected)
            }
            return value
        case .notAWholeNumber:
            throw invalid(field, key, expected: "a whole number")
        case .leadingZero:
            throw invalid(
                field, key,
                expected: "a whole number written without a leading zero (YAML 1.1 reads 060 as the octal number 48)")
        case .tooLarge(let negative):
            throw invalid(
                field, key, expected: "a whole number " + (negative ? "≥ \(range.lowerBound)" : "≤ \(range.upperBound)"))
        }
    }

    private static func expectedType(_ key: CodingKeys) -> String {
        switch key {
        case .evesAreHolidays, .monthDeadlineRolls: return "true or false"
        case .urgencyDays, .planReviewMonths, .meetingIntervalDays, .firstPlanDays, .repeatReferralCount,
            .regionalMinCount:
            return "a whole number"
        case .severity: return severityExpected
        case .regionalGapPoints, .workloadGapPercent: return "a number"
        case .workloadLimits:
            return "a mapping of services (" + Service.allCases.map(\.rawValue).joined(separator: ", ")
                + ") to whole numbers"
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
    /// The file does not exist.
    case unreadable(path: String)
    /// The file exists but cannot be read: the system's reason.
    case cannotRead(path: String, reason: String)
    /// A problem at its place in a file: file, line, column, key (the problem's
    /// own text is `place.problem`).
    case located(YAMLError, RuleSettingsError)

    public var errorDescription: String? {
        switch self {
        case .unknownKey(let key):
            return "unknown setting '\(YAMLError.shown(key))'; the settings are "
                + RuleSettings.CodingKeys.allCases.map(\.stringValue).joined(separator: ", ")
                + " (see docs/settings.md)"
        case .invalid(let key, let expected): return "setting '\(key)' must be \(expected)"
        case .notAMapping: return "the settings must be a YAML mapping of 'key: value' lines"
        case .syntax(let detail): return "the settings are not valid YAML: \(detail)"
        case .unreadable(let path):
            return "cannot read the settings file \(YAMLError.shown(path)): \(String(cString: strerror(ENOENT)))"
        case .cannotRead(let path, let reason): return "cannot read the settings file \(YAMLError.shown(path)): \(reason)"
        case .located(let place, _): return "the settings cannot be used; nothing was counted:\n  \(place)"
        }
    }
}
