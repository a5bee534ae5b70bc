import CaseModel
import Rules

/// The outputs of one filled THL collection in one language: the table on
/// screen, the comment draft, the region's own HTML copy, CSV and JSON. The
/// words are in `templates/thl/` (`html/`, `text/`, and `<lang>/` with
/// `labels.yaml` and the sentences); the field labels and definitions are the
/// collection's data. Every count is exact: THL suppresses for publication itself.
public struct THLDocuments {
    public let form: THLForm
    public let language: ReportLanguage
    public let templates: TemplateSet
    public let documentDate: CalendarDate
    public let toolVersion: String

    /// `templates` is a templates set as `report` takes it; its `thl/` folder is used.
    public init(
        form: THLForm, language: ReportLanguage, templates: TemplateSet, documentDate: CalendarDate,
        toolVersion: String
    ) throws {
        self.form = form
        self.language = language
        self.templates = try templates.folder("thl")
        self.documentDate = documentDate
        self.toolVersion = toolVersion
    }

    /// `templatesDirectory` is a templates folder as `report` takes it; its `thl/` folder is used.
    public init(
        form: THLForm, language: ReportLanguage, templatesDirectory: String, documentDate: CalendarDate,
        toolVersion: String
    ) throws {
        try self.init(
            form: form, language: language, templates: try TemplateSet(directory: templatesDirectory),
            documentDate: documentDate, toolVersion: toolVersion)
    }

    /// The stem of the output files: `thl-kasittelyajat-2026H1`, `thl-mitoitus-2026-04-14`.
    public var fileStem: String {
        "thl-\(form.collection.kind.rawValue)-" + (form.period?.description ?? form.asOf.iso)
    }

    /// Every output, rendered (nothing is written here): CSV, JSON, the HTML copy and the comment draft.
    public func files() throws -> [(name: String, contents: [UInt8])] {
        let comment = try self.comment()
        return [
            (fileStem + ".csv", Array(csv().utf8)),
            (fileStem + ".json", Array(try json(comment: comment).utf8)),
            (fileStem + ".html", Array(try html(comment: comment).utf8)),
            (fileStem + "-comment.txt", Array((comment + "\n").utf8)),
        ]
    }

    /// The draft for the form's free comment field, plain text, paragraphs separated by a blank line.
    public func comment() throws -> String {
        Self.paragraphs(try render(root: "comment", folder: "text", model: try model())).joined(separator: "\n\n")
    }

    /// The short table printed by the command, then the comment draft.
    public func screen(comment: String? = nil) throws -> String {
        var m = try model()
        m.commentParagraphs = Self.paragraphs(try comment ?? self.comment())
        return try render(root: "screen", folder: "text", model: m)
    }

    /// The region's own copy: one self-contained HTML page, marked as not for publication.
    public func html(comment: String? = nil) throws -> String {
        var m = try model()
        m.commentParagraphs = Self.paragraphs(try comment ?? self.comment())
        return try render(root: "page", folder: "html", model: m)
    }

    /// Why T is the date it is, in a sentence (the as-of partial as plain text).
    public func asOfExplanation() throws -> String {
        try render(root: "as-of", folder: "text", model: try model())
    }

    func render(root: String, folder: String, model: THLModel) throws -> String {
        try templates.render(
            model, root: root, language: language, folder: folder,
            contentType: folder == "html" ? ReportFormat.html.contentType : "VALVONTA_TEXT")
    }

    static func paragraphs(_ text: String) -> [String] {
        text.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
    }

    /// A word the Swift side places (the table on screen), from the language's labels.
    func word(_ key: String) throws -> String {
        let strings = try templates.strings(for: language)
        guard let w = strings.words[key] else {
            throw ReportError.strings(file: strings.file, problem: "label '\(key)' is missing")
        }
        return w
    }

    func fieldRows() -> [THLModel.FieldRow] {
        let style = NumberStyle(language)
        return zip(form.collection.fields, form.values).map { field, value in
            var unavailable = ""
            if case .unavailable(let reason) = value { unavailable = reason[language] }
            return THLModel.FieldRow(
                id: field.id, label: field.label[language], labelFi: field.label.fi,
                value: value.count.map(style.integer) ?? "–", hasValue: value.count != nil, unavailable: unavailable,
                definition: field.definition[language], source: field.source, isForm: field.status == .form,
                isEarlierForm: field.status == .earlierForm, isNoted: field.status == .noted)
        }
    }

    func model() throws -> THLModel {
        let style = NumberStyle(language)
        let names = Dictionary(uniqueKeysWithValues: RuleCatalog.descriptions.map { ($0.rule, $0.name) })
        let notes = form.notes.map { n in
            THLModel.NoteRow(
                kind: n.kind, count: style.integer(n.count), date: n.date.map(style.date) ?? "",
                rule: n.rule.flatMap { names[$0]?[language.rawValue] } ?? "", ruleId: n.rule?.rawValue ?? "",
                text: n.text ?? "")
        }
        let day = form.asOf
        let fields = fieldRows()
        let (columns, rows) = try pageTable()
        let unavailable = fields.filter { !$0.hasValue }.map { $0.label + ": " + $0.unavailable }
        return THLModel(
            language: language.rawValue, organisation: form.organisation,
            collectionName: form.collection.name[language], collectionSummary: form.collection.summary[language],
            isKasittelyajat: form.collection.kind == .kasittelyajat, isMitoitus: form.collection.kind == .mitoitus,
            hasPeriod: form.period != nil, periodName: form.period?.description ?? "",
            periodStart: form.period.map { style.date($0.start) } ?? "",
            periodEnd: form.period.map { style.date($0.end) } ?? "", asOf: style.date(day),
            exportGenerated: style.date(form.exportGenerated),
            basis: THLModel.Basis(
                isExportDate: form.asOfBasis == .exportDate, isOption: form.asOfBasis == .option,
                isCountingDay: form.asOfBasis == .countingDay, isApril: day.month == 4, isOctober: day.month == 10),
            documentDate: style.date(documentDate), toolVersion: toolVersion, findingsSchema: form.findingsSchema,
            fields: fields, notes: notes, hasNotes: !notes.isEmpty, columns: columns, span: columns.count + 2,
            hasColumnDefinitions: columns.contains { $0.hasDefinition }, rows: rows, screenLines: try screenTable(),
            unavailable: unavailable, hasUnavailable: !unavailable.isEmpty)
    }

    /// The collection as a table: a row per measure, a column per scope (one
    /// column when the collection is not split); a field without a scope
    /// stands in the first column. `fields` holds the index of each cell's field.
    func matrix() -> (columns: [THLScope?], rows: [(first: Int, fields: [Int?])]) {
        let collection = form.collection
        let columns: [THLScope?] = collection.scopes.isEmpty ? [nil] : collection.scopes
        var measures: [String] = []
        for field in collection.fields where !measures.contains(field.measure) { measures.append(field.measure) }
        let rows = measures.compactMap { measure -> (Int, [Int?])? in
            let indices = collection.fields.indices.filter { collection.fields[$0].measure == measure }
            guard let first = indices.first else { return nil }
            let cells = columns.map { column in
                indices.first { (collection.fields[$0].scope?.id ?? columns[0]?.id) == column?.id }
            }
            return (first, cells)
        }
        return (columns, rows)
    }

    /// Values first, in one right-aligned column per scope, then the measure's label
    /// (and where it stands on the form): long labels end the line instead of widening it.
    func screenTable() throws -> [String] {
        let (columns, rows) = matrix()
        let style = NumberStyle(language)
        let heads = try columns.map { try $0?.label[language] ?? word("col.value") }
        let status = [
            THLFormStatus.earlierForm: " (" + (try word("status.short.earlierForm")) + ")",
            .noted: " (" + (try word("status.short.noted")) + ")",
        ]
        let lines = rows.map { row -> (cells: [String], label: String) in
            let field = form.collection.fields[row.first]
            let cells = row.fields.map { i in i.map { form.values[$0].count.map(style.integer) ?? "–" } ?? "" }
            return (cells, field.measureLabel[language] + (status[field.status] ?? ""))
        }
        let widths = heads.indices.map { c in lines.reduce(heads[c].count) { max($0, $1.cells[c].count) } }
        func line(_ cells: [String], _ label: String) -> String {
            let padded = cells.indices.map { String(repeating: " ", count: widths[$0] - cells[$0].count) + cells[$0] }
            let text = padded.joined(separator: "  ") + "  " + label
            return String(text.reversed().drop { $0 == " " }.reversed())
        }
        return [line(heads, "")] + lines.map { line($0.cells, $0.label) }
    }

    /// The page's table: the same rows, each with its measure's definition and findings figure.
    func pageTable() throws -> (columns: [THLModel.Column], rows: [THLModel.MeasureRow]) {
        let (columns, rows) = matrix()
        let style = NumberStyle(language)
        let heads = try columns.map { scope in
            THLModel.Column(
                label: try scope?.label[language] ?? word("col.value"), definition: scope?.definition[language] ?? "",
                source: scope?.source ?? "", hasDefinition: scope != nil)
        }
        let measureRows = rows.map { row -> THLModel.MeasureRow in
            let field = form.collection.fields[row.first]
            return THLModel.MeasureRow(
                id: field.measure, label: field.measureLabel[language],
                cells: row.fields.map { i in
                    THLModel.Cell(value: i.map { form.values[$0].count.map(style.integer) ?? "–" } ?? "")
                },
                definition: field.measureDefinition[language], source: field.measureSource,
                isForm: field.status == .form, isEarlierForm: field.status == .earlierForm,
                isNoted: field.status == .noted)
        }
        return (heads, measureRows)
    }
}

/// What the THL templates see. Numbers and dates are formatted for the language;
/// the templates hold every other word.
struct THLModel: TemplateModel {
    var t = Labels()
    var language: String
    var organisation: String
    var collectionName: String
    var collectionSummary: String
    var isKasittelyajat: Bool
    var isMitoitus: Bool
    var hasPeriod: Bool
    var periodName: String
    var periodStart: String
    var periodEnd: String
    var asOf: String
    var exportGenerated: String
    var basis: Basis
    var documentDate: String
    var toolVersion: String
    var findingsSchema: String
    /// Every field (CSV's and JSON's rows), for a templates folder that wants them.
    var fields: [FieldRow]
    var notes: [NoteRow]
    var hasNotes: Bool
    /// The page's table: a column per scope, a row per measure.
    var columns: [Column]
    /// The columns of the page's table: the field, one per scope, where it stands on the form.
    var span: Int
    var hasColumnDefinitions: Bool
    var rows: [MeasureRow]
    /// The screen's table, already aligned.
    var screenLines: [String]
    /// The fields the data cannot give, each with its reason.
    var unavailable: [String]
    var hasUnavailable: Bool
    /// The comment draft in paragraphs (the page, the screen).
    var commentParagraphs: [String] = []

    struct Basis {
        var isExportDate: Bool
        var isOption: Bool
        var isCountingDay: Bool
        var isApril: Bool
        var isOctober: Bool
    }

    struct Column {
        var label: String
        var definition: String
        var source: String
        var hasDefinition: Bool
    }

    struct Cell {
        var value: String
    }

    struct MeasureRow {
        var id: String
        var label: String
        var cells: [Cell]
        var definition: String
        var source: String
        var isForm: Bool
        var isEarlierForm: Bool
        var isNoted: Bool
    }

    struct FieldRow {
        var id: String
        var label: String
        var labelFi: String
        var value: String
        var hasValue: Bool
        var unavailable: String
        var definition: String
        var source: String
        var isForm: Bool
        var isEarlierForm: Bool
        var isNoted: Bool
    }

    /// A note of the comment: one flag per kind (`is` + the kind's name), the kind's values formatted.
    struct NoteRow {
        var isNotBegun = false
        var isNotEnded = false
        var isNotHalfYear = false
        var isBeforeExport = false
        var isAfterExport = false
        var isNotCountingDay = false
        var isRejected = false
        var isStartUnrecorded = false
        var isUrgencyUnrecorded = false
        var isOtherServices = false
        var isUnassigned = false
        var isUnqualified = false
        var isNoLimit = false
        var isReason = false
        var count: String
        var date: String
        var rule: String
        var ruleId: String
        var text: String

        init(kind: THLNote.Kind, count: String, date: String, rule: String, ruleId: String, text: String) {
            self.count = count
            self.date = date
            self.rule = rule
            self.ruleId = ruleId
            self.text = text
            switch kind {
            case .notBegun: isNotBegun = true
            case .notEnded: isNotEnded = true
            case .notHalfYear: isNotHalfYear = true
            case .beforeExport: isBeforeExport = true
            case .afterExport: isAfterExport = true
            case .notCountingDay: isNotCountingDay = true
            case .rejected: isRejected = true
            case .startUnrecorded: isStartUnrecorded = true
            case .urgencyUnrecorded: isUrgencyUnrecorded = true
            case .otherServices: isOtherServices = true
            case .unassigned: isUnassigned = true
            case .unqualified: isUnqualified = true
            case .noLimit: isNoLimit = true
            case .reason: isReason = true
            }
        }
    }
}
