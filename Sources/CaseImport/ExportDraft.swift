import CaseModel
import Dispatch
import Foundation

/// A record nested in a case (or an occupancy in a post) before linking.
enum ChildRecord: Hashable {
    case referral(Referral)
    case assessment(Assessment)
    case clientship(Clientship, serviceGiven: Bool)
    case assignment(Assignment)
    case plan(ClientPlan)
    case meeting(Meeting)
    case occupancy(Occupancy)

    /// Where the record was read.
    var location: SourceLocation {
        switch self {
        case .referral(let r): return r.location
        case .assessment(let a): return a.location
        case .clientship(let c, _): return c.location
        case .assignment(let a): return a.location
        case .plan(let p): return p.location
        case .meeting(let m): return m.location
        case .occupancy(let o): return o.location
        }
    }

    /// What a row holds once its record has moved under its case: nothing to release.
    static let moved = ChildRecord.plan(ClientPlan(id: nil, date: .earliest, location: SourceLocation(source: "", line: 0)))
}

/// A child row whose parent key (CSV) named no record of its export.
struct OrphanRecord {
    var record: ChildRecord
    var kind: RecordKind
    var key: String
    var location: SourceLocation
}

/// One export's typed records, before merging and cross-reference checks.
struct ExportDraft {
    let name: String
    let syntax: Syntax
    var header: ExportHeader?
    var headerInstant = 0
    var headerLocation = SourceLocation(source: "", line: 0)
    var sawHeader = false
    var regions: [Region] = []
    var workers: [Worker] = []
    var posts: [Post] = []
    var cases: [Case] = []
    var orphans: [OrphanRecord] = []

    private var regionLines: [String: SourceLocation] = [:]
    private var workerLines: [String: SourceLocation] = [:]
    private var postIndex: [String: Int] = [:]
    private var caseIndex: [String: Int] = [:]
    /// The case indexes of the parts appended (`caseIndex` covers the first part only).
    private var appendedCaseIndexes: [[String: Int]] = []
    /// CSV rows waiting for their parent, in file order.
    /// A struct, not a tuple: its fields are then read where they stand (a tuple was copied whole to read its key).
    fileprivate struct KeyedRow {
        var key: String
        var kind: RecordKind
        var record: ChildRecord
    }
    private var keyed: [KeyedRow] = []
    /// Rows of tables appended before `keyed`'s (`appendTable`), kept as read rather than copied into one list.
    private var keyedTables: [[KeyedRow]] = []

    init(name: String, syntax: Syntax) {
        self.name = name
        self.syntax = syntax
    }

    /// Room for about `rows` more records of a table, so that a large table is not copied as it grows.
    mutating func reserve(_ rows: Int, of kind: RecordKind) {
        switch kind {
        case .case:
            cases.reserveCapacity(cases.count + rows)
            caseIndex.reserveCapacity(caseIndex.count + rows)
        case .region, .worker, .post, .export:
            break
        default:
            keyed.reserveCapacity(keyed.count + rows)
        }
    }

    /// Types the record `f` reads and adds it; the handle of a case or post, otherwise -1.
    mutating func add(fields f: inout FieldReader, location: SourceLocation, builder: ExportBuilder) -> Int {
        let kind = f.raw.kind, line = location.line
        switch kind {
        case .export:
            return addHeader(&f, location: location, builder: builder)
        case .region:
            let code = f.string("code", required: true), name = f.string("name", required: true)
            guard let code, let name, !f.failed else { return -1 }
            if let first = regionLines[code] {
                builder.fatal(line: line, field: "region.code", message: "duplicate region code \(code) (first at line \(first.line))")
                return -1
            }
            regionLines[code] = location
            regions.append(Region(code: code, name: name, location: location))
        case .worker:
            let id = f.string("id", required: true), region = f.string("region", required: true)
            let service: Service? = f.choice("service"), role: WorkerRole? = f.choice("role", required: true)
            let start = f.date("start"), end = f.date("end")
            guard let id, let region, let role, !f.failed else { return -1 }
            if let first = workerLines[id] {
                builder.fatal(line: line, field: "worker.id", message: "duplicate worker id \(id) (first at line \(first.line))")
                return -1
            }
            workerLines[id] = location
            workers.append(Worker(id: id, region: region, service: service, role: role, start: start, end: end, location: location))
        case .post:
            let id = f.string("id"), region = f.string("region")
            let service: Service? = f.choice("service"), role: WorkerRole? = f.choice("role")
            let fte = f.fte("fte", required: true)
            guard let fte, !f.failed else { return -1 }
            if let id {
                if let first = postIndex[id] {
                    builder.fatal(line: line, field: "post.id",
                                  message: "duplicate post id \(id) (first at line \(posts[first].location.line))")
                    return -1
                }
                postIndex[id] = posts.count
            }
            posts.append(Post(id: id, region: region, service: service, role: role, fte: fte, occupancies: [], location: location))
            return posts.count - 1
        case .case:
            let id = f.string("id", required: true), region = f.string("region", required: true)
            let service: Service? = f.choice("service", required: true)
            let birthYear = f.year("birthYear"), special = f.bool("specialSupport", default: false)
            guard let id, let region, let service, !f.failed else { return -1 }
            // One hash for the usual case (a new id); a duplicate puts the first one back.
            if let first = caseIndex.updateValue(cases.count, forKey: id) {
                caseIndex[id] = first
                builder.fatal(line: line, field: "case.id",
                              message: "duplicate case id \(id) (first at line \(cases[first].location.line))")
                return -1
            }
            cases.append(Case(id: id, region: region, service: service, birthYear: birthYear, specialSupport: special,
                              location: location))
            return cases.count - 1
        default:
            guard let child = Self.child(kind, &f, location: location), !f.failed else { return -1 }
            switch f.raw.parent {
            case .handle(let h) where h >= 0:
                attach(child, kind: kind, to: h, builder: builder)
            case .key(let key):
                keyed.append(KeyedRow(key: key, kind: kind, record: child))
            case .handle, nil:
                if f.raw.parent == nil {
                    builder.fatal(line: line, field: nil,
                                  message: "\(kind.elementName) outside a \(kind == .occupancy ? "post" : "case")")
                }
            }
        }
        return -1
    }

    private mutating func addHeader(_ f: inout FieldReader, location: SourceLocation, builder: ExportBuilder) -> Int {
        if sawHeader {
            builder.fatal(line: location.line, field: nil, message: "the export header appears twice; an export describes one organisation")
            return -1
        }
        sawHeader = true
        let version = f.string("version", required: syntax == .xml)
        if let version, version != "1" {
            builder.fatal(line: location.line, field: "caseExport.version", message: "only format version 1 is understood")
        }
        let organisation = f.string("organisation", required: true)
        let generatedText = f.string("generated", required: true)
        let periodStart = f.date("periodStart", required: true), periodEnd = f.date("periodEnd", required: true)
        var stamp: Timestamp?
        if let generatedText {
            stamp = Timestamp(generatedText)
            if stamp == nil {
                builder.fatal(line: location.line, field: "caseExport.generated",
                              message: "not a timestamp; write it like 2024-06-01T06:00:00+03:00 (seconds and Z or ±hh:mm)")
            }
        }
        guard let organisation, let generatedText, let stamp, let periodStart, let periodEnd, !f.failed else { return -1 }
        if periodEnd < periodStart {
            builder.fatal(line: location.line, field: "caseExport.periodEnd", message: "periodEnd is before periodStart")
        }
        header = ExportHeader(organisation: organisation, generated: generatedText, generatedDate: stamp.date,
                              periodStart: periodStart, periodEnd: periodEnd)
        headerInstant = stamp.instantMinutes
        headerLocation = location
        return -1
    }

    private static func child(_ kind: RecordKind, _ f: inout FieldReader, location: SourceLocation) -> ChildRecord? {
        switch kind {
        case .referral:
            let id = f.string("id", required: true), k: ReferralKind? = f.choice("kind", required: true)
            let received = f.date("received", required: true), urgent = f.bool("urgent", default: false)
            let assessed = f.date("urgencyAssessed"), decided = f.date("decided")
            let outcome: ScreeningOutcome? = f.choice("outcome")
            let childWelfare = f.bool("childWelfare", default: false)
            guard let id, let k, let received else { return nil }
            return .referral(Referral(id: id, kind: k, received: received, urgent: urgent, urgencyAssessed: assessed,
                                      decided: decided, outcome: outcome, childWelfare: childWelfare,
                                      location: location))
        case .assessment:
            let id = f.string("id"), referral = f.string("referral", required: true)
            let started = f.date("started"), completed = f.date("completed"), worker = f.string("worker")
            let result: AssessmentResult? = f.choice("result")
            let special = f.optionalBool("specialSupport")
            guard let referral else { return nil }
            return .assessment(Assessment(id: id, referral: referral, started: started, completed: completed,
                                          worker: worker, result: result, specialSupport: special,
                                          location: location))
        case .clientship:
            // A clientship without `service` takes its case's; resolved when attached.
            let service: Service? = f.choice("service"), start = f.date("start", required: true)
            let end = f.date("end"), aftercare = f.bool("aftercare", default: false)
            guard let start else { return nil }
            return .clientship(Clientship(service: service ?? .lastensuojelu, start: start, end: end,
                                          aftercare: aftercare, location: location), serviceGiven: service != nil)
        case .assignment:
            let worker = f.string("worker", required: true), from = f.date("from", required: true), to = f.date("to")
            guard let worker, let from else { return nil }
            return .assignment(Assignment(worker: worker, from: from, to: to, location: location))
        case .plan:
            let id = f.string("id"), date = f.date("date", required: true)
            guard let date else { return nil }
            return .plan(ClientPlan(id: id, date: date, location: location))
        case .meeting:
            let date = f.date("date", required: true), worker = f.string("worker")
            let withChild = f.bool("withChild", default: true)
            guard let date else { return nil }
            return .meeting(Meeting(date: date, worker: worker, withChild: withChild, location: location))
        case .occupancy:
            let worker = f.string("worker", required: true), from = f.date("from", required: true)
            let to = f.date("to"), fte = f.fte("fte")
            guard let worker, let from else { return nil }
            return .occupancy(Occupancy(worker: worker, from: from, to: to, fte: fte, location: location))
        default:
            return nil
        }
    }

    private mutating func attach(_ child: ChildRecord, kind: RecordKind, to h: Int, builder: ExportBuilder) {
        if case .occupancy(let o) = child {
            posts[h].occupancies.append(o)
            return
        }
        if let duplicate = Self.attach(child, to: &cases[h]) {
            builder.fatal(source: duplicate.location.source, line: duplicate.location.line, field: "referral.id",
                          message: duplicate.message)
        }
    }

    /// Puts a child record under its case; a referral whose id the case already has is not
    /// added, and its place and message are returned.
    private static func attach(_ child: consuming ChildRecord, to c: inout Case) -> (location: SourceLocation, message: String)? {
        switch consume child {
        case .referral(let r):
            if let first = c.referrals.first(where: { $0.id == r.id }) {
                return (r.location, "duplicate referral id \(r.id) in case \(c.id) (first at line \(first.location.line))")
            }
            c.referrals.append(r)
        case .assessment(let a): c.assessments.append(a)
        case .clientship(var s, let serviceGiven):
            if !serviceGiven { s.service = c.service }
            c.clientships.append(s)
        case .assignment(let a): c.assignments.append(a)
        case .plan(let p): c.plans.append(p)
        case .meeting(let m): c.meetings.append(m)
        case .occupancy: break
        }
        return nil
    }

    /// Appends the records a part of an XML file read (only the first part
    /// reads the header; XML has no keyed rows). False, with nothing changed,
    /// when a region code, worker, post or case id stands in both.
    mutating func append(_ other: ExportDraft) -> Bool {
        guard !(sawHeader && other.sawHeader), other.keyed.isEmpty, other.keyedTables.isEmpty, other.orphans.isEmpty,
              !other.regionLines.keys.contains(where: { regionLines[$0] != nil }),
              !other.workerLines.keys.contains(where: { workerLines[$0] != nil }),
              !other.postIndex.keys.contains(where: { postIndex[$0] != nil }),
              !([caseIndex] + appendedCaseIndexes).contains(where: { Self.overlap($0, other.caseIndex) })
        else { return false }
        // The case indexes are kept side by side, not merged (they hold hundreds of thousands
        // of ids): reading is over, and only CSV rows, which XML never has, look cases up.
        appendedCaseIndexes.append(other.caseIndex)
        takeRecords(of: other)
        return true
    }

    /// Appends what another draft read from other tables of the same CSV
    /// folder: each kind of record comes from one table, so no key can stand
    /// in both (the first one's entry is kept if it did).
    mutating func appendTable(_ other: ExportDraft) {
        let cases = self.cases.count
        if cases == 0, caseIndex.isEmpty {
            caseIndex = other.caseIndex
        } else {
            for (id, i) in other.caseIndex where caseIndex[id] == nil { caseIndex[id] = cases + i }
        }
        takeRecords(of: other)
        if !keyed.isEmpty { keyedTables.append(keyed) }
        keyedTables += other.keyedTables
        keyed = other.keyed
        orphans += other.orphans
    }

    /// What `append` and `appendTable` share: the header (if this draft has
    /// none), the region, worker and post indexes (the first entry of a key
    /// kept) and the records themselves, after this draft's.
    private mutating func takeRecords(of other: ExportDraft) {
        if other.sawHeader, !sawHeader {
            sawHeader = true
            header = other.header
            headerInstant = other.headerInstant
            headerLocation = other.headerLocation
        }
        regionLines.merge(other.regionLines) { a, _ in a }
        workerLines.merge(other.workerLines) { a, _ in a }
        let posts = self.posts.count
        for (id, i) in other.postIndex where postIndex[id] == nil { postIndex[id] = posts + i }
        regions += other.regions
        workers += other.workers
        self.posts += other.posts
        self.cases += other.cases
    }

    /// The parent (case index; -2 - post index; -1 for none) of every keyed row, table by table;
    /// each table is resolved by one thread into its own slot.
    private final class ParentLookup: @unchecked Sendable {
        /// Let go once every table is resolved, so that the caller's tables are unshared again
        /// and their records can move out without the tables being copied first.
        var tables: [[KeyedRow]]
        let posts: [String: Int]
        let cases: [String: Int]
        /// The case ids in order: rows usually come in the order of their cases, so
        /// the last case found and the next three are tried before the index is hashed.
        let caseIds: [String]
        /// Per table; read after every table is resolved.
        let parents: ThreadSlots<[Int]>

        init(tables: [[KeyedRow]], posts: [String: Int], cases: [String: Int], caseIds: [String]) {
            self.tables = tables
            self.posts = posts
            self.cases = cases
            self.caseIds = caseIds
            parents = ThreadSlots(count: tables.count, repeating: [])
        }

        func resolve(_ t: Int) {
            var found = [Int](repeating: -1, count: tables[t].count)
            var cursor = 0
            // Through a pointer: a row's key and kind are read where they stand, not copied out with the row.
            tables[t].withUnsafeBufferPointer { rows in
                guard let base = rows.baseAddress else { return }
                for i in rows.indices {
                    let row = base + i
                    if row.pointee.kind == .occupancy {
                        // A post is written -2 - its index, so that attaching reads no row to tell them apart.
                        found[i] = posts[row.pointee.key].map { -2 - $0 } ?? -1
                    } else if let ahead = (cursor..<min(cursor + 4, caseIds.count)).first(where: { caseIds[$0] == row.pointee.key }) {
                        // The same case, or one of the next few (cases without rows in this table are skipped).
                        cursor = ahead
                        found[i] = ahead
                    } else if let index = cases[row.pointee.key] {
                        cursor = index
                        found[i] = index
                    }
                }
            }
            parents[t] = found
        }
    }

    /// Whether two indexes share a key; the smaller is looked up in the larger.
    private static func overlap(_ a: [String: Int], _ b: [String: Int]) -> Bool {
        let (small, large) = a.count <= b.count ? (a, b) : (b, a)
        return small.keys.contains { large[$0] != nil }
    }

    /// CSV: puts each child row under its parent; rows whose key names no
    /// record of this export become orphans, rejected by the linker.
    mutating func attachKeyedChildren(builder: ExportBuilder) {
        precondition(keyed.isEmpty || appendedCaseIndexes.isEmpty, "keyed rows in a draft made of XML parts")
        var tables = keyedTables + [keyed]
        keyed = []
        keyedTables = []
        // The parents are looked up (a hash of every key) for all tables at once; the rows
        // are then attached one by one in file order, which decides the order of problems.
        let lookup = ParentLookup(tables: tables, posts: postIndex, cases: caseIndex, caseIds: cases.map(\.id))
        DispatchQueue.concurrentPerform(iterations: tables.count) { lookup.resolve($0) }
        lookup.tables = []
        // The children of cases go under their cases on several threads, each taking a run of
        // cases (a case's rows are attached by one thread, in file order); occupancies and orphans,
        // and then the problems, in file order on this one, as if every row were attached in turn.
        let runs = cases.count >= 4096 ? min(max(1, ProcessInfo.processInfo.activeProcessorCount), 8) : 1
        let duplicates = ThreadSlots<[(table: Int, row: Int, location: SourceLocation, message: String)]>(count: runs, repeating: [])
        let count = cases.count
        // A record moves from its row to its case (the row keeps `ChildRecord.moved`), so that
        // it is neither copied nor released twice. Every thread goes through every table (a part
        // of a large table holds the rows of a run of cases only).
        cases.withUnsafeMutableBufferPointer { buffer in
            let target = CaseSlots(buffer)
            Self.withRows(of: &tables) { source in
                DispatchQueue.concurrentPerform(iterations: runs) { run in
                    let low = run * count / runs, high = (run + 1) * count / runs
                    for (t, rows) in source.tables.enumerated() {
                        let parents = lookup.parents[t]
                        for i in rows.indices where parents[i] >= low && parents[i] < high {
                            var record = ChildRecord.moved
                            swap(&record, &rows[i].record)
                            if let duplicate = Self.attach(record, to: &target.cases[parents[i]]) {
                                duplicates.update(run) { $0.append((t, i, duplicate.location, duplicate.message)) }
                            }
                        }
                    }
                }
            }
        }
        for (t, rows) in tables.enumerated() {
            let parents = lookup.parents[t]
            for i in parents.indices where parents[i] < 0 {
                if parents[i] == -1 {
                    let row = rows[i]
                    orphans.append(OrphanRecord(record: row.record, kind: row.kind, key: row.key, location: row.record.location))
                } else if case .occupancy(let o) = rows[i].record {
                    posts[-2 - parents[i]].occupancies.append(o)
                }
            }
        }
        let found = (0..<runs).flatMap { duplicates[$0] }.sorted { ($0.table, $0.row) < ($1.table, $1.row) }
        for d in found {
            builder.fatal(source: d.location.source, line: d.location.line, field: "referral.id", message: d.message)
        }
    }
}

/// The keyed rows of every table, shared by threads that each take the records of their own run of cases only.
private final class RowSlots: @unchecked Sendable {
    var tables: [UnsafeMutableBufferPointer<ExportDraft.KeyedRow>] = []
}

extension ExportDraft {
    /// Calls `body` with mutable access to the rows of all `tables` at once (each table's
    /// buffer is open in a scope of its own, nested one in another); the tables are as they
    /// were, in their order, when it returns.
    fileprivate static func withRows(of tables: inout [[KeyedRow]], into slots: RowSlots = RowSlots(),
                                     _ body: (RowSlots) -> Void) {
        guard !tables.isEmpty else { return body(slots) }
        // Taken out of the list, the table is no longer shared, so opening it copies nothing.
        var first = tables.removeFirst()
        first.withUnsafeMutableBufferPointer { rows in
            slots.tables.append(rows)
            withRows(of: &tables, into: slots, body)
        }
        tables.insert(first, at: 0)
    }
}

/// The cases being attached to, shared by threads that each change cases of their own run only.
private final class CaseSlots: @unchecked Sendable {
    let cases: UnsafeMutableBufferPointer<Case>
    init(_ cases: UnsafeMutableBufferPointer<Case>) { self.cases = cases }
}
