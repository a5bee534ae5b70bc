import Foundation
import Testing

/// `valvonta thl` through the binary: the options, the outputs as one set, and
/// the figures against `check --format json` on the same export, period and date.
@Suite struct THLCommandTests {
    static func json(_ text: String?) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data((text ?? "").utf8)) as? [String: Any])
    }

    /// Field id → value of a THL JSON file.
    static func values(_ text: String?) throws -> [String: Int] {
        var out: [String: Int] = [:]
        for field in try json(text)["fields"] as? [[String: Any]] ?? [] {
            if let id = field["id"] as? String, let v = field["value"] as? Int { out[id] = v }
        }
        return out
    }

    @Test func kasittelyajatNeedsAPeriod() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.write("base.xml", fixtureText("xml/base.xml"))
        let run = try ws.run(["thl", "kasittelyajat", "base.xml"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--period is required"), "\(run.stderr)")
        let wrongDay = try ws.run(["thl", "mitoitus", "base.xml", "--as-of", "2024-02-30"])
        #expect(wrongDay.status == 64 && wrongDay.stderr.contains("--as-of must be a real date"), "\(wrongDay.stderr)")
    }

    @Test func mitoitusDefaultsToTheSecondTuesdayAndWritesItsSet() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.write("base.xml", fixtureText("xml/base.xml"))
        let run = try ws.run(["thl", "mitoitus", "base.xml", "--out", "out", "--lang", "en"])
        #expect(run.status == 0, "\(run.stderr)")
        // base.xml was generated on 1.6.2024: the counting day is Tuesday 9.4.2024.
        #expect(run.stdout.contains("The counting day 2024-04-09 is the second Tuesday of April"), "\(run.stdout)")
        #expect(
            run.outputs.keys.sorted() == [
                "thl-mitoitus-2024-04-09-comment.txt", "thl-mitoitus-2024-04-09.csv", "thl-mitoitus-2024-04-09.html",
                "thl-mitoitus-2024-04-09.json",
            ])
        #expect(run.outputs["thl-mitoitus-2024-04-09.html"]?.contains("NOT FOR PUBLICATION") == true)
    }

    /// A generated export: the THL JSON's figures are check's findings for the same half-year and day.
    @Test func theFiguresAreChecksFindings() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let sample = try ws.run(["sample", "--cases", "800", "--seed", "17", "--as-of", "2026-04-20", "--out", "s.xml"])
        #expect(sample.status == 0, "\(sample.stderr)")
        let check = try ws.run(["check", "s.xml", "--format", "json", "--period", "2026H1"])
        let thl = try ws.run(["thl", "kasittelyajat", "s.xml", "--period", "2026H1", "--out", "out"])
        #expect(check.status == 0 && thl.status == 0, "\(check.stderr) \(thl.stderr)")
        let findings = try Self.json(check.stdout)
        let rows = findings["deadlines"] as? [[String: Any]] ?? []
        func sum(_ rule: String, _ service: String?, _ keys: [String]) -> Int {
            rows.filter {
                $0["rule"] as? String == rule && $0["region"] as? String == "*"
                    && (service == nil || $0["service"] as? String == service)
            }.reduce(0) { total, row in total + keys.reduce(0) { $0 + (row[$1] as? Int ?? 0) } }
        }
        let v = try Self.values(thl.outputs["thl-kasittelyajat-2026H1.json"])
        #expect(v.count == 24)
        for (scope, service) in [("all", nil), ("childWelfare", "lastensuojelu"), ("specialSupport", "lapsiperheet")] {
            #expect(v["start.inTime.\(scope)"] == sum("SHL36-start-7wd", service, ["met"]))
            #expect(v["start.later.\(scope)"] == sum("SHL36-start-7wd", service, ["late", "overdue"]))
            #expect(v["complete.inTime.\(scope)"] == sum("SHL36-complete-3m", service, ["met"]))
            #expect(v["complete.later.\(scope)"] == sum("SHL36-complete-3m", service, ["late"]))
            #expect(v["complete.overdueOpen.\(scope)"] == sum("SHL36-complete-3m", service, ["overdue"]))
        }
        #expect(v["screening.inTime"] == sum("LSL26-screening-7wd", nil, ["met"]))
        #expect((v["start.inTime.all"] ?? 0) > 0)

        let day = try ws.run(["check", "s.xml", "--format", "json", "--as-of", "2026-04-14"])
        let staffing = try ws.run(["thl", "mitoitus", "s.xml", "--out", "out"])
        #expect(staffing.status == 0, "\(staffing.stderr)")
        let f = try Self.json(day.stdout)
        let caseload = f["caseload"] as? [[String: Any]] ?? []
        let assignment = (f["assignment"] as? [[String: Any]] ?? []).first { $0["region"] as? String == "*" }
        let m = try Self.values(staffing.outputs["thl-mitoitus-2026-04-14.json"])
        #expect(m["clients"] == assignment?["active"] as? Int)
        #expect(m["responsibleWorkers"] == caseload.count)
        #expect(m["overLimit"] == caseload.filter { ($0["children"] as? Int ?? 0) > ($0["limit"] as? Int ?? .max) }.count)
        #expect((m["clients"] ?? 0) > 0)
    }
}
