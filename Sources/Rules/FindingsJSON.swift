import CaseModel

/// Writes findings JSON (version 2; a decoded version 1 file keeps its own
/// schema and rows) by hand so the output is the same on every
/// platform: keys in the order of report.md, every key present (`null`
/// written out), one row per line, arrays in the order `evaluate` sorted them.
public enum FindingsJSON {
    public static func encode(_ f: Findings) -> String {
        var out = "{\n"
        out += "  \"schema\": \(string(f.schema)),\n"
        out += "  \"organisation\": \(string(f.organisation)),\n"
        out += "  \"asOf\": \(string(f.asOf)),\n"
        var period = "\"start\": \(string(f.period.start)), \"end\": \(string(f.period.end))"
        if let basis = f.period.basis {
            // The named rules in id order, then `*`.
            let keys = basis.keys.filter { $0 != Findings.allRegions }.sorted()
                + (basis[Findings.allRegions] == nil ? [] : [Findings.allRegions])
            period += ", \"basis\": { " + keys.map { "\(string($0)): \(string(basis[$0] ?? ""))" }.joined(separator: ", ") + " }"
        }
        out += "  \"period\": { \(period) },\n"
        out +=
            array("deadlines", f.deadlines) {
                [
                    ("rule", string($0.rule)), ("service", string($0.service)), ("region", string($0.region)),
                    ("met", "\($0.met)"), ("late", "\($0.late)"), ("overdue", "\($0.overdue)"),
                    ("pending", "\($0.pending)"),
                ] + ($0.urgentOnly.map { [("urgentOnly", outcomes($0))] } ?? [])
            } + ",\n"
        if !f.isVersion1 {
            out +=
                array("inflow", f.inflow) {
                    [
                        ("service", string($0.service)), ("region", string($0.region)), ("kind", string($0.kind)),
                        ("received", "\($0.received)"),
                    ]
                } + ",\n"
        }
        out +=
            array("plans", f.plans) {
                [
                    ("service", string($0.service)), ("region", string($0.region)), ("active", "\($0.active)"),
                    ("withPlan", "\($0.withPlan)"), ("upToDate", "\($0.upToDate)"),
                ]
            } + ",\n"
        if !f.isVersion1 {
            out +=
                array("firstPlan", f.firstPlan) {
                    [
                        ("region", string($0.region)), ("started", "\($0.started)"), ("withPlan", "\($0.withPlan)"),
                        ("withoutPlan", "\($0.withoutPlan)"), ("medianDays", optional($0.medianDays)),
                        ("p90Days", optional($0.p90Days)),
                    ]
                } + ",\n"
        }
        out +=
            array("assignment", f.assignment) {
                [
                    ("region", string($0.region)), ("active", "\($0.active)"), ("unassigned", "\($0.unassigned)"),
                    ("unqualified", "\($0.unqualified)"),
                ]
            } + ",\n"
        out +=
            array("caseload", f.caseload) {
                [
                    ("worker", string($0.worker)), ("region", string($0.region)), ("children", "\($0.children)"),
                    ("limit", $0.limit.map { "\($0)" } ?? "null"),
                ]
            } + ",\n"
        out +=
            array("durations", f.durations) {
                [
                    ("service", string($0.service)), ("region", string($0.region)), ("completed", "\($0.completed)"),
                    ("medianDays", "\($0.medianDays)"), ("p90Days", "\($0.p90Days)"),
                ]
            } + ",\n"
        out +=
            array("backlog", f.backlog) {
                [
                    ("service", string($0.service)), ("region", string($0.region)), ("open", "\($0.open)"),
                    ("notStarted", "\($0.notStarted)"), ("overdue", "\($0.overdue)"),
                    ("oldestDays", "\($0.oldestDays)"),
                ]
            } + ",\n"
        if !f.isVersion1 {
            out +=
                array("backlogAge", f.backlogAge) {
                    [
                        ("service", string($0.service)), ("region", string($0.region)), ("under1m", "\($0.under1m)"),
                        ("m1to3", "\($0.m1to3)"), ("m3to6", "\($0.m3to6)"), ("over6m", "\($0.over6m)"),
                    ]
                } + ",\n"
            out +=
                array("backlogForecast", f.backlogForecast) {
                    [
                        ("service", string($0.service)), ("open", "\($0.open)"), ("received13w", "\($0.received13w)"),
                        ("completed13w", "\($0.completed13w)"), ("clearsOn", optional($0.clearsOn)),
                    ]
                } + ",\n"
        }
        out +=
            array("meetings", f.meetings) {
                [("region", string($0.region)), ("active", "\($0.active)"), ("metWithin", "\($0.metWithin)")]
            } + ",\n"
        if !f.isVersion1 {
            out +=
                array("personalWorker", f.personalWorker) {
                    [
                        ("service", string($0.service)), ("region", string($0.region)), ("active", "\($0.active)"),
                        ("withoutWorker", "\($0.withoutWorker)"), ("specialSupport", "\($0.specialSupport)"),
                        ("specialWithoutWorker", "\($0.specialWithoutWorker)"),
                        ("specialWithoutSocialWorker", "\($0.specialWithoutSocialWorker)"),
                    ]
                } + ",\n"
            out +=
                array("assessor", f.assessor) {
                    [
                        ("service", string($0.service)), ("region", string($0.region)),
                        ("assessments", "\($0.assessments)"), ("bySocialWorker", "\($0.bySocialWorker)"),
                        ("byOther", "\($0.byOther)"), ("noWorker", "\($0.noWorker)"),
                    ]
                } + ",\n"
            out +=
                array("workload", f.workload) {
                    [
                        ("worker", string($0.worker)), ("region", string($0.region)), ("role", string($0.role)),
                        ("service", optional($0.service)), ("clients", "\($0.clients)"), ("limit", optional($0.limit)),
                    ]
                } + ",\n"
            out +=
                array("repeatReferrals", f.repeatReferrals) {
                    [
                        ("service", string($0.service)), ("region", string($0.region)), ("cases", "\($0.cases)"),
                        ("withoutAssessment", "\($0.withoutAssessment)"),
                    ]
                } + ",\n"
        }
        out +=
            array("staffing", f.staffing) {
                [
                    ("region", optional($0.region)), ("service", optional($0.service)), ("role", optional($0.role)),
                    ("posts", number($0.posts)), ("vacant", number($0.vacant)),
                ]
            } + ",\n"
        if !f.isVersion1 {
            out +=
                array("turnover", f.turnover) {
                    [
                        ("service", optional($0.service)), ("region", string($0.region)), ("role", string($0.role)),
                        ("employedStart", "\($0.employedStart)"), ("employedEnd", "\($0.employedEnd)"),
                        ("joined", "\($0.joined)"), ("left", "\($0.left)"),
                    ]
                } + ",\n"
        }
        out +=
            array("rejected", f.rejected) {
                [("source", string($0.source)), ("line", "\($0.line)"), ("reason", string($0.reason))]
            } + "\n}\n"
        return out
    }

    private static func array<Row>(_ key: String, _ rows: [Row], _ fields: (Row) -> [(String, String)]) -> String {
        guard !rows.isEmpty else { return "  \(string(key)): []" }
        let lines = rows.map { row in
            "    { " + fields(row).map { "\(string($0.0)): \($0.1)" }.joined(separator: ", ") + " }"
        }
        return "  \(string(key)): [\n" + lines.joined(separator: ",\n") + "\n  ]"
    }

    private static func optional(_ s: String?) -> String { s.map(string) ?? "null" }

    private static func optional(_ n: Int?) -> String { n.map { "\($0)" } ?? "null" }

    private static func outcomes(_ o: OutcomeCounts) -> String {
        "{ \"met\": \(o.met), \"late\": \(o.late), \"overdue\": \(o.overdue), \"pending\": \(o.pending) }"
    }

    /// FTE sums are exact millionths; Swift's shortest round-trip form (`20.0`, `3.5`) is valid JSON.
    static func number(_ v: Double) -> String {
        v.isFinite ? "\(v)" : "null"
    }

    /// A JSON string literal (RFC 8259 escapes; other characters as UTF-8).
    public static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
