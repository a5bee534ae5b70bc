import CaseImport
import CaseModel
import Foundation
import SampleGenerator
import Testing

/// The generated exports go through the real importer: a default sample is
/// accepted whole, and `--with-errors` gives exactly its six rejections.
@Suite("Sample generator: import")
struct SampleGeneratorImportTests {
    @Test("a default sample imports with every record and no rejection")
    func importsWhole() throws {
        let configuration = SampleConfiguration(cases: 600, regions: 6, seed: 11)
        let (scratch, summary) = try generateSample(configuration, csv: false)
        let export = try CaseImporter.load(paths: [scratch.file("export.xml")])
        #expect(export.rejected.isEmpty)
        #expect(export.cases.count == 600)
        #expect(export.regions.count == 6)
        #expect(export.workers.count == summary.workers)
        #expect(export.posts.count == summary.posts)
        #expect(export.header.periodStart == CalendarDate(year: 2024, month: 1, day: 1))
        #expect(export.header.generatedDate == CalendarDate(year: 2024, month: 6, day: 1))
        #expect(export.cases.reduce(0) { $0 + $1.referrals.count } == summary.referrals)
        #expect(export.cases.reduce(0) { $0 + $1.assessments.count } == summary.assessments)
        #expect(export.cases.reduce(0) { $0 + $1.clientships.count } == summary.clientships)
        #expect(export.cases.reduce(0) { $0 + $1.assignments.count } == summary.assignments)
        #expect(export.cases.reduce(0) { $0 + $1.plans.count } == summary.plans)
        #expect(export.cases.reduce(0) { $0 + $1.meetings.count } == summary.meetings)
        // The sample is meant to show what AVI asks about: a share of child
        // welfare clients in aftercare and some cases of every service.
        #expect(Set(export.cases.map(\.service)) == Set(Service.allCases))
        #expect(export.cases.contains { $0.clientships.contains(where: \.aftercare) })
        #expect(export.cases.contains { $0.specialSupport })
    }

    @Test("--with-errors gives six rejections of its own and the cascade of the case in an unknown region")
    func demoErrorsAreRejected() throws {
        let configuration = SampleConfiguration(cases: 700, seed: 5, withErrors: true)
        let (scratch, _) = try generateSample(configuration, csv: false)
        let export = try CaseImporter.load(paths: [scratch.file("export.xml")])
        let own = export.rejected.filter { !$0.reason.contains("was rejected") }
        #expect(own.count == 6)
        #expect(export.cases.count == 699)
        #expect(export.cases.contains { $0.id == "A0000100" } == false)
        #expect(own.contains { $0.reason.contains("A0000100") && $0.reason.contains("XXX") })
        #expect(own.contains { $0.reason.contains("T0000") })
        #expect(own.contains { $0.reason.contains("R99") })
    }
}
