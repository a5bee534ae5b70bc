import ArgumentParser
import CaseModel
import Foundation
import History
import Report
import Rules

/// `--store`: the history store a run records its evaluation in (docs/history.md).
struct StoreArguments: ParsableArguments {
    @Option(
        help: """
            Record this evaluation in a history store: a SQLite file, or postgres://user@host:port/database \
            (default: $VALVONTA_STORE; docs/history.md).
            """)
    var store: String?

    /// The store asked for, by the option or the environment.
    var location: String? {
        store ?? ProcessInfo.processInfo.environment[StoreLocation.environmentVariable].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Records the run's findings when a store is asked for; a store that cannot be written is an error (exit 1).
    func record(_ findings: Findings, exports: [String], settings: RuleSettings, source: String) throws {
        guard let location else { return }
        do {
            let e = NewEvaluation(
                findings: findings, fingerprint: try ExportFingerprint.of(paths: exports),
                settings: SettingsText.text(settings), toolVersion: Valvonta.configuration.version, source: source)
            let (outcome, name) = try waitFor {
                let s = try await StoreLocation.open(location)
                do {
                    let o = try await s.record(e)
                    try await s.close()
                    return (o, s.name)
                } catch {
                    try? await s.close()
                    throw error
                }
            }
            switch outcome {
            case .added(let id): printError("recorded in \(name) as #\(id)")
            case .alreadyStored(let id): printError("already recorded in \(name) as #\(id)")
            }
        } catch let e as HistoryError {
            printError("error: " + (e.errorDescription ?? "the evaluation could not be recorded"))
            throw ExitCode(1)
        }
    }
}

/// The stored snapshots, read once for a command.
func loadSnapshots(_ location: String) throws -> (name: String, snapshots: [StoredEvaluation]) {
    try waitFor {
        let s = try await StoreLocation.open(location)
        do {
            let all = try await s.snapshots()
            try await s.close()
            return (s.name, all)
        } catch {
            try? await s.close()
            throw error
        }
    }
}

extension HistoryOutput.Format: ExpressibleByArgument {}

/// `valvonta history`: the stored evaluations, their trend, import and export.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "The evaluations recorded with --store: list them, a metric's trend, import and export findings.",
        discussion: """
            The store is a SQLite file or a postgres:// URL (--store, or $VALVONTA_STORE). It keeps the findings \
            of each recorded run (exact counts) with the organisation, T, the period, the export's fingerprint, \
            the settings and the tool's version; never case data. Exit 0 when done, 1 when the store or a file \
            could not be read or written (docs/history.md).
            """,
        subcommands: [HistoryListCommand.self, HistoryTrendCommand.self, HistoryImportCommand.self, HistoryExportCommand.self],
        defaultSubcommand: HistoryListCommand.self
    )
}

/// The store named by `--store` or `VALVONTA_STORE`, required by the history commands.
struct RequiredStore: ParsableArguments {
    @Option(help: "The history store: a SQLite file, or postgres://user@host:port/database (default: $VALVONTA_STORE).")
    var store: String?

    func location() throws -> String {
        guard let s = store ?? ProcessInfo.processInfo.environment[StoreLocation.environmentVariable],
            !s.isEmpty
        else { throw ValidationError("Name the store: --store FILE or postgres://…, or set VALVONTA_STORE.") }
        return s
    }
}

/// Runs a history command's body, turning the store's errors into a message and exit 1.
private func historyRun(_ body: () throws -> Void) throws {
    do { try body() } catch let e as HistoryError {
        printError("error: " + (e.errorDescription ?? "the history store failed"))
        throw ExitCode(1)
    }
}

struct HistoryListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "The stored evaluations, one line each, oldest T first.")

    @OptionGroup var store: RequiredStore

    @Option(help: "text, json or csv.")
    var format: HistoryOutput.Format = .text

    func run() throws {
        let location = try store.location()
        try historyRun {
            let (_, all) = try loadSnapshots(location)
            print(HistoryOutput.list(all, format: format), terminator: "")
        }
    }
}

struct HistoryTrendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend",
        abstract: "One figure per stored evaluation and region, e.g. --metric SHL36-backlog.open.",
        discussion: "The metrics are FAMILY.field names listed in docs/history.md; an unknown one lists them all.")

    @OptionGroup var store: RequiredStore

    @Option(help: "The figure: FAMILY.field, e.g. SHL36-backlog.open, SHL36-complete-3m.rate, LSL13b-assigned.unassigned.")
    var metric: String

    @Option(help: "Only this region's figures (* for the whole organisation).")
    var region: String?

    @Option(help: "text, json or csv.")
    var format: HistoryOutput.Format = .text

    func run() throws {
        let location = try store.location()
        try historyRun {
            let m = try Metrics.parse(metric)
            let (name, all) = try loadSnapshots(location)
            let points = try HistoryOutput.trend(m, snapshots: all, store: name).filter {
                region == nil || $0.region == region
            }
            print(HistoryOutput.trend(m, points: points, format: format), terminator: "")
        }
    }
}

struct HistoryImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Record earlier findings JSON files (version 1 or 2) in the store.",
        discussion: "A file already imported is kept once. The files are read before anything is recorded.")

    @OptionGroup var store: RequiredStore

    @Argument(help: "Findings JSON files.")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("Name at least one findings JSON file.") }
    }

    func run() throws {
        let location = try store.location()
        try historyRun {
            // Every file is read and checked first: a bad one records nothing.
            let evaluations = try files.map { file -> NewEvaluation in
                let data: Data
                do { data = try readWhole(file) } catch {
                    throw HistoryError.cannotRead(file: file, reason: "the file cannot be read")
                }
                return try HistoryOutput.imported(data, file: file, toolVersion: Valvonta.configuration.version)
            }
            let (name, outcomes) = try waitFor {
                let s = try await StoreLocation.open(location)
                do {
                    var outcomes: [RecordOutcome] = []
                    for e in evaluations { outcomes.append(try await s.record(e)) }
                    try await s.close()
                    return (s.name, outcomes)
                } catch {
                    try? await s.close()
                    throw error
                }
            }
            for (file, o) in zip(files, outcomes) {
                switch o {
                case .added(let id): print("\(file): recorded in \(name) as #\(id)")
                case .alreadyStored(let id): print("\(file): already in \(name) as #\(id)")
                }
            }
        }
    }
}

struct HistoryExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write every stored evaluation as a findings JSON file into a folder.",
        discussion: "Files are named findings-T-START_END-ID.json; an existing file of that name is replaced.")

    @OptionGroup var store: RequiredStore

    @Option(help: "The folder to write into (created when missing).")
    var out: String

    func run() throws {
        let location = try store.location()
        try historyRun {
            let (_, all) = try loadSnapshots(location)
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            } catch {
                throw HistoryError.cannotWrite(file: out, reason: "the folder cannot be created")
            }
            for s in all {
                let path = (out as NSString).appendingPathComponent(HistoryOutput.exportName(s))
                do {
                    try Data(s.evaluation.findingsJSON.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
                } catch {
                    throw HistoryError.cannotWrite(file: path, reason: "the file cannot be written")
                }
                print(path)
            }
        }
    }
}

extension ReportCommand {
    /// `--history STORE`: the organisation's earlier evaluations for the report's trend, and for the
    /// periodic report the previous period from the store when one matches (the period just before this
    /// one, as `--previous` would name it; the latest T of those).
    func loadHistory(_ location: String, evaluation: Evaluation, kind: ReportKind) throws
        -> (all: [Findings], previous: Findings?)
    {
        do {
            let (name, stored) = try loadSnapshots(location)
            let all = try stored.map { try $0.findings(store: name) }.filter {
                $0.organisation == evaluation.findings.organisation
            }
            guard kind == .omavalvonta, previous == nil else { return (all, nil) }
            let current = try self.evaluation.period.map { try ReportingPeriod.parse($0) }
                ?? ReportingPeriod(start: evaluation.periodStart, end: evaluation.periodEnd)
            let before = current.previous
            let match = stored.filter {
                $0.evaluation.organisation == evaluation.findings.organisation
                    && $0.evaluation.periodStart == before.start.iso && $0.evaluation.periodEnd == before.end.iso
            }.max { ($0.evaluation.asOf, $0.id) < ($1.evaluation.asOf, $1.id) }
            if let match {
                let e = match.evaluation
                printError(
                    "previous period from \(name): #\(match.id), period \(e.periodStart)..\(e.periodEnd), T \(e.asOf)")
            }
            return (all, try match?.findings(store: name))
        } catch let e as HistoryError {
            printError("error: " + (e.errorDescription ?? "the history store failed"))
            throw ExitCode(1)
        }
    }
}
