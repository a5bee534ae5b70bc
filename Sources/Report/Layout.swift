import Foundation
import CaseModel
import Rules

/// A table's number and the symbols it uses (report.md "Decisions on 'A reply a director signs'",
/// Symbols: each table says under it which of `< 5`, `..` and `–` it uses).
public struct TableTag: Sendable {
    public var number: String = ""
    /// One sentence naming the symbols the table uses, from the labels; empty when it uses none.
    public var legend: String = ""
    public var hasLegend: Bool = false
    public init() {}
}

/// One section of the document as printed: numbered in print order, either a fixed section,
/// or the answer to one of the authority's questions (`questions:`), quoting it.
public struct SectionModel: Sendable {
    public var number: String = ""
    public var title: String = ""
    public var isQuestion = false
    public var question: String = ""
    /// "See table N" for families already shown under an earlier question.
    public var references: [String] = []
    public var hasReferences = false
    public var showSummary = false
    public var summary: Summary
    public var showDeadlines = false
    public var deadlines: DeadlineSection
    public var showPlans = false
    public var plans: PlanSection
    public var showWorkers = false
    public var workers: WorkerSection
    public var showServices = false
    public var services: ServiceSection
    public var showStaffing = false
    public var staffing: StaffingSection
    public var isFindingsList = false
    public var isRegional = false
    public var isActions = false
    public var isProvisions = false
    public var regionalTag = TableTag()
    /// Wide sections hold tables (HTML lays them out at full width).
    public var isWide = false
    /// The history of `--history` is printed once: its lines here, its charts here (HistoryTrend.swift).
    public var showHistorySummary = false, showHistoryChart = false
}

/// What one block of a section prints: a table (or a few) of one family.
enum Part: Hashable {
    case inflow
    case deadline(String)
    case backlog
    case durations
    case plans(String)
    case firstPlan
    case assignment
    case caseload
    case meetings
    case personalWorker
    case assessor
    case workload
    case repeatReferrals
    case staffing
    case turnover
    case rejected

    /// Child welfare by definition: shown only when `lastensuojelu` is in scope.
    var isChildWelfare: Bool {
        switch self {
        case .deadline(let rule): return rule.hasPrefix("LSL")
        case .firstPlan, .assignment, .caseload, .meetings: return true
        case .plans(let service): return service == Service.lastensuojelu.rawValue
        default: return false
        }
    }

    static let deadlineRules = [RuleID.urgency, .screening, .assessmentStart, .assessmentCompletion].map(\.rawValue)

    /// The families a question may name, as the parts that print them.
    static func parts(_ family: ReportFamily) -> [Part] {
        let allPlans = Service.allCases.map { Part.plans($0.rawValue) }
        switch family {
        case .urgency, .screening, .assessmentStart, .assessmentCompletion, .socialUrgency:
            return [.deadline(family.rawValue)]
        case .deadlines: return (deadlineRules + [RuleID.socialUrgency.rawValue]).map(Part.deadline)
        case .childWelfarePlan: return [.plans(Service.lastensuojelu.rawValue)]
        case .socialWelfarePlan: return [.plans(Service.lapsiperheet.rawValue), .plans(Service.tyoikaiset.rawValue)]
        case .plans: return allPlans
        case .assigned, .qualified, .assignment: return [.assignment]
        case .meeting, .meetings: return [.meetings]
        case .inflow: return [.inflow]
        case .firstPlan: return [.firstPlan]
        case .caseload: return [.caseload]
        case .durations: return [.durations]
        case .backlog, .backlogAge, .backlogForecast: return [.backlog]
        case .personalWorker: return [.personalWorker]
        case .assessor: return [.assessor]
        case .workload: return [.workload]
        case .repeatReferrals: return [.repeatReferrals]
        case .staffing: return [.staffing]
        case .turnover: return [.turnover]
        case .rejected: return [.rejected]
        }
    }
}

/// Lays the document out: the summary first, then the authority's questions in their order, then
/// the fixed sections with the families no question named (an empty section is dropped), then
/// regional differences, actions and provisions; sections and tables are numbered as printed.
struct Layout {
    let full: ReportModel
    let questions: [ResponseMetadata.Question]
    let scope: Set<String>?
    let strings: ReportStrings
    let style: NumberStyle

    func word(_ key: String) -> String { strings.words[key] ?? key }

    func inScope(_ part: Part) -> Bool {
        guard let scope else { return true }
        if part.isChildWelfare && !scope.contains(Service.lastensuojelu.rawValue) { return false }
        if case .plans(let service) = part { return scope.contains(service) }
        return true
    }

    /// A section with nothing switched on, carrying the full model's parts.
    func blank() -> SectionModel {
        SectionModel(
            summary: full.summary, deadlines: full.deadlines, plans: full.plans, workers: full.workers,
            services: full.services, staffing: full.staffing)
    }

    /// The table numbers of each part, filled by `sections()`.
    final class Numbers { var of: [Part: [String]] = [:] }
    let numbers = Numbers()

    func sections() -> [SectionModel] {
        var out: [SectionModel] = []
        var summary = blank()
        summary.title = word("section.summary")
        summary.showSummary = true
        out.append(summary)
        if full.isOmavalvonta {
            var findings = blank()
            findings.title = word("section.findings")
            findings.isFindingsList = true
            findings.isWide = true
            out.append(findings)
        }
        var shown: [Part] = []
        var referencesFor: [Int: [Part]] = [:]
        for (i, q) in questions.enumerated() {
            var parts: [Part] = []
            for family in q.answer {
                for p in Part.parts(family) where inScope(p) && !parts.contains(p) { parts.append(p) }
            }
            let fresh = parts.filter { !shown.contains($0) }
            var section = filled(fresh, summaryToo: true)
            section.isQuestion = true
            section.question = q.text
            section.title = word("section.question") + " " + style.integer(i + 1)
            referencesFor[out.count] = parts.filter { shown.contains($0) }
            shown += fresh
            out.append(section)
        }
        let fixed: [(String, [Part])] = [
            ("section.deadlines", [.inflow] + Part.deadlineRules.map(Part.deadline) + [.backlog, .durations]),
            ("section.plans", Service.allCases.map { Part.plans($0.rawValue) } + [.firstPlan]),
            ("section.workers", [.assignment, .caseload, .meetings]),
            ("section.services", [.deadline(RuleID.socialUrgency.rawValue), .personalWorker, .assessor, .workload, .repeatReferrals]),
            ("section.staffing", [.staffing, .turnover]),
        ]
        for (title, parts) in fixed {
            let rest = parts.filter { inScope($0) && !shown.contains($0) }
            guard !rest.isEmpty, hasContent(rest) else { continue }
            var section = filled(rest, summaryToo: false, isFixed: rest.count == parts.filter(inScope).count)
            section.title = word(title)
            out.append(section)
        }
        var regional = blank()
        regional.title = word("section.regional")
        regional.isRegional = true
        regional.isWide = true
        out.append(regional)
        var actions = blank()
        actions.title = word("section.actions")
        actions.isActions = true
        out.append(actions)
        var provisions = blank()
        provisions.title = word("section.provisions")
        provisions.isProvisions = true
        out.append(provisions)
        for i in out.indices { out[i].number = style.integer(i + 1) }
        // Tables, numbered in print order; then the references to tables shown earlier.
        var numberOf: [Part: [String]] = [:]
        var next = 1
        func take() -> TableTag {
            var tag = TableTag()
            tag.number = style.integer(next)
            next += 1
            return tag
        }
        for i in out.indices {
            number(&out[i], take: take, record: { numberOf[$0, default: []].append($1) })
        }
        numbers.of = numberOf
        for (i, parts) in referencesFor {
            let numbers = parts.flatMap { numberOf[$0] ?? [] }
            guard !numbers.isEmpty else { continue }
            let key = numbers.count == 1 ? "text.seeTable" : "text.seeTables"
            out[i].references = [word(key) + " " + numbers.joined(separator: ", ") + "."]
            out[i].hasReferences = true
        }
        return out
    }

    /// Whether any of the parts has something to print in the (scoped) model.
    func hasContent(_ parts: [Part]) -> Bool {
        let d = full.deadlines, w = full.workers, s = full.services
        return parts.contains { part in
            switch part {
            case .inflow: return d.inflow.hasRows
            case .deadline(let rule): return (d.tables + s.urgency).contains { $0.rule == rule }
            case .backlog: return d.hasBacklog
            case .durations: return d.hasDurations
            case .plans(let service): return full.plans.rows.contains { $0.serviceCode == service }
            case .firstPlan: return full.plans.hasFirstPlan
            case .assignment: return w.hasAssignment
            case .caseload: return w.hasCaseload
            case .meetings: return w.hasMeetings
            case .personalWorker: return s.hasPersonalWorker
            case .assessor: return s.hasAssessor
            case .workload: return s.hasWorkload
            case .repeatReferrals: return s.hasRepeatReferrals
            case .staffing: return full.staffing.hasRows
            case .turnover: return full.staffing.turnover.hasRows
            case .rejected: return full.summary.hasRejected
            }
        }
    }

    /// A section showing exactly `parts` (in the fixed order of the templates), with the question's
    /// finding sentences when `summaryToo`. `isFixed`: the whole fixed section, which says
    /// "no cases" when it has none.
    func filled(_ parts: [Part], summaryToo: Bool, isFixed: Bool = false) -> SectionModel {
        var s = blank()
        let has = { (p: Part) in parts.contains(p) }
        let rules = Set(parts.compactMap { p -> String? in if case .deadline(let r) = p { return r } else { return nil } })
        let planServices = Set(parts.compactMap { p -> String? in if case .plans(let c) = p { return c } else { return nil } })

        var d = full.deadlines
        d.inflow.hasRows = has(.inflow) && d.inflow.hasRows
        d.tables = d.tables.filter { rules.contains($0.rule) }
        d.hasTables = !d.tables.isEmpty
        d.showNoRows = isFixed && full.deadlines.tables.isEmpty
        d.charts = d.charts.filter { rules.contains($0.rule) }
        d.hasCharts = d.charts.contains { $0.hasBars }
        d.hasBacklog = has(.backlog) && d.hasBacklog
        d.hasDurations = has(.durations) && d.hasDurations
        s.deadlines = d
        s.showDeadlines = d.inflow.hasRows || d.hasTables || d.hasCharts || d.hasBacklog || d.hasDurations || d.showNoRows

        var p = full.plans
        p.rows = p.rows.filter { planServices.contains($0.serviceCode) }
        p.hasRows = !p.rows.isEmpty
        p.showTable = !planServices.isEmpty
        p.hasFirstPlan = has(.firstPlan) && p.hasFirstPlan
        s.plans = p
        s.showPlans = p.showTable || p.hasFirstPlan

        var w = full.workers
        w.showAssignment = has(.assignment)
        w.showCaseload = has(.caseload)
        w.showMeetings = has(.meetings) && w.hasMeetings
        s.workers = w
        s.showWorkers = w.showAssignment || w.showCaseload || w.showMeetings

        var v = full.services
        v.urgency = v.urgency.filter { rules.contains($0.rule) }
        v.hasUrgency = !v.urgency.isEmpty
        v.hasPersonalWorker = has(.personalWorker) && v.hasPersonalWorker
        v.hasAssessor = has(.assessor) && v.hasAssessor
        v.hasWorkload = has(.workload) && v.hasWorkload
        v.hasRepeatReferrals = has(.repeatReferrals) && v.hasRepeatReferrals
        v.showIntro = isFixed
        s.services = v
        s.showServices = v.hasUrgency || v.hasPersonalWorker || v.hasAssessor || v.hasWorkload || v.hasRepeatReferrals

        var st = full.staffing
        st.showTable = has(.staffing)
        st.turnover.hasRows = has(.turnover) && st.turnover.hasRows
        s.staffing = st
        s.showStaffing = st.showTable || st.turnover.hasRows
        s.isWide = true

        if summaryToo {
            var sum = full.summary
            sum.deadlines = sum.deadlines.filter { rules.contains($0.rule) }
            sum.hasBacklog = has(.backlog) && sum.hasBacklog
            if !sum.hasBacklog { sum.backlog = [] }
            let planNames = Set(full.plans.rows.filter { planServices.contains($0.serviceCode) }.map(\.service))
            sum.plans = sum.plans.filter { planNames.contains($0.service) }
            sum.hasAssignment = has(.assignment) && sum.hasAssignment
            sum.caseload.hasWorkers = has(.caseload) && sum.caseload.hasWorkers
            sum.hasMeetings = has(.meetings) && sum.hasMeetings
            sum.hasStaffing = has(.staffing) && sum.hasStaffing
            let rateRules = Set(
                (has(.personalWorker) ? [RuleID.personalWorker.rawValue] : [])
                    + (has(.assessor) ? [RuleID.assessor.rawValue] : []))
            sum.serviceRates = sum.serviceRates.filter { rateRules.contains($0.rule) }
            sum.hasRejected = has(.rejected) && sum.hasRejected
            s.summary = sum
            s.showSummary =
                !sum.deadlines.isEmpty || sum.hasBacklog || !sum.plans.isEmpty || sum.hasAssignment
                || sum.caseload.hasWorkers || sum.hasMeetings || sum.hasStaffing || !sum.serviceRates.isEmpty
                || sum.hasRejected
        }
        return s
    }

    /// Numbers the section's tables in the order the templates print them.
    func number(_ s: inout SectionModel, take: () -> TableTag, record: (Part, String) -> Void) {
        func tag(_ part: Part, _ rows: Any) -> TableTag {
            var t = take()
            (t.legend, t.hasLegend) = legend(rows)
            record(part, t.number)
            return t
        }
        if s.showDeadlines {
            if s.deadlines.inflow.hasRows { s.deadlines.inflow.tag = tag(.inflow, s.deadlines.inflow.rows) }
            for i in s.deadlines.tables.indices {
                let t = s.deadlines.tables[i]
                s.deadlines.tables[i].tag = tag(.deadline(t.rule), [t.rows, t.urgentOnly] as [Any])
            }
            for i in s.deadlines.charts.indices {
                (s.deadlines.charts[i].legend, s.deadlines.charts[i].hasLegend) = legend(
                    s.deadlines.charts[i].bars.filter { !$0.isIncomplete }.map { [$0.value, $0.met, $0.counted] })
            }
            if s.deadlines.hasBacklog { s.deadlines.backlogTag = tag(.backlog, s.deadlines.backlog) }
            if s.deadlines.hasDurations { s.deadlines.durationsTag = tag(.durations, s.deadlines.durations) }
        }
        if s.showPlans {
            if s.plans.showTable && s.plans.hasRows {
                let t = tag(.plans(s.plans.rows.first?.serviceCode ?? ""), s.plans.rows)
                for code in Set(s.plans.rows.map(\.serviceCode)) { record(.plans(code), t.number) }
                s.plans.plansTag = t
            }
            if s.plans.hasFirstPlan { s.plans.firstPlanTag = tag(.firstPlan, s.plans.firstPlan) }
        }
        if s.showWorkers {
            if s.workers.showAssignment && s.workers.hasAssignment {
                s.workers.assignmentTag = tag(.assignment, s.workers.assignment)
            }
            if s.workers.showCaseload && s.workers.hasCaseload { s.workers.caseloadTag = tag(.caseload, s.workers.caseload) }
            if s.workers.showMeetings { s.workers.meetingsTag = tag(.meetings, s.workers.meetings) }
        }
        if s.showServices {
            for i in s.services.urgency.indices {
                let t = s.services.urgency[i]
                s.services.urgency[i].tag = tag(.deadline(t.rule), [t.rows, t.urgentOnly] as [Any])
            }
            if s.services.hasPersonalWorker {
                s.services.personalWorkerTag = tag(.personalWorker, s.services.personalWorker)
            }
            if s.services.hasAssessor { s.services.assessorTag = tag(.assessor, s.services.assessor) }
            if s.services.hasWorkload {
                s.services.workloadTag = tag(.workload, s.services.workload)
                s.services.workloadRegionTag = tag(.workload, s.services.workloadByRegion)
            }
            if s.services.hasRepeatReferrals {
                s.services.repeatTag = tag(.repeatReferrals, s.services.repeatReferrals)
            }
        }
        if s.showStaffing {
            if s.staffing.showTable && s.staffing.hasRows { s.staffing.staffingTag = tag(.staffing, s.staffing.rows) }
            if s.staffing.turnover.hasRows { s.staffing.turnover.tag = tag(.turnover, s.staffing.turnover.rows) }
        }
        if s.isRegional && full.regional.hasRates {
            var t = take()
            (t.legend, t.hasLegend) = legend(full.regional.rates.map { [$0.rate, $0.bestRate, $0.worstRate] })
            s.regionalTag = t
        }
    }

    /// The symbols a table's cells use, as one sentence of the labels (`legend.*`).
    func legend(_ rows: Any) -> (String, Bool) {
        var cells = Set<String>()
        collect(rows, into: &cells)
        var items: [String] = []
        if cells.contains(Publication.suppressedCount) { items.append(word("legend.lessThan5")) }
        if cells.contains(Publication.withheld) { items.append(word("legend.withheld")) }
        if cells.contains(Publication.nothing) { items.append(word("legend.nothing")) }
        guard !items.isEmpty else { return ("", false) }
        return (word("legend.lead") + " " + items.joined(separator: "; ") + ".", true)
    }

    private func collect(_ value: Any, into cells: inout Set<String>) {
        if let s = value as? String {
            cells.insert(s)
            return
        }
        for child in Mirror(reflecting: value).children { collect(child.value, into: &cells) }
    }
}

/// SOVELLETUT SÄÄNNÖKSET (report.md Decisions): one line per section (§) of an act, naming the
/// subsections used, its subject in a few words (the names of the rules counted under it) and the
/// tables counted under it; no quotation of the law.
struct ProvisionLines {
    let rules: [RuleDescription]
    let tablesOf: [Part: [String]]
    let language: ReportLanguage
    let name: (String) -> String

    static func part(_ rule: String) -> [Part] {
        switch RuleID(rawValue: rule) {
        case .urgency, .screening, .assessmentStart, .assessmentCompletion, .socialUrgency: return [.deadline(rule)]
        case .backlog, .backlogAge, .backlogForecast: return [.backlog]
        case .durations: return [.durations]
        case .childWelfarePlan: return [.plans(Service.lastensuojelu.rawValue)]
        case .socialWelfarePlan: return [.plans(Service.lapsiperheet.rawValue), .plans(Service.tyoikaiset.rawValue)]
        case .firstPlan: return [.firstPlan]
        case .assigned, .qualified: return [.assignment]
        case .caseload: return [.caseload]
        case .meeting: return [.meetings]
        case .staffing: return [.staffing]
        case .personalWorker: return [.personalWorker]
        case .assessor: return [.assessor]
        case .workload: return [.workload]
        case .repeatReferrals: return [.repeatReferrals]
        case .inflow: return [.inflow]
        case .turnover: return [.turnover]
        case nil: return []
        }
    }

    func lines() -> [Provision] {
        var order: [String] = []
        var subsections: [String: [String]] = [:]
        var names: [String: [String]] = [:]
        var tables: [String: [String]] = [:]
        var policy: [String: Bool] = [:]
        for rule in rules {
            for piece in rule.reference.components(separatedBy: ";") {
                let p = piece.trimmingCharacters(in: .whitespaces)
                guard !p.isEmpty else { continue }
                let key: String
                var subs: [String] = []
                if let sign = p.range(of: "§") {
                    key = String(p[..<sign.upperBound])
                    let rest = p[sign.upperBound...].replacingOccurrences(of: "mom.", with: "")
                    subs = rest.components(separatedBy: CharacterSet(charactersIn: " ,")).filter { !$0.isEmpty && $0 != "ja" }
                } else {
                    key = p
                }
                if !order.contains(key) { order.append(key) }
                for s in subs where !(subsections[key] ?? []).contains(s) { subsections[key, default: []].append(s) }
                let n = name(rule.id)
                if !(names[key] ?? []).contains(n) { names[key, default: []].append(n) }
                for part in Self.part(rule.id) {
                    for t in tablesOf[part] ?? [] where !(tables[key] ?? []).contains(t) { tables[key, default: []].append(t) }
                }
                policy[key] = (policy[key] ?? true) && rule.isPolicy
            }
        }
        let and = ["fi": " ja ", "sv": " och ", "en": " and "][language.rawValue] ?? " ja "
        return order.map { key in
            let subs = (subsections[key] ?? []).sorted { (Int($0) ?? 0, $0) < (Int($1) ?? 0, $1) }
            let subText: String
            switch language {
            case .en: subText = subs.isEmpty ? "" : subs.map { "(\($0))" }.joined(separator: and)
            default: subText = subs.isEmpty ? "" : Self.joined(subs, and) + " mom."
            }
            let t = (tables[key] ?? []).sorted { (Int($0.filter(\.isNumber)) ?? 0) < (Int($1.filter(\.isNumber)) ?? 0) }
            return Provision(
                rule: key, name: (names[key] ?? []).joined(separator: "; "),
                reference: LegalReference.localise(key, language).replacingOccurrences(of: " s. ", with: " s. "),
                statement: "", isPolicy: policy[key] ?? false, subsections: subText, hasSubsections: !subText.isEmpty,
                tables: Self.joined(t, and), hasTables: !t.isEmpty, severalTables: t.count > 1)
        }
    }

    static func joined(_ items: [String], _ and: String) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + and + items[items.count - 1]
    }
}

extension Findings {
    /// The findings of the services a reply concerns (metadata `services`; nil: all). Families that are
    /// child welfare by definition go with `lastensuojelu`; staff rows without a service are left out
    /// when a scope is given (report.md "Decisions on 'A reply a director signs'").
    func scoped(to services: [Service]?) -> Findings {
        guard let services else { return self }
        let codes = Set(services.map(\.rawValue))
        let childWelfare = codes.contains(Service.lastensuojelu.rawValue)
        let inScope = { (code: String?) in code.map(codes.contains) ?? false }
        var f = self
        f.deadlines = deadlines.filter { inScope($0.service) && (childWelfare || !$0.rule.hasPrefix("LSL")) }
        f.inflow = inflow.filter { inScope($0.service) }
        f.plans = plans.filter { inScope($0.service) }
        f.durations = durations.filter { inScope($0.service) }
        f.backlog = backlog.filter { inScope($0.service) }
        f.backlogAge = backlogAge.filter { inScope($0.service) }
        f.backlogForecast = backlogForecast.filter { inScope($0.service) }
        f.personalWorker = personalWorker.filter { inScope($0.service) }
        f.assessor = assessor.filter { inScope($0.service) }
        f.workload = workload.filter { inScope($0.service) }
        f.repeatReferrals = repeatReferrals.filter { inScope($0.service) }
        f.staffing = staffing.filter { inScope($0.service) }
        f.turnover = turnover.filter { inScope($0.service) }
        if !childWelfare {
            f.firstPlan = []
            f.assignment = []
            f.caseload = []
            f.meetings = []
        }
        return f
    }
}
