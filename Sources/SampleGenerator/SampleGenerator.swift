import CaseModel
import Foundation

/// Receives the generated export in order: the header once, then every case,
/// then `finish`. A sink writes as it goes and never keeps the cases.
public protocol SampleSink: AnyObject {
    func begin(_ header: SampleHeader) throws
    func write(_ c: SampleCase) throws
    func finish() throws
}

public enum SampleGeneratorError: LocalizedError, Equatable {
    case invalidCaseCount(Int)
    case invalidRegionCount(Int)
    case cannotWrite(path: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .invalidCaseCount(let n):
            return "cannot generate \(n) cases; give a number from 0 to \(SampleGenerator.maximumCases)"
        case .invalidRegionCount(let n):
            return "cannot generate \(n) areas; give a number from 1 to \(SampleConfiguration.maximumRegions)"
        case .cannotWrite(let path, let reason):
            return "cannot write \(path): \(reason)"
        }
    }
}

/// Generates a realistic fictional export of the Keski-Suomi wellbeing
/// region (case-export.md, version 1) case by case, in O(1) memory per case.
/// The same configuration gives the same content, byte for byte, in every
/// sink and on every run.
public struct SampleGenerator: Sendable {
    public static let maximumCases = 9_999_999
    public let configuration: SampleConfiguration

    public init(configuration: SampleConfiguration) throws {
        guard (0...SampleGenerator.maximumCases).contains(configuration.cases) else {
            throw SampleGeneratorError.invalidCaseCount(configuration.cases)
        }
        guard (1...SampleConfiguration.maximumRegions).contains(configuration.regions) else {
            throw SampleGeneratorError.invalidRegionCount(configuration.regions)
        }
        self.configuration = configuration
    }

    /// Areas get cases in proportion to their population.
    var regionWeights: [Double] {
        let chosen = Municipalities.all.prefix(configuration.regions)
        let total = Double(chosen.reduce(0) { $0 + $1.population })
        return chosen.map { Double($0.population) / total }
    }

    /// Streams the export into every sink and returns the record counts.
    @discardableResult
    public func run(into sinks: [any SampleSink]) throws -> SampleSummary {
        let weights = regionWeights
        let (header, pools) = StaffGenerator.build(configuration: configuration, regionWeights: weights)
        for sink in sinks { try sink.begin(header) }
        var summary = SampleSummary()
        summary.regions = header.regions.count
        summary.workers = header.workers.count
        summary.posts = header.posts.count
        summary.occupancies = header.posts.reduce(0) { $0 + $1.occupancies.count }

        let generator = CaseGenerator(
            asOf: configuration.asOf, seed: configuration.seed,
            regionWeights: weights, pools: pools)
        let errorCases = configuration.withErrors ? DemoErrors.caseNumbers(cases: configuration.cases) : [:]
        var c = SampleCase()
        if configuration.cases > 0 {
            for number in 1...configuration.cases {
                generator.fill(&c, number: number)
                if let kind = errorCases[number] {
                    DemoErrors.apply(
                        kind, to: &c, asOf: configuration.asOf,
                        someWorker: header.workers.first { $0.end == nil }?.number ?? 1)
                }
                summary.add(c)
                for sink in sinks { try sink.write(c) }
            }
        }
        for sink in sinks { try sink.finish() }
        return summary
    }
}

/// The cross-reference problems of `--with-errors`: each makes exactly one
/// record (and what hangs on it) rejected, never a fatal error.
enum DemoErrors: Int, CaseIterable {
    case unknownRegion, unknownWorker, unknownReferral, dateAfterGenerated, assignmentEndsBeforeStart,
        decidedBeforeReceived

    /// Spread over the export: the case numbers that get one problem each.
    static func caseNumbers(cases: Int) -> [Int: DemoErrors] {
        var result: [Int: DemoErrors] = [:]
        for kind in allCases {
            let number = max(1, (kind.rawValue + 1) * cases / (allCases.count + 1))
            if number <= cases && result[number] == nil { result[number] = kind }
        }
        return result
    }

    static func apply(_ kind: DemoErrors, to c: inout SampleCase, asOf: CalendarDate, someWorker: Int) {
        switch kind {
        case .unknownRegion:
            c.region = -1
        case .unknownWorker:
            c.assignments.append(SampleAssignment(worker: 0, from: asOf.adding(days: -30), to: nil))
        case .unknownReferral:
            c.assessments.append(
                SampleAssessment(
                    number: c.assessments.count + 1, referral: 99,
                    started: asOf.adding(days: -20), completed: nil,
                    worker: nil, result: nil))
        case .dateAfterGenerated:
            c.meetings.append(SampleMeeting(date: asOf.adding(days: 3), worker: nil, withChild: true))
        case .assignmentEndsBeforeStart:
            c.assignments.append(
                SampleAssignment(
                    worker: someWorker, from: asOf.adding(days: -10),
                    to: asOf.adding(days: -15)))
        case .decidedBeforeReceived:
            c.referrals.append(
                SampleReferral(
                    number: 90, kind: .yhteydenotto, received: asOf.adding(days: -10),
                    urgent: nil, urgencyAssessed: nil,
                    decided: asOf.adding(days: -12), outcome: .eiToimenpiteita))
        }
    }
}
