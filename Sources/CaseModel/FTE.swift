/// Full-time equivalents as an exact fixed-point number (millionths), so that
/// sums of post FTE are exact and `fte="1"` equals `fte="1.0"`.
public struct FTE: Hashable, Comparable, Sendable, CustomStringConvertible {
    public static let scale: Int64 = 1_000_000
    public var micros: Int64

    public init(micros: Int64) { self.micros = micros }
    public static let zero = FTE(micros: 0)

    public var doubleValue: Double { Double(micros) / Double(FTE.scale) }
    public var description: String { String(doubleValue) }

    public static func + (a: FTE, b: FTE) -> FTE { FTE(micros: a.micros + b.micros) }
    public static func - (a: FTE, b: FTE) -> FTE { FTE(micros: a.micros - b.micros) }
    public static func < (a: FTE, b: FTE) -> Bool { a.micros < b.micros }

    /// Parses an unsigned or signed decimal with `.` (and, when `allowComma`,
    /// `,`) as the separator, as xs:decimal allows: any number of decimals,
    /// rounded half up to millionths (`0.333333333` → 0.333333, `1.000000000` = 1).
    /// Exponents and integer parts over a billion are refused.
    public static func parse<S: StringProtocol>(_ s: S, allowComma: Bool) -> FTE? {
        var negative = false
        var intPart: Int64 = 0
        var frac: Int64 = 0
        var fracDigits = 0
        var seenSep = false
        var digits = 0
        var first = true
        var roundUp = false
        for b in s.utf8 {
            defer { first = false }
            if first && (b == UInt8(ascii: "-") || b == UInt8(ascii: "+")) {
                negative = b == UInt8(ascii: "-")
                continue
            }
            if b == UInt8(ascii: ".") || (allowComma && b == UInt8(ascii: ",")) {
                if seenSep { return nil }
                seenSep = true
                continue
            }
            guard b >= 48, b <= 57 else { return nil }
            digits += 1
            if seenSep {
                fracDigits += 1
                if fracDigits <= 6 {
                    frac = frac * 10 + Int64(b - 48)
                } else if fracDigits == 7 {
                    roundUp = b >= 53
                }
            } else {
                if intPart > 1_000_000_000 { return nil }
                intPart = intPart * 10 + Int64(b - 48)
            }
        }
        guard digits > 0 else { return nil }
        var scaledFrac = frac
        for _ in min(fracDigits, 6)..<6 { scaledFrac *= 10 }
        let v = intPart * scale + scaledFrac + (roundUp ? 1 : 0)
        return FTE(micros: negative ? -v : v)
    }
}
