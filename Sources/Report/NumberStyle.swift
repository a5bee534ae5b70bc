import CaseModel

/// A report language. The words are in `templates/<code>/`; this type only
/// knows how each language writes numbers and dates.
public enum ReportLanguage: String, Sendable, CaseIterable, Codable {
    case fi, sv, en
}

/// How numbers, rates and dates are written in one language.
///
/// Decisions where report.md leaves the choice open:
/// - Finnish: `75,3 %`, `12,8`, `1 234` (no-break space), dates `3.1.2024`.
/// - Swedish (as written in Finland, the recommendation of Institutet för de
///   inhemska språken): the same as Finnish — `75,3 %`, `1 234`, `3.1.2024`.
/// - English: `75.3%`, `1,234`, dates in ISO form `2024-01-03`, which nobody
///   misreads and which needs no month names (all words live in templates).
/// Rates and percentage points have one decimal; FTE has one decimal.
public struct NumberStyle: Sendable {
    public let language: ReportLanguage

    public init(_ language: ReportLanguage) { self.language = language }

    static let noBreakSpace = "\u{00A0}"

    private var decimalSeparator: String { language == .en ? "." : "," }
    private var groupSeparator: String { language == .en ? "," : NumberStyle.noBreakSpace }

    /// An integer with thousands grouped (`12 345`, en `12,345`).
    public func integer(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += groupSeparator }
            out.append(ch)
        }
        return value < 0 ? "−" + out : out
    }

    /// A number with exactly one decimal (`12,8`), rounded half away from zero.
    public func oneDecimal(_ value: Double) -> String {
        let tenths = Int((abs(value) * 10).rounded(.toNearestOrAwayFromZero))
        let body = integer(tenths / 10) + decimalSeparator + String(tenths % 10)
        return value < 0 && tenths != 0 ? "−" + body : body
    }

    /// A share in 0…1 as a percentage with one decimal (`75,3 %`, en `75.3%`).
    public func percent(_ share: Double) -> String {
        oneDecimal(share * 100) + (language == .en ? "%" : NumberStyle.noBreakSpace + "%")
    }

    /// A change in percentage points with its sign (`+2,1`, `−0,4`, `0,0`).
    public func signedPoints(_ points: Double) -> String {
        let s = oneDecimal(points)
        return points > 0 && s != oneDecimal(0) ? "+" + s : s
    }

    /// A date as the language writes it.
    public func date(_ d: CalendarDate) -> String {
        switch language {
        case .fi, .sv: return "\(d.day).\(d.month).\(d.year)"
        case .en: return d.iso
        }
    }

    /// A month of a trend chart: `1/2024` (fi, sv) or `2024-01` (en).
    public func month(year: Int, month: Int) -> String {
        switch language {
        case .fi, .sv: return "\(month)/\(year)"
        case .en: return "\(year)-" + (month < 10 ? "0" : "") + String(month)
        }
    }
}

/// Small-number suppression (report.md, "Small numbers"): THL's convention of
/// showing a count from 1 to 4 as `< 5` and a rate whose denominator is under
/// 5 as `–`, so that no child can be recognised from a published table.
public struct Suppression: Sendable {
    public var isOn: Bool
    public let style: NumberStyle

    public init(isOn: Bool, style: NumberStyle) {
        self.isOn = isOn
        self.style = style
    }

    /// The mark of a suppressed rate (an en dash), also used for a rate with no denominator.
    public static let noRate = "–"

    /// A count of children, cases, items or workers.
    public func count(_ n: Int) -> String {
        if isOn && (1...4).contains(n) { return "<" + NumberStyle.noBreakSpace + "5" }
        return style.integer(n)
    }

    /// True when a count is shown exactly (not hidden as `< 5`).
    public func showsExactly(_ n: Int) -> Bool { !(isOn && (1...4).contains(n)) }

    /// numerator ÷ denominator as a percentage, `–` when the denominator is 0
    /// (always) or under 5 (when suppressing).
    public func rate(_ numerator: Double, _ denominator: Double, minimumDenominator: Double = 5) -> String {
        guard let share = visibleShare(numerator, denominator, minimumDenominator: minimumDenominator) else {
            return Suppression.noRate
        }
        return style.percent(share)
    }

    /// The share when it may be shown, else nil.
    public func visibleShare(_ numerator: Double, _ denominator: Double, minimumDenominator: Double = 5) -> Double? {
        guard denominator > 0 else { return nil }
        if isOn && denominator < minimumDenominator { return nil }
        return numerator / denominator
    }
}
