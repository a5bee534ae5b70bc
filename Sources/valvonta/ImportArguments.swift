import ArgumentParser
import CaseImport
import CaseModel
import Foundation

/// The options every command that reads exports shares.
struct ImportArguments: ParsableArguments {
    @Argument(help: "Export files (XML) or folders of CSV tables. Several exports of one organisation are merged.")
    var exports: [String]

    @Flag(help: "Treat unknown elements, attributes, columns and tables as warnings instead of errors.")
    var lenient = false

    @Option(name: .customLong("pseudonymise-key"), help: "A key file: replace identity codes with a keyed hash instead of stopping.")
    var pseudonymiseKey: String?

    func validate() throws {
        if exports.isEmpty { throw ValidationError("Name at least one export file or CSV folder.") }
    }

    /// Reads and merges the exports, or exits 1 with every fatal problem on standard error.
    func load() throws -> CaseExport {
        var options = ImportOptions(lenient: lenient)
        if let keyPath = pseudonymiseKey {
            guard let data = FileManager.default.contents(atPath: keyPath), !data.isEmpty else {
                throw CLIError("cannot read the pseudonymisation key file \(keyPath) (it must exist and not be empty)")
            }
            options.pseudonymiseKey = Array(data)
        }
        do {
            let export = try CaseImporter.load(paths: exports, options: options)
            for w in export.warnings { printError("warning: \(w.location): \(w.message)") }
            keptUntilExit = export
            return export
        } catch let failure as ImportFailure {
            printError(failure.errorDescription ?? "the export could not be read")
            throw ExitCode(1)
        }
    }
}

/// The export read, held until the process ends: a command reads one export
/// and exits, and freeing millions of records one by one on the way out cost a
/// twentieth of a large `check` (measured), for memory the exit returns anyway.
nonisolated(unsafe) private var keptUntilExit: CaseExport?

/// A failure of the tool itself (I/O, arguments that only show their problem late): exit 1.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

func printError(_ s: String) {
    FileHandle.standardError.write(Data((s + "\n").utf8))
}
