import Foundation
import Rules

/// A store of evaluations (docs/history.md): the findings of each recorded run
/// with what identifies the run, never case data. SQLite (one file) and
/// PostgreSQL keep the same schema behind this one protocol.
public protocol EvaluationStore: Sendable {
    /// The store as messages name it: the file's path, or the PostgreSQL URL without its password.
    var name: String { get }
    /// Records one evaluation; the same key (organisation, T, period, export fingerprint,
    /// settings hash) recorded before keeps the first entry.
    func record(_ evaluation: NewEvaluation) async throws -> RecordOutcome
    /// Every stored evaluation, oldest T first (then period end, then the order recorded).
    func snapshots() async throws -> [StoredEvaluation]
    /// The schema version the store is at.
    func schemaVersion() async throws -> Int
    /// Ends the connection (PostgreSQL) or closes the file (SQLite).
    func close() async throws
}

/// What a run hands the store.
public struct NewEvaluation: Sendable, Equatable {
    public var organisation: String
    public var asOf: String
    public var periodStart: String
    public var periodEnd: String
    /// `sha256:` and the hex SHA-256 of the export's bytes (`ExportFingerprint`).
    public var fingerprint: String
    public var settingsHash: String
    /// The settings' canonical text (`SettingsText`).
    public var settings: String
    public var toolVersion: String
    /// ISO 8601, UTC, to the second.
    public var recordedAt: String
    /// `check`, `report`, `thl` or `import`.
    public var source: String
    public var findingsSchema: String
    /// The findings JSON as `FindingsJSON.encode` writes it: exact counts.
    public var findingsJSON: String

    public init(
        organisation: String, asOf: String, periodStart: String, periodEnd: String, fingerprint: String,
        settingsHash: String, settings: String, toolVersion: String, recordedAt: String, source: String,
        findingsSchema: String, findingsJSON: String
    ) {
        self.organisation = organisation
        self.asOf = asOf
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.fingerprint = fingerprint
        self.settingsHash = settingsHash
        self.settings = settings
        self.toolVersion = toolVersion
        self.recordedAt = recordedAt
        self.source = source
        self.findingsSchema = findingsSchema
        self.findingsJSON = findingsJSON
    }

    /// An evaluation of findings: the key columns come from the findings themselves.
    public init(
        findings: Findings, fingerprint: String, settings: String, toolVersion: String, source: String,
        recordedAt: Date = Date()
    ) {
        self.init(
            organisation: findings.organisation, asOf: findings.asOf, periodStart: findings.period.start,
            periodEnd: findings.period.end, fingerprint: fingerprint, settingsHash: SettingsText.hash(settings),
            settings: settings, toolVersion: toolVersion, recordedAt: Self.timestamp(recordedAt), source: source,
            findingsSchema: findings.schema, findingsJSON: FindingsJSON.encode(findings))
    }

    public static func timestamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: date)
    }
}

/// One evaluation as the store keeps it.
public struct StoredEvaluation: Sendable, Equatable {
    public var id: Int64
    public var evaluation: NewEvaluation

    public init(id: Int64, evaluation: NewEvaluation) {
        self.id = id
        self.evaluation = evaluation
    }

    /// The findings, decoded (version 1 or 2).
    public func findings(store: String) throws -> Findings {
        guard let f = Findings.decodeVersion1or2(Data(evaluation.findingsJSON.utf8)) else {
            throw HistoryError.corruptEntry(store: store, id: id)
        }
        return f
    }
}

public enum RecordOutcome: Sendable, Equatable {
    case added(id: Int64)
    /// The same key was recorded before: the entry kept is this one.
    case alreadyStored(id: Int64)
}

/// The store's failures: each names the store (never a password) and says what to do.
public enum HistoryError: LocalizedError, Equatable {
    case newerSchema(store: String, found: Int, supported: Int)
    case cannotOpen(store: String, reason: String)
    case connectionLost(store: String, reason: String)
    case failed(store: String, reason: String)
    case corruptEntry(store: String, id: Int64)
    case badURL(store: String, problem: String)
    case unknownMetric(String, valid: [String])
    case notFindings(file: String)
    case cannotRead(file: String, reason: String)
    case cannotWrite(file: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .newerSchema(let store, let found, let supported):
            return "the history store \(store) has schema version \(found), written by a later valvonta; "
                + "this valvonta reads versions up to \(supported). Use the later valvonta, or another store."
        case .cannotOpen(let store, let reason):
            return "cannot open the history store \(store): \(reason)"
        case .connectionLost(let store, let reason):
            return "the connection to the history store \(store) was lost (\(reason)); nothing of this run was "
                + "recorded unless a later 'valvonta history' lists it. Run the command again when the server is back."
        case .failed(let store, let reason):
            return "the history store \(store) failed: \(reason)"
        case .corruptEntry(let store, let id):
            return "the history store \(store): entry \(id) does not hold findings JSON version 1 or 2"
        case .badURL(let store, let problem):
            return "the history store \(store): \(problem)"
        case .unknownMetric(let name, let valid):
            return "unknown metric '\(name)'; the metrics are: " + valid.joined(separator: ", ")
        case .notFindings(let file):
            return "\(file) is not findings JSON version 1 or 2"
        case .cannotRead(let file, let reason):
            return "cannot read \(file): \(reason)"
        case .cannotWrite(let file, let reason):
            return "cannot write \(file): \(reason)"
        }
    }
}

/// Opens a store by what `--store` (or `VALVONTA_STORE`) says: a `postgres://` or
/// `postgresql://` URL, or a SQLite file path.
public enum StoreLocation {
    public static let environmentVariable = "VALVONTA_STORE"

    public static func isPostgres(_ spec: String) -> Bool {
        let lower = spec.lowercased()
        return lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://")
    }

    public static func open(_ spec: String) async throws -> any EvaluationStore {
        if isPostgres(spec) { return try await PostgresEvaluationStore.open(url: spec) }
        return try SQLiteEvaluationStore(path: spec)
    }
}
