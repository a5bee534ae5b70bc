import CaseModel
import Rules

/// How the as-of date T of a THL form was chosen (the outputs say which).
public enum THLAsOfBasis: String, Sendable {
    /// The export's `generated` date (käsittelyajat without `--as-of`).
    case exportDate = "export-generated"
    /// Given with `--as-of`.
    case option = "as-of-option"
    /// The second Tuesday of April or October on or before the export's date (mitoitus without `--as-of`).
    case countingDay = "second-tuesday"
}

/// Something the comment field should say about the figures: a caveat about
/// the data or the dates, or a reason the region gave in the metadata. Counts
/// come from the evaluation (its findings or its items), never counted again.
public struct THLNote: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// T is before the half-year: no figures.
        case notBegun
        /// T is before the half-year's last day (`date`): the half-year is not over.
        case notEnded
        /// The period is not one of THL's half-years.
        case notHalfYear
        /// The half-year or the counting day begins before the export's own period (`date`: its start).
        case beforeExport
        /// T is after the export was generated (`date`): the export cannot know that day.
        case afterExport
        /// A counting day given with `--as-of` that is not a second Tuesday of April or October.
        case notCountingDay
        /// Records left out of the export (`count`).
        case rejected
        /// Assessments of the period with no start date recorded, counted as started later (`count`).
        case startUnrecorded
        /// Child welfare matters of the period with no urgency assessment date recorded (`count`).
        case urgencyUnrecorded
        /// Items of another service, in the totals but in neither column (`count`).
        case otherServices
        /// Child welfare clients with no responsible worker on T (`count`).
        case unassigned
        /// Children none of whose responsible workers is a licensed social worker (`count`).
        case unqualified
        /// No statutory caseload limit on T.
        case noLimit
        /// The region's reason for a rule's figures (`rule`, `text`), from the metadata.
        case reason
    }

    public var kind: Kind
    public var count: Int
    public var date: CalendarDate?
    public var rule: RuleID?
    public var text: String?

    public init(_ kind: Kind, count: Int = 0, date: CalendarDate? = nil, rule: RuleID? = nil, text: String? = nil) {
        self.kind = kind
        self.count = count
        self.date = date
        self.rule = rule
        self.text = text
    }
}

/// A collection filled in from one evaluation: every field's value and the
/// notes for the comment field. A formatter of the evaluation: the values are
/// its findings' figures (`THLField`), the notes read its findings and items.
public struct THLForm: Sendable {
    public let collection: THLCollection
    public let organisation: String
    public let findingsSchema: String
    /// The half-year (käsittelyajat); nil for the mitoitus counting day.
    public let period: ReportingPeriod?
    public let asOf: CalendarDate
    public let asOfBasis: THLAsOfBasis
    public let exportGenerated: CalendarDate
    /// One per `collection.fields`, in their order.
    public let values: [THLValue]
    public let notes: [THLNote]

    /// - Parameters:
    ///   - evaluation: the rules evaluated at T for the half-year (käsittelyajat) or at the counting day.
    ///   - period: the half-year as named (`2026H1`); by default the evaluation's period. Unused for mitoitus.
    ///   - header: the export's header (its generated date and own period, for the notes).
    ///   - reasons: the metadata's `reasons:`; those of the collection's rules go into the notes.
    public init(
        _ collection: THLCollection, evaluation e: Evaluation, period: ReportingPeriod? = nil,
        asOfBasis: THLAsOfBasis, header: ExportHeader, reasons: [RuleID: String] = [:]
    ) {
        self.collection = collection
        organisation = e.findings.organisation
        findingsSchema = e.findings.schema
        self.period =
            collection.kind == .mitoitus ? nil : period ?? ReportingPeriod(start: e.periodStart, end: e.periodEnd)
        asOf = e.asOf
        self.asOfBasis = asOfBasis
        exportGenerated = header.generatedDate
        values = collection.values(in: e)
        var notes: [THLNote]
        switch collection.kind {
        case .kasittelyajat: notes = Self.halfYearNotes(e, header: header)
        case .mitoitus: notes = Self.countingDayNotes(e, basis: asOfBasis, header: header)
        }
        notes += collection.reasonRules.compactMap { rule in
            reasons[rule].map { THLNote(.reason, rule: rule, text: $0) }
        }
        self.notes = notes
    }

    /// The value of the field `id` (nil for an unknown id).
    public func value(_ id: String) -> THLValue? {
        collection.fields.firstIndex { $0.id == id }.map { values[$0] }
    }

    static func halfYearNotes(_ e: Evaluation, header: ExportHeader) -> [THLNote] {
        var notes: [THLNote] = []
        if e.asOf < e.periodStart {
            notes.append(THLNote(.notBegun, date: e.periodStart))
        } else if e.asOf < e.periodEnd {
            notes.append(THLNote(.notEnded, date: e.periodEnd))
        }
        let halfYears = [1, 2].map { ReportingPeriod.preset(.halfYear($0), year: e.periodEnd.year).range }
        if !halfYears.contains(e.periodStart...e.periodEnd) { notes.append(THLNote(.notHalfYear)) }
        if e.periodStart < header.periodStart { notes.append(THLNote(.beforeExport, date: header.periodStart)) }
        if e.asOf > header.generatedDate { notes.append(THLNote(.afterExport, date: header.generatedDate)) }
        notes += commonNotes(e)
        let unrecordedStarts = e.unrecordedOverdue(.assessmentStart)
        if unrecordedStarts > 0 { notes.append(THLNote(.startUnrecorded, count: unrecordedStarts)) }
        let unrecordedUrgency = e.unrecordedOverdue(.urgency)
        if unrecordedUrgency > 0 { notes.append(THLNote(.urgencyUnrecorded, count: unrecordedUrgency)) }
        let columns = Set(THLCollection.kasittelyajat.scopes.compactMap { $0.service?.rawValue })
        let elsewhere = e.findings.deadlines.filter {
            [RuleID.assessmentStart.rawValue, RuleID.assessmentCompletion.rawValue].contains($0.rule)
                && $0.region == Findings.allRegions && !columns.contains($0.service)
        }.reduce(0) { $0 + $1.counts.decided + $1.pending }
        if elsewhere > 0 { notes.append(THLNote(.otherServices, count: elsewhere)) }
        return notes
    }

    static func countingDayNotes(_ e: Evaluation, basis: THLAsOfBasis, header: ExportHeader) -> [THLNote] {
        var notes: [THLNote] = []
        if basis == .option && !THLCountingDay.isCountingDay(e.asOf) { notes.append(THLNote(.notCountingDay)) }
        if e.asOf < header.periodStart { notes.append(THLNote(.beforeExport, date: header.periodStart)) }
        if e.asOf > header.generatedDate { notes.append(THLNote(.afterExport, date: header.generatedDate)) }
        notes += commonNotes(e)
        if let a = e.findings.assignment.first(where: { $0.region == Findings.allRegions }) {
            if a.unassigned > 0 { notes.append(THLNote(.unassigned, count: a.unassigned)) }
            if a.unqualified > 0 { notes.append(THLNote(.unqualified, count: a.unqualified)) }
        }
        if e.caseloadLimit == nil { notes.append(THLNote(.noLimit)) }
        return notes
    }

    static func commonNotes(_ e: Evaluation) -> [THLNote] {
        e.findings.rejected.isEmpty ? [] : [THLNote(.rejected, count: e.findings.rejected.count)]
    }
}
