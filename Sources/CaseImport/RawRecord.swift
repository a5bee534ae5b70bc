import CaseModel

/// The record types of the export format, with their field names as the XML
/// attributes and CSV columns spell them (case-export.md).
public enum RecordKind: Int, CaseIterable, Sendable {
    case export, region, worker, post, occupancy, `case`, referral, assessment, clientship, assignment, plan, meeting

    /// XML attribute names, which are also the CSV column names (less the parent key).
    public var fields: [String] { Self.fieldTables[rawValue] }

    private static let fieldTables: [[String]] = RecordKind.allCases.map { $0.declaredFields }

    private var declaredFields: [String] {
        switch self {
        case .export: return ["version", "organisation", "generated", "periodStart", "periodEnd"]
        case .region: return ["code", "name"]
        case .worker: return ["id", "region", "service", "role", "start", "end"]
        case .post: return ["id", "region", "service", "role", "fte"]
        case .occupancy: return ["worker", "from", "to", "fte"]
        case .case: return ["id", "region", "service", "birthYear", "specialSupport"]
        case .referral: return ["id", "kind", "received", "urgent", "urgencyAssessed", "decided", "outcome", "childWelfare"]
        case .assessment: return ["id", "referral", "started", "completed", "worker", "result", "specialSupport"]
        case .clientship: return ["service", "start", "end", "aftercare"]
        case .assignment: return ["worker", "from", "to"]
        case .plan: return ["id", "date"]
        case .meeting: return ["date", "worker", "withChild"]
        }
    }

    /// The XML element name.
    public var elementName: String {
        switch self {
        case .export: return "caseExport"
        case .region: return "region"
        case .worker: return "worker"
        case .post: return "post"
        case .occupancy: return "occupancy"
        case .case: return "case"
        case .referral: return "referral"
        case .assessment: return "assessment"
        case .clientship: return "clientship"
        case .assignment: return "assignment"
        case .plan: return "plan"
        case .meeting: return "meeting"
        }
    }

    /// The CSV table (file name without `.csv`).
    public var tableName: String {
        switch self {
        case .export: return "export"
        case .region: return "regions"
        case .worker: return "workers"
        case .post: return "posts"
        case .occupancy: return "occupancies"
        case .case: return "cases"
        case .referral: return "referrals"
        case .assessment: return "assessments"
        case .clientship: return "clientships"
        case .assignment: return "assignments"
        case .plan: return "plans"
        case .meeting: return "meetings"
        }
    }

    /// The parent key column of the CSV table (`case` or `post`), if it has one.
    public var parentKeyColumn: String? {
        switch self {
        case .occupancy: return "post"
        case .referral, .assessment, .clientship, .assignment, .plan, .meeting: return "case"
        default: return nil
        }
    }

    /// Position of a field name in `fields`, or nil for an unknown name. A
    /// linear scan: at most seven short names, compared inline, beat hashing.
    @inline(__always)
    public func fieldIndex(_ name: String) -> Int? {
        let table = Self.fieldTables[rawValue]
        for i in table.indices where table[i] == name { return i }
        return nil
    }
}

/// Which syntax a value was written in: it decides the accepted forms of
/// dates, decimals and booleans (case-export.md, Decisions: XML and CSV).
public enum Syntax: Sendable {
    /// `YYYY-MM-DD`, decimal point, `true/false/1/0`.
    case xml
    /// also `d.m.yyyy`, decimal comma, `kyllä/ei`, any case; cells trimmed.
    case csv
}

/// How a nested record names its parent.
public enum ParentRef: Hashable, Sendable {
    /// XML: the handle `ExportBuilder.accept` returned for the enclosing element.
    case handle(Int)
    /// CSV: the value of the parent key column (`case` or `post`).
    case key(String)
}

/// One record as read, before typing: the reader's only output. Values are
/// indexed like `kind.fields`; nil means absent (an empty CSV cell).
public struct RawRecord: Sendable {
    public var kind: RecordKind
    public var line: Int
    public var values: [String?]
    public var parent: ParentRef?

    public init(kind: RecordKind, line: Int, values: [String?]? = nil, parent: ParentRef? = nil) {
        self.kind = kind
        self.line = line
        self.values = values ?? Array(repeating: nil, count: kind.fields.count)
        self.parent = parent
    }

    public subscript(_ name: String) -> String? {
        get { kind.fieldIndex(name).flatMap { values[$0] } }
        set { if let i = kind.fieldIndex(name) { values[i] = newValue } }
    }
}
