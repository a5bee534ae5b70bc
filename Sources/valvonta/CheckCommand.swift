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

    @OptionGroup var evaluation: EvaluationArguments

    @Option(help: "Output: text (a short summary) or json (findings JSON version 2).")
    var format: OutputFormat = .text

    @Flag(help: "Exit 2 when any deadline rule has late or overdue items.")
    var strict = false

    @OptionGroup var recording: StoreArguments

    func run() throws {
        // The settings first: a typo there should not cost a long import.
        let ruleSettings: RuleSettings
        do {
            ruleSettings = try self.evaluation.ruleSettings()
        } catch {
            printError("error: " + error.localizedDescription)
            throw ExitCode(1)
        }
        trace("start")
        let export = try input.load()
        let evaluation = try self.evaluation.evaluate(export, settings: ruleSettings)
        trace("evaluated")
        try recording.record(evaluation.findings, exports: input.exports, settings: ruleSettings, source: "check")
        switch format {
        case .json: FileHandle.standardOutput.write(Data(FindingsJSON.encode(evaluation.findings).utf8))
        case .text: print(CheckSummary.text(evaluation))
        }
        trace("written")
        let failing = evaluation.findings.deadlines.contains {
            $0.region == Findings.allRegions && $0.late + $0.overdue > 0
        }
        if strict && failing { throw ExitCode(2) }
    }
}
