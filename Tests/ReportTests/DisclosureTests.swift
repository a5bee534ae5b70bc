import CaseImport
import CaseModel
import Foundation
import Rules
import SampleGenerator
import Testing

@testable import Report

/// Small numbers, for real (report.md Version 2): the check finds what a reader
/// could work out and hides more until nothing is left to find.
@Suite struct DisclosureCheckTests {
    /// "Äänekoski | 27 | < 5 | 11,1 %": 3/27 is the only count of 1–4 that prints as 11,1 %.
    @Test func aShareBesideASmallCountGivesItAwayUntilWithheld() {
        var p = DisclosureProblem()
        p.count("active", 27)
        let unassigned = p.count("unassigned", 3)
        p.share("share", numerator: ["unassigned"], denominator: ["active"])
        p.suppressPrimary()
        #expect(p.recovered() == [unassigned])
        p.suppressSecondary()
        #expect(p.recovered().isEmpty)
        #expect(p.shares[0].shown == false && p.cells[0].state == .exact)
    }

    /// The last hidden cell of a column follows from the total; another region's cell is hidden, the total stays.
    @Test func theLastHiddenCellOfAColumnIsCoveredByAnotherRegionNotTheTotal() {
        var p = DisclosureProblem()
        p.count("A", 10)
        let b = p.count("B", 3)
        p.count("C", 20)
        let total = p.count("*", 33, total: true)
        p.sum("*", ["A", "B", "C"])
        p.suppressPrimary()
        #expect(p.recovered() == [b])
        p.suppressSecondary()
        #expect(p.recovered().isEmpty)
        #expect(p.cells[total].state == .exact)
        #expect(p.cells[0].state == .hidden && p.cells[2].state == .exact)
    }

    /// Two hidden cells that add up to 2 can only be 1 and 1: two are not always enough.
    @Test func twoSmallCellsThatCanOnlyBeOneEachAreProtected() {
        var p = DisclosureProblem()
        p.count("A", 1)
        p.count("B", 1)
        p.count("C", 20)
        p.count("*", 22, total: true)
        p.sum("*", ["A", "B", "C"])
        p.suppressPrimary()
        #expect(p.recovered().count == 2)
        p.suppressSecondary()
        #expect(p.recovered().isEmpty)
    }

    /// A row's share pins its late count: met 300, late 2, overdue 0 prints 99,3 % only for late = 2.
    @Test func aRowShareIsReadToItsPrintedPrecision() {
        var p = DisclosureProblem()
        p.count("met", 300)
        p.count("late", 2)
        p.count("overdue", 0)
        p.share("rate", numerator: ["met"], denominator: ["met", "late", "overdue"])
        p.suppressPrimary()
        #expect(p.recovered().count == 1)
        // With 3 000 met the same printed share fits late = 2, 3 and 4: nothing to hide.
        var large = DisclosureProblem()
        large.count("met", 3000)
        large.count("late", 2)
        large.count("overdue", 0)
        large.share("rate", numerator: ["met"], denominator: ["met", "late", "overdue"])
        large.suppressPrimary()
        #expect(large.recovered().isEmpty)
        #expect(printedTenths(300, 302) == 993)
    }
}

/// Generated exports with many small regions, rendered in every language and
/// both kinds, with and without a previous period, attacked from the printed
/// Markdown alone: the tables parsed back, every column summed to its total row,
/// every share read to its printed precision, the summary's n/N tied to the
/// tables. The attacker knows nothing of how the report was built.
@Suite struct PrintedReportAttackTests {
    static func export(seed: UInt64, asOf: String) throws -> CaseExport {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("valvonta-attack-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("export.xml").path
        let configuration = SampleConfiguration(
            cases: 900, regions: 12, seed: seed, asOf: CalendarDate.parseISO(asOf) ?? SampleConfiguration.defaultAsOf)
        _ = try SampleGenerator(configuration: configuration).run(into: [try XMLSampleWriter(path: file)])
        return try CaseImporter.load(paths: [file])
    }

    static let labels: [ReportLanguage: (total: String, urgent: String)] = [
        .fi: ("Koko hyvinvointialue", "Joista kiireelliseksi merkityt"),
        .sv: ("Hela välfärdsområdet", "Varav märkta brådskande"),
        .en: ("Whole wellbeing services county", "Of which flagged urgent"),
    ]

    @Test(arguments: [(UInt64(21), "2024-06-01"), (UInt64(22), "2025-01-15"), (UInt64(23), "2025-10-01")])
    func noSuppressedCountCanBeWorkedOut(seed: UInt64, asOf: String) throws {
        let e = evaluate(try Self.export(seed: seed, asOf: asOf))
        let previous = evaluate(try Self.export(seed: seed + 100, asOf: asOf)).findings
        var shown = 0
        var total = 0
        for language in [ReportLanguage.fi, .sv, .en] {
            for kind in [ReportKind.aviResponse, .omavalvonta] {
                for prev in [nil, previous] {
                    let md = try ReportFixture.render(
                        kind, language, format: .markdown, previous: prev, evaluation: e,
                        metadata: ReportFixture.metadata(kind, language), exceptions: false,
                        rules: RuleCatalog.descriptions)
                    let attack = MarkdownAttack(markdown: md, total: Self.labels[language]!.total,
                        urgent: Self.labels[language]!.urgent)
                    #expect(attack.tables >= 8, "\(language) \(kind): the attacker found the tables")
                    #expect(attack.recovered.isEmpty, "\(language) \(kind) \(seed): recovered \(attack.recovered)")
                    let open = try ReportFixture.render(
                        kind, language, format: .markdown, suppress: false, previous: prev, evaluation: e,
                        metadata: ReportFixture.metadata(kind, language), exceptions: false,
                        rules: RuleCatalog.descriptions)
                    let counted = MarkdownAttack.retention(suppressed: md, open: open)
                    shown += counted.shown
                    total += counted.total
                }
            }
        }
        // At least 60 % of the figures --no-suppress shows are still shown exactly.
        #expect(Double(shown) >= 0.6 * Double(total), "\(shown) of \(total) shown exactly")
    }

    /// Without the secondary suppression the same attack does recover cells: the test can fail.
    @Test func primarySuppressionAloneGivesCellsAway() throws {
        let e = evaluate(try Self.export(seed: 21, asOf: "2024-06-01"))
        let md = try ReportFixture.render(
            .aviResponse, .fi, format: .markdown, evaluation: e, exceptions: false, rules: RuleCatalog.descriptions,
            secondary: false)
        let attack = MarkdownAttack(markdown: md, total: "Koko hyvinvointialue", urgent: "Joista kiireelliseksi merkityt")
        #expect(!attack.recovered.isEmpty)
    }
}

/// An attacker who has only the printed Markdown.
struct MarkdownAttack {
    var tables = 0
    var recovered: [String] = []

    enum Value {
        case exact(Int), small, hidden, share(Int), other
    }

    static func value(_ raw: String) -> Value {
        let s = raw.replacingOccurrences(of: "*", with: "").replacingOccurrences(of: "\\", with: "")
            .replacingOccurrences(of: "\u{00A0}", with: " ").trimmingCharacters(in: .whitespaces)
        if s == "< 5" { return .small }
        if s == ".." { return .hidden }
        if s.hasSuffix("%") {
            let digits = s.filter { $0.isNumber }
            return Int(digits).map { .share($0) } ?? .other
        }
        let digits = s.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: ",", with: "")
        if !digits.isEmpty, digits.allSatisfy(\.isNumber), !s.contains(".") { return Int(digits).map { .exact($0) } ?? .other }
        return .other
    }

    /// Figures shown exactly in the suppressed text, of those the open text shows as numbers;
    /// tables are paired by their header and row count (a chart left out is skipped, not misaligned).
    static func retention(suppressed: String, open: String) -> (shown: Int, total: Int) {
        let a = tables(suppressed)
        var b = tables(open)[...]
        var shown = 0
        var total = 0
        for t in a {
            guard let k = b.firstIndex(where: { $0.first == t.first && $0.count == t.count }) else { continue }
            let o = b[k]
            b = b[(k + 1)...]
            for (x, y) in zip(t.joined(), o.joined()) {
                switch value(y) {
                case .exact, .share:
                    total += 1
                    if x == y { shown += 1 }
                default: break
                }
            }
        }
        return (shown, total)
    }

    /// Each table as rows of cells (header first, the separator left out).
    static func tables(_ md: String) -> [[[String]]] {
        var out: [[[String]]] = []
        var current: [[String]] = []
        for line in md.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("|") {
                if !line.hasPrefix("|---") { current.append(line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)) }
            } else if !current.isEmpty {
                out.append(current)
                current = []
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    init(markdown: String, total: String, urgent: String) {
        var p = DisclosureProblem()
        var n = 0
        func cell(_ v: Value, _ name: String) -> String? {
            let key = "\(name)#\(n)"
            n += 1
            switch v {
            case .exact(let x): p.count(key, x)
            case .small:
                p.count(key, 1)
                p.cells[p.cells.count - 1].state = .small
            case .hidden:
                p.count(key, 0)
                p.cells[p.cells.count - 1].state = .hidden
            default: return nil
            }
            return key
        }
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var i = 0
        while i < lines.count {
            guard lines[i].hasPrefix("|"), i + 1 < lines.count, lines[i + 1].hasPrefix("|---") else {
                i += 1
                continue
            }
            let header = lines[i].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            var rows: [[String]] = []
            var j = i + 2
            while j < lines.count, lines[j].hasPrefix("|") {
                rows.append(
                    lines[j].split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                        .map { $0.trimmingCharacters(in: .whitespaces) })
                j += 1
            }
            i = j
            let regionColumn = header.firstIndex { $0.hasPrefix("Alue") || $0.hasPrefix("Område") || $0.hasPrefix("Region") || $0.hasPrefix("Area") }
            guard let rc = regionColumn, rows.allSatisfy({ $0.count >= header.count }) else { continue }
            // Full-time equivalents (one decimal) are staff, not children: not attacked.
            let isFTE = rows.contains { r in r.contains { $0.range(of: #"^\*{0,2}\d+[,.]\d\*{0,2}$"#, options: .regularExpression) != nil } }
            if isFTE { continue }
            // Columns a reader knows are not counts: medians, maxima, days, the previous period.
            let notCounts = ["median", "Median", "mediaani", "Mediaani", "(pv)", "(dagar)", "(days)", "högst", "most",
                "enintään", "Edellinen", "Föregående", "Previous", "90"]
            // Which share a "%" column is, by the header of the first count before it.
            let deadlineTable = header.contains { ["Määräajassa", "Inom tidsfristen", "In time"].contains($0) }
            let isCountColumn = { (c: Int) in !notCounts.contains { header[c].contains($0) } }
            tables += 1
            // Group by the service column when there is one (queue, durations, plans).
            let groupColumn = rc > 0 ? 0 : nil
            var groups: [String: [[String]]] = [:]
            var order: [String] = []
            for r in rows {
                let g = groupColumn.map { r[$0] } ?? ""
                if groups[g] == nil { order.append(g) }
                groups[g, default: []].append(r)
            }
            for g in order {
                guard let members = groups[g] else { continue }
                var keys: [[String?]] = []
                for r in members {
                    keys.append(
                        r.enumerated().map { c, raw in
                            c > rc && c < header.count && isCountColumn(c) ? cell(Self.value(raw), header[c]) : nil
                        })
                }
                let isTotal = { (r: [String]) in r[rc].replacingOccurrences(of: "*", with: "") == total }
                let isUrgent = { (r: [String]) in r[rc] == urgent }
                for c in (rc + 1)..<header.count {
                    let column = members.indices.filter { !isUrgent(members[$0]) }
                    guard let t = column.first(where: { isTotal(members[$0]) }), let tk = keys[t][c] else { continue }
                    let parts = column.filter { $0 != t }.compactMap { keys[$0][c] }
                    if parts.count == column.count - 1 { p.sum(tk, parts) }
                }
                // Shares: a "%" column is its numerator over the counts before it, as the table reads.
                for (r, row) in members.enumerated() {
                    let counted = ((rc + 1)..<header.count).compactMap { keys[r][$0] }
                    // A table of three counts and no share (started, with a plan, without): the first is the sum.
                    if groupColumn == nil, counted.count == 3,
                        !row.contains(where: { if case .share = Self.value($0) { return true } else { return false } })
                    {
                        p.sum(counted[0], [counted[1], counted[2]])
                    }
                    for c in (rc + 1)..<header.count where isCountColumn(c) {
                        guard case .share(let tenths) = Self.value(row[c]) else { continue }
                        let counts = ((rc + 1)..<c).compactMap { k -> (Int, String)? in keys[r][k].map { (k, $0) } }
                        let shareKey = "share#\(n)"
                        n += 1
                        switch counts.count {
                        case 4... where deadlineTable:  // met, late, overdue, pending: met of met + late + overdue
                            p.share(shareKey, numerator: [counts[0].1], denominator: counts.prefix(3).map(\.1))
                        case 3 where !deadlineTable:  // active, withPlan, upToDate → upToDate / active
                            p.share(shareKey, numerator: [counts[2].1], denominator: [counts[0].1])
                        case 2 where !deadlineTable:  // active, part
                            p.share(shareKey, numerator: [counts[1].1], denominator: [counts[0].1])
                        default:
                            // A share the reader cannot tie to its counts from the headers alone is not used.
                            continue
                        }
                        let k = p.shares.count - 1
                        p.shares[k].tenths = tenths
                        p.shares[k].shown = true
                        p.shares[k].exists = true
                    }
                }
            }
        }
        recovered = p.recovered().map { p.cells[$0].key }
    }
}
