import ArgumentParser
import Foundation
import Report

/// `valvonta templates`: the templates built into the binary (docs/templates.md).
struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "The report templates built into valvonta.",
        subcommands: [TemplatesExportCommand.self]
    )
}

/// `valvonta templates export DIR`: the built-in set as files to edit and pass back with `--templates DIR`.
struct TemplatesExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the built-in templates into DIR, to edit and use with --templates DIR.",
        discussion: """
            DIR is created when missing. A DIR that holds anything is refused, so that edited templates are never \
            overwritten by accident; --force writes into it anyway, replacing the files of the built-in set and \
            leaving every other file as it is. Exit 0 when written, 1 when not.
            """
    )

    @Argument(help: "The folder to write the templates into.")
    var directory: String

    @Flag(help: "Write into a folder that is not empty, replacing the built-in set's files there.")
    var force = false

    func run() throws {
        do {
            let written = try TemplateExport.write(
                TemplateSet.builtInFiles, into: directory, replacing: force)
            print("wrote \(written) template files into \(directory)")
        } catch let e as LocalizedError {
            printError("error: " + (e.errorDescription ?? "the templates could not be written"))
            throw ExitCode(1)
        }
    }
}
