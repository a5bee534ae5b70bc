import ArgumentParser
import CaseImport
import CaseModel

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Read exports and say what was read, what was rejected and why.",
        discussion: "Exit 0 when the exports were read (rejected records included), 1 when they could not be."
    )

    @OptionGroup var input: ImportArguments

    func run() throws {
        let export = try input.load()
        print(ImportSummary(export).text)
    }
}
