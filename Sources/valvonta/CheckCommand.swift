import ArgumentParser

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "(being built)")

    func run() throws {
        throw CleanExit.message("valvonta check is being built")
    }
}
