import Foundation
import Rules

/// What `valvonta history` prints: the snapshots, a metric's trend, and the
/// files `history import` reads and `history export` writes.
public enum HistoryOutput {
    public enum Format: String, CaseIterable, Sendable {
        case text, json, csv
    }

    static let listColumns = [
        "id", "organisation", "asOf", "periodStart", "periodEnd", "source", "recordedAt", "toolVersion",
        "fingerprint", "settingsHash", "findingsSchema",
    ]

    private static func listValues(_ s: StoredEvaluation) -> [String] {
        let e = s.evaluation
        return [
            String(s.id), e.organisation, e.asOf, e.periodStart, e.periodEnd, e.source, e.recordedAt, e.toolVersion,
            e.fingerprint, e.settingsHash, e.findingsSchema,
        ]
    }

    /// The snapshots, one line (text, CSV) or one object (JSON) each.
    public static func list(_ snapshots: [StoredEvaluation], format: Format) -> String {
        switch format {
        case .text:
            if snapshots.isEmpty { return "no evaluations recorded\n" }
            return snapshots.map { s in
                let e = s.evaluation
                return "#\(s.id)  \(e.organisation)  T \(e.asOf)  period \(e.periodStart)..\(e.periodEnd)  "
                    + "\(e.source) \(e.recordedAt)  v\(e.toolVersion)  export \(short(e.fingerprint))  "
                    + "settings \(e.settingsHash.prefix(12))"
            }.joined(separator: "\n") + "\n"
        case .csv:
            return ([listColumns] + snapshots.map(listValues)).map { $0.map(csvField).joined(separator: ",") }
                .joined(separator: "\r\n") + "\r\n"
        case .json:
            let objects = snapshots.map { s in
                "  {" + zip(listColumns, listValues(s)).map { k, v in
                    FindingsJSON.string(k) + ": " + (k == "id" ? v : FindingsJSON.string(v))
                }.joined(separator: ", ") + "}"
            }
            return "{\n\"schema\": \"valvonta-history/1\",\n\"evaluations\": [\n" + objects.joined(separator: ",\n")
                + "\n]\n}\n"
        }
    }

    /// One point of a trend: a snapshot, a region, the figure.
    public struct Point: Sendable, Equatable {
        public var id: Int64
        public var asOf: String
        public var periodStart: String
        public var periodEnd: String
        public var region: String
        public var value: MetricValue
    }

    /// The metric at every snapshot, per region.
    public static func trend(_ metric: Metric, snapshots: [StoredEvaluation], store: String) throws -> [Point] {
        try snapshots.flatMap { s -> [Point] in
            let f = try s.findings(store: store)
            return Metrics.values(metric, in: f).map {
                Point(
                    id: s.id, asOf: s.evaluation.asOf, periodStart: s.evaluation.periodStart,
                    periodEnd: s.evaluation.periodEnd, region: $0.region, value: $0.value)
            }
        }
    }

    public static func trend(_ metric: Metric, points: [Point], format: Format) -> String {
        func figure(_ v: MetricValue) -> String {
            guard let d = v.denominator else { return String(v.numerator) }
            guard let r = v.rate else { return "– (\(v.numerator)/\(d))" }
            return String(format: "%.1f %%", r * 100) + " (\(v.numerator)/\(d))"
        }
        switch format {
        case .text:
            if points.isEmpty { return "\(metric.name): no figure in the stored evaluations\n" }
            return "\(metric.name)\n" + points.map {
                "#\($0.id)  T \($0.asOf)  period \($0.periodStart)..\($0.periodEnd)  region \($0.region)  " + figure($0.value)
            }.joined(separator: "\n") + "\n"
        case .csv:
            let header = ["metric", "id", "asOf", "periodStart", "periodEnd", "region", "value", "numerator", "denominator"]
            let rows = points.map { p -> [String] in
                [
                    metric.name, String(p.id), p.asOf, p.periodStart, p.periodEnd, p.region,
                    p.value.denominator == nil ? String(p.value.numerator) : p.value.rate.map { String($0) } ?? "",
                    String(p.value.numerator), p.value.denominator.map(String.init) ?? "",
                ]
            }
            return ([header] + rows).map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
        case .json:
            let rows = points.map { p in
                "  {\"id\": \(p.id), \"asOf\": \(FindingsJSON.string(p.asOf)), \"periodStart\": \(FindingsJSON.string(p.periodStart)), "
                    + "\"periodEnd\": \(FindingsJSON.string(p.periodEnd)), \"region\": \(FindingsJSON.string(p.region)), "
                    + (p.value.denominator.map { "\"numerator\": \(p.value.numerator), \"denominator\": \($0)" }
                        ?? "\"value\": \(p.value.numerator)") + "}"
            }
            return "{\n\"metric\": \(FindingsJSON.string(metric.name)),\n\"points\": [\n" + rows.joined(separator: ",\n")
                + "\n]\n}\n"
        }
    }

    /// A findings file (version 1 or 2) as an evaluation to record: its fingerprint is the file's own
    /// digest (no export is at hand), its settings unknown.
    public static func imported(_ data: Data, file: String, toolVersion: String) throws -> NewEvaluation {
        guard let f = Findings.decodeVersion1or2(data) else { throw HistoryError.notFindings(file: file) }
        return NewEvaluation(
            findings: f, fingerprint: ExportFingerprint.ofFindingsFile(data), settings: importedSettings,
            toolVersion: toolVersion, source: "import")
    }

    /// The settings text of an imported findings file: the file does not say which settings counted it.
    public static let importedSettings = "unknown: imported from a findings file"

    /// The file name `history export` gives a snapshot: T, the period and the id, so names sort by T.
    public static func exportName(_ s: StoredEvaluation) -> String {
        let e = s.evaluation
        return "findings-\(safe(e.asOf))-\(safe(e.periodStart))_\(safe(e.periodEnd))-\(s.id).json"
    }

    private static func safe(_ s: String) -> String {
        String(s.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") ? $0 : "_" })
    }

    private static func short(_ fingerprint: String) -> String {
        guard let colon = fingerprint.firstIndex(of: ":") else { return String(fingerprint.prefix(12)) }
        return String(fingerprint[...colon]) + fingerprint[fingerprint.index(after: colon)...].prefix(12)
    }

    static func csvField(_ s: String) -> String {
        // A field a spreadsheet would read as a formula is quoted with a leading apostrophe.
        var v = s
        if let first = v.first, "=+-@".contains(first), Double(v) == nil { v = "'" + v }
        guard v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return v }
        return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
