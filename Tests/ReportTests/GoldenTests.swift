import Foundation
import Report
import Testing

/// The rendered reports against golden files in Tests/ReportTests/Golden.
/// Volatile values are placeholders: the document date (fixed at 2024-06-03
/// and replaced by `<DATE>`) and the tool version (`VERSION`). Run with
/// `UPDATE_GOLDEN=1` to rewrite them after a deliberate template change.
@Suite struct GoldenTests {
    static let goldenDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static let cases: [(ReportKind, ReportLanguage, ReportFormat)] =
        [ReportLanguage.fi, .sv, .en].flatMap { lang in
            [ReportFormat.html, .markdown].map { (ReportKind.aviResponse, lang, $0) }
        } + [(.omavalvonta, .fi, .html), (.omavalvonta, .fi, .markdown)]

    @Test(arguments: 0..<cases.count)
    func matchesGolden(_ index: Int) throws {
        let (kind, lang, format) = Self.cases[index]
        let previous = kind == .omavalvonta ? ReportFixture.previousFindings : nil
        var text = try ReportFixture.render(kind, lang, format: format, previous: previous)
        let date = lang == .en ? "2024-06-03" : "3.6.2024"
        text = text.replacingOccurrences(of: date, with: "<DATE>")
        let name = "\(kind.rawValue)-\(lang.rawValue).\(format == .html ? "html" : "md")"
        let url = Self.goldenDir.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] != nil {
            try FileManager.default.createDirectory(at: Self.goldenDir, withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if text != expected {
            let a = text.split(separator: "\n", omittingEmptySubsequences: false)
            let b = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
            Issue.record("\(name) differs from its golden file at line \(line + 1)")
        }
    }
}
