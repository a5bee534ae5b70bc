import ArgumentParser

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "(being built)")

    func run() throws {
        throw CleanExit.message("valvonta report is being built")
    }
}
