import Foundation
import PostgresNIO

/// The shared store: the same schema on PostgreSQL, for a team that keeps one
/// history. One connection per process; every write is one statement or one
/// transaction, so a connection lost mid-run leaves either the whole entry or
/// none. Migrations take a transaction-scoped advisory lock, so two processes
/// opening a new store at once migrate it once.
public final class PostgresEvaluationStore: EvaluationStore, @unchecked Sendable {
    public let name: String
    private let connection: PostgresConnection
    private let logger: Logger

    /// The advisory lock key that migrations hold ("valvonta" in ASCII, as a number).
    static let migrationLock: Int64 = 0x7661_6c76_6f6e_7461

    private init(name: String, connection: PostgresConnection, logger: Logger) {
        self.name = name
        self.connection = connection
        self.logger = logger
    }

    /// A store at `url` (`postgres://user:password@host:port/database?sslmode=disable|prefer|require`).
    public static func open(url: String) async throws -> PostgresEvaluationStore {
        try await open(url: url, migrateUpTo: StoreSchema.current)
    }

    static func open(url: String, migrateUpTo target: Int) async throws -> PostgresEvaluationStore {
        let store = try await adminConnection(url: url)
        do {
            try await store.migrate(upTo: target)
        } catch {
            try? await store.close()
            throw error
        }
        return store
    }

    /// A connection that neither creates nor migrates the schema (the tests' server administration).
    static func adminConnection(url: String) async throws -> PostgresEvaluationStore {
        let parsed = try PostgresURL(url)
        var logger = Logger(label: "valvonta.history")
        logger.logLevel = .critical
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch parsed.sslMode {
            case "disable": tls = .disable
            case "require": tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            default: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        } catch {
            throw HistoryError.cannotOpen(store: parsed.redacted, reason: "TLS could not be set up")
        }
        let configuration = PostgresConnection.Configuration(
            host: parsed.host, port: parsed.port, username: parsed.user, password: parsed.password,
            database: parsed.database, tls: tls)
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        } catch {
            throw HistoryError.cannotOpen(store: parsed.redacted, reason: reason(error))
        }
        return PostgresEvaluationStore(name: parsed.redacted, connection: connection, logger: logger)
    }

    private func migrate(upTo target: Int) async throws {
        try await wrap {
            try await run("BEGIN")
            do {
                try await run("SELECT pg_advisory_xact_lock(\(Self.migrationLock))")
                try await run(StoreSchema.versionTable)
                let rows = try await connection.query("SELECT version FROM valvonta_schema", logger: logger).collect()
                if rows.isEmpty { try await run("INSERT INTO valvonta_schema (version) VALUES (0)") }
                let version = try rows.first.map { try $0.makeRandomAccess()[0].decode(Int.self) } ?? 0
                if version > StoreSchema.current {
                    throw HistoryError.newerSchema(store: name, found: version, supported: StoreSchema.current)
                }
                for m in StoreSchema.migrations where m.version > version && m.version <= target {
                    for sql in m.postgres { try await run(sql) }
                    try await run("UPDATE valvonta_schema SET version = \(m.version)")
                }
                try await run("COMMIT")
            } catch {
                try? await run("ROLLBACK")
                throw error
            }
        }
    }

    public func schemaVersion() async throws -> Int {
        try await wrap {
            let rows = try await connection.query("SELECT version FROM valvonta_schema", logger: logger).collect()
            return try rows.first.map { try $0.makeRandomAccess()[0].decode(Int.self) } ?? 0
        }
    }

    public func record(_ e: NewEvaluation) async throws -> RecordOutcome {
        try await wrap {
            var binds = PostgresBindings()
            for v in SQLiteEvaluationStore.values(e) { binds.append(v) }
            let placeholders = (1...StoreSchema.columns.count).map { "$\($0)" }.joined(separator: ", ")
            // One statement: it lands whole or not at all, whatever happens to the connection.
            let insert = PostgresQuery(
                unsafeSQL: """
                    INSERT INTO evaluation (\(StoreSchema.columns.joined(separator: ", "))) VALUES (\(placeholders))
                    ON CONFLICT (\(StoreSchema.key)) DO NOTHING RETURNING id
                    """, binds: binds)
            if let row = try await connection.query(insert, logger: logger).collect().first {
                return .added(id: try row.makeRandomAccess()[0].decode(Int64.self))
            }
            var keyBinds = PostgresBindings()
            for v in [e.organisation, e.asOf, e.periodStart, e.periodEnd, e.fingerprint, e.settingsHash] {
                keyBinds.append(v)
            }
            let select = PostgresQuery(
                unsafeSQL: """
                    SELECT id FROM evaluation WHERE organisation = $1 AND as_of = $2 AND period_start = $3
                    AND period_end = $4 AND fingerprint = $5 AND settings_hash = $6
                    """, binds: keyBinds)
            let id = try await connection.query(select, logger: logger).collect().first.map {
                try $0.makeRandomAccess()[0].decode(Int64.self)
            }
            return .alreadyStored(id: id ?? 0)
        }
    }

    public func snapshots() async throws -> [StoredEvaluation] {
        try await wrap {
            let rows = try await connection.query(
                PostgresQuery(
                    unsafeSQL: "SELECT \(StoreSchema.selectColumns) FROM evaluation \(StoreSchema.order)"),
                logger: logger
            ).collect()
            return try rows.map { row in
                let r = row.makeRandomAccess()
                let id = try r[0].decode(Int64.self)
                var texts: [String] = []
                for i in 1...StoreSchema.columns.count {
                    guard let s = try? r[i].decode(String.self) else {
                        throw HistoryError.corruptEntry(store: name, id: id)
                    }
                    texts.append(s)
                }
                return StoredEvaluation(id: id, evaluation: SQLiteEvaluationStore.evaluation(texts))
            }
        }
    }

    public func close() async throws {
        try? await connection.close()
    }

    /// The backend's process id, for the test that ends this connection from the server's side.
    func backendPID() async throws -> Int {
        let rows = try await connection.query("SELECT pg_backend_pid()", logger: logger).collect()
        return try rows.first.map { try $0.makeRandomAccess()[0].decode(Int.self) } ?? 0
    }

    /// Runs SQL that takes no parameters (DDL and the transaction's own statements).
    func run(_ sql: String) async throws {
        try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
    }

    private func wrap<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let e as HistoryError { throw e } catch let e as PSQLError {
            // The connection failed, or the server ended the session (SQLSTATE class 08, or 57P: shut down,
            // terminated by an administrator).
            let state = e.serverInfo?[.sqlState] ?? ""
            if [.serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown].contains(e.code)
                || state.hasPrefix("08") || state.hasPrefix("57P")
            {
                throw HistoryError.connectionLost(store: name, reason: Self.reason(e))
            }
            throw HistoryError.failed(store: name, reason: Self.reason(e))
        } catch {
            throw HistoryError.failed(store: name, reason: Self.reason(error))
        }
    }

    /// PSQLError's own description hides everything (it could carry query values): the server's message
    /// and SQLSTATE are shown, the rest by its code.
    static func reason(_ error: Error) -> String {
        guard let e = error as? PSQLError else {
            return "\(type(of: error))"
        }
        if let info = e.serverInfo, let message = info[.message] {
            return message + (info[.sqlState].map { " (SQLSTATE \($0))" } ?? "")
        }
        switch e.code {
        case .serverClosedConnection: return "the server closed the connection"
        case .connectionError:
            return "no connection to the server" + (e.underlying.map { ": \($0)" } ?? "")
        case .clientClosedConnection: return "the connection was closed"
        default: return "PostgreSQL error \(e.code)"
        }
    }
}

/// The parts of a `postgres://` URL; `redacted` is the URL without its password, for every message.
struct PostgresURL {
    var user: String
    var password: String?
    var host: String
    var port: Int
    var database: String
    var sslMode: String
    var redacted: String

    init(_ text: String) throws {
        guard let c = URLComponents(string: text), let host = c.host, !host.isEmpty else {
            throw HistoryError.badURL(
                store: "postgres://…", problem: "is not a URL of the form postgres://user:password@host:port/database")
        }
        user = c.user ?? "postgres"
        // A password kept out of the command line and the environment's VALVONTA_STORE: PGPASSWORD, as libpq.
        password = c.password ?? ProcessInfo.processInfo.environment["PGPASSWORD"]
        self.host = host
        port = c.port ?? 5432
        let path = c.path.hasPrefix("/") ? String(c.path.dropFirst()) : c.path
        database = path.isEmpty ? user : path
        redacted = "postgres://\(c.percentEncodedUser ?? "postgres")@\(c.percentEncodedHost ?? host):\(port)/\(database)"
        sslMode = "prefer"
        for item in c.queryItems ?? [] {
            guard item.name == "sslmode" else {
                throw HistoryError.badURL(store: redacted, problem: "the option '\(item.name)' is not known; only sslmode")
            }
            guard let v = item.value, ["disable", "prefer", "require"].contains(v) else {
                throw HistoryError.badURL(store: redacted, problem: "sslmode must be disable, prefer or require")
            }
            sslMode = v
        }
    }
}
