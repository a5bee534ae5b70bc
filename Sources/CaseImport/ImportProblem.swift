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
    /// In a workbook: the sheet and cell in A1 form (`Asiakkuudet!C17`, a whole row `Asiakkuudet!17:17`).
    public var cell: String?

    public init(source: String, line: Int?, field: String?, message: String, cell: String? = nil) {
        self.source = source
        self.line = line
        self.field = field
        self.message = message
        self.cell = cell
    }

    public var description: String {
        var s = source
        if let cell {
            s += ": " + cell
        } else if let line {
            s += ":\(line)"
        }
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
    /// When set, every export is a region's own reports read through this mapping (mapping.md).
    public var mapping: ExportMapping?

    public init(lenient: Bool = false, pseudonymiseKey: [UInt8]? = nil, mapping: ExportMapping? = nil) {
        self.lenient = lenient
        self.pseudonymiseKey = pseudonymiseKey
        self.mapping = mapping
    }
}

/// A workbook sheet being read: the file, the sheet and the column of each
/// format field, so that a problem found on a row names its cell.
struct SheetLocation {
    var file: String
    var sheet: String
    /// Format field (`case.region`, `referral.case`) or any other label -> column letters.
    var columns: [String: String] = [:]

    /// `Sheet!C17`; the whole row (`Sheet!17:17`) when the field has no column; `Sheet` with no row.
    func cell(field: String?, row: Int?) -> String {
        let name = Self.quoted(sheet)
        guard let row else { return name }
        if let field, let letters = columns[field] { return "\(name)!\(letters)\(row)" }
        return "\(name)!\(row):\(row)"
    }

    /// A sheet name as an A1 reference writes it: quoted unless it is letters, digits and `_`.
    static func quoted(_ sheet: String) -> String {
        if !sheet.isEmpty, sheet.unicodeScalars.allSatisfy({ $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }) {
            return sheet
        }
        return "'" + sheet.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
