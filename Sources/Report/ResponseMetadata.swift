import CaseModel
import Rules
import Foundation
import Yams

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
        actions: String? = nil, distribution: [String] = [], reasons: [RuleID: String] = [:]
    ) {
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

    /// Reads a metadata file; errors name the file and the key.
    public static func load(path: String) throws -> ResponseMetadata {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReportError.unreadableFile(path)
        }
        return try parse(yaml: String(decoding: data, as: UTF8.self), file: path)
    }

    public static func parse(yaml: String, file: String = "metadata") throws -> ResponseMetadata {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ReportError.metadata(file: file, key: nil, problem: "is not valid YAML")
        }
        let r = MetadataReader(file: file)
        guard let map = root?.mapping else {
            throw ReportError.metadata(
                file: file, key: nil, problem: "must be a mapping of the keys in docs/templates.md")
        }
        try r.onlyKeys(
            map,
            [
                "kind", "language", "recipient", "request", "organisation", "signatory", "contact",
                "actions", "distribution", "reasons",
            ], in: nil)
        let kindText = try r.requiredString(map, "kind", in: nil)
        guard let kind = ReportKind(rawValue: kindText) else {
            throw ReportError.metadata(file: file, key: "kind", problem: "must be avi-response or omavalvonta")
        }
        let languageText = try r.requiredString(map, "language", in: nil)
        guard let language = ReportLanguage(rawValue: languageText) else {
            throw ReportError.metadata(file: file, key: "language", problem: "must be fi, sv or en")
        }
        var request: Request?
        if let node = map["request"] {
            guard let m = node.mapping else { throw r.notMapping("request") }
            try r.onlyKeys(m, ["reference", "date", "subject"], in: "request")
            var date: CalendarDate?
            if let text = try r.optionalString(m, "date", in: "request") {
                guard let d = CalendarDate.parseISO(text) ?? CalendarDate.parseFinnish(text) else {
                    throw ReportError.metadata(file: file, key: "request.date", problem: "must be a date YYYY-MM-DD")
                }
                date = d
            }
            request = Request(
                reference: try r.optionalString(m, "reference", in: "request"), date: date,
                subject: try r.optionalString(m, "subject", in: "request"))
        }
        guard let orgNode = map["organisation"] else {
            throw ReportError.metadata(file: file, key: "organisation", problem: "is required")
        }
        guard let orgMap = orgNode.mapping else { throw r.notMapping("organisation") }
        try r.onlyKeys(orgMap, ["name", "unit"], in: "organisation")
        let organisation = Organisation(
            name: try r.requiredString(orgMap, "name", in: "organisation"),
            unit: try r.optionalString(orgMap, "unit", in: "organisation"))
        var signatory: Signatory?
        if let node = map["signatory"] {
            guard let m = node.mapping else { throw r.notMapping("signatory") }
            try r.onlyKeys(m, ["name", "title"], in: "signatory")
            signatory = Signatory(
                name: try r.requiredString(m, "name", in: "signatory"),
                title: try r.optionalString(m, "title", in: "signatory"))
        }
        var distribution: [String] = []
        if let node = map["distribution"] {
            guard let seq = node.sequence else {
                throw ReportError.metadata(file: file, key: "distribution", problem: "must be a list")
            }
            for item in seq {
                guard let s = item.scalar?.string else {
                    throw ReportError.metadata(file: file, key: "distribution", problem: "must be a list of text")
                }
                distribution.append(s)
            }
        }
        var reasons: [RuleID: String] = [:]
        if let node = map["reasons"] {
            guard let m = node.mapping else { throw r.notMapping("reasons") }
            for (key, _) in m {
                // The key is a rule id; an unknown one is named only when it is one of ours to name.
                guard let name = key.scalar?.string, let id = RuleID(rawValue: name) else {
                    throw ReportError.metadata(
                        file: file, key: "reasons",
                        problem: "has a key that is not a rule id; the rule ids are "
                            + RuleID.allCases.map(\.rawValue).joined(separator: ", "))
                }
                reasons[id] = try r.optionalString(m, name, in: "reasons")
            }
        }
        return ResponseMetadata(
            kind: kind, language: language, recipient: try r.optionalString(map, "recipient", in: nil),
            request: request, organisation: organisation, signatory: signatory,
            contact: try r.optionalString(map, "contact", in: nil),
            actions: try r.optionalString(map, "actions", in: nil),
            distribution: distribution, reasons: reasons)
    }
}

/// Walks the YAML node tree with errors that name the file and the key (never a value).
private struct MetadataReader {
    let file: String

    func path(_ key: String, _ parent: String?) -> String { parent.map { "\($0).\(key)" } ?? key }

    func notMapping(_ key: String) -> ReportError {
        .metadata(file: file, key: key, problem: "must be a mapping")
    }

    func onlyKeys(_ map: Node.Mapping, _ allowed: Set<String>, in parent: String?) throws {
        for (k, _) in map {
            guard let name = k.scalar?.string else {
                throw ReportError.metadata(file: file, key: parent, problem: "has a key that is not text")
            }
            if !allowed.contains(name) {
                throw ReportError.metadata(
                    file: file, key: path(name, parent),
                    problem: "is not a known key (known: \(allowed.sorted().joined(separator: ", ")))")
            }
        }
    }

    func optionalString(_ map: Node.Mapping, _ key: String, in parent: String?) throws -> String? {
        guard let node = map[key] else { return nil }
        if case .scalar(let s) = node {
            // A YAML null (`key:` or `~`) counts as absent.
            if s.style == .plain && (s.string.isEmpty || s.string == "~" || s.string == "null") { return nil }
            return s.string
        }
        throw ReportError.metadata(file: file, key: path(key, parent), problem: "must be text")
    }

    func requiredString(_ map: Node.Mapping, _ key: String, in parent: String?) throws -> String {
        guard let s = try optionalString(map, key, in: parent), !s.isEmpty else {
            throw ReportError.metadata(file: file, key: path(key, parent), problem: "is required")
        }
        return s
    }
}

/// The report stage's errors. No message carries a value from the export or
/// the metadata, only file names, keys and template names.
public enum ReportError: LocalizedError, Equatable {
    case unreadableFile(String)
    case metadata(file: String, key: String?, problem: String)
    case templatesNotFound(searched: [String])
    case missingTemplate(name: String, directory: String)
    case missingPartial(name: String, usedIn: String, directory: String)
    case templateSyntax(file: String, detail: String)
    case strings(file: String, problem: String)
    case previousFindings(file: String, problem: String)
    case cannotWrite(path: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .unreadableFile(let path):
            return "cannot read \(path)"
        case .metadata(let file, let key, let problem):
            return "\(file): " + (key.map { "key '\($0)' " } ?? "the metadata ") + problem
        case .templatesNotFound(let searched):
            return "cannot find the templates directory (looked in: \(searched.joined(separator: ", "))); "
                + "name one with --templates DIR"
        case .missingTemplate(let name, let directory):
            return "template '\(name)' is missing from \(directory) (expected \(name).mustache)"
        case .missingPartial(let name, let usedIn, let directory):
            return "partial '\(name)' used in '\(usedIn)' is missing from \(directory) (expected \(name).mustache)"
        case .templateSyntax(let file, let detail):
            return "template \(file) cannot be parsed: \(detail)"
        case .strings(let file, let problem):
            return "\(file): \(problem)"
        case .previousFindings(let file, let problem):
            return "\(file): \(problem)"
        case .cannotWrite(let path, let reason):
            return "cannot write \(path): \(reason)"
        }
    }
}
