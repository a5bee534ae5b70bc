import ArgumentParser
import CaseImport
import CaseModel
import Foundation
import Report
import Rules

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the AVI response or the periodic compliance report (HTML, Markdown, DOCX, CSV, JSON).",
        discussion: """
            Writes report.html, report.md, report.docx, exceptions.csv and findings.json (as --format asks) into --out as \
            one set: all of them replace the previous ones, or none does. A second run into the same folder \
            waits for the first (VALVONTA_LOCK_WAIT seconds, default 30). The words come from the templates \
            directory (docs/templates.md). Exit 0 when written, 1 when an input could not be read or an \
            output not written.
            """
    )

    enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
        case html, markdown, csv, json, docx
    }

    @OptionGroup var input: ImportArguments

    @Option(help: "The response metadata YAML (docs/example-metadata.yaml shows every key).")
    var metadata: String

    @Option(help: "The directory to write the outputs into (created when missing).")
    var out: String

    @OptionGroup var evaluation: EvaluationArguments

    @Option(help: "The previous period: a findings JSON file (*.json) or an export evaluated on its own dates.")
    var previous: String?

    @OptionGroup var recording: StoreArguments

    @Option(help: "A history store (SQLite file or postgres://…): the report shows the trend over its evaluations.")
    var history: String?

    @Option(help: "Language: fi, sv or en (overrides the metadata).")
    var lang: ReportLanguage?

    @Option(help: "Kind: avi-response or omavalvonta (overrides the metadata).")
    var kind: ReportKind?

    @Option(help: "Comma-separated outputs: html, markdown, csv, json, docx (default: all).")
    var format: String = "html,markdown,csv,json,docx"

    @Flag(help: "Add the case-level exceptions appendix (pseudonymous case ids) to the report.")
    var exceptions = false

    @Flag(
        name: .customLong("no-suppress"), help: "Show counts 1–4 and rates of small denominators (internal use only).")
    var noSuppress = false

    @Option(help: "A templates directory to use instead of the built-in one (copy templates/ and edit it).")
    var templates: String?

    @Option(
        name: .customLong("reference-docx"),
        help: "A Word document whose styles replace the DOCX's own (docs/templates.md, \"DOCX\").")
    var referenceDocx: String?

    func validate() throws {
        _ = try formats()
    }

    func formats() throws -> Set<OutputFormat> {
        var set = Set<OutputFormat>()
        for part in format.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces)
            guard let f = OutputFormat(rawValue: name) else {
                throw ValidationError("--format: '\(name)' is not one of html, markdown, csv, json, docx.")
            }
            set.insert(f)
        }
        if set.isEmpty { throw ValidationError("--format names no output.") }
        return set
    }

    func run() throws {
        do {
            try write()
        } catch let e as ExitCode {
            throw e
        } catch let e as LocalizedError {
            printError("error: " + (e.errorDescription ?? "the report could not be written"))
            throw ExitCode(1)
        }
    }

    func write() throws {
        // Everything a typo can break is read before the long import.
        var meta = try ResponseMetadata.load(path: metadata)
        if let lang { meta.language = lang }
        if let kind { meta.kind = kind }
        let ruleSettings = try self.evaluation.ruleSettings()
        let templateSet = try TemplateLocator.templates(option: templates, environment: ProcessInfo.processInfo.environment)
        let strings = try templateSet.strings(for: meta.language)
        let wanted = try formats()

        let export = try input.load()
        let evaluation = try self.evaluation.evaluate(export, settings: ruleSettings)
        try recording.record(evaluation.findings, exports: input.exports, settings: ruleSettings, source: "report")
        let stored = try history.map { try loadHistory($0, evaluation: evaluation, kind: meta.kind) }
        let previousFindings = try previous.map { try loadPrevious($0, settings: ruleSettings) } ?? stored?.previous

        if meta.date == nil {
            printError(
                "note: the letter is dated \(NumberStyle(meta.language).date(today())), the day of the run "
                    + "(Europe/Helsinki); set 'date:' in the metadata to date it yourself")
        }
        var options = ReportOptions(
            documentDate: today(), toolVersion: Valvonta.configuration.version, suppress: !noSuppress,
            includeExceptions: exceptions)
        options.history = stored?.all ?? []
        let model = try ReportBuilder(
            evaluation: evaluation, previous: previousFindings, metadata: meta, rules: RuleCatalog.descriptions,
            strings: strings, options: options
        ).build()

        // Everything is rendered before anything is written, so a template
        // error leaves no folder and no partial set of outputs behind. The outputs
        // are independent and rendered on as many threads as there are cores, the
        // DOCX (the longest: its zip) first; a failure is reported as the first in
        // the list's order, as when they were rendered one after another.
        let docx = wanted.contains(.docx) ? try DocxDocument(templates: templateSet, referenceDocx: referenceDocx) : nil
        let letterDate = meta.date ?? options.documentDate
        var jobs: [(name: String, render: @Sendable () throws -> [UInt8])] = []
        for f in [ReportFormat.html, .markdown] where wanted.contains(f == .html ? .html : .markdown) {
            jobs.append((f == .html ? "report.html" : "report.md", { [meta] in
                Array(try templateSet.render(model, kind: meta.kind, language: meta.language, format: f).utf8)
            }))
        }
        if let docx {
            jobs.append(("report.docx", { [meta] in
                try docx.render(model, kind: meta.kind, language: meta.language, date: letterDate)
            }))
        }
        if wanted.contains(.csv) { jobs.append(("exceptions.csv", { Array(ExceptionList.csv(evaluation).utf8) })) }
        if wanted.contains(.json) {
            jobs.append(("findings.json", { Array(FindingsJSON.encode(evaluation.findings).utf8) }))
        }
        let results = ThreadSlots<Result<[UInt8], Error>?>(count: jobs.count, repeating: nil)
        let order = jobs.indices.sorted { (jobs[$0].name == "report.docx" ? 0 : 1) < (jobs[$1].name == "report.docx" ? 0 : 1) }
        let next = IndexQueue(order)
        let threads = min(jobs.count, max(1, ProcessInfo.processInfo.activeProcessorCount))
        let work = jobs
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            while let k = next.take() { results[k] = Result { try work[k].render() } }
        }
        var outputs: [(name: String, contents: [UInt8])] = []
        for k in jobs.indices {
            guard let result = results[k] else { continue }
            outputs.append((jobs[k].name, try result.get()))
        }
        let wait = ProcessInfo.processInfo.environment["VALVONTA_LOCK_WAIT"].flatMap(Double.init) ?? 30
        try OutputSet(folder: out, files: outputs).write(lockWait: max(0, min(wait, 3600))) {
            printError("waiting: another valvonta run is writing into \(out)")
        }
    }

    /// A findings JSON (by its `.json` name) or an export evaluated on its own dates.
    func loadPrevious(_ path: String, settings: RuleSettings) throws -> Findings {
        if path.lowercased().hasSuffix(".json") {
            // Version 1 stays readable: the report says its figures were counted on the old basis.
            guard let f = Findings.decodeVersion1or2(try readWhole(path)) else {
                throw ReportError.previousFindings(file: path, problem: "is not findings JSON version 1 or 2")
            }
            return f
        }
        var previousInput = input
        previousInput.exports = [path]
        return evaluate(try previousInput.load(), settings: settings).findings
    }

}

extension ReportLanguage: ExpressibleByArgument {}
extension ReportKind: ExpressibleByArgument {}

