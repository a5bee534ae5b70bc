import CaseModel

/// What `valvonta validate` prints: counts per record type and per region,
/// then every rejected record with its location and reason.
public struct ImportSummary {
    public let text: String

    public init(_ e: CaseExport) {
        var lines: [String] = []
        let h = e.header
        lines.append("\(h.organisation): period \(h.periodStart.iso)..\(h.periodEnd.iso), generated \(h.generated)")
        lines.append("read from: " + e.sources.joined(separator: ", "))
        let counts: [(String, Int)] = [
            ("regions", e.regions.count), ("workers", e.workers.count), ("posts", e.posts.count),
            ("occupancies", e.posts.reduce(0) { $0 + $1.occupancies.count }), ("cases", e.cases.count),
            ("referrals", e.cases.reduce(0) { $0 + $1.referrals.count }),
            ("assessments", e.cases.reduce(0) { $0 + $1.assessments.count }),
            ("clientships", e.cases.reduce(0) { $0 + $1.clientships.count }),
            ("assignments", e.cases.reduce(0) { $0 + $1.assignments.count }),
            ("plans", e.cases.reduce(0) { $0 + $1.plans.count }),
            ("meetings", e.cases.reduce(0) { $0 + $1.meetings.count }),
        ]
        lines.append("")
        lines.append("records read:")
        for (name, n) in counts { lines.append("  " + name.padding(toLength: 12, withPad: " ", startingAt: 0) + " \(n)") }
        lines.append("")
        lines.append("per region (cases by service: " + Service.allCases.map(\.rawValue).joined(separator: " / ") + "; workers):")
        // One pass over cases and workers, not one per region.
        var casesBy: [String: [Service: Int]] = [:]
        for c in e.cases { casesBy[c.region, default: [:]][c.service, default: 0] += 1 }
        var workersBy: [String: Int] = [:]
        for w in e.workers { workersBy[w.region, default: 0] += 1 }
        for r in e.regions.sorted(by: { $0.code < $1.code }) {
            let counts = casesBy[r.code] ?? [:]
            let by = Service.allCases.map { String(counts[$0] ?? 0) }.joined(separator: " / ")
            lines.append("  \(r.code) \(r.name): cases \(by); workers \(workersBy[r.code] ?? 0)")
        }
        lines.append("")
        if e.rejected.isEmpty {
            lines.append("rejected: none")
        } else {
            lines.append("rejected: \(e.rejected.count) records left out")
            for r in e.rejected { lines.append("  \(r.location): \(r.reason)") }
        }
        if !e.warnings.isEmpty { lines.append("warnings: \(e.warnings.count)") }
        text = lines.joined(separator: "\n")
    }
}
