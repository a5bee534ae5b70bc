import ArgumentParser
import CaseModel
import Rules

/// The options that choose how exports are evaluated, shared by `check` and `report`.
struct EvaluationArguments: ParsableArguments {
    @Option(
        name: .customLong("as-of"), help: "The evaluation date T, YYYY-MM-DD (default: the export's generated date).")
    var asOf: String?

    @Option(
        help: """
            The reporting period: YYYY-MM-DD..YYYY-MM-DD or a preset (2024H1, 2024H2, 2024T1–T3, 2024Q1–Q4, 2024); \
            default: the export's own period.
            """)
    var period: String?

    @Option(help: "A YAML file of rule settings (see docs/settings.md).")
    var settings: String?

    func validate() throws {
        if let asOf, CalendarDate.parseISO(asOf) == nil {
            throw ValidationError("--as-of must be a real date written YYYY-MM-DD, not '\(asOf)'.")
        }
        if let period {
            do { _ = try ReportingPeriod.parse(period) } catch {
                throw ValidationError("--period: " + error.localizedDescription + ".")
            }
        }
    }

    /// The settings file read, or the defaults. Read it before a long import: a typo should fail fast.
    func ruleSettings() throws -> RuleSettings {
        try settings.map { try RuleSettings.load(path: $0) } ?? RuleSettings()
    }

    /// Every rule on the export, at the chosen date and period.
    func evaluate(_ export: CaseExport, settings: RuleSettings) throws -> Evaluation {
        let t = asOf.flatMap { CalendarDate.parseISO($0) }
        let range = try period.map { try ReportingPeriod.parse($0).range }
        return Rules.evaluate(export, asOf: t, period: range, settings: settings)
    }
}
