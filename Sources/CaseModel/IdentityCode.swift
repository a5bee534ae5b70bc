/// henkilötunnus, the Finnish personal identity code: `DDMMYY`, a century
/// sign, a three-digit individual number and a check character
/// (case-export.md, Principles). Only codes whose date and check character are
/// valid count; temporary codes (individual number 900–999) count too.
///
/// The check lives in the model target so that every reader screens values
/// with the same code: the export's importer (which adds the keyed
/// pseudonym, `CaseImport`) and the YAML reader of metadata, settings and
/// labels (`StrictYAML`).
public enum IdentityCode {
    private static let checkCharacters = Array("0123456789ABCDEFHJKLMNPRSTUVWXY".utf8)

    /// True when the whole value, trimmed and in any case, is a valid code.
    ///
    /// The `String` form every imported value passes through: it rejects the
    /// usual value (shorter than a code, or longer without blank ends) on its
    /// UTF-8 count and end bytes, without the generic form's witness calls.
    public static func isValid(_ value: String) -> Bool {
        let utf8 = value.utf8
        let count = utf8.count
        if count < 11 { return false }
        if count > 11 {
            var ends: (UInt8, UInt8) = (0, 0)
            var copy = value
            copy.withUTF8 { ends = ($0[0], $0[$0.count - 1]) }
            let (f, l) = ends
            if f != 0x20, f != 0x09, l != 0x20, l != 0x09, l != 0x0A, l != 0x0D { return false }
        }
        return isValid(generic: value)
    }

    /// True when the whole value, trimmed and in any case, is a valid code.
    public static func isValid<S: StringProtocol>(_ value: S) -> Bool {
        isValid(generic: value)
    }

    private static func isValid<S: StringProtocol>(generic value: S) -> Bool {
        // Cheap rejection first, before any allocation: this runs on every value of the export.
        let utf8 = value.utf8
        let count = utf8.count
        if count < 11 { return false }
        // Longer values (names, the long vocabulary words) can only be a code
        // padded with blanks; without blank ends they are refused unallocated.
        if count > 11 {
            let f = utf8[utf8.startIndex], l = utf8[utf8.index(utf8.startIndex, offsetBy: count - 1)]
            if f != 0x20, f != 0x09, l != 0x20, l != 0x09, l != 0x0A, l != 0x0D { return false }
        }
        var u = Array(value.utf8)
        while let f = u.first, f == 0x20 || f == 0x09 { u.removeFirst() }
        while let l = u.last, l == 0x20 || l == 0x09 || l == 0x0A || l == 0x0D { u.removeLast() }
        guard u.count == 11 else { return false }
        for i in 0..<11 where u[i] >= 0x61 && u[i] <= 0x7A { u[i] -= 0x20 }  // upper-case ASCII
        let century: Int
        switch u[6] {
        case UInt8(ascii: "+"): century = 1800
        case UInt8(ascii: "-"), UInt8(ascii: "Y"), UInt8(ascii: "X"), UInt8(ascii: "W"),
             UInt8(ascii: "V"), UInt8(ascii: "U"): century = 1900
        case UInt8(ascii: "A"), UInt8(ascii: "B"), UInt8(ascii: "C"), UInt8(ascii: "D"),
             UInt8(ascii: "E"), UInt8(ascii: "F"): century = 2000
        default: return false
        }
        var number = 0
        for i in [0, 1, 2, 3, 4, 5, 7, 8, 9] {
            let b = u[i]
            guard b >= 48, b <= 57 else { return false }
            number = number * 10 + Int(b - 48)
        }
        let dd = number / 10_000_000, mm = number / 100_000 % 100, yy = number / 1000 % 100
        guard (1...12).contains(mm), dd >= 1,
              dd <= daysIn(month: mm, year: century + yy) else { return false }
        return checkCharacters[number % 31] == u[10]
    }

    /// What stands in a message where an identity code was.
    public static let redaction = "[henkilötunnus]"

    /// `text` with every identity code inside it, in any case and wherever it
    /// stands (also inside a longer word: an element, attribute or column
    /// name, a file name, an id), replaced by `redaction`. Messages pass
    /// through this, so that a code can never reach a screen or a log, even
    /// where the spec's whole-value rule does not apply (names, parts of ids).
    public static func redacted(_ text: String) -> String {
        let u = Array(text.utf8)
        guard u.count >= 11 else { return text }
        var out: [UInt8] = []
        var copied = 0
        var i = 0
        while i + 11 <= u.count {
            // Six digits first: the cheap test that almost every position fails.
            var digits = 0
            while digits < 6, u[i + digits] >= 48, u[i + digits] <= 57 { digits += 1 }
            if digits == 6, isValid(String(decoding: u[i..<(i + 11)], as: UTF8.self)) {
                out += u[copied..<i]
                out += Array(redaction.utf8)
                i += 11
                copied = i
                continue
            }
            i += 1
        }
        guard copied > 0 else { return text }
        out += u[copied...]
        return String(decoding: out, as: UTF8.self)
    }

    /// True when a code stands anywhere in `text` (the test `redacted` makes):
    /// the YAML files a user hands the tool carry no identity codes at all.
    public static func isContained(in text: String) -> Bool {
        let u = Array(text.utf8)
        guard u.count >= 11 else { return false }
        for i in 0...(u.count - 11) {
            var digits = 0
            while digits < 6, u[i + digits] >= 48, u[i + digits] <= 57 { digits += 1 }
            if digits == 6, isValid(String(decoding: u[i..<(i + 11)], as: UTF8.self)) { return true }
        }
        return false
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
