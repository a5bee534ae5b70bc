import CaseModel
import Crypto
import Foundation

extension IdentityCode {
    /// The keyed hash that replaces a code when the user asked to pseudonymise:
    /// HMAC-SHA256 of the trimmed, upper-cased code, as `ps-` and 24 hex digits.
    /// The same code gives the same pseudonym with the same key, so ids still join.
    public static func pseudonym<S: StringProtocol>(for value: S, key: [UInt8]) -> String {
        let normalised = value.trimmingCharacters(in: .whitespaces).uppercased()
        let mac = HMAC<SHA256>.authenticationCode(for: Array(normalised.utf8), using: SymmetricKey(data: key))
        let hex = mac.prefix(12).map { b in
            let s = String(b, radix: 16)
            return b < 16 ? "0" + s : s
        }.joined()
        return "ps-" + hex
    }
}
