import CaseModel
import Foundation

/// Writes the export as a folder of `;`-separated UTF-8 tables (case-export.md,
/// "CSV") with ISO dates, the same content as `XMLSampleWriter`: an absent
/// attribute is an empty cell. Every table gets its header, even when empty.
public final class CSVSampleWriter: SampleSink {
    /// The tables and their columns, in the spec's order.
    public static let tables: [(name: String, columns: [String])] = [
        ("export", ["organisation", "generated", "periodStart", "periodEnd"]),
        ("regions", ["code", "name"]),
        ("workers", ["id", "region", "service", "role", "start", "end"]),
        ("posts", ["id", "region", "service", "role", "fte"]),
        ("occupancies", ["post", "worker", "from", "to", "fte"]),
        ("cases", ["id", "region", "service", "birthYear", "specialSupport"]),
        ("referrals", ["case", "id", "kind", "received", "urgent", "urgencyAssessed", "decided", "outcome"]),
        ("assessments", ["case", "id", "referral", "started", "completed", "worker", "result"]),
        ("clientships", ["case", "service", "start", "end", "aftercare"]),
        ("assignments", ["case", "worker", "from", "to"]),
        ("plans", ["case", "id", "date"]),
        ("meetings", ["case", "date", "worker", "withChild"]),
    ]

    private let files: [OutputFile]
    private var regions: [SampleRegion] = []

    /// Creates the folder when needed; existing tables in it are overwritten.
    public init(folder: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw SampleGeneratorError.cannotWrite(path: folder, reason: "the folder cannot be created")
        }
        var files: [OutputFile] = []
        for (name, columns) in CSVSampleWriter.tables {
            let file = try OutputFile(path: (folder as NSString).appendingPathComponent(name + ".csv"))
            file.append(columns.joined(separator: ";") + "\n")
            files.append(file)
        }
        self.files = files
    }

    // The files in the order of `tables`.
    private var export: OutputFile { files[0] }
    private var regionsFile: OutputFile { files[1] }
    private var workers: OutputFile { files[2] }
    private var posts: OutputFile { files[3] }
    private var occupancies: OutputFile { files[4] }
    private var cases: OutputFile { files[5] }
    private var referrals: OutputFile { files[6] }
    private var assessments: OutputFile { files[7] }
    private var clientships: OutputFile { files[8] }
    private var assignments: OutputFile { files[9] }
    private var plans: OutputFile { files[10] }
    private var meetings: OutputFile { files[11] }

    public func begin(_ header: SampleHeader) throws {
        regions = header.regions
        row(export, [header.organisation, header.generated, header.periodStart.iso, header.periodEnd.iso])
        for r in header.regions { row(regionsFile, [r.code, r.name]) }
        for w in header.workers {
            row(workers, [SampleIDs.workerID(w.number), regions[w.region].code, w.service?.rawValue,
                          w.role.rawValue, w.start?.iso, w.end?.iso])
        }
        for p in header.posts {
            let id = SampleIDs.postID(p.number)
            row(posts, [id, regions[p.region].code, p.service?.rawValue, p.role.rawValue, SampleIDs.fte(p.fteHundredths)])
            for o in p.occupancies {
                row(occupancies, [id, SampleIDs.workerID(o.worker), o.from.iso, o.to?.iso,
                                  o.fteHundredths.map(SampleIDs.fte)])
            }
        }
    }

    public func write(_ c: SampleCase) throws {
        let id = SampleIDs.caseID(c.number)
        row(cases, [id, SampleIDs.regionCode(c.region, in: regions), c.service.rawValue,
                    c.birthYear.map { String($0) }, c.specialSupport ? "true" : nil])
        for r in c.referrals {
            row(referrals, [id, SampleIDs.referralID(r.number), r.kind.rawValue, r.received.iso,
                            r.urgent.map { $0 ? "true" : "false" }, r.urgencyAssessed?.iso, r.decided?.iso,
                            r.outcome?.rawValue])
        }
        for a in c.assessments {
            row(assessments, [id, SampleIDs.assessmentID(a.number), SampleIDs.referralID(a.referral),
                              a.started?.iso, a.completed?.iso, a.worker.map(SampleIDs.workerID), a.result?.rawValue])
        }
        for s in c.clientships {
            row(clientships, [id, s.service.rawValue, s.start.iso, s.end?.iso, s.aftercare ? "true" : nil])
        }
        for a in c.assignments {
            row(assignments, [id, SampleIDs.workerID(a.worker), a.from.iso, a.to?.iso])
        }
        for p in c.plans { row(plans, [id, SampleIDs.planID(p.number), p.date.iso]) }
        for m in c.meetings {
            row(meetings, [id, m.date.iso, m.worker.map(SampleIDs.workerID), m.withChild.map { $0 ? "true" : "false" }])
        }
        for file in files[5...] { try file.flushIfFull() }
    }

    public func finish() throws {
        for file in files { try file.close() }
    }

    private func row(_ file: OutputFile, _ cells: [String?]) {
        for (i, cell) in cells.enumerated() {
            if i > 0 { file.append(byte: UInt8(ascii: ";")) }
            if let cell { file.append(CSVSampleWriter.quote(cell)) }
        }
        file.append(byte: UInt8(ascii: "\n"))
    }

    /// Quotes a cell that holds the separator, a quote, a line break or
    /// surrounding spaces (which a reader would trim).
    public static func quote(_ s: String) -> String {
        let needs = s.utf8.contains { $0 == 59 || $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }
            || s.first?.isWhitespace == true || s.last?.isWhitespace == true
        guard needs else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
