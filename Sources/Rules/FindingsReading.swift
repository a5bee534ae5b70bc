import Foundation

extension Findings {
    /// Decodes a findings JSON file of version 1 or 2: `--previous` and the
    /// history's import read earlier findings through this one reader. Nil
    /// when the bytes are not findings JSON of either version.
    public static func decodeVersion1or2(_ data: Data) -> Findings? {
        guard let f = try? JSONDecoder().decode(Findings.self, from: data),
            f.schema == Findings.currentSchema || f.isVersion1
        else { return nil }
        return f
    }
}
