import CaseModel
import StrictYAML

/// A mapping file (mapping.md): which sheet or file is which table of the
/// CSV form, which header is which column, which code is which value. Read
/// with the strict YAML reader; every problem is a `YAMLError` naming the
/// file, line, column and key path.
public struct ExportMapping: Sendable {
    /// A table of the CSV form as a region's report gives it.
    public struct Table: Sendable {
        /// A sheet name, a file name, or `file.xlsx#Sheet`.
        public var source: String
        /// Format column (a field of the kind, or its parent key) -> the report's header, in file order.
        public var columns: [(column: String, header: String)]
        /// Format column -> (the report's code -> the format's code).
        public var values: [String: [String: String]]
        /// The line of the table's key in the mapping file.
        public var line: Int
    }

    /// The name messages give the mapping file.
    public var file: String
    /// `export.csv`'s row when no table gives it: organisation, generated, periodStart, periodEnd (nil: not given).
    public var header: [String?] = [nil, nil, nil, nil]
    public var headerLine = 1
    /// The text forms accepted for dates; date cells always are.
    public var dateForms: [DateForm] = [.iso, .finnish]
    /// The words read as true and false (after trimming, exactly); nil: the CSV form's.
    public var trueWords: Set<String>?
    public var falseWords: Set<String>?
    /// Regions written in the mapping: code, name, line.
    public var regions: [(code: String, name: String, line: Int)]?
    public var tables: [RecordKind: Table] = [:]
    /// No mapping was given: a workbook laid out like the CSV form, whose
    /// unknown sheets and columns are unknown names as in the CSV form.
    public var isIdentity = false

    /// The CSV form itself: every table from the sheet of its name, every column from the header of its name.
    public static func identity(file: String) -> ExportMapping {
        var m = ExportMapping(file: file)
        m.isIdentity = true
        for kind in RecordKind.allCases {
            let columns = (kind.parentKeyColumn.map { [$0] } ?? []) + kind.fields
            m.tables[kind] = Table(source: kind.tableName, columns: columns.map { ($0, $0) }, values: [:], line: 0)
        }
        return m
    }

    init(file: String) { self.file = file }

    /// A text form of dates: day, month and year in some order with one kind of separator.
    public struct DateForm: Sendable, Equatable {
        enum Part { case day, month, year, shortYear }
        var parts: [Part]
        var separator: UInt8
        var text: String

        public static let iso = DateForm(text: "yyyy-mm-dd")!
        public static let finnish = DateForm(text: "d.m.yyyy")!

        /// `d.m.yyyy`, `dd.mm.yyyy`, `yyyy-mm-dd`, `d.m.yy`, `d/m/yyyy`, …; nil for anything else.
        public init?(text: String) {
            self.text = text
            let lower = text.lowercased()
            guard let sep = lower.utf8.first(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "/") })
            else { return nil }
            separator = sep
            var parts: [Part] = []
            for token in lower.split(separator: Character(Unicode.Scalar(sep)), omittingEmptySubsequences: false) {
                switch token {
                case "d", "dd": parts.append(.day)
                case "m", "mm": parts.append(.month)
                case "yyyy": parts.append(.year)
                case "yy": parts.append(.shortYear)
                default: return nil
                }
            }
            guard parts.count == 3, parts.contains(.day), parts.contains(.month),
                  parts.contains(.year) || parts.contains(.shortYear) else { return nil }
            self.parts = parts
        }

        /// The date of a text in this form; a two-digit year is 2000–2029 for 00–29, else 1930–1999 (as Excel reads it).
        public func date(_ s: String) -> CalendarDate? {
            let fields = s.utf8.split(separator: separator, omittingEmptySubsequences: false)
            guard fields.count == 3 else { return nil }
            var day = 0, month = 0, year = 0
            for (part, field) in zip(parts, fields) {
                guard !field.isEmpty, field.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
                let n = field.reduce(0) { $0 * 10 + Int($1 - 48) }
                switch part {
                case .day: guard field.count <= 2 else { return nil }; day = n
                case .month: guard field.count <= 2 else { return nil }; month = n
                case .year: guard field.count == 4 else { return nil }; year = n
                case .shortYear: guard field.count == 2 else { return nil }; year = n < 30 ? 2000 + n : 1900 + n
                }
            }
            return CalendarDate(year: year, month: month, day: day)
        }
    }
}

extension ExportMapping {
    static let topKeys: Set<String> = ["mapping", "organisation", "generated", "period", "dates", "booleans", "regions", "tables"]

    /// Reads a mapping file; `name` is how messages name it.
    public static func read(path: String, name: String) throws -> ExportMapping {
        let bytes: [UInt8]
        do {
            bytes = try StrictYAML.readFile(path)
        } catch let error as YAMLFileError {
            throw YAMLError(file: name, line: nil, column: nil, path: "", problem: "cannot read the mapping file: \(error.reason)")
        }
        return try read(bytes, file: name)
    }

    public static func read(_ bytes: [UInt8], file: String) throws(YAMLError) -> ExportMapping {
        guard let root = try StrictYAML.parse(bytes, file: file) else {
            throw YAMLError(file: file, line: nil, column: nil, path: "", problem: "the mapping file is empty")
        }
        let map = try YAMLField(root, file: file).mapping("must be a mapping with the keys mapping, tables, … (mapping.md)")
        if let unknown = map.firstUnknownKey(allowed: topKeys) {
            throw map.error(key: unknown, "is not a key of a mapping file; the keys are \(topKeys.sorted().joined(separator: ", "))")
        }
        guard let version = map["mapping"] else {
            throw map.field.error("the mapping file needs 'mapping: 1' (the version of the mapping format)")
        }
        guard version.scalar?.integerReading == .integer(1) else { throw version.error("must be 1, the version of the mapping format") }
        var m = ExportMapping(file: file)
        m.headerLine = root.line
        if let f = map["organisation"] {
            m.header[0] = try text(f)
            m.headerLine = f.node.line
        }
        if let f = map["generated"] { m.header[1] = try text(f) }
        if let f = map["period"] {
            let period = try f.mapping("must be a mapping { start: YYYY-MM-DD, end: YYYY-MM-DD }")
            if let unknown = period.firstUnknownKey(allowed: ["start", "end"]) {
                throw period.error(key: unknown, "is not a key of period; write { start: YYYY-MM-DD, end: YYYY-MM-DD }")
            }
            for (i, key) in ["start", "end"].enumerated() {
                guard let value = period[key] else { throw f.error("needs \(key) (YYYY-MM-DD)") }
                let s = try text(value)
                guard CalendarDate.parseISO(s) != nil else { throw value.error("must be a date written YYYY-MM-DD") }
                m.header[2 + i] = s
            }
        }
        if let f = map["dates"] {
            m.dateForms = try f.sequence("must be a list of date forms such as [d.m.yyyy, yyyy-mm-dd]").map { item throws(YAMLError) in
                guard let form = DateForm(text: try text(item)) else {
                    throw item.error("is not a date form; write day, month and year as d or dd, m or mm, yyyy or yy with . - or / between them")
                }
                return form
            }
        }
        if let f = map["booleans"] { try readBooleans(f, into: &m) }
        if let f = map["regions"] {
            m.regions = try f.mapping("must be a mapping of region code: name").fields.map { key, value throws(YAMLError) in
                (key, try text(value), value.node.line)
            }
        }
        guard let tables = try map["tables"]?.mapping("must be a mapping of table name: { source, columns, values }") else {
            throw map.field.error("the mapping file needs 'tables' (at least cases, and regions unless they are written under 'regions')")
        }
        let kinds = Dictionary(uniqueKeysWithValues: RecordKind.allCases.map { ($0.tableName, $0) })
        for pair in tables.pairs {
            guard let kind = kinds[pair.key] else {
                throw tables.error(key: pair, "is not a table of the CSV form; the tables are "
                                   + RecordKind.allCases.map(\.tableName).joined(separator: ", "))
            }
            m.tables[kind] = try readTable(kind, YAMLField(pair.value, path: tables.field.path.key(pair.key), file: file), line: pair.keyLine)
        }
        return m
    }

    private static func readTable(_ kind: RecordKind, _ field: YAMLField, line: Int) throws(YAMLError) -> Table {
        let map = try field.mapping("must be a mapping with source, columns and values")
        if let unknown = map.firstUnknownKey(allowed: ["source", "columns", "values"]) {
            throw map.error(key: unknown, "is not a key of a table; a table has source, columns and values")
        }
        guard let sourceField = map["source"] else { throw field.error("needs source: the sheet or file the table is read from") }
        let source = try text(sourceField)
        let allowed = (kind.parentKeyColumn.map { [$0] } ?? []) + kind.fields
        var columns: [(String, String)] = []
        if let c = map["columns"] {
            let cm = try c.mapping("must be a mapping of format column: the report's header")
            for pair in cm.pairs {
                guard allowed.contains(pair.key) else {
                    throw cm.error(key: pair, "is not a column of \(kind.tableName); its columns are " + allowed.joined(separator: ", "))
                }
                let header = try text(YAMLField(pair.value, path: cm.field.path.key(pair.key), file: field.file))
                if let other = columns.first(where: { $0.1 == header }) {
                    throw cm.error(key: pair, "names the same header as \(other.0); each header gives one column")
                }
                columns.append((pair.key, header))
            }
        }
        var values: [String: [String: String]] = [:]
        if let v = map["values"] {
            let vm = try v.mapping("must be a mapping of format column: { report code: format code }")
            for pair in vm.pairs {
                guard columns.contains(where: { $0.0 == pair.key }) else {
                    throw vm.error(key: pair, "is not a mapped column of \(kind.tableName); map it under columns first")
                }
                let codes = try YAMLField(pair.value, path: vm.field.path.key(pair.key), file: field.file)
                    .mapping("must be a mapping of report code: format code")
                var table: [String: String] = [:]
                for (code, value) in codes.fields {
                    table[FieldReader.trim(code)] = try text(value)
                }
                values[pair.key] = table
            }
        }
        return Table(source: source, columns: columns, values: values, line: line)
    }

    private static func readBooleans(_ f: YAMLField, into m: inout ExportMapping) throws(YAMLError) {
        let map = try f.mapping("must be a mapping { true: [words], false: [words] }")
        for pair in map.pairs {
            let value = YAMLField(pair.value, path: map.field.path.key(pair.key), file: f.file)
            let words = Set(try value.sequence("must be a list of words").map { item throws(YAMLError) in FieldReader.trim(try text(item, allowEmpty: true)) })
            switch pair.key.lowercased() {
            case "true": m.trueWords = words
            case "false": m.falseWords = words
            default: throw map.error(key: pair, "is not true or false")
            }
        }
        if let t = m.trueWords, let f2 = m.falseWords, !t.isDisjoint(with: f2) {
            throw f.error("a word stands under both true and false")
        }
    }

    /// A scalar as text. Plain integers follow YAML 1.2's core schema (decimal, no leading zero: write `"01"`).
    private static func text(_ f: YAMLField, allowEmpty: Bool = false) throws(YAMLError) -> String {
        guard let s = f.scalar else { throw f.error("must be a single value, not a list or a mapping") }
        if s.isNull {
            if allowEmpty && s.text.isEmpty { return "" }
            throw f.error("must not be empty (write \"\" for an empty value)")
        }
        switch s.integerReading {
        case .integer(let n): return String(n)
        case .leadingZero: throw f.error("a number with a leading zero is ambiguous in YAML; write it in quotes (\"01\")")
        default: return s.text
        }
    }
}
