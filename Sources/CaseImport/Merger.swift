import CaseModel

/// Several exports of one organisation, merged by id, before linking. Each
/// record remembers the `generated` date of the export it came from: no event
/// may lie after it.
struct MergedExport {
    var header: ExportHeader
    var sources: [String]
    var regions: [Region] = []
    var workers: [(Worker, limit: CalendarDate)] = []
    var posts: [(Post, limit: CalendarDate)] = []
    /// Cases and, at the same index, their export's `generated` date: two
    /// arrays rather than tuples, so that one export's cases are shared, not copied.
    var cases: [Case] = []
    var caseLimits: [CalendarDate] = []
    var orphans: [OrphanRecord] = []
}

/// Merges exports (case-export.md, Decisions: Several exports): headers must
/// agree but for `generated` (T is the earliest); regions, workers, posts and
/// cases merge by id when identical (child records compared as a set) and are
/// fatal, naming both places, when they differ.
struct Merger {
    unowned let builder: ExportBuilder

    func merge(_ drafts: [ExportDraft]) -> MergedExport? {
        guard let first = drafts.first, let firstHeader = first.header else { return nil }
        var earliest = (header: firstHeader, instant: first.headerInstant)
        for d in drafts.dropFirst() {
            guard let h = d.header else { return nil }
            for (name, a, b) in [("organisation", firstHeader.organisation, h.organisation),
                                 ("periodStart", firstHeader.periodStart.iso, h.periodStart.iso),
                                 ("periodEnd", firstHeader.periodEnd.iso, h.periodEnd.iso)] where a != b {
                builder.fatal(source: d.headerLocation.source, line: d.headerLocation.line, field: "caseExport.\(name)",
                              message: "differs from \(first.headerLocation); exports merged in one run must describe the same organisation and period")
            }
            if d.headerInstant < earliest.instant { earliest = (h, d.headerInstant) }
        }
        var merged = MergedExport(header: earliest.header, sources: drafts.map(\.name))
        var regionAt: [String: Int] = [:], workerAt: [String: Int] = [:], postAt: [String: Int] = [:], caseAt: [String: Int] = [:]
        // One export needs no merging: its ids were already checked for
        // duplicates, so the id tables (a hash of every id) are skipped.
        let single = drafts.count == 1
        for d in drafts {
            guard let limit = d.header?.generatedDate else { continue }
            for r in d.regions {
                if !single, let i = regionAt[r.code] {
                    check(merged.regions[i], r, same: merged.regions[i].name == r.name, what: "region \(r.code)")
                    continue
                }
                if !single { regionAt[r.code] = merged.regions.count }
                merged.regions.append(r)
            }
            for w in d.workers {
                if !single, let i = workerAt[w.id] {
                    let old = merged.workers[i].0
                    check(old, w, same: stripped(old) == stripped(w), what: "worker \(w.id)")
                    continue
                }
                if !single { workerAt[w.id] = merged.workers.count }
                merged.workers.append((w, limit))
            }
            for p in d.posts {
                if !single, let id = p.id, let i = postAt[id] {
                    let old = merged.posts[i].0
                    check(old, p, same: stripped(old) == stripped(p) && old.occupancySet == p.occupancySet, what: "post \(id)")
                    continue
                }
                if !single, let id = p.id { postAt[id] = merged.posts.count }
                merged.posts.append((p, limit))
            }
            if single {
                merged.cases = d.cases
                merged.caseLimits = Array(repeating: limit, count: d.cases.count)
            }
            for c in d.cases where !single {
                if let i = caseAt[c.id] {
                    let old = merged.cases[i]
                    check(old, c, same: CaseContent(old) == CaseContent(c), what: "case \(c.id)")
                    continue
                }
                caseAt[c.id] = merged.cases.count
                merged.cases.append(c)
                merged.caseLimits.append(limit)
            }
            merged.orphans += d.orphans
        }
        return merged
    }

    private func check<T>(_ a: T, _ b: T, same: Bool, what: String) where T: Located {
        guard !same else { return }
        builder.fatal(source: b.location.source, line: b.location.line, field: nil,
                      message: "\(what) differs from the one at \(a.location); the same id must have the same content in every export")
    }
}

protocol Located { var location: SourceLocation { get } }
extension Region: Located {}
extension Worker: Located {}
extension Post: Located {}
extension Case: Located {}

private let nowhere = SourceLocation(source: "", line: 0)

private func stripped(_ w: Worker) -> Worker {
    var w = w
    w.location = nowhere
    return w
}

private func stripped(_ p: Post) -> Post {
    var p = p
    p.location = nowhere
    p.occupancies = []
    return p
}

extension Post {
    /// Occupancies compared as a set, without locations.
    fileprivate var occupancySet: Set<Occupancy> {
        Set(occupancies.map { var o = $0; o.location = nowhere; return o })
    }
}


/// A case's content without locations, children as sets.
private struct CaseContent: Equatable {
    var head: [String]
    var referrals: Set<Referral>
    var assessments: Set<Assessment>
    var clientships: Set<Clientship>
    var assignments: Set<Assignment>
    var plans: Set<ClientPlan>
    var meetings: Set<Meeting>

    init(_ c: Case) {
        head = [c.id, c.region, c.service.rawValue, c.birthYear.map(String.init) ?? "", String(c.specialSupport)]
        referrals = Set(c.referrals.map { var x = $0; x.location = nowhere; return x })
        assessments = Set(c.assessments.map { var x = $0; x.location = nowhere; return x })
        clientships = Set(c.clientships.map { var x = $0; x.location = nowhere; return x })
        assignments = Set(c.assignments.map { var x = $0; x.location = nowhere; return x })
        plans = Set(c.plans.map { var x = $0; x.location = nowhere; return x })
        meetings = Set(c.meetings.map { var x = $0; x.location = nowhere; return x })
    }
}
