import CaseModel

/// Why a YAML file was refused: the file, the line and column, the key path
/// (`request.date`, `distribution[2]`, items counted from 1) and what is
/// wrong. Never a value from the file: keys are named (they are the field, as
/// element and column names are in the export), with identity codes redacted,
/// control characters shown as `?` and long keys cut.
public struct YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based; nil when the problem is not at a place (an unreadable or empty file).
    public var line: Int?
    public var column: Int?
    /// The key path, "" when the problem is not about a key (a syntax error at the top).
    public var path: String
    public var problem: String

    public init(file: String, line: Int?, column: Int?, path: String, problem: String) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.problem = problem
    }

    /// `file:line: path: problem (column c)`: the place first, as the export's
    /// problems are written, so a reader of the messages finds every file's
    /// problems the same way.
    public var description: String {
        var s = YAMLError.shown(file)
        if let line { s += ":\(line)" }
        s += ": "
        // A path 64 levels deep is no help in full: its start says where.
        if !path.isEmpty { s += (path.count > 80 ? String(path.prefix(79)) + "…" : path) + ": " }
        s += problem
        if let column { s += " (column \(column))" }
        return s
    }

    /// A name from the file (a key) as a message may show it.
    public static func shown(_ name: String) -> String {
        var out = ""
        var count = 0
        for scalar in IdentityCode.redacted(name).unicodeScalars {
            if count == 80 {
                out += "…"
                break
            }
            out.unicodeScalars.append(isPrintable(scalar) ? scalar : "?")
            count += 1
        }
        return out
    }

    /// Not a control character, a line or paragraph separator or a bidi control
    /// (which could reorder or hide the rest of a terminal line).
    static func isPrintable(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x20 || (0x7F...0x9F).contains(v) { return false }
        if v == 0x061C || v == 0x200E || v == 0x200F || v == 0x2028 || v == 0x2029 { return false }
        if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) { return false }
        return true
    }
}

/// A key path as messages write it.
public struct YAMLPath: Sendable, Equatable, CustomStringConvertible {
    public private(set) var description: String

    public init() { description = "" }

    public func key(_ name: String) -> YAMLPath {
        var p = self
        let shown = YAMLError.shown(name)
        p.description = description.isEmpty ? shown : description + "." + shown
        return p
    }

    /// The `index`-th item (from 0), written from 1.
    public func item(_ index: Int) -> YAMLPath {
        var p = self
        p.description = description + "[\(index + 1)]"
        return p
    }
}
