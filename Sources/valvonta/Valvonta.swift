import ArgumentParser

@main
struct Valvonta: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "valvonta",
        abstract: "Turns a social-welfare case export into the figures and the report a wellbeing region sends its supervisory authority.",
        version: "0.1.0",
        subcommands: [ValidateCommand.self, CheckCommand.self, ReportCommand.self, THLCommand.self, SampleCommand.self, HistoryCommand.self, MappingCommand.self, TemplatesCommand.self]
    )
}
