/// The store's schema, the same on SQLite and PostgreSQL (docs/history.md,
/// "Schema"): numbered migrations, applied in order, each in the transaction
/// that raises `valvonta_schema.version` to its number. A store whose version
/// is higher than `current` was written by a later valvonta and is refused.
enum StoreSchema {
    struct Migration {
        var version: Int
        var sqlite: [String]
        var postgres: [String]
    }

    /// Columns after the id, in the order `record` writes them.
    static let columns = [
        "organisation", "as_of", "period_start", "period_end", "fingerprint", "settings_hash", "settings",
        "tool_version", "recorded_at", "source", "findings_schema", "findings",
    ]

    /// The dedupe key: recording the same export, T, period and settings again keeps one entry.
    static let key = "organisation, as_of, period_start, period_end, fingerprint, settings_hash"

    private static let evaluationColumns = """
        organisation TEXT NOT NULL,
        as_of TEXT NOT NULL,
        period_start TEXT NOT NULL,
        period_end TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        settings_hash TEXT NOT NULL,
        settings TEXT NOT NULL,
        tool_version TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        source TEXT NOT NULL,
        findings_schema TEXT NOT NULL,
        findings TEXT NOT NULL,
        CONSTRAINT evaluation_key UNIQUE (\(key))
        """

    static let migrations: [Migration] = [
        Migration(
            version: 1,
            sqlite: ["CREATE TABLE evaluation (id INTEGER PRIMARY KEY AUTOINCREMENT, \(evaluationColumns))"],
            postgres: [
                "CREATE TABLE evaluation (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, \(evaluationColumns))"
            ]),
        // The history and trend read by organisation and T.
        Migration(
            version: 2,
            sqlite: ["CREATE INDEX evaluation_by_date ON evaluation (organisation, as_of, period_end)"],
            postgres: ["CREATE INDEX evaluation_by_date ON evaluation (organisation, as_of, period_end)"]),
    ]

    static var current: Int { migrations.last?.version ?? 0 }

    /// The version table; one row.
    static let versionTable = "CREATE TABLE IF NOT EXISTS valvonta_schema (version INTEGER NOT NULL)"

    static let selectColumns = "id, " + columns.joined(separator: ", ")
    static let order = "ORDER BY as_of, period_end, period_start, id"
}
