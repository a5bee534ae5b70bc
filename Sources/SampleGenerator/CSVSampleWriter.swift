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
        (
            "referrals",
            ["case", "id", "kind", "received", "urgent", "urgencyAssessed", "decided", "outcome", "childWelfare"]
        ),
        ("assessments", ["case", "id", "referral", "started", "completed", "worker", "result", "specialSupport"]),
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
            row(
                workers,
                [
                    SampleIDs.workerID(w.number), regions[w.region].code, w.service?.rawValue,
                    w.role.rawValue, w.start?.iso, w.end?.iso,
                ])
        }
        for p in header.posts {
            let id = SampleIDs.postID(p.number)
            row(
                posts,
                [id, regions[p.region].code, p.service?.rawValue, p.role.rawValue, SampleIDs.fte(p.fteHundredths)])
            for o in p.occupancies {
                row(
                    occupancies,
                    [
                        id, SampleIDs.workerID(o.worker), o.from.iso, o.to?.iso,
                        o.fteHundredths.map(SampleIDs.fte),
                    ])
            }
        }
    }

    /// Written cell by cell on bytes: the case tables are most of the file.
    public func write(_ c: SampleCase) throws {
        let region = SampleIDs.regionCode(c.region, in: regions)
        caseID(cases, c.number)
        text(cases, region)
        text(cases, c.service.rawValue)
        number(cases, c.birthYear)
        text(cases, c.specialSupport ? "true" : nil, last: true)
        for r in c.referrals {
            caseID(referrals, c.number)
            prefixed(referrals, "R", r.number)
            text(referrals, r.kind.rawValue)
            date(referrals, r.received)
            boolean(referrals, r.urgent)
            date(referrals, r.urgencyAssessed)
            date(referrals, r.decided)
            text(referrals, r.outcome?.rawValue)
            text(referrals, r.childWelfare ? "true" : nil, last: true)
        }
        for a in c.assessments {
            caseID(assessments, c.number)
            prefixed(assessments, "P", a.number)
            prefixed(assessments, "R", a.referral)
            date(assessments, a.started)
            date(assessments, a.completed)
            worker(assessments, a.worker)
            text(assessments, a.result?.rawValue)
            boolean(assessments, a.specialSupport, last: true)
        }
        for s in c.clientships {
            caseID(clientships, c.number)
            text(clientships, s.service.rawValue)
            date(clientships, s.start)
            date(clientships, s.end)
            text(clientships, s.aftercare ? "true" : nil, last: true)
        }
        for a in c.assignments {
            caseID(assignments, c.number)
            worker(assignments, a.worker)
            date(assignments, a.from)
            date(assignments, a.to, last: true)
        }
        for p in c.plans {
            caseID(plans, c.number)
            prefixed(plans, "S", p.number)
            date(plans, p.date, last: true)
        }
        for m in c.meetings {
            caseID(meetings, c.number)
            date(meetings, m.date)
            worker(meetings, m.worker)
            boolean(meetings, m.withChild, last: true)
        }
        for file in files[5...] { try file.flushIfFull() }
    }

    // Each appends one cell and its separator (`;`, or the line end when `last`).
    private func end(_ f: OutputFile, _ last: Bool) { f.append(byte: last ? 10 : 59) }
    private func caseID(_ f: OutputFile, _ n: Int) {
        f.appendID(UInt8(ascii: "A"), n, width: 7)
        end(f, false)
    }
    private func text(_ f: OutputFile, _ s: String?, last: Bool = false) {
        if let s { f.append(CSVSampleWriter.quote(s)) }
        end(f, last)
    }
    private func number(_ f: OutputFile, _ n: Int?, last: Bool = false) {
        if let n { f.append(n) }
        end(f, last)
    }
    private func prefixed(_ f: OutputFile, _ prefix: Unicode.Scalar, _ n: Int, last: Bool = false) {
        f.appendID(UInt8(ascii: prefix), n, width: 1)
        end(f, last)
    }
    private func date(_ f: OutputFile, _ d: CalendarDate?, last: Bool = false) {
        if let d { f.append(d) }
        end(f, last)
    }
    private func worker(_ f: OutputFile, _ n: Int?, last: Bool = false) {
        if let n { f.appendID(UInt8(ascii: "T"), n, width: 4) }
        end(f, last)
    }
    private func boolean(_ f: OutputFile, _ b: Bool?, last: Bool = false) {
        if let b { f.append(b ? "true" : "false") }
        end(f, last)
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
        let utf8 = s.utf8
        let needs =
            utf8.contains { $0 == 59 || $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }
            || utf8.first == 32 || utf8.first == 9 || utf8.last == 32 || utf8.last == 9
        guard needs else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
