import Foundation
import CaseModel
import Rules

/// Options of one report run.
public struct ReportOptions: Sendable {
    /// Small-number suppression (on unless `--no-suppress`).
    public var suppress = true
    /// Include the case-level exceptions appendix (`--exceptions`).
    public var includeExceptions = false
    /// The date the document bears.
    public var documentDate: CalendarDate
    /// The tool's version, printed in the document's footer.
    public var toolVersion: String
    /// Off only in the test that shows the attack succeeding on primary suppression alone.
    var secondarySuppression = true
    /// Earlier evaluations from a history store (`--history`, HistoryTrend.swift).
    public var history: [Findings] = []

    public init(
        documentDate: CalendarDate, toolVersion: String, suppress: Bool = true,
        includeExceptions: Bool = false
    ) {
        self.documentDate = documentDate
        self.toolVersion = toolVersion
        self.suppress = suppress
        self.includeExceptions = includeExceptions
    }
}

/// Builds the `ReportModel` from an evaluation, the previous period's
/// findings (optional), the metadata and the language's labels.
public struct ReportBuilder {
    let evaluation: Evaluation
    let findings: Findings
    let previous: Findings?
    let metadata: ResponseMetadata
    let rules: [String: RuleDescription]
    let ruleOrder: [String: Int]
    let strings: ReportStrings
    let options: ReportOptions
    let style: NumberStyle
    let suppression: Suppression
    /// Every rate compared across regions, once, by the rules stage.
    let comparisons: [RegionalComparison]
    /// The earlier evaluations (`--history`), in the same scope of services as this one.
    let history: [Findings]
    /// What may be printed of each figure about children (small numbers, for real).
    public let publication: Publication
    /// The deadline items by rule and month of clock start (`monthlyTallies`).
    let monthly: [String: [Int: MonthTally]]
    /// The policy settings come from the evaluation they were counted with, never a second copy.
    var gapPoints: Double { evaluation.settings.regionalGapPoints }
    var language: ReportLanguage { metadata.language }

    public init(
        evaluation: Evaluation, previous: Findings?, metadata: ResponseMetadata,
        rules: [RuleDescription], strings: ReportStrings, options: ReportOptions
    ) {
        self.evaluation = evaluation
        // The reply covers the services the request concerns (metadata `services`): every figure
        // printed, and the disclosure check over them, come from the findings in that scope.
        let scoped = evaluation.findings.scoped(to: metadata.services)
        self.findings = scoped
        let history = options.history.map { $0.scoped(to: metadata.services) }
        self.history = history
        self.previous = previous
        self.metadata = metadata
        self.rules = Dictionary(rules.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.ruleOrder = Dictionary(
            rules.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        self.strings = strings
        self.options = options
        self.style = NumberStyle(metadata.language)
        self.suppression = Suppression(isOn: options.suppress, style: style)
        self.comparisons = regionalDifferences(
            scoped, gapPoints: evaluation.settings.regionalGapPoints,
            workloadGapPercent: evaluation.settings.workloadGapPercent,
            minimumCount: evaluation.settings.regionalMinCount)
        // The trend counts the items of the same services (codes), its tallies and their disclosure cells alike.
        let trendServices = metadata.services.map { Set($0.map(\.rawValue)) } ?? ReportBuilder.allServices
        let monthly = ReportBuilder.monthlyTallies(evaluation.items, services: trendServices)
        self.monthly = monthly
        self.publication = ReportBuilder.publication(
            findings: scoped, evaluation: evaluation, monthly: monthly, style: style,
            suppress: options.suppress, secondary: options.secondarySuppression, services: trendServices,
            history: history)
    }

    public func build() throws -> ReportModel {
        let specs = try allRateSpecs()
        let rates = specs.map(rateFinding)
        let provisions = provisionList()
        let isAvi = metadata.kind == .aviResponse
        let listed = isAvi ? [] : findingsList(specs)
        var model = ReportModel(
            language: language.rawValue, isAviResponse: isAvi, isOmavalvonta: !isAvi,
            suppressed: options.suppress, hasPrevious: previous != nil, document: header(),
            summary: try summary(), deadlines: try deadlineSection(), plans: try planSection(),
            workers: try workerSection(), services: try serviceSection(), staffing: try staffingSection(),
            regional: RegionalSection(
                rates: rates, hasRates: !rates.isEmpty, anyDiffering: rates.contains { $0.hasDiffering },
                gapPoints: style.oneDecimal(gapPoints), minCount: style.integer(evaluation.settings.regionalMinCount)),
            actions: actionsSection(),
            provisions: provisions, hasPolicyProvisions: provisions.contains { $0.isPolicy },
            findingsList: listed, hasFindingsList: !listed.isEmpty, closing: closing(), appendix: appendix())
        model.history = try historyTrend()
        let layout = Layout(
            full: model, questions: metadata.questions, scope: metadata.services.map { Set($0.map(\.rawValue)) },
            strings: strings, style: style)
        model.sections = layout.sections()
        ReportBuilder.placeHistory(&model.sections)
        model.provisions = ProvisionLines(
            rules: rules.values.sorted { (ruleOrder[$0.id] ?? 0) < (ruleOrder[$1.id] ?? 0) }
                .filter { !ProvisionLines.part($0.id).isEmpty },
            tablesOf: layout.numbers.of, language: language, name: ruleName
        ).lines().filter(\.hasTables)
        model.hasPolicyProvisions = model.provisions.contains { $0.isPolicy }
        let severity = evaluation.settings.severity
        let percent = { (v: Double) in v == v.rounded() ? style.integer(Int(v)) : style.oneDecimal(v) }
        model.severityCriteria = (strings.words["text.severityCriteria"] ?? "")
            .replacingOccurrences(of: "{serious}", with: percent(severity.serious))
            .replacingOccurrences(of: "{notable}", with: percent(severity.notable))
        return model
    }

    // MARK: - Words from the templates

    func word(_ key: String) throws -> String { try strings.word(key) }

    func serviceName(_ code: String) throws -> String { try word("service." + code) }

    func ruleName(_ id: String) -> String { rules[id]?.name[language.rawValue] ?? rules[id]?.name["fi"] ?? id }

    func regionRef(_ code: String) -> RegionRef {
        if code == Findings.allRegions {
            return RegionRef(code: code, name: strings.words["region.all"] ?? code, isTotal: true)
        }
        return RegionRef(code: code, name: evaluation.regionNames[code] ?? code, isTotal: false)
    }

    // MARK: - Header, closing

    func header() -> DocumentHeader {
        let m = metadata
        let isAvi = m.kind == .aviResponse
        let request = isAvi ? m.request : nil
        let prevPeriod = previous.flatMap { p -> (String, String)? in
            guard let s = CalendarDate.parseISO(p.period.start), let e = CalendarDate.parseISO(p.period.end) else {
                return nil
            }
            return (style.date(s), style.date(e))
        }
        return DocumentHeader(
            organisation: m.organisation.name, unit: m.organisation.unit ?? "", hasUnit: m.organisation.unit != nil,
            date: style.date(letterDate),
            recipient: isAvi ? (m.recipient ?? "") : "", hasRecipient: isAvi && m.recipient != nil,
            hasReference: request?.reference != nil, reference: request?.reference ?? "",
            requestDate: request?.date.map(style.date) ?? "", hasRequestDate: request?.date != nil,
            subject: m.request?.subject ?? "", hasSubject: m.request?.subject != nil,
            periodStart: style.date(evaluation.periodStart), periodEnd: style.date(evaluation.periodEnd),
            asOf: style.date(evaluation.asOf), hasPreviousPeriod: prevPeriod != nil,
            previousPeriodStart: prevPeriod?.0 ?? "", previousPeriodEnd: prevPeriod?.1 ?? "",
            previousIsVersion1: previous?.isVersion1 ?? false, toolVersion: options.toolVersion,
            ownReference: m.reference ?? "", hasOwnReference: m.reference != nil,
            opening: opening(), hasOpening: isAvi)
    }

    func actionsSection() -> ActionsSection {
        var a = ActionsMarkdown.parse(metadata.actions ?? "")
        a.items = metadata.actionItems.map {
            ActionRow(action: $0.action, owner: $0.owner ?? "", due: $0.dueDate.map(style.date) ?? $0.due ?? "")
        }
        a.hasItems = !a.items.isEmpty
        a.hasActions = a.hasActions || a.hasItems
        return a
    }

    /// The letter's date: the metadata's `date`, else the day of the run (Europe/Helsinki).
    var letterDate: CalendarDate { metadata.date ?? options.documentDate }

    /// The metadata's `opening`, or one sentence in the document's language naming the request,
    /// its date and reference, and that the reply follows (labels `opening.*`).
    func opening() -> String {
        if let own = metadata.opening { return own }
        let request = metadata.request
        let template = strings.words[request?.date == nil ? "opening.undated" : "opening.dated"] ?? ""
        let reference = request?.reference.map { (strings.words["opening.reference"] ?? " {reference}")
            .replacingOccurrences(of: "{reference}", with: $0) } ?? ""
        return template.replacingOccurrences(of: "{date}", with: request?.date.map(style.date) ?? "")
            .replacingOccurrences(of: "{reference}", with: reference)
            .replacingOccurrences(of: "{organisation}", with: metadata.organisation.name)
    }

    func closing() -> Closing {
        let attachments = attachmentList()
        return Closing(
            hasSignatory: metadata.signatory != nil, signatoryName: metadata.signatory?.name ?? "",
            signatoryTitle: metadata.signatory?.title ?? "", hasContact: metadata.contact != nil,
            contact: metadata.contact ?? "", distribution: metadata.distribution,
            hasDistribution: !metadata.distribution.isEmpty, hasExceptionsAppendix: options.includeExceptions,
            attachments: attachments, hasAttachments: !attachments.isEmpty)
    }

    /// LIITTEET: the metadata's attachments, then the exceptions appendix when included.
    func attachmentList() -> [Attachment] {
        var titles = metadata.attachments
        if options.includeExceptions { titles.append(strings.words["text.exceptionsTitle"] ?? "") }
        return titles.enumerated().map { Attachment(number: style.integer($0.offset + 1), title: $0.element) }
    }

    /// The exceptions appendix's number: after the metadata's attachments.
    var exceptionsAppendixNumber: String { style.integer(metadata.attachments.count + 1) }

    func provisionList() -> [Provision] {
        rules.values.sorted { (ruleOrder[$0.id] ?? 0) < (ruleOrder[$1.id] ?? 0) }.map {
            Provision(
                rule: $0.id, name: ruleName($0.id), reference: LegalReference.localise($0.reference, language),
                statement: $0.statement[language.rawValue] ?? $0.statement["fi"] ?? "", isPolicy: $0.isPolicy)
        }
    }

    // MARK: - Summary

    /// One sentence per deadline rule and service, with the figures of that table's
    /// organisation row (report.md, "The summary matches the tables": no pooled rate
    /// that appears in no table, and nothing pooled that would tie the tables'
    /// hidden cells together).
    func summary() throws -> Summary {
        let deadlineFindings = try deadlineSpecs().map(rateFinding)
        // The queue of each service as its table's organisation row shows it (no pooled sum
        // that would tie the services' hidden counts together).
        let queue = try services(in: findings.backlog.map(\.service)).compactMap { service -> BacklogTotals? in
            guard let b = findings.backlog.first(where: { $0.service == service && $0.region == Findings.allRegions })
            else { return nil }
            let key = { Publication.Key.backlog(service, Findings.allRegions, $0) }
            return BacklogTotals(
                service: try serviceName(service), open: publication.count(key("open"), b.open),
                notStarted: publication.count(key("notStarted"), b.notStarted),
                overdue: publication.count(key("overdue"), b.overdue), hasOverdue: b.overdue > 0,
                oldestDays: style.integer(b.oldestDays),
                oldestDate: style.date(evaluation.asOf.adding(days: -b.oldestDays)))
        }
        let unassigned = unassignedSpec().map(rateFinding)
        let unqualified = findings.assignment.first { $0.region == Findings.allRegions }?.unqualified ?? 0
        let meetings = meetingSpec().map(rateFinding)
        let vacancy = vacancySpec().map(rateFinding)
        let empty = rateFinding(RateSpec(label: "", rule: "", regions: []))
        return Summary(
            deadlines: deadlineFindings, hasBacklog: !queue.isEmpty, backlog: queue,
            plans: try planFindings(), hasAssignment: unassigned != nil, unassigned: unassigned ?? empty,
            unqualified: publication.count(Publication.Key.assignment(Findings.allRegions, "unqualified"), unqualified),
            hasUnqualified: unqualified > 0,
            caseload: caseloadTotals(), hasMeetings: meetings != nil, meetings: meetings ?? empty,
            hasStaffing: vacancy != nil, vacancy: vacancy ?? empty,
            serviceRates: try serviceRateSpecs().map(rateFinding),
            rejected: style.integer(findings.rejected.count), hasRejected: !findings.rejected.isEmpty)
    }

    func caseloadTotals() -> CaseloadTotals {
        let rows = findings.caseload
        let over = rows.filter { row in row.limit.map { row.children > $0 } ?? false }.count
        return CaseloadTotals(
            hasWorkers: !rows.isEmpty, hasLimit: evaluation.caseloadLimit != nil,
            limit: evaluation.caseloadLimit.map(style.integer) ?? "", workers: style.integer(rows.count),
            overLimit: style.integer(over), hasOverLimit: over > 0,
            maxChildren: style.integer(rows.map(\.children).max() ?? 0))
    }

    // MARK: - Periodic report's findings list

    /// Severity (report.md "Decisions on 'A reply a director signs'"): per family and service, on the
    /// organisation's exact share that met the rule. A statutory rule below `severity.serious` % is
    /// serious, below `severity.notable` % notable, else minor; a policy rule one level lower. Staffing
    /// is listed for information, without a level. Most severe first, then the largest shortfall,
    /// ties in the report's order. Every share is the share that met the rule, and the change is the
    /// difference of the two printed shares.
    func findingsList(_ specs: [RateSpec]) -> [ListedFinding] {
        let statutory: Set<String> = [
            "LSL26-urgency", "LSL26-screening-7wd", "SHL36-start-7wd", "SHL36-complete-3m", "SHL36-urgency",
            "LSL30-plan", "LSL13b-assigned", "LSL13b-qualified", "LSL13b-caseload", "SHL42-personal-worker",
            "SHL36-assessor",
        ]
        let policy: Set<String> = ["SHL39-plan", "LSL29-meeting", "workload", "repeatReferrals"]
        let serious = evaluation.settings.severity.serious / 100
        let notable = evaluation.settings.severity.notable / 100
        var ranked: [(level: Int, shortfall: Double, index: Int, finding: ListedFinding)] = []
        func add(
            _ label: String, rule: String, met: Double?, shown: Double?, previous: Double?, index: Int,
            hadPrevious: Bool = false
        ) {
            let info = !statutory.contains(rule) && !policy.contains(rule)
            var level = 3
            // A share withheld for small numbers gets no level either: a level bounds the share, and
            // the disclosure check (Disclosure.swift) does not model bounds (a decision; docs/templates.md).
            if let met, !info, shown != nil {
                let statutoryLevel = met < serious ? 0 : (met < notable ? 1 : 2)
                level = statutory.contains(rule) ? statutoryLevel : min(2, statutoryLevel + 1)
            }
            let printed = { (v: Double) in (v * 1000).rounded() / 10 }
            var change = ""
            if let now = shown, let before = previous { change = style.signedPoints(printed(now) - printed(before)) }
            var f = ListedFinding(
                severityHigh: level == 0, severityMedium: level == 1, severityLow: level == 2,
                finding: rateFinding(RateSpec(label: label, rule: rule, regions: [])))
            f.finding.label = label
            f.severityInfo = info
            f.severityHidden = !info && shown == nil
            f.metRate = shown.map(style.percent) ?? (met == nil ? Publication.nothing : Publication.hidden)
            f.previousMetRate = previous.map(style.percent) ?? (hadPrevious ? Publication.hidden : Publication.nothing)
            f.change = change
            ranked.append((level, shown == nil ? 0 : 1 - (met ?? 1), index, f))
        }
        for (i, spec) in specs.enumerated() {
            let org = spec.org ?? spec.regions.reduce(Ratio.zero) { $0 + $1.ratio }
            guard org.den > 0 else { continue }
            let exact = org.num / org.den
            let met = spec.higherIsBetter ? exact : 1 - exact
            let minDen: Double = spec.describesChildren ? 5 : 0
            let shownNow = shownShare(spec, key: spec.keys?.share, org).map { spec.higherIsBetter ? $0 : 1 - $0 }
            let shownBefore = spec.previousOrg.flatMap { suppression.visibleShare($0.num, $0.den, minimumDenominator: minDen) }
                .map { spec.higherIsBetter ? $0 : 1 - $0 }
            add(
                spec.metLabel ?? spec.label, rule: spec.rule, met: met, shown: shownNow, previous: shownBefore, index: i,
                hadPrevious: spec.previousOrg.map { $0.den > 0 } ?? false)
        }
        // LSL 13 b § 2 mom.: workers within the limit ÷ workers (counts of workers, printed exactly).
        let workers = findings.caseload
        if !workers.isEmpty, evaluation.caseloadLimit != nil {
            let within = workers.filter { row in row.limit.map { row.children <= $0 } ?? true }.count
            let share = Double(within) / Double(workers.count)
            add(
                ruleName(RuleID.caseload.rawValue), rule: RuleID.caseload.rawValue, met: share, shown: share, previous: nil,
                index: specs.count)
        }
        ranked.sort { ($0.level, -$0.shortfall, $0.index) < ($1.level, -$1.shortfall, $1.index) }
        return ranked.map(\.finding)
    }
}

/// The labels of one language (`templates/<lang>/labels.yaml`): flat keys to text.
public struct ReportStrings: Sendable {
    public var words: [String: String]
    /// The file the words came from, for error messages.
    public var file: String

    public init(words: [String: String], file: String) {
        self.words = words
        self.file = file
    }

    func word(_ key: String) throws -> String {
        guard let w = words[key] else { throw ReportError.strings(file: file, problem: "label '\(key)' is missing") }
        return w
    }
}
