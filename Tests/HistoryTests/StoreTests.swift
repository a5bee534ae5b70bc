import CaseImport
import CaseModel
import Foundation
import Rules
import SampleGenerator
import Testing

@testable import History

/// Exports of several months, generated here (not in the repository): one per
/// month end, each a different fictional region state, their findings exact.
enum Months {
    static let ends = ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30"]

    /// (export path, findings) per month; the files live for the test run.
    static let exports: [(path: String, findings: Findings)] = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("valvonta-history-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return ends.enumerated().compactMap { (i, end) in
            let file = dir.appendingPathComponent("export-\(end).xml").path
            guard let date = CalendarDate.parseISO(end) else { return nil }
            let configuration = SampleConfiguration(cases: 300, regions: 4, seed: UInt64(10 + i), asOf: date)
            guard let generator = try? SampleGenerator(configuration: configuration),
                let writer = try? XMLSampleWriter(path: file), (try? generator.run(into: [writer])) != nil,
                let export = try? CaseImporter.load(paths: [file])
            else { return nil }
            return (file, Rules.evaluate(export).findings)
        }
    }()

    static func evaluation(_ i: Int, source: String = "check", settings: RuleSettings = RuleSettings()) throws
        -> NewEvaluation
    {
        let e = exports[i]
        return NewEvaluation(
            findings: e.findings, fingerprint: try ExportFingerprint.of(paths: [e.path]),
            settings: SettingsText.text(settings), toolVersion: "test", source: source)
    }
}

/// The store under test: a fresh SQLite file, or a fresh PostgreSQL database.
enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres
    var testDescription: String { rawValue }

    /// A new empty store location, or nil (with the reason printed) when PostgreSQL is not at hand
    /// outside CI. In CI (`CI=true`) a missing server is a failure, not a skip.
    func freshLocation() async throws -> String? {
        switch self {
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("valvonta-store-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            return dir.appendingPathComponent("history.sqlite").path
        case .postgres:
            return try await PostgresTestServer.freshDatabase()
        }
    }
}

enum PostgresTestServer {
    static let variable = "VALVONTA_TEST_POSTGRES"

    /// A new database on the test server (`VALVONTA_TEST_POSTGRES`, a superuser's URL): each test its own,
    /// so tests running at once do not see each other's entries.
    static func freshDatabase() async throws -> String? {
        guard let url = ProcessInfo.processInfo.environment[variable], !url.isEmpty else {
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                Issue.record("\(variable) is not set: CI must run the PostgreSQL tests (.ci/run starts a server)")
            } else {
                print("skipping a PostgreSQL test: set \(variable)=postgres://user@127.0.0.1:PORT/postgres to run it")
            }
            return nil
        }
        let name = "valvonta_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let admin = try await PostgresEvaluationStore.adminConnection(url: url)
        try await admin.run("CREATE DATABASE \(name)")
        try await admin.close()
        guard var c = URLComponents(string: url) else { return nil }
        c.path = "/" + name
        return c.string
    }
}

@Suite struct StoreTests {
    @Test(arguments: Backend.allCases)
    func recordsAndReadsBackExactFindings(_ backend: Backend) async throws {
        guard let location = try await backend.freshLocation() else { return }
        let store = try await StoreLocation.open(location)
        for i in Months.exports.indices {
            let outcome = try await store.record(try Months.evaluation(i))
            guard case .added = outcome else {
                Issue.record("month \(i) was not added: \(outcome)")
                continue
            }
        }
        let all = try await store.snapshots()
        #expect(all.count == Months.ends.count)
        // Every snapshot's findings equal that run's own, figure for figure, and in T order.
        for (i, s) in all.enumerated() {
            #expect(try s.findings(store: store.name) == Months.exports[i].findings)
            #expect(s.evaluation.findingsJSON == FindingsJSON.encode(Months.exports[i].findings))
            #expect(s.evaluation.asOf == Months.ends[i])
        }
        // A trend figure equals the one in each run's findings.
        let metric = try Metrics.parse("SHL36-backlog.open")
        let points = try HistoryOutput.trend(metric, snapshots: all, store: store.name).filter { $0.region == "*" }
        #expect(
            points.map(\.value.numerator)
                == Months.exports.map { e in e.findings.backlog.filter { $0.region == "*" }.reduce(0) { $0 + $1.open } })
        #expect(try await store.schemaVersion() == StoreSchema.current)
        try await store.close()
    }

    @Test(arguments: Backend.allCases)
    func sameExportTPeriodAndSettingsKeepOneEntry(_ backend: Backend) async throws {
        guard let location = try await backend.freshLocation() else { return }
        let store = try await StoreLocation.open(location)
        let first = try await store.record(try Months.evaluation(0, source: "check"))
        let again = try await store.record(try Months.evaluation(0, source: "report"))
        guard case .added(let id) = first else {
            Issue.record("first record not added")
            return
        }
        #expect(again == .alreadyStored(id: id))
        // Other settings are another evaluation.
        let other = try await store.record(try Months.evaluation(0, settings: RuleSettings(meetingIntervalDays: 60)))
        #expect(other != .alreadyStored(id: id))
        let all = try await store.snapshots()
        #expect(all.count == 2)
        #expect(all.first?.evaluation.source == "check")
        try await store.close()
    }

    @Test(arguments: Backend.allCases)
    func concurrentWritersAllLand(_ backend: Backend) async throws {
        guard let location = try await backend.freshLocation() else { return }
        // Create the store first, then eight writers, each with its own connection, record at once:
        // every month twice (the duplicates must fold) and eight distinct settings.
        try await StoreLocation.open(location).close()
        let evaluations = try (0..<8).map { w in
            try Months.evaluation(w % Months.exports.count, settings: RuleSettings(urgencyDays: 1 + w))
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for w in 0..<8 {
                let e = evaluations[w]
                group.addTask {
                    let s = try await StoreLocation.open(location)
                    for _ in 0..<3 { _ = try await s.record(e) }
                    try await s.close()
                }
            }
            try await group.waitForAll()
        }
        let store = try await StoreLocation.open(location)
        let all = try await store.snapshots()
        #expect(all.count == 8)
        #expect(Set(all.map(\.evaluation.settingsHash)).count == 8)
        for s in all { _ = try s.findings(store: store.name) }
        try await store.close()
    }

    @Test(arguments: Backend.allCases)
    func migratesAnOlderStoreKeepingItsEntries(_ backend: Backend) async throws {
        guard let location = try await backend.freshLocation() else { return }
        let old = try await Self.open(location, backend: backend, upTo: 1)
        #expect(try await old.schemaVersion() == 1)
        _ = try await old.record(try Months.evaluation(0))
        try await old.close()
        let store = try await StoreLocation.open(location)
        #expect(try await store.schemaVersion() == StoreSchema.current)
        let all = try await store.snapshots()
        #expect(all.count == 1)
        #expect(try all.first?.findings(store: store.name) == Months.exports[0].findings)
        try await store.close()
    }

    @Test(arguments: Backend.allCases)
    func refusesAStoreFromANewerVersion(_ backend: Backend) async throws {
        guard let location = try await backend.freshLocation() else { return }
        let store = try await StoreLocation.open(location)
        _ = try await store.record(try Months.evaluation(1))
        try await Self.execute("UPDATE valvonta_schema SET version = 99", on: store)
        try await store.close()
        do {
            _ = try await StoreLocation.open(location)
            Issue.record("a store at version 99 was opened")
        } catch let e as HistoryError {
            let message = e.errorDescription ?? ""
            #expect(e == .newerSchema(store: Self.shown(location), found: 99, supported: StoreSchema.current))
            #expect(message.contains("99") && message.contains("up to \(StoreSchema.current)"))
            #expect(message.contains(Self.shown(location)))
            #expect(!message.contains("secret"))
        }
    }

    static func open(_ location: String, backend: Backend, upTo version: Int) async throws -> any EvaluationStore {
        switch backend {
        case .sqlite: return try SQLiteEvaluationStore(path: location, migrateUpTo: version)
        case .postgres: return try await PostgresEvaluationStore.open(url: location, migrateUpTo: version)
        }
    }

    static func execute(_ sql: String, on store: any EvaluationStore) async throws {
        if let s = store as? SQLiteEvaluationStore { try s.execute(sql) }
        if let p = store as? PostgresEvaluationStore { try await p.run(sql) }
    }

    /// The name a message gives the store: a path as it is, a URL without its password.
    static func shown(_ location: String) -> String {
        StoreLocation.isPostgres(location) ? ((try? PostgresURL(location).redacted) ?? location) : location
    }
}

@Suite struct StoreFailureTests {
    /// The server ends the connection while a write waits for a lock: the run gets a clear error naming
    /// the store (not its password), and the store afterwards holds exactly the entries before.
    @Test func postgresConnectionLostMidWrite() async throws {
        guard let location = try await Backend.postgres.freshLocation() else { return }
        let writer = try await PostgresEvaluationStore.open(url: location)
        _ = try await writer.record(try Months.evaluation(0))
        let pid = try await writer.backendPID()
        // A second session holds the table, so the writer's INSERT waits mid-statement.
        let blocker = try await PostgresEvaluationStore.open(url: location)
        try await blocker.run("BEGIN")
        try await blocker.run("LOCK TABLE evaluation IN EXCLUSIVE MODE")
        let e = try Months.evaluation(1)
        let pending = Task { try await writer.record(e) }
        try await Task.sleep(for: .milliseconds(300))
        try await blocker.run("SELECT pg_terminate_backend(\(pid))")
        try await blocker.run("COMMIT")
        try await blocker.close()
        do {
            _ = try await pending.value
            Issue.record("the write went through a terminated connection")
        } catch let error as HistoryError {
            guard case .connectionLost(let store, _) = error else {
                Issue.record("expected a lost connection, got \(error)")
                return
            }
            #expect(store == StoreTests.shown(location))
            #expect((error.errorDescription ?? "").contains("Run the command again"))
        }
        try? await writer.close()
        let after = try await StoreLocation.open(location)
        let all = try await after.snapshots()
        #expect(all.count == 1)
        #expect(try all.first?.findings(store: after.name) == Months.exports[0].findings)
        // And the store takes the write once the run is repeated.
        #expect(try await after.record(e) != .alreadyStored(id: 0))
        #expect(try await after.snapshots().count == 2)
        try await after.close()
    }

    @Test func postgresPasswordNeverInAMessage() async throws {
        let url = "postgres://valvonta:hunter2secret@127.0.0.1:1/nodb"
        do {
            _ = try await StoreLocation.open(url)
            Issue.record("connected to port 1")
        } catch let e as HistoryError {
            let message = e.errorDescription ?? ""
            #expect(message.contains("postgres://valvonta@127.0.0.1:1/nodb"))
            #expect(!message.contains("hunter2secret"))
        }
    }

    @Test func sqliteFileThatIsNotAStore() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("valvonta-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("not.sqlite").path
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: path))
        do {
            _ = try await StoreLocation.open(path)
            Issue.record("a file of text was opened as a store")
        } catch let e as HistoryError {
            guard case .cannotOpen(let store, _) = e else {
                Issue.record("unexpected \(e)")
                return
            }
            #expect(store == path)
        }
    }
}

@Suite struct MetricTests {
    @Test func unknownMetricListsTheValidOnes() {
        do {
            _ = try Metrics.parse("SHL36-backlog.opne")
            Issue.record("accepted a misspelt metric")
        } catch let e as HistoryError {
            let message = e.errorDescription ?? ""
            #expect(message.contains("SHL36-backlog.open"))
            #expect(message.contains("SHL36-complete-3m.rate"))
            #expect(message.contains("LSL13b-assigned.unassigned"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func ratesAndCountsFromTheFindings() throws {
        var f = Findings(organisation: "x", asOf: "2026-03-31", period: .init(start: "2026-01-01", end: "2026-03-31"))
        f.deadlines = [
            .init(rule: "SHL36-complete-3m", service: "lapsiperheet", region: "*", met: 6, late: 2, overdue: 2, pending: 5),
            .init(rule: "SHL36-complete-3m", service: "lastensuojelu", region: "*", met: 4, late: 0, overdue: 1, pending: 0),
            .init(rule: "SHL36-complete-3m", service: "lastensuojelu", region: "A", met: 4, late: 0, overdue: 1, pending: 0),
        ]
        f.assignment = [.init(region: "*", active: 40, unassigned: 3, unqualified: 1)]
        let rate = Metrics.values(try Metrics.parse("SHL36-complete-3m.rate"), in: f)
        #expect(rate.map(\.region) == ["*", "A"])
        #expect(rate.first?.value == MetricValue(numerator: 10, denominator: 15))
        let pending = Metrics.values(try Metrics.parse("SHL36-complete-3m.pending"), in: f)
        #expect(pending.first?.value == MetricValue(numerator: 5, denominator: nil))
        let unassigned = Metrics.values(try Metrics.parse("LSL13b-assigned.unassigned"), in: f)
        #expect(unassigned.first?.value.numerator == 3)
    }

    @Test func settingsTextIsStableAndCoversEverySetting() {
        let a = SettingsText.text(RuleSettings(workloadLimits: [.tyoikaiset: 50, .lapsiperheet: 30]))
        let b = SettingsText.text(RuleSettings(workloadLimits: [.lapsiperheet: 30, .tyoikaiset: 50]))
        #expect(a == b)
        #expect(a.contains("workloadLimits = {lapsiperheet: 30, tyoikaiset: 50}"))
        #expect(a.split(separator: "\n").count == Mirror(reflecting: RuleSettings()).children.count)
        #expect(SettingsText.hash(a) != SettingsText.hash(SettingsText.text(RuleSettings())))
    }
}
