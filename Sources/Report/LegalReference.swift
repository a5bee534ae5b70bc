/// A legal reference in the document's language (report.md "A reply a director signs": statutes in
/// the language of the document). The rules carry Finnish references ("LSL 26 § 1 mom.",
/// "SHL 42 § 1 ja 3 mom."); Swedish writes the acts as BSL and SVL ("BSL 26 § 1 mom."), English as
/// CWA and SWA with sections and subsections ("CWA s. 26(1)"). The abbreviations are spelt out once,
/// under SOVELLETUT SÄÄNNÖKSET (labels `text.acts`).
enum LegalReference {
    static func localise(_ reference: String, _ language: ReportLanguage) -> String {
        switch language {
        case .fi: return reference
        case .sv:
            return reference.split(separator: ";", omittingEmptySubsequences: false).map {
                var s = String($0)
                s = replaceAct(s, "LSL", "BSL")
                s = replaceAct(s, "SHL", "SVL")
                return s.replacingOccurrences(of: " ja ", with: " och ")
            }.joined(separator: ";")
        case .en:
            return reference.split(separator: ";", omittingEmptySubsequences: false).map { english(String($0)) }
                .joined(separator: ";")
        }
    }

    private static func replaceAct(_ s: String, _ from: String, _ to: String) -> String {
        let t = s.trimmingCharacters(in: .whitespaces)
        guard t.hasPrefix(from + " ") else { return s }
        let lead = s.prefix { $0 == " " }
        return lead + to + t.dropFirst(from.count)
    }

    /// "LSL 13 b § 2 mom." → "CWA s. 13 b(2)"; "SHL 42 § 1 ja 3 mom." → "SWA s. 42(1) and (3)".
    private static func english(_ part: String) -> String {
        let lead = String(part.prefix { $0 == " " })
        let t = part.trimmingCharacters(in: .whitespaces)
        let acts = ["LSL": "CWA", "SHL": "SWA"]
        guard let space = t.firstIndex(of: " "), let act = acts[String(t[..<space])],
            let sign = t.range(of: " §")
        else { return part }
        let section = t[t.index(after: space)..<sign.lowerBound]
        var rest = t[sign.upperBound...].trimmingCharacters(in: .whitespaces)
        var subsections = ""
        if rest.hasSuffix("mom.") {
            rest = String(rest.dropLast(4)).trimmingCharacters(in: .whitespaces)
            subsections = rest.components(separatedBy: " ja ").map { "(\($0))" }.joined(separator: " and ")
        }
        return lead + act + " s. " + section + subsections
    }
}
