import ArgumentParser
import CaseImport
import Foundation
import StrictYAML

/// `valvonta mapping init SOURCE...`: a mapping file to fill in, from a region's own reports (mapping.md).
struct MappingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mapping",
        abstract: "Helps write a mapping file for a region's own reports (workbooks, CSV files).",
        subcommands: [MappingInitCommand.self]
    )
}

struct MappingInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Writes a mapping skeleton to standard output: every sheet and file with its headers, "
            + "each format column's header where one fits (TODO where none does), the codes of the code columns."
    )

    @Argument(help: "Workbooks (.xlsx), CSV files, or folders of them.")
    var sources: [String]

    func validate() throws {
        if sources.isEmpty { throw ValidationError("Name at least one workbook, CSV file or folder.") }
    }

    func run() throws {
        do {
            print(try MappingSkeleton.write(paths: sources), terminator: "")
        } catch let failure as ImportFailure {
            printError(failure.errorDescription ?? "the reports could not be read")
            throw ExitCode(1)
        }
    }
}

/// Reads `--mapping FILE`, or exits 1 with the file, line and key of what is wrong.
func readMapping(_ path: String) throws -> ExportMapping {
    do {
        return try ExportMapping.read(path: path, name: (path as NSString).lastPathComponent)
    } catch let error as YAMLError {
        printError("error in the mapping file: \(error.description)")
        throw ExitCode(1)
    }
}
