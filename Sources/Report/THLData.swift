import CaseModel
import Rules

/// The machine-readable forms of a filled THL collection: one row (CSV) or
/// object (JSON) per field, with its Finnish label (as THL's form names it), its
/// label and definition in the chosen language and the findings figure it is.
/// Values are exact integers; a figure the data cannot give is empty (CSV) or
/// `null` (JSON), with the reason beside it.
extension THLDocuments {
    /// The JSON's schema; a change of its keys is a new version.
    public static let jsonSchema = "valvonta-thl/1"

    /// RFC 4180 (the exceptions list's quoting, formula characters neutralised), CRLF line ends.
    public func csv() -> String {
        let header = [
            "collection", "period", "asOf", "field", "label_fi", "label", "value", "status", "definition", "source",
            "unavailable",
        ]
        var out = header.joined(separator: ",") + "\r\n"
        for (field, value) in zip(form.collection.fields, form.values) {
            var reason = ""
            if case .unavailable(let why) = value { reason = why[language] }
            let cells = [
                form.collection.kind.rawValue, form.period?.description ?? "", form.asOf.iso, field.id, field.label.fi,
                field.label[language], value.count.map(String.init) ?? "", field.status.rawValue,
                field.definition[language], field.source, reason,
            ]
            out += cells.map(ExceptionList.quote).joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// Keys in a fixed order, every key present, one field per line.
    public func json(comment: String? = nil) throws -> String {
        let comment = try comment ?? self.comment()
        let period = form.period.map {
            "{ \"name\": \(Self.string($0.description)), \"start\": \(Self.string($0.start.iso)), "
                + "\"end\": \(Self.string($0.end.iso)) }"
        }
        var out = "{\n"
        let head: [(String, String)] = [
            ("schema", Self.string(Self.jsonSchema)),
            ("collection", Self.string(form.collection.kind.rawValue)),
            ("name", Self.string(form.collection.name[language])),
            ("language", Self.string(language.rawValue)),
            ("organisation", Self.string(form.organisation)),
            ("notForPublication", "true"),
            ("period", period ?? "null"),
            ("asOf", Self.string(form.asOf.iso)),
            ("asOfBasis", Self.string(form.asOfBasis.rawValue)),
            ("asOfExplanation", Self.string(try asOfExplanation())),
            ("exportGenerated", Self.string(form.exportGenerated.iso)),
            ("findings", Self.string(form.findingsSchema)),
        ]
        for (key, value) in head { out += "  \(Self.string(key)): \(value),\n" }
        out += "  \"fields\": [\n"
        let rows = zip(form.collection.fields, form.values).map { field, value -> String in
            var reason = "null"
            if case .unavailable(let why) = value { reason = Self.string(why[language]) }
            let pairs: [(String, String)] = [
                ("id", Self.string(field.id)), ("labelFi", Self.string(field.label.fi)),
                ("label", Self.string(field.label[language])), ("value", value.count.map(String.init) ?? "null"),
                ("unavailable", reason), ("status", Self.string(field.status.rawValue)),
                ("definition", Self.string(field.definition[language])), ("source", Self.string(field.source)),
            ]
            return "    { " + pairs.map { "\(Self.string($0.0)): \($0.1)" }.joined(separator: ", ") + " }"
        }
        out += rows.joined(separator: ",\n") + (rows.isEmpty ? "" : "\n") + "  ],\n"
        out += "  \"comment\": \(Self.string(comment))\n}\n"
        return out
    }

    /// A JSON string literal, escaped as the findings JSON escapes it.
    static func string(_ s: String) -> String { FindingsJSON.string(s) }
}
