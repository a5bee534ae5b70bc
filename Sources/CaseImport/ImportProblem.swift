import CaseModel
import Foundation

/// A fatal problem with the input: the import stops and nothing is counted.
/// The message never holds a value from the export unless it is an id.
public struct ImportProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public var source: String
    public var line: Int?
    /// The element and attribute or table and column, e.g. `case/@birthYear`.
    public var field: String?
    public var message: String

    public init(source: String, line: Int?, field: String?, message: String) {
        self.source = source
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String {
        var s = source
        if let line { s += ":\(line)" }
        s += ": "
        if let field { s += "\(field): " }
        return s + message
    }
}

/// The import could not be done; every fatal problem found is listed.
public struct ImportFailure: LocalizedError, Sendable {
    public var problems: [ImportProblem]

    public init(problems: [ImportProblem]) { self.problems = problems }

    public var errorDescription: String? {
        let head = problems.count == 1 ? "1 error in the export" : "\(problems.count) errors in the export"
        return ([head + "; nothing was counted:"] + problems.map { "  " + $0.description }).joined(separator: "\n")
    }
}

/// How to import.
public struct ImportOptions: Sendable {
    /// Unknown elements, attributes, columns and tables are warnings, not errors.
    public var lenient: Bool
    /// When set, values that are valid henkilötunnus codes are replaced by a
    /// keyed hash (HMAC-SHA256 with this key) instead of stopping the import.
    public var pseudonymiseKey: [UInt8]?

    public init(lenient: Bool = false, pseudonymiseKey: [UInt8]? = nil) {
        self.lenient = lenient
        self.pseudonymiseKey = pseudonymiseKey
    }
}
