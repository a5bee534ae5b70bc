import ArgumentParser
import CaseImport
import CaseModel
import Foundation
import Report

/// The options every command that reads exports shares.
struct ImportArguments: ParsableArguments {
    @Argument(help: "Export files (XML, xlsx) or folders of CSV tables. Several exports of one organisation are merged.")
    var exports: [String]

    @Flag(help: "Treat unknown elements, attributes, columns and tables as warnings instead of errors.")
    var lenient = false

    @Option(name: .customLong("pseudonymise-key"), help: "A key file: replace identity codes with a keyed hash instead of stopping.")
    var pseudonymiseKey: String?

    @Option(help: "A mapping file (YAML): read each export as a region's own reports, a workbook or a folder of CSV/xlsx files.")
    var mapping: String?

    func validate() throws {
        if exports.isEmpty { throw ValidationError("Name at least one export file or CSV folder.") }
    }

    /// Reads and merges the exports, or exits 1 with every fatal problem on standard error.
    func load() throws -> CaseExport {
        var options = ImportOptions(lenient: lenient)
        if let keyPath = pseudonymiseKey {
            let data: Data
            do {
                data = try readWhole(keyPath)
            } catch ReportError.cannotRead(_, let reason) {
                throw CLIError("cannot read the pseudonymisation key file \(keyPath): \(reason)")
            }
            guard !data.isEmpty else { throw CLIError("the pseudonymisation key file \(keyPath) is empty") }
            options.pseudonymiseKey = Array(data)
        }
        options.mapping = try mapping.map(readMapping)
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
struct CLIError: LocalizedError, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
    var errorDescription: String? { description }
}

func printError(_ s: String) {
    FileHandle.standardError.write(Data((s + "\n").utf8))
}

/// A whole file, or a `ReportError.cannotRead` naming the path and the system's reason.
func readWhole(_ path: String) throws -> Data {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw ReportError.cannotRead(path: path, reason: String(cString: strerror(errno))) }
    defer { close(fd) }
    var data = Data()
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 {
            if errno == EINTR { continue }
            throw ReportError.cannotRead(path: path, reason: String(cString: strerror(errno)))
        }
        if n == 0 { return data }
        data.append(contentsOf: chunk[0..<n])
    }
}
