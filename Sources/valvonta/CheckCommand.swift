import ArgumentParser
import CaseModel
import Foundation
import Rules

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Evaluate every rule on the exports and print the findings.",
        discussion: """
            Exit 0 when the check ran, 1 when the exports or the settings could not be read, and with \
            --strict 2 when any deadline rule has late or overdue items in the period.
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var input: ImportArguments

    @Option(
        name: .customLong("as-of"), help: "The evaluation date T, YYYY-MM-DD (default: the export's generated date).")
    var asOf: String?

    @Option(
        help: """
            The reporting period: YYYY-MM-DD..YYYY-MM-DD or a preset (2024H1, 2024H2, 2024T1–T3, 2024Q1–Q4, 2024); \
            default: the export's own period.
            """)
    var period: String?

    @Option(help: "A YAML file of rule settings (see docs/settings.md).")
    var settings: String?

    @Option(help: "Output: text (a short summary) or json (findings JSON version 1).")
    var format: OutputFormat = .text

    @Flag(help: "Exit 2 when any deadline rule has late or overdue items.")
    var strict = false

    func validate() throws {
        if let asOf, CalendarDate.parseISO(asOf) == nil {
            throw ValidationError("--as-of must be a real date written YYYY-MM-DD, not '\(asOf)'.")
        }
        if let period {
            do {
                _ = try ReportingPeriod.parse(period)
            } catch {
                throw ValidationError("--period: " + error.localizedDescription + ".")
            }
        }
    }

    func run() throws {
        // The settings first: a typo there should not cost a long import.
        var ruleSettings = RuleSettings()
        if let path = settings {
            do {
                ruleSettings = try RuleSettings.load(path: path)
            } catch {
                printError("error: " + error.localizedDescription)
                throw ExitCode(1)
            }
        }
        let export = try input.load()
        let t = asOf.flatMap { CalendarDate.parseISO($0) }
        let range = try period.map { try ReportingPeriod.parse($0).range }
        let evaluation = evaluate(export, asOf: t, period: range, settings: ruleSettings)
        switch format {
        case .json: FileHandle.standardOutput.write(Data(FindingsJSON.encode(evaluation.findings).utf8))
        case .text: print(CheckSummary.text(evaluation))
        }
        let failing = evaluation.findings.deadlines.contains {
            $0.region == Findings.allRegions && $0.late + $0.overdue > 0
        }
        if strict && failing { throw ExitCode(2) }
    }
}
