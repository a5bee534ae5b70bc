import CaseModel
import Rules
import Foundation
import StrictYAML

/// The kind of report (report.md): the AVI response (selvitys) or the
/// periodic compliance report (omavalvontaraportti).
public enum ReportKind: String, Sendable, CaseIterable, Codable {
    case aviResponse = "avi-response"
    case omavalvonta
}

/// The response metadata YAML the user edits (report.md, "Response metadata").
/// Exactly the keys listed there; any other key is an error naming it, so a
/// misspelt key is never silently left out of a document sent to an authority.
public struct ResponseMetadata: Sendable, Equatable {
    public var kind: ReportKind
    public var language: ReportLanguage
    /// The supervisory authority addressed; never hard-coded.
    public var recipient: String?
    public var request: Request?
    public var organisation: Organisation
    public var signatory: Signatory?
    public var contact: String?
    /// Corrective actions, Markdown (paragraphs, `-` lists, `**bold**`).
    public var actions: String?
    public var distribution: [String]
    /// The region's explanation of a rule's figures, by rule id (report.md Version 2:
    /// "Reasons for exceedances"), printed under the rule's table.
    public var reasons: [RuleID: String]
    /// The letter's date (report.md "A reply a director signs"); nil: the day of the run.
    public var date: CalendarDate?
    /// The region's own diary number, printed under the date (the authority's stands in VIITE).
    public var reference: String?
    /// The attachments listed under LIITTEET (the exceptions appendix is added when included).
    public var attachments: [String]
    /// The services the request concerns; nil: all three. Filters the reply's body, summary,
    /// regional differences and charts, never the findings JSON or the exceptions CSV.
    public var services: [Service]?
    /// The letter's first paragraph; nil: one sentence naming the request.
    public var opening: String?
    /// The authority's questions, in its order and words, each with the figure families that answer it.
    public var questions: [Question]
    /// Corrective actions as a table (`actions:` given as a list of {action, owner, due}).
    public var actionItems: [ActionItem]

    /// One of the authority's questions (`questions:`).
    public struct Question: Sendable, Equatable {
        public var text: String
        /// Rule ids or findings JSON array names (`ReportFamily`), in the order given.
        public var answer: [ReportFamily]
        public init(text: String, answer: [ReportFamily]) {
            self.text = text
            self.answer = answer
        }
    }

    /// One corrective action with who owns it and by when.
    public struct ActionItem: Sendable, Equatable {
        public var action: String
        public var owner: String?
        /// A date (`2026-03-31` or `31.3.2026`), printed in the document's style, or free text ("kevät 2026").
        public var due: String?
        public var dueDate: CalendarDate?
        public init(action: String, owner: String? = nil, due: String? = nil, dueDate: CalendarDate? = nil) {
            self.action = action
            self.owner = owner
            self.due = due
            self.dueDate = dueDate
        }
    }

    public struct Request: Sendable, Equatable {
        public var reference: String?
        public var date: CalendarDate?
        public var subject: String?
        public init(reference: String? = nil, date: CalendarDate? = nil, subject: String? = nil) {
            self.reference = reference
            self.date = date
            self.subject = subject
        }
    }

    public struct Organisation: Sendable, Equatable {
        public var name: String
        public var unit: String?
        public init(name: String, unit: String? = nil) {
            self.name = name
            self.unit = unit
        }
    }

    public struct Signatory: Sendable, Equatable {
        public var name: String
        public var title: String?
        public init(name: String, title: String? = nil) {
            self.name = name
            self.title = title
        }
    }

    public init(
        kind: ReportKind, language: ReportLanguage, recipient: String? = nil, request: Request? = nil,
        organisation: Organisation, signatory: Signatory? = nil, contact: String? = nil,
        actions: String? = nil, distribution: [String] = [], reasons: [RuleID: String] = [:],
        date: CalendarDate? = nil, reference: String? = nil, attachments: [String] = [], services: [Service]? = nil,
        opening: String? = nil, questions: [Question] = [], actionItems: [ActionItem] = []
    ) {
        self.date = date
        self.reference = reference
        self.attachments = attachments
        self.services = services
        self.opening = opening
        self.questions = questions
        self.actionItems = actionItems
        self.kind = kind
        self.language = language
        self.recipient = recipient
        self.request = request
        self.organisation = organisation
        self.signatory = signatory
        self.contact = contact
        self.actions = actions
        self.distribution = distribution
        self.reasons = reasons
    }

    static let keys: Set<String> = [
        "kind", "language", "recipient", "request", "organisation", "signatory", "contact", "actions",
        "distribution", "reasons", "date", "reference", "attachments", "services", "opening", "questions",
    ]

    /// Reads a metadata file with the strict YAML reader (docs/security.md,
    /// "YAML files"); every error names the file, line, column and key.
    public static func load(path: String) throws -> ResponseMetadata {
        let bytes: [UInt8]
        do {
            bytes = try StrictYAML.readFile(path)
        } catch let e as YAMLFileError {
            throw ReportError.cannotRead(path: path, reason: e.reason)
        }
        do {
            return try read(bytes, file: path)
        } catch {
            throw ReportError.yaml(error, document: "the metadata")
        }
    }

    /// Metadata from YAML text; the errors name the file and the key (`load` adds the line and column).
    public static func parse(yaml: String, file: String = "metadata") throws -> ResponseMetadata {
        do {
            return try read(Array(yaml.utf8), file: file)
        } catch {
            throw ReportError.metadata(file: file, key: error.path.isEmpty ? nil : error.path, problem: error.problem)
        }
    }

    /// Metadata from a file's bytes.
    public static func read(_ bytes: [UInt8], file: String) throws(YAMLError) -> ResponseMetadata {
        guard let root = try StrictYAML.parse(bytes, file: file) else {
            throw YAMLError(
                file: file, line: nil, column: nil, path: "", problem: "must be a mapping of the keys in docs/templates.md")
        }
        let map = try YAMLField(root, file: file).mapping("must be a mapping of the keys in docs/templates.md")
        try only(map, keys)
        let (kindText, kindField) = try requiredField(map, "kind")
        guard let kind = ReportKind(rawValue: kindText) else {
            throw kindField.error("must be avi-response or omavalvonta")
        }
        let (languageText, languageField) = try requiredField(map, "language")
        guard let language = ReportLanguage(rawValue: languageText) else {
            throw languageField.error("must be fi, sv or en")
        }
        var request: Request?
        if let field = map["request"] {
            let m = try field.mapping("must be a mapping")
            try only(m, ["reference", "date", "subject"])
            var date: CalendarDate?
            if let dateField = m["date"], let text = try dateField.optionalText() {
                guard let d = CalendarDate.parseISO(text) ?? CalendarDate.parseFinnish(text) else {
                    throw dateField.error("must be a date YYYY-MM-DD")
                }
                date = d
            }
            request = Request(reference: try optional(m, "reference"), date: date, subject: try optional(m, "subject"))
        }
        guard let orgField = map["organisation"] else {
            throw YAMLError(
                file: file, line: root.line, column: root.column, path: "organisation", problem: "is required")
        }
        let org = try orgField.mapping("must be a mapping")
        try only(org, ["name", "unit"])
        let organisation = Organisation(name: try required(org, "name"), unit: try optional(org, "unit"))
        var signatory: Signatory?
        if let field = map["signatory"] {
            let m = try field.mapping("must be a mapping")
            try only(m, ["name", "title"])
            signatory = Signatory(name: try required(m, "name"), title: try optional(m, "title"))
        }
        let distribution = try textList(map["distribution"], "the list holds names")
        let attachments = try textList(map["attachments"], "the list holds the attachments' titles")
        var date: CalendarDate?
        if let field = map["date"], let text = try field.optionalText() {
            guard let d = CalendarDate.parseISO(text) ?? CalendarDate.parseFinnish(text) else {
                throw field.error("must be a date YYYY-MM-DD")
            }
            date = d
        }
        var services: [Service]?
        if let field = map["services"] {
            var list: [Service] = []
            for item in try field.sequence("must be a list of services") {
                guard let text = item.scalar?.text, let service = Service(rawValue: text) else {
                    throw item.error(
                        "must be a service: " + Service.allCases.map(\.rawValue).joined(separator: ", "))
                }
                if !list.contains(service) { list.append(service) }
            }
            if list.isEmpty { throw field.error("must name at least one service (leave the key out for all three)") }
            services = list
        }
        var questions: [Question] = []
        if let field = map["questions"] {
            for item in try field.sequence("must be a list of {question, answer}") {
                let m = try item.mapping("must be a mapping with the keys question and answer")
                try only(m, ["question", "answer"])
                let text = try required(m, "question")
                guard let answerField = m["answer"] else {
                    throw YAMLError(
                        file: file, line: item.node.line, column: item.node.column, path: item.path.key("answer").description,
                        problem: "is required: the rule ids or findings arrays that answer the question")
                }
                var answer: [ReportFamily] = []
                for a in try answerField.sequence("must be a list of rule ids or findings arrays") {
                    // An unknown name is not repeated back, only placed and the known ones listed.
                    guard let name = a.scalar?.text, let family = ReportFamily(rawValue: name) else {
                        throw a.error(
                            "is not a rule id or findings array; known: "
                                + ReportFamily.allCases.map(\.rawValue).joined(separator: ", "))
                    }
                    if !answer.contains(family) { answer.append(family) }
                }
                if answer.isEmpty { throw answerField.error("must name at least one rule id or findings array") }
                questions.append(Question(text: text, answer: answer))
            }
        }
        var actions: String?
        var actionItems: [ActionItem] = []
        if let field = map["actions"] {
            if field.scalar != nil {
                actions = try optional(map, "actions")
            } else {
                for item in try field.sequence("must be Markdown text or a list of {action, owner, due}") {
                    let m = try item.mapping("must be a mapping with the keys action, owner and due")
                    try only(m, ["action", "owner", "due"])
                    let due = try optional(m, "due")
                    actionItems.append(
                        ActionItem(
                            action: try required(m, "action"), owner: try optional(m, "owner"), due: due,
                            dueDate: due.flatMap { CalendarDate.parseISO($0) ?? CalendarDate.parseFinnish($0) }))
                }
            }
        }
        var reasons: [RuleID: String] = [:]
        if let field = map["reasons"] {
            let m = try field.mapping("must be a mapping")
            for pair in m.pairs {
                // The key is a rule id; an unknown one is not repeated back, only placed.
                guard let id = RuleID(rawValue: pair.key) else {
                    throw YAMLError(
                        file: file, line: pair.keyLine, column: pair.keyColumn, path: "reasons",
                        problem: "has a key that is not a rule id; the rule ids are "
                            + RuleID.allCases.map(\.rawValue).joined(separator: ", "))
                }
                reasons[id] = try optional(m, pair.key)
            }
        }
        return ResponseMetadata(
            kind: kind, language: language, recipient: try optional(map, "recipient"), request: request,
            organisation: organisation, signatory: signatory, contact: try optional(map, "contact"),
            actions: actions, distribution: distribution, reasons: reasons, date: date,
            reference: try optional(map, "reference"), attachments: attachments, services: services,
            opening: try optional(map, "opening"), questions: questions, actionItems: actionItems)
    }

    /// A list of plain texts (`distribution`, `attachments`); missing is empty.
    static func textList(_ field: YAMLField?, _ what: String) throws(YAMLError) -> [String] {
        guard let field else { return [] }
        var out: [String] = []
        for item in try field.sequence("must be a list") {
            guard let s = item.scalar else { throw item.error("must be text (\(what))") }
            out.append(s.text)
        }
        return out
    }

    /// Every key is one of `allowed`: a misspelt key is never silently left out of the reply.
    static func only(_ map: YAMLMapping, _ allowed: Set<String>) throws(YAMLError) {
        if let unknown = map.firstUnknownKey(allowed: allowed) {
            throw map.error(
                key: unknown, "is not a known key (known: \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    /// Text, or nil when the key is missing or null (`key:`, `~`).
    static func optional(_ map: YAMLMapping, _ key: String) throws(YAMLError) -> String? {
        try map[key]?.optionalText("must be text")
    }

    static func required(_ map: YAMLMapping, _ key: String) throws(YAMLError) -> String {
        try requiredField(map, key).0
    }

    /// Non-empty text and where it stands; a missing key is placed at its mapping.
    static func requiredField(_ map: YAMLMapping, _ key: String) throws(YAMLError) -> (String, YAMLField) {
        guard let field = map[key] else {
            throw YAMLError(
                file: map.field.file, line: map.field.node.line, column: map.field.node.column,
                path: map.field.path.key(key).description, problem: "is required")
        }
        guard let text = try field.optionalText("must be text"), !text.isEmpty else {
            throw field.error("is required")
        }
        return (text, field)
    }
}

/// The report stage's errors. No message carries a value from the export or
/// the metadata, only file names, keys and template names.
public enum ReportError: LocalizedError, Equatable {
    case unreadableFile(String)
    /// A file that exists (or not) but cannot be read: the system's reason.
    case cannotRead(path: String, reason: String)
    case metadata(file: String, key: String?, problem: String)
    /// A YAML file refused by the strict reader, or a value in it that is not
    /// what the key needs, at its place (`document`: "the metadata", "the labels").
    case yaml(YAMLError, document: String)
    case templatesNotFound(searched: [String])
    /// `templates export` into a folder that holds something, without `--force`.
    case exportFolderNotEmpty(path: String)
    case missingTemplate(name: String, directory: String)
    case missingPartial(name: String, usedIn: String, directory: String)
    case templateSyntax(file: String, detail: String)
    /// A template refused before rendering, at its place (`path` as the user can find it).
    case template(path: String, line: Int?, problem: String)
    case strings(file: String, problem: String)
    case previousFindings(file: String, problem: String)
    case cannotWrite(path: String, reason: String)
    /// Another run holds the output folder's lock.
    case outputLocked(path: String)

    public var errorDescription: String? {
        switch self {
        case .unreadableFile(let path):
            return "cannot read \(YAMLError.shown(path))"
        case .cannotRead(let path, let reason):
            return "cannot read \(YAMLError.shown(path)): \(reason)"
        case .yaml(let place, let document):
            return "\(document) cannot be used; nothing was written:\n  \(place)"
        case .metadata(let file, let key, let problem):
            return "\(file): " + (key.map { "key '\($0)' " } ?? "the metadata ") + problem
        case .templatesNotFound(let searched):
            return "cannot find the templates directory \(searched.joined(separator: ", ")); name a folder that "
                + "exists (valvonta templates export DIR writes the built-in set), or leave out --templates and "
                + "VALVONTA_TEMPLATES to use the built-in templates"
        case .exportFolderNotEmpty(let path):
            return "\(YAMLError.shown(path)) is not empty; nothing was written. Name a new or empty folder, or add "
                + "--force to write the built-in templates into it (replacing files of the same name)"
        case .missingTemplate(let name, let directory):
            return "template '\(name)' is missing from \(directory) (expected \(name).mustache)"
        case .missingPartial(let name, let usedIn, let directory):
            return "partial '\(name)' used in '\(usedIn)' is missing from \(directory) (expected \(name).mustache)"
        case .templateSyntax(let file, let detail):
            return "template \(file) cannot be parsed: \(detail)"
        case .template(let path, let line, let problem):
            return "the templates cannot be used; nothing was written:\n  \(YAMLError.shown(path))"
                + (line.map { ":\($0)" } ?? "") + ": " + problem
        case .strings(let file, let problem):
            return "\(file): \(problem)"
        case .previousFindings(let file, let problem):
            return "\(file): \(problem)"
        case .cannotWrite(let path, let reason):
            return "cannot write \(YAMLError.shown(path)): \(reason)"
        case .outputLocked(let path):
            return "another valvonta run is writing into \(YAMLError.shown(path)) (it holds the folder's lock); "
                + "nothing was written, try again when it has finished"
        }
    }
}
