import Foundation
import Testing

@testable import History

/// The history through the binary: exports of several months, generated here, each checked with
/// `--store` by processes running at once; the store's content equals each run's own findings.
@Suite struct HistoryCLITests {
    static let months = ["2026-01-31", "2026-02-28", "2026-03-31"]

    /// A fresh store: a SQLite file in the workspace, or a new database on the test server
    /// (VALVONTA_TEST_POSTGRES; required in CI, skipped with a reason elsewhere).
    static func store(_ backend: String, in w: Workspace) async throws -> String? {
        if backend == "sqlite" { return w.url.appendingPathComponent("history.sqlite").path }
        guard let url = ProcessInfo.processInfo.environment["VALVONTA_TEST_POSTGRES"], !url.isEmpty else {
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                Issue.record("VALVONTA_TEST_POSTGRES is not set: CI must run the PostgreSQL tests")
            } else {
                print("skipping the PostgreSQL CLI test: set VALVONTA_TEST_POSTGRES to run it")
            }
            return nil
        }
        let name = "valvonta_cli_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let admin = try await PostgresEvaluationStore.adminConnection(url: url)
        try await admin.run("CREATE DATABASE \(name)")
        try await admin.close()
        guard var c = URLComponents(string: url) else { return nil }
        c.path = "/" + name
        return c.string
    }

    @Test(arguments: ["sqlite", "postgres"])
    func monthsCheckedAtOnceGiveTheirOwnFindings(_ backend: String) async throws {
        let w = try Workspace()
        guard let store = try await Self.store(backend, in: w) else { return }
        for (i, month) in Self.months.enumerated() {
            let r = try w.run(["sample", "--cases", "400", "--regions", "4", "--seed", "\(30 + i)", "--as-of", month, "--out", "m\(i).xml"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        // Every month checked twice, all six processes at once: three entries, none lost.
        let runs = Array(repeating: Array(Self.months.indices), count: 2).flatMap { $0 }
        let box = RunBox(count: runs.count)
        DispatchQueue.concurrentPerform(iterations: runs.count) { k in
            box.set(k, try? w.run(["check", "m\(runs[k]).xml", "--format", "json", "--store", store], timeout: 120))
        }
        var findings: [Int: String] = [:]
        for (k, r) in box.all().enumerated() {
            let r = try #require(r)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stderr.contains("recorded in") || r.stderr.contains("already recorded in"))
            #expect(!r.stderr.contains("ci-throwaway"))
            findings[runs[k]] = r.stdout
        }
        let list = try w.run(["history", "--store", store, "--format", "csv"])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.split(separator: "\r\n").count == 1 + Self.months.count)
        // The store handed over as findings files: each one byte for byte the month's own check output.
        let exported = try w.run(["history", "export", "--store", store, "--out", "exported"])
        #expect(exported.status == 0, "\(exported.stderr)")
        let files = Workspace.files(in: w.url.appendingPathComponent("exported"))
        #expect(files.count == Self.months.count)
        for (i, month) in Self.months.enumerated() {
            let name = try #require(files.first { $0.hasPrefix("findings-\(month)-") })
            let text = try String(contentsOf: w.url.appendingPathComponent("exported/" + name), encoding: .utf8)
            #expect(text == findings[i])
        }
        // The trend of the queue: the figure of each month's findings.
        let trend = try w.run(["history", "trend", "--store", store, "--metric", "SHL36-backlog.open", "--region", "*", "--format", "csv"])
        #expect(trend.status == 0, "\(trend.stderr)")
        let values = trend.stdout.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",")[6] }
        for (i, _) in Self.months.enumerated() {
            let json = try #require(findings[i]).data(using: .utf8) ?? Data()
            let object = try JSONSerialization.jsonObject(with: json) as? [String: Any]
            let backlog = object?["backlog"] as? [[String: Any]] ?? []
            let open = backlog.filter { $0["region"] as? String == "*" }.compactMap { $0["open"] as? Int }.reduce(0, +)
            #expect(values.count == Self.months.count)
            if i < values.count { #expect(String(values[i]) == String(open)) }
        }
        // An import of the exported files is one entry each, kept once when imported again.
        let other = w.url.appendingPathComponent("imported.sqlite").path
        let paths = files.map { "exported/" + $0 }
        let imported = try w.run(["history", "import", "--store", other] + paths)
        #expect(imported.status == 0, "\(imported.stderr)")
        let again = try w.run(["history", "import", "--store", other] + paths)
        #expect(again.stdout.components(separatedBy: "already in").count - 1 == Self.months.count)
    }

    /// The periodic report takes the period just before its own from the store, names it, and with the
    /// earlier evaluations draws the trend.
    @Test func periodicReportTakesItsPreviousPeriodFromTheStore() throws {
        let w = try Workspace()
        let store = w.url.appendingPathComponent("h.sqlite").path
        for (i, month) in ["2026-03-31", "2026-05-31"].enumerated() {
            let r = try w.run(["sample", "--cases", "600", "--regions", "3", "--seed", "5", "--as-of", month, "--out", "m\(i).xml"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        #expect(try w.run(["check", "m0.xml", "--store", store]).status == 0)
        #expect(try w.run(["check", "m1.xml", "--period", "2026T1", "--store", store]).status == 0)
        let report = try w.run([
            "report", "m1.xml", "--metadata", exampleMetadata, "--kind", "omavalvonta", "--period", "2026T2",
            "--lang", "en", "--history", store, "--out", "out", "--format", "markdown,html",
        ])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stderr.contains("previous period from \(store): #2, period 2026-01-01..2026-04-30"))
        let markdown = report.outputs["report.md"] ?? ""
        #expect(markdown.contains("2026-01-01–2026-04-30"))
        // The evaluation of 31 March is the one earlier T: the summary chains it with this one.
        #expect(markdown.contains("2026-03-31, 2026-05-31"))
        #expect(markdown.contains(" → "))
        #expect((report.outputs["report.html"] ?? "").contains("<h3>Trend over the stored evaluations</h3>"))
    }

    @Test func unknownMetricAndMissingStoreAreClearErrors() throws {
        let w = try Workspace()
        let store = w.url.appendingPathComponent("h.sqlite").path
        let r = try w.run(["history", "trend", "--store", store, "--metric", "SHL36-backlog.opn"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("unknown metric 'SHL36-backlog.opn'"))
        #expect(r.stderr.contains("SHL36-backlog.open"))
        let none = try w.run(["history"], environment: ["VALVONTA_STORE": ""])
        #expect(none.status == 64)
        #expect(none.stderr.contains("--store"))
        let bad = try w.write("bad.json", "{\"schema\": \"x\"}")
        let imp = try w.run(["history", "import", "--store", store, bad])
        #expect(imp.status == 1)
        #expect(imp.stderr.contains("bad.json is not findings JSON version 1 or 2"))
    }
}

/// The runs of processes started at once, each written by its own thread.
final class RunBox: @unchecked Sendable {
    private let lock = NSLock()
    private var runs: [CLIRun?]
    init(count: Int) { runs = Array(repeating: nil, count: count) }
    func set(_ k: Int, _ r: CLIRun?) {
        lock.lock()
        runs[k] = r
        lock.unlock()
    }
    func all() -> [CLIRun?] {
        lock.lock()
        defer { lock.unlock() }
        return runs
    }
}
