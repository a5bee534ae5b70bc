import Foundation
import GRDB

/// The embedded store: one SQLite file through GRDB. A `DatabasePool` puts the
/// file in WAL mode, so readers never wait for a writer; several processes
/// writing at once wait for each other's transaction (busy timeout) instead of
/// failing, and every write is one `BEGIN IMMEDIATE` transaction.
public final class SQLiteEvaluationStore: EvaluationStore, @unchecked Sendable {
    public let name: String
    private let pool: DatabasePool
    /// How long a writer waits for another process's transaction.
    static let busyTimeout: TimeInterval = 30

    public convenience init(path: String) throws {
        try self.init(path: path, migrateUpTo: StoreSchema.current)
    }

    /// `migrateUpTo` below the current version only for the migration tests.
    init(path: String, migrateUpTo target: Int) throws {
        name = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.label = "valvonta-history"
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw HistoryError.cannotOpen(store: path, reason: Self.reason(error))
        }
        try migrate(upTo: target)
    }

    private func migrate(upTo target: Int) throws {
        do {
            try pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try db.execute(sql: StoreSchema.versionTable)
                    let found = try Int.fetchOne(db, sql: "SELECT version FROM valvonta_schema")
                    if found == nil { try db.execute(sql: "INSERT INTO valvonta_schema (version) VALUES (0)") }
                    let version = found ?? 0
                    if version > StoreSchema.current {
                        throw HistoryError.newerSchema(store: name, found: version, supported: StoreSchema.current)
                    }
                    for m in StoreSchema.migrations where m.version > version && m.version <= target {
                        for sql in m.sqlite { try db.execute(sql: sql) }
                        try db.execute(sql: "UPDATE valvonta_schema SET version = ?", arguments: [m.version])
                    }
                    return .commit
                }
            }
        } catch let e as HistoryError {
            throw e
        } catch {
            throw HistoryError.cannotOpen(store: name, reason: Self.reason(error))
        }
    }

    // The protocol's async methods call GRDB's synchronous API through these (in an async
    // context Swift would pick GRDB's async overloads).
    public func schemaVersion() async throws -> Int { try versionNow() }
    public func record(_ e: NewEvaluation) async throws -> RecordOutcome { try recordNow(e) }
    public func snapshots() async throws -> [StoredEvaluation] { try snapshotsNow() }
    public func close() async throws { try wrap { try pool.close() } }

    func versionNow() throws -> Int {
        try wrap { try pool.read { db in try Int.fetchOne(db, sql: "SELECT version FROM valvonta_schema") ?? 0 } }
    }

    func recordNow(_ e: NewEvaluation) throws -> RecordOutcome {
        try wrap {
            try pool.writeWithoutTransaction { db in
                var outcome = RecordOutcome.alreadyStored(id: 0)
                try db.inTransaction(.immediate) {
                    let placeholders = Array(repeating: "?", count: StoreSchema.columns.count).joined(separator: ", ")
                    try db.execute(
                        sql: """
                            INSERT INTO evaluation (\(StoreSchema.columns.joined(separator: ", "))) VALUES (\(placeholders))
                            ON CONFLICT (\(StoreSchema.key)) DO NOTHING
                            """,
                        arguments: StatementArguments(Self.values(e)))
                    if db.changesCount == 1 {
                        outcome = .added(id: db.lastInsertedRowID)
                    } else {
                        let id = try Int64.fetchOne(
                            db,
                            sql: """
                                SELECT id FROM evaluation WHERE organisation = ? AND as_of = ? AND period_start = ?
                                AND period_end = ? AND fingerprint = ? AND settings_hash = ?
                                """,
                            arguments: [
                                e.organisation, e.asOf, e.periodStart, e.periodEnd, e.fingerprint, e.settingsHash,
                            ])
                        outcome = .alreadyStored(id: id ?? 0)
                    }
                    return .commit
                }
                return outcome
            }
        }
    }

    func snapshotsNow() throws -> [StoredEvaluation] {
        try wrap {
            let rows = try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT \(StoreSchema.selectColumns) FROM evaluation \(StoreSchema.order)")
            }
            return try rows.map { row in
                let id = Int64.fromDatabaseValue(row[0] as DatabaseValue) ?? 0
                var texts: [String] = []
                for i in 1...StoreSchema.columns.count {
                    guard let s = String.fromDatabaseValue(row[i] as DatabaseValue) else {
                        throw HistoryError.corruptEntry(store: name, id: id)
                    }
                    texts.append(s)
                }
                return StoredEvaluation(id: id, evaluation: Self.evaluation(texts))
            }
        }
    }

    /// Runs SQL on the file (the tests' way to age or damage a store).
    func execute(_ sql: String) throws {
        try pool.write { db in try db.execute(sql: sql) }
    }

    static func values(_ e: NewEvaluation) -> [String] {
        [
            e.organisation, e.asOf, e.periodStart, e.periodEnd, e.fingerprint, e.settingsHash, e.settings,
            e.toolVersion, e.recordedAt, e.source, e.findingsSchema, e.findingsJSON,
        ]
    }

    /// The columns in `StoreSchema.columns` order.
    static func evaluation(_ t: [String]) -> NewEvaluation {
        NewEvaluation(
            organisation: t[0], asOf: t[1], periodStart: t[2], periodEnd: t[3], fingerprint: t[4],
            settingsHash: t[5], settings: t[6], toolVersion: t[7], recordedAt: t[8], source: t[9],
            findingsSchema: t[10], findingsJSON: t[11])
    }

    private func wrap<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as HistoryError { throw e } catch {
            throw HistoryError.failed(store: name, reason: Self.reason(error))
        }
    }

    static func reason(_ error: Error) -> String {
        if let e = error as? DatabaseError { return e.message ?? "SQLite error \(e.resultCode.rawValue)" }
        return String(describing: error)
    }
}
