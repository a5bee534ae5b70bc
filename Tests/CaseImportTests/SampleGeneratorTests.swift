import CaseModel
import Foundation
import Testing

@testable import SampleGenerator

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A scratch folder removed when the value goes away.
final class ScratchFolder {
    let path: String
    init() throws {
        path =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("sample-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Generates into a scratch folder: `export.xml` and `csv/`.
func generateSample(_ configuration: SampleConfiguration, xml: Bool = true, csv: Bool = true) throws
    -> (ScratchFolder, SampleSummary)
{
    let scratch = try ScratchFolder()
    var sinks: [any SampleSink] = []
    if xml { sinks.append(try XMLSampleWriter(path: scratch.file("export.xml"))) }
    if csv { sinks.append(try CSVSampleWriter(folder: scratch.file("csv"))) }
    let summary = try SampleGenerator(configuration: configuration).run(into: sinks)
    return (scratch, summary)
}

/// Every element of an XML export as (name, attributes, enclosing case id).
final class ElementCollector: NSObject, XMLParserDelegate {
    /// `parent` is the id of the enclosing case or post.
    var elements: [(name: String, attributes: [String: String], parent: String?)] = []
    var currentParent: String?
    var error: Error?

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        elements.append((name, attributes, currentParent))
        if name == "case" || name == "post" { currentParent = attributes["id"] }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "case" || name == "post" { currentParent = nil }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }

    func count(_ name: String) -> Int { elements.filter { $0.name == name }.count }
}

func parseXML(_ path: String) throws -> ElementCollector {
    let parser = try #require(XMLParser(contentsOf: URL(fileURLWithPath: path)))
    let collector = ElementCollector()
    parser.delegate = collector
    parser.shouldProcessNamespaces = true
    let ok = parser.parse()
    #expect(ok, "the generated XML is not well-formed: \(String(describing: collector.error))")
    return collector
}

/// The rows of one CSV table as header-keyed dictionaries (the generator
/// never quotes, so a plain split is exact for its output).
func readCSV(_ folder: String, _ table: String) throws -> [[String: String]] {
    let text = try String(contentsOfFile: (folder as NSString).appendingPathComponent(table + ".csv"), encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    let header = lines[0].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
    return lines.dropFirst().map { line in
        let cells = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        #expect(cells.count == header.count, "a row of \(table).csv has \(cells.count) cells")
        var row: [String: String] = [:]
        for (name, cell) in zip(header, cells) where !cell.isEmpty { row[name] = cell }
        return row
    }
}

@Suite("Sample generator")
struct SampleGeneratorTests {
    static let small = SampleConfiguration(cases: 400, regions: 8, seed: 42)

    @Test("the same seed gives the same bytes, another seed other content")
    func deterministic() throws {
        let (a, _) = try generateSample(Self.small)
        let (b, _) = try generateSample(Self.small)
        var other = Self.small
        other.seed = 43
        let (c, _) = try generateSample(other, csv: false)
        let xmlA = try Data(contentsOf: URL(fileURLWithPath: a.file("export.xml")))
        #expect(xmlA == (try Data(contentsOf: URL(fileURLWithPath: b.file("export.xml")))))
        #expect(xmlA != (try Data(contentsOf: URL(fileURLWithPath: c.file("export.xml")))))
        for (table, _) in CSVSampleWriter.tables {
            let name = "csv/\(table).csv"
            #expect(
                try Data(contentsOf: URL(fileURLWithPath: a.file(name)))
                    == Data(contentsOf: URL(fileURLWithPath: b.file(name))), "\(name) differs between runs")
        }
    }

    /// Staff is sized to the number of cases, so only the worker ids may differ.
    @Test("case n's events do not depend on how many cases follow it")
    func casesAreIndependentOfCount() throws {
        var longer = Self.small
        longer.cases = 800
        let (shortFolder, _) = try generateSample(Self.small, csv: false)
        let (longFolder, _) = try generateSample(longer, csv: false)
        let short = try parseXML(shortFolder.file("export.xml"))
        let long = try parseXML(longFolder.file("export.xml"))
        let caseOf = { (c: ElementCollector, id: String) in
            c.elements.filter { $0.parent == id || $0.attributes["id"] == id }.map { e in
                "\(e.name) \(e.attributes.filter { $0.key != "worker" }.sorted { $0.key < $1.key })"
            }
        }
        #expect(!caseOf(short, "A0000123").isEmpty)
        #expect(caseOf(short, "A0000123") == caseOf(long, "A0000123"))
    }

    @Test("the XML is well-formed and holds the counted records")
    func xmlCounts() throws {
        let (scratch, summary) = try generateSample(Self.small, csv: false)
        let xml = try parseXML(scratch.file("export.xml"))
        #expect(summary.cases == 400)
        #expect(xml.count("caseExport") == 1)
        #expect(xml.count("case") == 400)
        #expect(xml.count("region") == 8)
        #expect(xml.count("worker") == summary.workers)
        #expect(xml.count("post") == summary.posts)
        #expect(xml.count("occupancy") == summary.occupancies)
        #expect(xml.count("referral") == summary.referrals)
        #expect(xml.count("assessment") == summary.assessments)
        #expect(xml.count("clientship") == summary.clientships)
        #expect(xml.count("assignment") == summary.assignments)
        #expect(xml.count("plan") == summary.plans)
        #expect(xml.count("meeting") == summary.meetings)
        // Every case has at least one referral; some but not all become clients.
        #expect(summary.referrals >= 400)
        #expect(summary.clientships > 50 && summary.clientships < 400)
        let root = try #require(xml.elements.first)
        #expect(root.attributes["version"] == "1")
        #expect(root.attributes["generated"] == "2024-06-01T06:00:00+03:00")
        #expect(root.attributes["periodStart"] == "2024-01-01")
        #expect(root.attributes["periodEnd"] == "2024-05-31")
    }

    @Test("the CSV folder holds the same record counts and one row per case")
    func csvCounts() throws {
        let (scratch, summary) = try generateSample(Self.small, xml: false)
        let folder = scratch.file("csv")
        let expected: [String: Int] = [
            "export": 1, "regions": 8, "workers": summary.workers, "posts": summary.posts,
            "occupancies": summary.occupancies, "cases": 400, "referrals": summary.referrals,
            "assessments": summary.assessments, "clientships": summary.clientships,
            "assignments": summary.assignments, "plans": summary.plans, "meetings": summary.meetings,
        ]
        for (table, count) in expected {
            #expect(try readCSV(folder, table).count == count, "\(table).csv")
        }
        let ids = try readCSV(folder, "cases").compactMap { $0["id"] }
        #expect(ids.count == 400 && Set(ids).count == 400)
        #expect(ids.first == "A0000001" && ids.last == "A0000400")
    }
}

/// One record as "table|column=value|…" with only the present values, so an
/// XML element and a CSV row of the same content give the same string.
func canonical(_ table: String, _ values: [String: String]) -> String {
    ([table] + values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }).joined(separator: "|")
}

@Suite("Sample generator: content")
struct SampleContentTests {
    /// XML element → (CSV table, the parent key column).
    static let tableOf: [String: (String, String?)] = [
        "caseExport": ("export", nil), "region": ("regions", nil), "worker": ("workers", nil),
        "post": ("posts", nil), "occupancy": ("occupancies", "post"), "case": ("cases", nil),
        "referral": ("referrals", "case"), "assessment": ("assessments", "case"),
        "clientship": ("clientships", "case"), "assignment": ("assignments", "case"),
        "plan": ("plans", "case"), "meeting": ("meetings", "case"),
    ]

    @Test("the XML and the CSV folder hold identical records in the same order", arguments: [false, true])
    func xmlEqualsCSV(withErrors: Bool) throws {
        let configuration = SampleConfiguration(cases: 300, regions: 5, seed: 7, withErrors: withErrors)
        let (scratch, _) = try generateSample(configuration)
        var fromXML: [String: [String]] = [:]
        for e in try parseXML(scratch.file("export.xml")).elements {
            guard let (table, parentKey) = Self.tableOf[e.name] else { continue }
            var values = e.attributes
            values["version"] = nil
            if let parentKey, let parent = e.parent { values[parentKey] = parent }
            fromXML[table, default: []].append(canonical(table, values))
        }
        for (table, _) in CSVSampleWriter.tables {
            let fromCSV = try readCSV(scratch.file("csv"), table).map { canonical(table, $0) }
            #expect(fromCSV == fromXML[table, default: []], "\(table) differs between XML and CSV")
        }
        #expect(fromXML["cases"]?.count == 300)
    }

    static let eventAttributes: Set<String> = [
        "received", "urgencyAssessed", "decided", "started", "completed", "date", "start", "from",
    ]

    @Test("a default sample dates nothing after generated and names only declared regions and workers")
    func nothingToReject() throws {
        let (scratch, _) = try generateSample(
            SampleConfiguration(
                cases: 1500, regions: 22, seed: 3,
                asOf: CalendarDate(year: 2025, month: 3, day: 14)!),
            csv: false)
        let elements = try parseXML(scratch.file("export.xml")).elements
        #expect(elements.first?.attributes["generated"] == "2025-03-14T06:00:00+02:00")
        let regions = Set(elements.filter { $0.name == "region" }.compactMap { $0.attributes["code"] })
        let workers = Set(elements.filter { $0.name == "worker" }.compactMap { $0.attributes["id"] })
        #expect(regions.count == 22)
        var referrals: Set<String> = []
        for e in elements {
            for (name, value) in e.attributes where Self.eventAttributes.contains(name) {
                #expect(value <= "2025-03-14", "\(e.name) \(name) after generated")
            }
            if e.name != "region", let region = e.attributes["region"] { #expect(regions.contains(region)) }
            if e.name != "worker", let worker = e.attributes["worker"] { #expect(workers.contains(worker)) }
            if let from = e.attributes["from"], let to = e.attributes["to"] { #expect(from <= to) }
            if let start = e.attributes["start"], let end = e.attributes["end"] { #expect(start <= end) }
            if let r = e.attributes["received"], let d = e.attributes["decided"] { #expect(r <= d) }
            if let s = e.attributes["started"], let c = e.attributes["completed"] { #expect(s <= c) }
            if e.name == "referral", let parent = e.parent, let id = e.attributes["id"] {
                #expect(referrals.insert(parent + "/" + id).inserted, "duplicate referral id in a case")
            }
            if e.name == "assessment", let parent = e.parent, let r = e.attributes["referral"] {
                #expect(referrals.contains(parent + "/" + r))
            }
        }
    }

    @Test("--with-errors adds exactly the six demo problems")
    func demoErrors() throws {
        let (scratch, summary) = try generateSample(
            SampleConfiguration(cases: 700, seed: 5, withErrors: true),
            csv: false)
        let (_, plainSummary) = try generateSample(SampleConfiguration(cases: 700, seed: 5), csv: false)
        let elements = try parseXML(scratch.file("export.xml")).elements
        #expect(summary.cases == 700)
        #expect(summary.assignments == plainSummary.assignments + 2)
        #expect(summary.assessments == plainSummary.assessments + 1)
        #expect(summary.meetings == plainSummary.meetings + 1)
        #expect(summary.referrals == plainSummary.referrals + 1)
        #expect(elements.filter { $0.name == "case" && $0.attributes["region"] == "XXX" }.count == 1)
        #expect(elements.filter { $0.attributes["worker"] == "T0000" }.count == 1)
        #expect(elements.filter { $0.name == "assessment" && $0.attributes["referral"] == "R99" }.count == 1)
        #expect(elements.filter { $0.attributes["date"].map { $0 > "2024-06-01" } ?? false }.count == 1)
        #expect(
            elements.filter { e in
                e.attributes["decided"].map { d in d < e.attributes["received"]! } ?? false
            }.count == 1)
        #expect(elements.filter { e in e.attributes["to"].map { t in t < e.attributes["from"]! } ?? false }.count == 1)
    }

    @Test("bad sizes are refused before anything is written")
    func invalidConfiguration() {
        #expect(throws: SampleGeneratorError.invalidRegionCount(0)) {
            try SampleGenerator(configuration: SampleConfiguration(cases: 10, regions: 0))
        }
        #expect(throws: SampleGeneratorError.invalidRegionCount(23)) {
            try SampleGenerator(configuration: SampleConfiguration(cases: 10, regions: 23))
        }
        #expect(throws: SampleGeneratorError.invalidCaseCount(-1)) {
            try SampleGenerator(configuration: SampleConfiguration(cases: -1))
        }
    }

    @Test("attribute values are escaped, CSV cells quoted only when needed")
    func escaping() {
        #expect(XMLSampleWriter.escapeAttribute("Jyväskylä") == "Jyväskylä")
        #expect(XMLSampleWriter.escapeAttribute("A & B <c> \"d\"\n") == "A &amp; B &lt;c&gt; &quot;d&quot;&#10;")
        #expect(CSVSampleWriter.quote("Äänekoski") == "Äänekoski")
        #expect(CSVSampleWriter.quote("a;b \"c\"") == "\"a;b \"\"c\"\"\"")
    }

    @Test("holidays, working days and the period follow the Finnish calendar")
    func calendar() {
        let d = { (y: Int, m: Int, day: Int) in CalendarDate(year: y, month: m, day: day)! }
        #expect(SampleCalendar.easter(2024) == d(2024, 3, 31))
        #expect(SampleCalendar.easter(2025) == d(2025, 4, 20))
        #expect(SampleCalendar.midsummerEve(2024) == d(2024, 6, 21))
        #expect(SampleCalendar.midsummerEve(2025) == d(2025, 6, 20))
        // rules.md: received Wed 3.1.2024, the 7th working day is 12.1.2024.
        #expect(SampleCalendar.workingDays(7, after: d(2024, 1, 3)) == d(2024, 1, 12))
        #expect(!SampleCalendar.isWorkingDay(d(2024, 3, 29)))  // Good Friday
        #expect(!SampleCalendar.isWorkingDay(d(2024, 5, 9)))  // Ascension Day
        let c = SampleConfiguration(cases: 1, asOf: d(2024, 6, 1))
        #expect(c.periodStart == d(2024, 1, 1) && c.periodEnd == d(2024, 5, 31))
        let h2 = SampleConfiguration(cases: 1, asOf: d(2026, 1, 1))
        #expect(h2.periodStart == d(2025, 7, 1) && h2.periodEnd == d(2025, 12, 31))
        #expect(h2.generatedTimestamp == "2026-01-01T06:00:00+02:00")
        #expect(SampleConfiguration(cases: 1, asOf: d(2024, 3, 31)).generatedTimestamp == "2024-03-31T06:00:00+03:00")
        #expect(SampleConfiguration(cases: 1, asOf: d(2024, 3, 30)).generatedTimestamp == "2024-03-30T06:00:00+02:00")
    }
}
