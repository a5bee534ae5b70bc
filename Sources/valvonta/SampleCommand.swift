import ArgumentParser
import CaseModel
import Foundation
import SampleGenerator

/// `valvonta sample`: writes a deterministic, realistic fictional export for
/// demos, tests and benchmarks.
struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract:
            "Writes a realistic fictional export (XML, a CSV folder, workbooks) of any size; the same seed gives the same bytes."
    )

    @Option(help: "Number of cases.")
    var cases: Int

    @Option(help: "Number of areas (municipalities of Keski-Suomi), 1 to \(SampleConfiguration.maximumRegions).")
    var regions = 8

    @Option(help: "Seed of the random stream.")
    var seed: UInt64 = 1

    @Option(name: .customLong("as-of"), help: "The export's generated date, YYYY-MM-DD; nothing is dated after it.")
    var asOf = SampleConfiguration.defaultAsOf.iso

    @Option(help: "Write the XML export to this file.")
    var out: String?

    @Option(help: "Write the same content as a folder of CSV tables.")
    var csv: String?

    @Option(help: "Write the same content as a region's own reports: two workbooks and their mapping.yaml in this folder.")
    var workbook: String?

    @Flag(
        name: .customLong("with-errors"),
        help: "Add a handful of cross-reference problems (rejected records) for demos.")
    var withErrors = false

    func validate() throws {
        if out == nil && csv == nil && workbook == nil {
            throw ValidationError("Give --out FILE.xml, --csv FOLDER, --workbook FOLDER or several.")
        }
        guard let date = CalendarDate.parseISO(asOf), (2010...2100).contains(date.year) else {
            throw ValidationError("--as-of must be a date YYYY-MM-DD between 2010 and 2100.")
        }
        if cases < 0 || cases > SampleGenerator.maximumCases {
            throw ValidationError("--cases must be from 0 to \(SampleGenerator.maximumCases).")
        }
        if !(1...SampleConfiguration.maximumRegions).contains(regions) {
            throw ValidationError("--regions must be from 1 to \(SampleConfiguration.maximumRegions).")
        }
    }

    func run() throws {
        guard let date = CalendarDate.parseISO(asOf) else { throw ValidationError("--as-of must be YYYY-MM-DD.") }
        let configuration = SampleConfiguration(
            cases: cases, regions: regions, seed: seed, asOf: date,
            withErrors: withErrors)
        do {
            let generator = try SampleGenerator(configuration: configuration)
            var sinks: [any SampleSink] = []
            if let out { sinks.append(try XMLSampleWriter(path: out)) }
            if let csv { sinks.append(try CSVSampleWriter(folder: csv)) }
            if let workbook { sinks.append(try WorkbookSampleWriter(folder: workbook)) }
            let s = try generator.run(into: sinks)
            printError(
                """
                wrote \(s.cases) cases in \(s.regions) areas: \(s.referrals) referrals, \(s.assessments) assessments, \
                \(s.clientships) clientships, \(s.assignments) assignments, \(s.plans) plans, \(s.meetings) meetings; \
                \(s.workers) workers, \(s.posts) posts
                """)
        } catch let error as SampleGeneratorError {
            printError("error: " + (error.errorDescription ?? "the sample could not be written"))
            throw ExitCode(1)
        }
    }
}
