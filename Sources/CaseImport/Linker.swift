import CaseModel
import Dispatch

/// The cross-reference checks (case-export.md): a record that names an unknown
/// or rejected record, ends before it starts, or holds an event dated after
/// its export was generated is left out with a reason; records nested in a
/// rejected record are left out with it, each with its own row.
enum Linker {
    /// - Parameter parts: how many runs of cases are linked at once (the tests
    ///   compare 1 with more); by default two for a large export, else one.
    static func link(_ m: consuming MergedExport, parts: Int? = nil) -> CaseExport {
        var rejected: [Rejection] = []
        func reject(_ location: SourceLocation, _ reason: String) { rejected.append(rejection(location, reason)) }
        let regionCodes = Set(m.regions.map(\.code))

        var workers: [Worker] = []
        var rejectedWorkers = Set<String>()
        for (w, limit) in m.workers {
            let what = "worker \(w.id)"
            if let reason = !regionCodes.contains(w.region) ? "\(what) names unknown region \(w.region)"
                : order(what, "start", w.start, "end", w.end)
                ?? after(what, limit, ("start", w.start)) {
                reject(w.location, reason)
                rejectedWorkers.insert(w.id)
            } else {
                workers.append(w)
            }
        }
        let known = KnownRecords(regions: regionCodes, workers: Set(workers.map(\.id)), rejectedWorkers: rejectedWorkers)
        let workerProblem = known.workerProblem

        var posts: [Post] = []
        for (p, limit) in m.posts {
            let what = p.id.map { "post \($0)" } ?? "post"
            if let region = p.region, !regionCodes.contains(region) {
                reject(p.location, "\(what) names unknown region \(region)")
                for o in p.occupancies { reject(o.location, "occupancy of \(what): its post was rejected") }
                continue
            }
            var kept = p
            kept.occupancies = p.occupancies.filter { o in
                guard let reason = occupancyProblem(o, of: what, limit: limit, workerProblem) else { return true }
                reject(o.location, reason)
                return false
            }
            posts.append(kept)
        }

        // The cases, the bulk of the work, in two halves on two cores when there are many,
        // linked where they stand: a case copied is ten references counted up and down.
        var cases = m.cases
        m.cases = []
        let limits = m.caseLimits
        let parts = max(1, parts ?? (cases.count >= 20_000 ? 2 : 1))
        let size = (cases.count + parts - 1) / parts
        let results = ThreadSlots(count: parts, repeating: LinkedCases())
        cases.withUnsafeMutableBufferPointer { buffer in
            let all = SharedCases(buffer: buffer)
            DispatchQueue.concurrentPerform(iterations: parts) { k in
                let range = min(k * size, all.buffer.count)..<min((k + 1) * size, all.buffer.count)
                results[k] = linkCases(all.buffer, range, limits: limits, known: known)
            }
        }
        var rejectedCases = Set<String>()
        var dropped: [Int] = []
        for part in results.values {
            rejected += part.rejected
            rejectedCases.formUnion(part.rejectedCases)
            dropped += part.dropped
        }
        if !dropped.isEmpty {
            // Closes the gaps by swapping, which moves a case without counting its references.
            var kept = 0, next = 0
            for i in cases.indices {
                if next < dropped.count, dropped[next] == i {
                    next += 1
                    continue
                }
                if kept != i { cases.swapAt(kept, i) }
                kept += 1
            }
            cases.removeLast(cases.count - kept)
        }

        for o in m.orphans {
            let what = o.kind.elementName
            if o.kind == .occupancy {
                reject(o.location, "\(what) names unknown post \(o.key)")
            } else if rejectedCases.contains(o.key) {
                reject(o.location, "\(what) of case \(o.key): its case was rejected")
            } else {
                reject(o.location, "\(what) names unknown case \(o.key)")
            }
        }

        rejected.sort()
        return CaseExport(header: m.header, sources: m.sources, regions: m.regions, workers: workers, posts: posts,
                          cases: cases, rejected: rejected, warnings: [])
    }

    /// The ids a record may name, known before the cases are linked.
    private struct KnownRecords: Sendable {
        var regions: Set<String>
        var workers: Set<String>
        var rejectedWorkers: Set<String>

        func workerProblem(_ what: () -> String, _ id: String?) -> String? {
            guard let id, !workers.contains(id) else { return nil }
            return rejectedWorkers.contains(id) ? "\(what()) names worker \(id), which was rejected"
                : "\(what()) names unknown worker \(id)"
        }
    }

    /// A run of cases, linked: the rejections, the ids and indexes (ascending) of the cases rejected.
    private struct LinkedCases: Sendable {
        var rejected: [Rejection] = []
        var rejectedCases: Set<String> = []
        var dropped: [Int] = []
    }

    /// The cases, for threads that each change their own run of them.
    private struct SharedCases: @unchecked Sendable {
        var buffer: UnsafeMutableBufferPointer<Case>
    }

    private static func rejection(_ location: SourceLocation, _ reason: String) -> Rejection {
        // Ids are printed, but never an identity code inside one.
        var location = location
        location.source = IdentityCode.redacted(location.source)
        return Rejection(location: location, reason: IdentityCode.redacted(reason))
    }

    /// Links the cases in `range` where they stand; a case in an unknown region is left for the caller to drop.
    private static func linkCases(_ all: UnsafeMutableBufferPointer<Case>, _ range: Range<Int>, limits: [CalendarDate],
                                  known: KnownRecords) -> LinkedCases {
        var out = LinkedCases()
        func reject(_ location: SourceLocation, _ reason: String) { out.rejected.append(rejection(location, reason)) }
        for i in range {
            if !known.regions.contains(all[i].region) {
                let c = all[i]
                let what = "case \(c.id)"
                reject(c.location, "\(what) names unknown region \(c.region)")
                out.rejectedCases.insert(c.id)
                out.dropped.append(i)
                for l in childLocations(c) { reject(l.location, "\(l.what) of \(what): its case was rejected") }
                continue
            }
            linkChildren(&all[i], limit: limits[i], workerProblem: known.workerProblem, reject: reject)
        }
        return out
    }

    private static func occupancyProblem(_ o: Occupancy, of post: String, limit: CalendarDate,
                                         _ workerProblem: (() -> String, String?) -> String?) -> String? {
        let what = "occupancy of \(post)"
        return workerProblem({ what }, o.worker) ?? order(what, "from", o.from, "to", o.to) ?? after(what, limit, ("from", o.from))
    }

    /// Runs once per case, so it allocates nothing for a case with nothing to
    /// reject: the descriptions (`what`) are built only for a rejection, the
    /// child arrays are rebuilt only when one of their records goes, and the
    /// referral ids are found by scanning the case's few referrals.
    private static func linkChildren(_ c: inout Case, limit: CalendarDate, workerProblem: (() -> String, String?) -> String?,
                                     reject: (SourceLocation, String) -> Void) {
        let caseId = c.id
        func of() -> String { "of case \(caseId)" }
        var rejectedReferrals: [String] = []
        keep(&c.referrals) { r in
            let what = { "referral \(r.id) \(of())" }
            guard let reason = order(what, "received", r.received, "decided", r.decided)
                ?? after(what, limit, ("received", r.received), ("urgencyAssessed", r.urgencyAssessed), ("decided", r.decided))
            else { return true }
            reject(r.location, reason)
            rejectedReferrals.append(r.id)
            return false
        }
        let referrals = c.referrals
        keep(&c.assessments) { a in
            let what = { a.id.map { "assessment \($0) \(of())" } ?? "assessment \(of())" }
            let known = referrals.contains { $0.id == a.referral }
            let referralProblem: String? = known ? nil
                : rejectedReferrals.contains(a.referral) ? "\(what()) names referral \(a.referral), which was rejected"
                : "\(what()) names unknown referral \(a.referral)"
            guard let reason = referralProblem ?? workerProblem(what, a.worker)
                ?? order(what, "started", a.started, "completed", a.completed)
                ?? after(what, limit, ("started", a.started), ("completed", a.completed))
            else { return true }
            reject(a.location, reason)
            return false
        }
        keep(&c.clientships) { s in
            let what = { "clientship \(of())" }
            guard let reason = order(what, "start", s.start, "end", s.end) ?? after(what, limit, ("start", s.start))
            else { return true }
            reject(s.location, reason)
            return false
        }
        keep(&c.assignments) { a in
            let what = { "assignment \(of())" }
            guard let reason = workerProblem(what, a.worker) ?? order(what, "from", a.from, "to", a.to)
                ?? after(what, limit, ("from", a.from))
            else { return true }
            reject(a.location, reason)
            return false
        }
        keep(&c.plans) { p in
            let what = { p.id.map { "plan \($0) \(of())" } ?? "plan \(of())" }
            guard let reason = after(what, limit, ("date", p.date)) else { return true }
            reject(p.location, reason)
            return false
        }
        keep(&c.meetings) { mt in
            let what = { "meeting \(of())" }
            guard let reason = workerProblem(what, mt.worker)
                ?? after(what, limit, ("date", mt.date))
            else { return true }
            reject(mt.location, reason)
            return false
        }
    }

    /// Keeps the records `isKept` accepts, in order; the array is left alone
    /// (not copied) when it keeps them all, the usual case.
    private static func keep<T>(_ records: inout [T], _ isKept: (T) -> Bool) {
        guard let first = records.firstIndex(where: { !isKept($0) }) else { return }
        var kept = Array(records[..<first])
        for r in records[(first + 1)...] where isKept(r) { kept.append(r) }
        records = kept
    }

    /// `first ≤ second` when both are given.
    private static func order(_ what: () -> String, _ a: String, _ first: CalendarDate?, _ b: String,
                              _ second: CalendarDate?) -> String? {
        guard let first, let second, second < first else { return nil }
        return "\(what()): \(b) is before \(a)"
    }

    private static func order(_ what: String, _ a: String, _ first: CalendarDate?, _ b: String,
                              _ second: CalendarDate?) -> String? {
        order({ what }, a, first, b, second)
    }

    /// No event date after the export's `generated` date: the first of up to
    /// three named dates that is later. (Fixed arity, not variadic: a variadic
    /// call builds an array, and this runs for every record of the export.)
    private static func after(_ what: () -> String, _ limit: CalendarDate, _ first: (String, CalendarDate?),
                              _ second: (String, CalendarDate?)? = nil, _ third: (String, CalendarDate?)? = nil) -> String? {
        func late(_ named: (String, CalendarDate?)?) -> String? {
            guard let (name, date) = named, let date, date > limit else { return nil }
            return "\(what()): \(name) is after the export was generated (\(limit.iso))"
        }
        return late(first) ?? late(second) ?? late(third)
    }

    private static func after(_ what: String, _ limit: CalendarDate, _ first: (String, CalendarDate?)) -> String? {
        after({ what }, limit, first)
    }

    private static func childLocations(_ c: Case) -> [(what: String, location: SourceLocation)] {
        c.referrals.map { ("referral \($0.id)", $0.location) }
            + c.assessments.map { ($0.id.map { "assessment \($0)" } ?? "assessment", $0.location) }
            + c.clientships.map { ("clientship", $0.location) }
            + c.assignments.map { ("assignment", $0.location) }
            + c.plans.map { ($0.id.map { "plan \($0)" } ?? "plan", $0.location) }
            + c.meetings.map { ("meeting", $0.location) }
    }
}
