import CaseModel

/// Types the values of one raw record, reporting each bad value as a fatal
/// problem that names the field but never the value.
struct FieldReader {
    let raw: RawRecord
    let syntax: Syntax
    /// Unchecked: the builder outlives every reader and handler it is given to.
    unowned(unsafe) let builder: ExportBuilder
    /// Set when any field of this record had a fatal problem.
    private(set) var failed = false
    /// Where the next field is expected in `kind.fields`: callers read the
    /// fields in that order, so the first comparison usually hits (two equal
    /// small strings compare in one step, unequal ones take the slow path).
    private var next = 0
    /// `raw.kind.fields`, looked up once a record rather than once a field.
    private let fields: [String]
    /// A CSV row's cells, read in place of `raw.values` (which is then empty).
    private let csv: CSVScanner.Fields?

    init(raw: RawRecord, syntax: Syntax, builder: ExportBuilder, csv: CSVScanner.Fields? = nil) {
        self.raw = raw
        self.syntax = syntax
        self.builder = builder
        self.csv = csv
        fields = raw.kind.fields
    }

    /// The position of `name` in the record's fields; `next` is where the last one read left off.
    private func position(of name: String) -> Int? {
        next < fields.count && fields[next] == name ? next : raw.kind.fieldIndex(name)
    }

    /// The value of field `i` as read (untrimmed unless the reader trimmed it); nil when absent.
    private func value(at i: Int) -> String? {
        guard let csv else { return raw.values[i] }
        let cell = csv.cells[i]
        guard cell.start >= 0 else { return nil }
        return cell.end > cell.start ? CSVScanner.text(cell, in: csv.bytes) : ""
    }

    /// A CSV cell's bytes when they are surely its whole trimmed value, unquoted and not empty:
    /// what a date or a boolean is typed from without making a string. Nil otherwise (then the
    /// value goes the string way, which also reports it).
    private func plainBytes(at i: Int) -> UnsafeRawBufferPointer? {
        guard let csv, csv.sure else { return nil }
        let cell = csv.cells[i]
        guard cell.start >= 0, cell.end > cell.start, !cell.escaped else { return nil }
        return UnsafeRawBufferPointer(rebasing: csv.bytes[cell.start..<cell.end])
    }

    private static func equals(_ bytes: UnsafeRawBufferPointer, _ word: StaticString) -> Bool {
        guard bytes.count == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for i in 0..<bytes.count where bytes[i] != w[i] { return false }
        return true
    }

    func fieldName(_ name: String) -> String { "\(raw.kind.elementName).\(name)" }

    private mutating func problem(_ name: String, _ message: String) {
        failed = true
        builder.fatal(line: raw.line, field: fieldName(name), message: message)
    }

    /// The value as the record holds it, screened for identity codes; CSV
    /// cells are trimmed and an empty cell is absent; an empty XML attribute is an error.
    mutating func string(_ name: String, required: Bool = false) -> String? {
        let index = position(of: name)
        if let index { next = index + 1 }
        guard let i = index, var value = value(at: i) else {
            if required { problem(name, "required value is missing") }
            return nil
        }
        if syntax == .csv {
            if csv?.sure != true { value = Self.trim(value) }
            if value.isEmpty {
                if required { problem(name, "required value is missing (the cell is empty)") }
                return nil
            }
        } else if value.isEmpty {
            problem(name, "empty value; leave the attribute out instead of writing it empty")
            return nil
        }
        // The cheap test first: building the field name for every value cost
        // a third of the import time.
        guard IdentityCode.isValid(value) else { return value }
        guard let screened = builder.screenIdentityCode(value, line: raw.line, field: fieldName(name)) else {
            failed = true
            return nil
        }
        return screened
    }

    mutating func date(_ name: String, required: Bool = false) -> CalendarDate? {
        // A CSV cell holding exactly `YYYY-MM-DD` is typed from its bytes (ten bytes cannot be an
        // identity code, which has eleven); anything else goes the string way.
        if let i = position(of: name), let bytes = plainBytes(at: i), bytes.count == 10,
           let d = CalendarDate.parseISO(utf8: bytes) {
            next = i + 1
            return d
        }
        guard let s = string(name, required: required) else { return nil }
        if let d = CalendarDate.parseISO(s) { return d }
        if syntax == .csv, let d = CalendarDate.parseFinnish(s) { return d }
        problem(name, syntax == .csv
            ? "not a valid date; write it as YYYY-MM-DD or d.m.yyyy (a real day of the calendar)"
            : "not a valid date; write it as YYYY-MM-DD (a real day of the calendar)")
        return nil
    }

    mutating func bool(_ name: String, default defaultValue: Bool) -> Bool {
        optionalBool(name) ?? defaultValue
    }

    /// nil when the value is absent (or, after a reported problem, unreadable).
    mutating func optionalBool(_ name: String) -> Bool? {
        if let i = position(of: name), let bytes = plainBytes(at: i) {
            if Self.equals(bytes, "true") || Self.equals(bytes, "1") {
                next = i + 1
                return true
            }
            if Self.equals(bytes, "false") || Self.equals(bytes, "0") {
                next = i + 1
                return false
            }
        }
        guard let s = string(name) else { return nil }
        // The usual spellings first, so that only a CSV's other cases pay for lower-casing.
        switch s {
        case "true", "1": return true
        case "false", "0": return false
        default: break
        }
        switch syntax == .csv ? s.lowercased() : s {
        case "true", "1": return true
        case "false", "0": return false
        case "kyllä" where syntax == .csv, "ei" where syntax == .csv: return s.lowercased() == "kyllä"
        default:
            problem(name, syntax == .csv ? "not a boolean; use true/false, 1/0 or kyllä/ei" : "not a boolean; use true or false")
            return nil
        }
    }

    mutating func fte(_ name: String, required: Bool = false) -> FTE? {
        guard let s = string(name, required: required) else { return nil }
        if let v = FTE.parse(s, allowComma: syntax == .csv), v.micros >= 0 { return v }
        problem(name, syntax == .csv
            ? "not a decimal number of zero or more; write it like 0.5 or 0,5"
            : "not a decimal number of zero or more; write it like 0.5")
        return nil
    }

    mutating func choice<E: RawRepresentable & CaseIterable>(_ name: String, required: Bool = false) -> E?
    where E.RawValue == String {
        guard let s = string(name, required: required) else { return nil }
        if let v = E(rawValue: s) { return v }
        problem(name, "not one of the allowed values: " + E.allCases.map(\.rawValue).joined(separator: ", "))
        return nil
    }

    mutating func year(_ name: String) -> Int? {
        guard let s = string(name) else { return nil }
        if s.utf8.count == 4, let y = Int(s), y >= 1000 { return y }
        problem(name, "not a year; write four digits, e.g. 2012")
        return nil
    }

    /// `s` without white space at its ends: exactly what `trimmingCharacters(in:
    /// .whitespacesAndNewlines)` takes (`isWhiteSpace`), without Foundation, which
    /// took a tenth of reading a workbook of Finnish names (every value ending in
    /// ä or ö went its slow way).
    static func trim(_ s: String) -> String {
        guard let f = s.utf8.first, let l = s.utf8.last else { return s }
        // Only printable ASCII at both ends is surely untrimmed: U+00A0 and
        // other Unicode white space start with a byte past 0x7F.
        if f > 0x20 && f < 0x7F && l > 0x20 && l < 0x7F { return s }
        let scalars = s.unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, isWhiteSpace(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isWhiteSpace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        if start == scalars.startIndex && end == scalars.endIndex { return s }
        return String(scalars[start..<end])
    }

    /// CharacterSet.whitespacesAndNewlines: the space separators (Zs), the line and paragraph
    /// separators (Zl, Zp), tab, LF, VT, FF, CR and NEL, and (Foundation's choice) U+200B ZERO WIDTH
    /// SPACE (`TrimTests` holds it to Foundation's set, scalar by scalar).
    static func isWhiteSpace(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }
}

import Foundation

/// `generated`: an xs:dateTime with seconds and `Z` or `±hh:mm`.
struct Timestamp {
    /// The calendar date as written, in its own offset.
    var date: CalendarDate
    /// Minutes since 1970-01-01T00:00Z, for choosing the earliest export.
    var instantMinutes: Int

    init?(_ s: String) {
        let u = Array(s.utf8)
        func num(_ r: Range<Int>) -> Int? {
            guard r.upperBound <= u.count else { return nil }
            var v = 0
            for i in r {
                guard u[i] >= 48, u[i] <= 57 else { return nil }
                v = v * 10 + Int(u[i] - 48)
            }
            return v
        }
        guard u.count >= 20, let date = CalendarDate.parseISO(String(decoding: u[0..<10], as: UTF8.self)),
              u[10] == UInt8(ascii: "T"), u[13] == UInt8(ascii: ":"), u[16] == UInt8(ascii: ":"),
              let h = num(11..<13), let m = num(14..<16), let sec = num(17..<19),
              h < 24, m < 60, sec < 60 else { return nil }
        var i = 19
        if i < u.count, u[i] == UInt8(ascii: ".") {
            i += 1
            let startFraction = i
            while i < u.count, u[i] >= 48, u[i] <= 57 { i += 1 }
            if i == startFraction { return nil }
        }
        var offset = 0
        if i < u.count, u[i] == UInt8(ascii: "Z"), i + 1 == u.count {
            offset = 0
        } else if i + 6 == u.count, u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-"),
                  u[i + 3] == UInt8(ascii: ":"), let oh = num(i + 1..<i + 3), let om = num(i + 4..<i + 6),
                  oh <= 14, om < 60 {
            offset = (oh * 60 + om) * (u[i] == UInt8(ascii: "-") ? -1 : 1)
        } else {
            return nil
        }
        self.date = date
        self.instantMinutes = Int(date.dayNumber) * 1440 + h * 60 + m - offset
    }
}
