import CaseModel
import Foundation
import Rules

/// The case-level exceptions: every in-period deadline item that is late or
/// overdue on T, in the evaluation's order (rule, service, region, case id),
/// then the first plans later than the setting `firstPlanDays` (`LSL30-first-plan`).
public enum ExceptionList {
    public static func items(_ e: Evaluation) -> [DeadlineItem] {
        e.items.filter { $0.outcome == .late || $0.outcome == .overdue } + FirstPlanRule.lateItems(e)
    }

    /// `exceptions.csv`: one row per late or overdue item. Machine-readable, so
    /// the header is fixed English keys, dates ISO, region the export's code;
    /// `done` is empty for an overdue item. RFC 4180 quoting, CRLF line ends.
    public static func csv(_ e: Evaluation) -> String {
        var out = "caseId,region,rule,service,clockStart,deadline,done,outcome,daysLate\r\n"
        for item in items(e) {
            let fields = [
                item.caseId, item.region, item.rule, item.service.rawValue, item.clockStart.iso, item.deadline.iso,
                item.done?.iso ?? "", item.outcome.rawValue, String(item.daysLate(asOf: e.asOf)),
            ]
            out += fields.map(quote).joined(separator: ",") + "\r\n"
        }
        return out
    }

    static func quote(_ s: String) -> String {
        // A leading = + - @ (or a tab or carriage return before one) would be run as a
        // formula by a spreadsheet (OWASP, CSV injection): prefix a quote mark.
        var v = s
        if let c = v.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(c) { v = "'" + v }
        // By scalar: "\r\n" is one Character, which equals neither "\r" nor "\n".
        guard v.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return v }
        return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
