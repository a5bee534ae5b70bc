import CaseModel
import Foundation

/// The short terminal summary of `valvonta check --format text`: one line per
/// rule (and service) with its rate and counts, the regions that differ
/// materially, the workers over the caseload limit and the queue. English,
/// exact counts; the publishable reports come from the templates instead.
public enum CheckSummary {
    public static func text(_ e: Evaluation) -> String {
        let f = e.findings
        var lines = ["\(f.organisation): seen on \(f.asOf), period \(f.period.start)..\(f.period.end)"]
        lines.append("Deadlines of items whose clock started in the period (rate = met / (met + late + overdue)):")
        let deadlineTotals = f.deadlines.filter { $0.region == Findings.allRegions }
        if deadlineTotals.isEmpty { lines.append("  none") }
        for r in deadlineTotals {
            lines.append(
                "  " + pad(r.rule, 20) + pad(r.service, 15) + pad(rate(r.met, r.met + r.late + r.overdue), 9)
                    + "met \(r.met), late \(r.late), overdue \(r.overdue), pending \(r.pending)")
            if let u = r.urgentOnly {
                let unrecorded = RuleID(rawValue: r.rule).map { e.unrecordedOverdue($0, service: r.service) } ?? 0
                lines.append(
                    "  " + pad("", 35) + pad(rate(u.met, u.decided), 9)
                        + "flagged urgent: met \(u.met), late \(u.late), overdue \(u.overdue), pending \(u.pending); "
                        + "overdue with no date recorded \(unrecorded)")
            }
        }
        lines.append(
            "  (SHL36-complete-3m counts assessments completed in the period and open ones whose deadline fell in it; "
                + "the others count items whose clock started in the period)")
        lines.append("Queue on \(f.asOf) (SHL36-backlog, open assessments whatever the period):")
        let queue = f.backlog.filter { $0.region == Findings.allRegions }
        if queue.isEmpty { lines.append("  none") }
        for b in queue {
            lines.append(
                "  " + pad(b.service, 15) + "open \(b.open), not started \(b.notStarted), "
                    + "past 3 months \(b.overdue), oldest \(b.oldestDays) days")
        }
        lines.append("On \(f.asOf):")
        for p in f.plans where p.region == Findings.allRegions {
            let id = RuleID.plan(forCode: p.service)?.rawValue ?? p.service
            lines.append(
                "  " + pad(id, 20) + pad(p.service, 15) + "active \(p.active), with a plan \(p.withPlan) "
                    + "(\(rate(p.withPlan, p.active))), up to date \(p.upToDate) (\(rate(p.upToDate, p.active)))")
        }
        if let p = f.firstPlan.first(where: { $0.region == Findings.allRegions }) {
            lines.append(
                "  " + pad(RuleID.firstPlan.rawValue, 20) + pad("lastensuojelu", 15) + "started in the period "
                    + "\(p.started), with a plan \(p.withPlan), without \(p.withoutPlan), days to the first plan "
                    + "median \(p.medianDays.map(String.init) ?? "–"), 90th percentile \(p.p90Days.map(String.init) ?? "–")")
        }
        if let a = f.assignment.first(where: { $0.region == Findings.allRegions }) {
            lines.append(
                "  " + pad(RuleID.assigned.rawValue, 20) + pad("lastensuojelu", 15) + "active \(a.active), unassigned "
                    + "\(a.unassigned) (\(rate(a.unassigned, a.active)))")
            lines.append(
                "  " + pad(RuleID.qualified.rawValue, 20) + pad("lastensuojelu", 15) + "assigned "
                    + "\(a.active - a.unassigned), no licensed social worker \(a.unqualified)")
        }
        if let m = f.meetings.first(where: { $0.region == Findings.allRegions }) {
            lines.append(
                "  " + pad("LSL29-meeting", 20) + pad("lastensuojelu", 15)
                    + "clients for \(e.settings.meetingIntervalDays)+ days "
                    + "\(m.active), met within \(m.metWithin) (\(rate(m.metWithin, m.active)))")
        }
        let tally = CaseloadRule.tally(e)
        let limit = e.caseloadLimit.map { "limit \($0)" } ?? "no statutory limit before 1.1.2022"
        lines.append(
            "  " + pad("LSL13b-caseload", 20) + pad("", 15)
                + "\(tally.counted) workers responsible for children, \(tally.failing) over the limit (\(limit))")
        let staffing = f.staffing.filter { $0.region == Findings.allRegions }
        let posts = staffing.reduce(0) { $0 + $1.posts }
        let vacant = staffing.reduce(0) { $0 + $1.vacant }
        lines.append(
            "  " + pad("staffing", 20) + pad("", 15) + "posts \(fte(posts)) FTE, vacant \(fte(vacant)) FTE"
                + (posts > 0 ? " (\(String(format: "%.1f %%", vacant / posts * 100)))" : ""))
        lines.append("Processing times (completed assessments received in the period, calendar days):")
        let durations = f.durations.filter { $0.region == Findings.allRegions }
        if durations.isEmpty { lines.append("  none") }
        for d in durations {
            lines.append(
                "  " + pad(d.service, 15)
                    + "\(d.completed) completed, median \(d.medianDays), 90th percentile \(d.p90Days)")
        }
        lines += everyService(e)
        lines += differing(
            f, gapPoints: e.settings.regionalGapPoints, workloadGap: e.settings.workloadGapPercent,
            minimumCount: e.settings.regionalMinCount)
        let over = f.caseload.filter { row in row.limit.map { row.children > $0 } ?? false }
        lines.append("Workers over the caseload limit: " + (over.isEmpty ? "none" : ""))
        for w in over { lines.append("  \(w.worker) (\(w.region)): \(w.children) children") }
        lines.append(
            "Unassigned child welfare clients: \(e.unassigned.count)"
                + (e.unassigned.isEmpty ? "" : ", longest wait \(e.unassigned.map(\.waitingDays).max() ?? 0) days"))
        lines.append(
            "Records left out: \(f.rejected.count)" + (f.rejected.isEmpty ? "" : " (listed with --format json)"))
        return lines.joined(separator: "\n")
    }

    /// rules.md "Every service" and "Inflow…": one line per rule, the forecast and the turnover.
    private static func everyService(_ e: Evaluation) -> [String] {
        let f = e.findings
        var lines = ["Every service, inflow, queue and staff (on \(f.asOf); period \(f.period.start)..\(f.period.end)):"]
        for r in f.personalWorker where r.region == Findings.allRegions {
            lines.append(
                "  " + pad(RuleID.personalWorker.rawValue, 22) + pad(r.service, 15) + "active \(r.active), without a "
                    + "worker \(r.withoutWorker); special support \(r.specialSupport), of them without a worker "
                    + "\(r.specialWithoutWorker), without a social worker \(r.specialWithoutSocialWorker)")
        }
        for r in f.assessor where r.region == Findings.allRegions {
            lines.append(
                "  " + pad(RuleID.assessor.rawValue, 22) + pad(r.service, 15) + "special-support assessments "
                    + "\(r.assessments): by a social worker \(r.bySocialWorker), by another role \(r.byOther), "
                    + "no worker recorded \(r.noWorker)")
        }
        for service in Set(f.workload.map { $0.service ?? "-" }).sorted() {
            let rows = f.workload.filter { ($0.service ?? "-") == service }
            let clients = rows.map(\.clients).sorted()
            let over = rows.filter { row in row.limit.map { row.clients > $0 } ?? false }.count
            let limit = rows.first?.limit.map { ", \(over) over the recommended \($0)" } ?? ""
            lines.append(
                "  " + pad(RuleID.workload.rawValue, 22) + pad(service, 15) + "\(rows.count) workers, clients median "
                    + "\(EvaluationPass.nearestRank(clients, percent: 50) ?? 0), most \(clients.last ?? 0)\(limit)")
        }
        for r in f.repeatReferrals where r.region == Findings.allRegions {
            lines.append(
                "  " + pad(RuleID.repeatReferrals.rawValue, 22) + pad(r.service, 15) + "\(r.cases) clients with "
                    + "\(e.settings.repeatReferralCount)+ referrals, \(r.withoutAssessment) without an assessment")
        }
        let inflow = f.inflow.filter { $0.region == Findings.allRegions }
        for service in Set(inflow.map(\.service)).sorted() {
            let kinds = inflow.filter { $0.service == service }.map { "\($0.kind) \($0.received)" }
            lines.append("  " + pad(RuleID.inflow.rawValue, 22) + pad(service, 15) + kinds.joined(separator: ", "))
        }
        for r in f.backlogForecast {
            let pace = "13 weeks: \(r.received13w) new, \(r.completed13w) completed"
            let outcome = r.clearsOn.map { "the queue of \(r.open) clears about \($0)" }
                ?? (r.received13w == r.completed13w
                    ? "the queue of \(r.open) stays at its level"
                    : "the queue of \(r.open) grows by about \((r.received13w - r.completed13w + 1) / 3) a month")
            lines.append("  " + pad(RuleID.backlogForecast.rawValue, 22) + pad(r.service, 15) + "\(pace); \(outcome)")
        }
        let staff = f.turnover.filter { $0.region == Findings.allRegions }
        if !staff.isEmpty {
            let start = staff.reduce(0) { $0 + $1.employedStart }, end = staff.reduce(0) { $0 + $1.employedEnd }
            let left = staff.reduce(0) { $0 + $1.left }, joined = staff.reduce(0) { $0 + $1.joined }
            let mean = Double(start + end) / 2
            lines.append(
                "  " + pad(RuleID.turnover.rawValue, 22) + pad("", 15) + "employed \(start) at the start, \(end) at the end, "
                    + "joined \(joined), left \(left)"
                    + (mean > 0 ? String(format: " (%.1f %% of the mean headcount)", Double(left) / mean * 100) : ""))
        }
        return lines
    }

    private static func differing(_ f: Findings, gapPoints: Double, workloadGap: Double, minimumCount: Int) -> [String] {
        var lines = [
            "Regions that differ materially (at least \(minimumCount) counted and \(number(gapPoints)) points worse):"
        ]
        for c in regionalDifferences(
            f, gapPoints: gapPoints, workloadGapPercent: workloadGap, minimumCount: minimumCount)
        {
            for r in c.regions where r.differsMaterially {
                let what = [c.rule, c.service].compactMap { $0 }.joined(separator: " ") + " \(c.metric.rawValue)"
                if c.metric == .workloadMedian {
                    lines.append(
                        "  \(what): \(r.region) median \(number(r.rate ?? 0)) clients against "
                            + "\(number(c.organisation.rate ?? 0))")
                } else {
                    lines.append("  \(what): \(r.region) \(percent(r.rate)) against \(percent(c.organisation.rate))")
                }
            }
        }
        if lines.count == 1 { lines[0] += " none" }
        return lines
    }

    static func rate(_ part: Int, _ whole: Int) -> String {
        whole > 0 ? String(format: "%.1f %%", Double(part) / Double(whole) * 100) : "–"
    }

    static func percent(_ r: Double?) -> String { r.map { String(format: "%.1f %%", $0 * 100) } ?? "–" }

    static func fte(_ v: Double) -> String { String(format: "%.1f", v) }

    static func number(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }
}
