import ArgumentParser

struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sample", abstract: "(being built)")

    func run() throws {
        throw CleanExit.message("valvonta sample is being built")
    }
}
