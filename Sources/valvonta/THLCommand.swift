import ArgumentParser
import CaseImport
import CaseModel
import Foundation
import Report
import Rules

/// THL's twice-yearly national collections, filled from the rules' findings (docs/thl.md).
struct THLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "thl",
        abstract: "THL's twice-yearly collections from the same data: käsittelyajat and mitoitus.",
        discussion: """
            Prints a short table of the figures and a draft for the form's comment field; with --out writes the \
            figures as CSV and JSON (each field with its Finnish label and its definition), an HTML copy the \
            region keeps (not for publication, exact counts) and the comment draft, as one set. Exit 0 when done, \
            1 when an input could not be read or an output not written.
            """,
        subcommands: [THLProcessingTimesCommand.self, THLStaffingRatioCommand.self]
    )
}

/// `valvonta thl kasittelyajat`: the half-year's deadlines.
struct THLProcessingTimesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kasittelyajat",
        abstract:
            "Lastensuojelun käsittelyajat of a half-year (--period 2026H1 = 1.10.2025–31.3.2026, 2026H2 = 1.4.–30.9.2026)."
    )

    @OptionGroup var input: ImportArguments

    @OptionGroup var evaluation: EvaluationArguments

    @OptionGroup var output: THLOutputArguments

    @OptionGroup var recording: StoreArguments

    func validate() throws {
        guard evaluation.period != nil else {
            throw ValidationError("--period is required: THL's half-year, e.g. 2026H1 (1.10.2025–31.3.2026) or 2026H2.")
        }
    }

    func run() throws {
        try output.run(.kasittelyajat, settings: evaluation.ruleSettings) { settings in
            let export = try input.load()
            let e = try evaluation.evaluate(export, settings: settings)
            try recording.record(e.findings, exports: input.exports, settings: settings, source: "thl")
            let period = try evaluation.period.map { try ReportingPeriod.parse($0) }
            return (export.header, e, period, evaluation.asOf == nil ? .exportDate : .option)
        }
    }
}

/// `valvonta thl mitoitus`: the situation on the counting day.
struct THLStaffingRatioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mitoitus",
        abstract: "Lastensuojelun henkilöstömitoitus on the counting day (by default the second Tuesday of April or "
            + "October on or before the export's date)."
    )

    @OptionGroup var input: ImportArguments

    @Option(
        name: .customLong("as-of"),
        help: """
            The counting day, YYYY-MM-DD (default: the second Tuesday of April or October on or before the \
            export's generated date).
            """,
        transform: { text in
            guard let d = CalendarDate.parseISO(text) else {
                throw ValidationError("--as-of must be a real date written YYYY-MM-DD, not '\(text)'.")
            }
            return d
        })
    var asOf: CalendarDate?

    @Option(help: "A YAML file of rule settings (see docs/settings.md).")
    var settings: String?

    @OptionGroup var output: THLOutputArguments

    @OptionGroup var recording: StoreArguments

    /// The settings file read, or the defaults.
    func ruleSettings() throws -> RuleSettings {
        try settings.map { try RuleSettings.load(path: $0) } ?? RuleSettings()
    }

    func run() throws {
        try output.run(.mitoitus, settings: ruleSettings) { ruleSettings in
            let export = try input.load()
            let day = asOf ?? THLCountingDay.latest(onOrBefore: export.header.generatedDate)
            let e = Rules.evaluate(export, asOf: day, settings: ruleSettings)
            try recording.record(e.findings, exports: input.exports, settings: ruleSettings, source: "thl")
            return (export.header, e, nil, asOf == nil ? .countingDay : .option)
        }
    }
}

/// The options both collections share: where the outputs go, their language,
/// the metadata whose `reasons:` go into the comment, and the templates.
struct THLOutputArguments: ParsableArguments {
    @Option(help: "A directory to write the CSV, JSON, HTML copy and comment draft into (created when missing).")
    var out: String?

    @Option(help: "Language: fi, sv or en (default: the metadata's, else fi).")
    var lang: ReportLanguage?

    @Option(help: "The response metadata YAML; its reasons: for the collection's rules go into the comment draft.")
    var metadata: String?

    @Option(help: "A templates directory to use instead of the built-in one (its thl/ folder is used).")
    var templates: String?

    /// Reads what a typo can break first (metadata, settings, templates), then
    /// `evaluate`s the export; renders everything, writes the set and prints the
    /// table. Errors of the inputs and outputs exit 1.
    func run(
        _ collection: THLCollection, settings: () throws -> RuleSettings,
        evaluate: (RuleSettings) throws -> (ExportHeader, Evaluation, ReportingPeriod?, THLAsOfBasis)
    ) throws {
        do {
            let meta = try metadata.map { try ResponseMetadata.load(path: $0) }
            let ruleSettings = try settings()
            let templateSet = try TemplateLocator.templates(
                option: templates, environment: ProcessInfo.processInfo.environment)
            let language = lang ?? meta?.language ?? .fi
            let (header, e, period, basis) = try evaluate(ruleSettings)
            let form = THLForm(
                collection, evaluation: e, period: period, asOfBasis: basis, header: header,
                reasons: meta?.reasons ?? [:])
            let documents = try THLDocuments(
                form: form, language: language, templates: templateSet, documentDate: today(),
                toolVersion: Valvonta.configuration.version)
            // Everything is rendered before anything is written or printed.
            let comment = try documents.comment()
            let screen = try documents.screen(comment: comment)
            let files = try out == nil ? [] : documents.files()
            if let out {
                let wait = ProcessInfo.processInfo.environment["VALVONTA_LOCK_WAIT"].flatMap(Double.init) ?? 30
                try OutputSet(folder: out, files: files).write(lockWait: max(0, min(wait, 3600))) {
                    printError("waiting: another valvonta run is writing into \(out)")
                }
            }
            print(screen, terminator: screen.hasSuffix("\n") ? "" : "\n")
        } catch let e as ExitCode {
            throw e
        } catch let e as LocalizedError {
            printError("error: " + (e.errorDescription ?? "the THL figures could not be written"))
            throw ExitCode(1)
        }
    }

}
