import Crypto
import Foundation
import Rules

/// The settings as the store keeps them: one `name = value` line per setting,
/// in name order, a dictionary's entries in key order. Taken by reflection, so a
/// setting added to `RuleSettings` is in the text (and the hash) without a change here.
public enum SettingsText {
    public static func text(_ settings: RuleSettings) -> String {
        Mirror(reflecting: settings).children.compactMap { child -> String? in
            guard let label = child.label else { return nil }
            return label + " = " + value(child.value)
        }.sorted().joined(separator: "\n")
    }

    /// The hex SHA-256 of the text.
    public static func hash(_ text: String) -> String {
        ExportFingerprint.hex(SHA256.hash(data: Data(text.utf8)))
    }

    private static func value(_ v: Any) -> String {
        let m = Mirror(reflecting: v)
        switch m.displayStyle {
        case .dictionary:
            let entries = m.children.map { entry -> String in
                let pair = Array(Mirror(reflecting: entry.value).children)
                guard pair.count == 2 else { return value(entry.value) }
                return value(pair[0].value) + ": " + value(pair[1].value)
            }
            return "{" + entries.sorted().joined(separator: ", ") + "}"
        case .collection, .set:
            let items = m.children.map { value($0.value) }
            return "[" + (m.displayStyle == .set ? items.sorted() : items).joined(separator: ", ") + "]"
        case .enum:
            if let r = v as? any RawRepresentable { return "\(r.rawValue)" }
            return "\(v)"
        default:
            return "\(v)"
        }
    }
}
