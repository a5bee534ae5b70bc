import Foundation

/// Statistical disclosure control for the published report (report.md
/// Version 2, "Small numbers, for real"): every figure the report prints is a
/// cell, every arithmetic link between printed figures a relation, and an
/// attack works out, from the printed figures alone, what each hidden count
/// can be. Protection adds hidden cells (secondary suppression, or a share
/// withheld) until the attack pins down no hidden count.
///
/// The attack is a reader's: exact counts shown, a count shown as `< 5` is
/// 1–4, a count shown as `..` is any whole number from 0, a share is known to
/// its printed precision (the very text the report prints), the regions of a
/// column add up to the organisation's row, a row's parts add up to its
/// whole. (The summary prints each table's own organisation row, nothing pooled.)
struct DisclosureProblem {
    enum State: Equatable {
        /// Printed as it is.
        case exact
        /// Printed as `< 5` (primary suppression): the reader knows 1–4.
        case small
        /// Printed as `..` (a count or share withheld): the reader knows nothing but its relations.
        case hidden
        /// Never printed (a figure only relations know of).
        case unpublished
    }

    struct Cell {
        var key: String
        var value: Int
        var state: State
        /// The organisation's figure: kept exact as long as anything else can be hidden instead.
        var isTotal: Bool
    }

    /// A printed share: what it prints as and the counts it is made of.
    struct Share {
        var key: String
        var numerator: [Int]
        var denominator: [Int]
        var shown: Bool
        /// Whether there is a share at all (a denominator above 0).
        var exists: Bool
        /// The tenths of a percent it prints as (`printedTenths`), what a reader reads.
        var tenths: Int
        /// The organisation's share: withheld only when nothing else helps.
        var isTotal = false
    }

    /// total = Σ parts (cell indexes).
    struct Sum {
        var total: Int
        var parts: [Int]
    }

    var cells: [Cell] = []
    var index: [String: Int] = [:]
    var shares: [Share] = []
    var shareIndex: [String: Int] = [:]
    var sums: [Sum] = []
    /// Per cell, the relations it is in (sums first, then shares after `sums.count`).
    var relationsOf: [[Int]] = []

    /// Adds a count (or returns the one already there under the key).
    @discardableResult
    mutating func count(_ key: String, _ value: Int, published: Bool = true, total: Bool = false) -> Int {
        if let i = index[key] { return i }
        index[key] = cells.count
        cells.append(Cell(key: key, value: value, state: published ? .exact : .unpublished, isTotal: total))
        relationsOf.append([])
        return cells.count - 1
    }

    mutating func sum(_ total: String, _ parts: [String]) {
        guard let t = index[total] else { return }
        let p = parts.compactMap { index[$0] }
        guard !p.isEmpty, p.count == parts.count else { return }
        sums.append(Sum(total: t, parts: p))
        indexRelations()
    }

    /// Rebuilds `relationsOf` (relations are added while the problem is built, never during an attack).
    private mutating func indexRelations() {
        relationsOf = cells.map { _ in [] }
        for (r, s) in sums.enumerated() {
            for c in Set([s.total] + s.parts).sorted() { relationsOf[c].append(r) }
        }
        for (k, s) in shares.enumerated() {
            for c in Set(s.numerator + s.denominator).sorted() { relationsOf[c].append(sums.count + k) }
        }
    }

    mutating func share(_ key: String, numerator: [String], denominator: [String], total: Bool = false) {
        guard shareIndex[key] == nil else { return }
        let n = numerator.compactMap { index[$0] }
        let d = denominator.compactMap { index[$0] }
        guard n.count == numerator.count, d.count == denominator.count else { return }
        let num = n.reduce(0) { $0 + cells[$1].value }
        let den = d.reduce(0) { $0 + cells[$1].value }
        shareIndex[key] = shares.count
        shares.append(
            Share(
                key: key, numerator: n, denominator: d, shown: den > 0, exists: den > 0,
                tenths: den > 0 ? printedTenths(num, den) : 0, isTotal: total))
        indexRelations()
    }

    /// The hidden counts (`< 5` or `..`) a reader pins to one value from what is printed.
    func recovered() -> [Int] {
        var attack = Attack(problem: self)
        attack.run()
        return cells.indices.filter {
            (cells[$0].state == .small || cells[$0].state == .hidden) && attack.domains[$0].isSingle
        }
    }

    /// Whether a reader pins the cell down, looking only at the relations connected to it.
    func pins(_ cell: Int) -> Bool {
        var attack = Attack(problem: self)
        attack.run(relations: component(of: cell))
        return attack.domains[cell].isSingle
    }

    /// The relations reachable from a cell through shared counts.
    func component(of cell: Int) -> [Int] {
        var seenCells: Set<Int> = [cell]
        var seenRelations: Set<Int> = []
        var stack = [cell]
        while let c = stack.popLast() {
            for r in relationsOf[c] where seenRelations.insert(r).inserted {
                let members: [Int]
                if r < sums.count {
                    members = [sums[r].total] + sums[r].parts
                } else {
                    members = shares[r - sums.count].numerator + shares[r - sums.count].denominator
                }
                for m in members where seenCells.insert(m).inserted { stack.append(m) }
            }
        }
        return Array(seenRelations)
    }
}

/// The set of values a count may have, as the reader sees it.
struct Domain: Equatable {
    var lo: Int
    var hi: Int
    /// The values themselves when the set has holes (always within lo…hi).
    var values: [Int]?

    static let explicitLimit = 4_096

    var size: Int { values?.count ?? max(0, hi - lo + 1) }
    var isSingle: Bool { size == 1 }
    var isEmpty: Bool { size == 0 }

    func contains(_ v: Int) -> Bool {
        guard v >= lo, v <= hi else { return false }
        return values.map { $0.contains(v) } ?? true
    }

    /// Every value, when there are few enough to list.
    var list: [Int]? {
        if let values { return values }
        return size <= Domain.explicitLimit ? Array(lo...hi) : nil
    }

    func clamped(_ l: Int, _ h: Int) -> Domain {
        let nl = max(lo, l)
        let nh = min(hi, h)
        guard nl <= nh else { return Domain(lo: 1, hi: 0, values: []) }
        if let values {
            let kept = values.filter { $0 >= nl && $0 <= nh }
            return Domain(lo: kept.first ?? 1, hi: kept.last ?? 0, values: kept)
        }
        return Domain(lo: nl, hi: nh, values: nil)
    }

    func only(_ kept: Set<Int>) -> Domain {
        let sorted = (list ?? []).filter { kept.contains($0) }
        return Domain(lo: sorted.first ?? 1, hi: sorted.last ?? 0, values: sorted)
    }
}

/// The tenths of a percent a share prints as: the very arithmetic of
/// `NumberStyle.percent`, so a candidate is kept exactly when the report would
/// print the same text for it.
func printedTenths(_ num: Int, _ den: Int) -> Int {
    let percent = (Double(num) / Double(den)) * 100
    return Int((abs(percent) * 10).rounded(.toNearestOrAwayFromZero))
}

/// Interval and set propagation over the relations until nothing changes
/// (a worklist: a relation is looked at again only when one of its counts narrowed).
struct Attack {
    let problem: DisclosureProblem
    var domains: [Domain]
    /// Scratch assignment for enumeration (every count's value in the tuple being tried).
    private var scratch: [Int]
    /// The largest tuple of unknowns a relation is enumerated over.
    static let enumerationLimit = 20_000

    init(problem: DisclosureProblem) {
        self.problem = problem
        // No count can exceed the sum of every exact count (the whole export is in those).
        let ceiling = max(10, problem.cells.reduce(0) { $0 + ($1.state == .exact ? $1.value : 0) })
        domains = problem.cells.map { c in
            switch c.state {
            case .exact: return Domain(lo: c.value, hi: c.value, values: nil)
            case .small: return Domain(lo: 1, hi: 4, values: nil)
            case .hidden, .unpublished: return Domain(lo: 0, hi: ceiling, values: nil)
            }
        }
        scratch = domains.map(\.lo)
    }

    /// Runs to a fixpoint over the relations listed (indexes: sums, then shares after `sums.count`).
    mutating func run(relations: [Int]? = nil) {
        let sums = problem.sums.count
        var queue = relations ?? Array(0..<(sums + problem.shares.count))
        var queued = Set(queue)
        var steps = 0
        while let r = queue.popLast(), steps < 100_000 {
            steps += 1
            queued.remove(r)
            let changed: [Int]
            if r < sums {
                changed = propagate(problem.sums[r])
            } else {
                let share = problem.shares[r - sums]
                changed = share.shown ? propagate(share) : []
            }
            for cell in changed {
                for other in problem.relationsOf[cell] where other != r && queued.insert(other).inserted {
                    queue.append(other)
                }
            }
        }
    }

    /// Domains only shrink: a narrower one replaces the old.
    private mutating func set(_ i: Int, _ d: Domain) -> Bool {
        guard d.size < domains[i].size else { return false }
        domains[i] = d
        return true
    }

    /// total = Σ parts: bounds both ways, then exact support when the tuple is small.
    private mutating func propagate(_ s: DisclosureProblem.Sum) -> [Int] {
        var changed: [Int] = []
        let lo = s.parts.reduce(0) { $0 + domains[$1].lo }
        let hi = s.parts.reduce(0) { $0 + domains[$1].hi }
        if set(s.total, domains[s.total].clamped(lo, hi)) { changed.append(s.total) }
        let t = domains[s.total]
        for p in s.parts {
            let othersLo = lo - domains[p].lo
            let othersHi = hi - domains[p].hi
            if set(p, domains[p].clamped(t.lo - othersHi, t.hi - othersLo)) { changed.append(p) }
        }
        let vars = ([s.total] + s.parts).filter { !domains[$0].isSingle }
        guard !vars.isEmpty else { return changed }
        let narrowed = enumerate(vars) { v in
            var sum = 0
            for p in s.parts { sum += v[p] }
            return v[s.total] == sum
        }
        return changed + narrowed
    }

    /// A printed share: the candidate counts must print the same tenths of a percent.
    private mutating func propagate(_ s: DisclosureProblem.Share) -> [Int] {
        let all = Array(Set(s.numerator + s.denominator))
        let vars = all.filter { !domains[$0].isSingle }
        guard !vars.isEmpty else { return [] }
        let tenths = s.tenths
        return enumerate(vars) { v in
            var num = 0
            var den = 0
            for i in s.numerator { num += v[i] }
            for i in s.denominator { den += v[i] }
            return den > 0 && printedTenths(num, den) == tenths
        }
    }

    /// Keeps, for each variable, the values that some full assignment satisfying `holds` uses.
    private mutating func enumerate(_ vars: [Int], _ holds: ([Int]) -> Bool) -> [Int] {
        var lists: [[Int]] = []
        var product = 1
        for v in vars {
            // No value left means the relations contradict each other: nothing to learn here.
            guard let l = domains[v].list, !l.isEmpty else { return [] }
            product *= max(1, l.count)
            guard product <= Attack.enumerationLimit else { return [] }
            lists.append(l)
        }
        for i in problem.cells.indices where domains[i].isSingle { scratch[i] = domains[i].lo }
        var supported = [Set<Int>](repeating: [], count: vars.count)
        var choice = [Int](repeating: 0, count: vars.count)
        for (k, v) in vars.enumerated() { scratch[v] = lists[k][0] }
        while true {
            if holds(scratch) {
                for (k, v) in vars.enumerated() { supported[k].insert(scratch[v]) }
            }
            var k = 0
            while k < vars.count {
                choice[k] += 1
                if choice[k] < lists[k].count {
                    scratch[vars[k]] = lists[k][choice[k]]
                    break
                }
                choice[k] = 0
                scratch[vars[k]] = lists[k][0]
                k += 1
            }
            if k == vars.count { break }
        }
        var changed: [Int] = []
        for (k, v) in vars.enumerated() where supported[k].count < lists[k].count {
            domains[v] = domains[v].only(supported[k])
            changed.append(v)
        }
        return changed
    }
}

extension DisclosureProblem {
    /// Primary suppression (counts 1–4 as `< 5`, shares of fewer than 5 withheld),
    /// then secondary suppression until the attack pins no hidden count: for a
    /// pinned count, the cheapest figure of a relation it is in is hidden (a share
    /// first, then the smallest count that is not the organisation's), trying
    /// each in turn for one that frees it.
    mutating func protect() {
        suppressPrimary()
        suppressSecondary()
    }

    /// THL's convention: a count from 1 to 4 is `< 5`, a share of fewer than 5 is not printed.
    mutating func suppressPrimary() {
        for i in cells.indices where cells[i].state == .exact && (1...4).contains(cells[i].value) {
            cells[i].state = .small
        }
        for k in shares.indices where shares[k].shown {
            let den = shares[k].denominator.reduce(0) { $0 + cells[$1].value }
            if den < 5 { shares[k].shown = false }
        }
    }

    /// Hides more, one figure at a time, until the attack pins no hidden count.
    /// Works component by component (figures linked through relations; hiding a
    /// figure never links or unlinks any), so each attack looks at one table and
    /// whatever its figures are summed into.
    mutating func suppressSecondary() {
        for component in components() {
            var stuck: Set<Int> = []
            var rounds = component.cells.count + 1
            while rounds > 0 {
                rounds -= 1
                var attack = Attack(problem: self)
                attack.run(relations: component.relations)
                let pinned = component.cells.filter {
                    (cells[$0].state == .small || cells[$0].state == .hidden) && attack.domains[$0].isSingle
                        && !stuck.contains($0)
                }
                guard let target = pinned.first else { break }
                let options = candidates(for: target, in: component)
                if Disclosure.trace {
                    print("pinned \(cells[target].key); options", options.prefix(5).map(describe))
                }
                guard !options.isEmpty else {
                    stuck.insert(target)
                    continue
                }
                // The cheapest figure that frees the target; when none does alone, the one
                // that leaves the fewest counts pinned (the cheapest of those), and go on.
                var freed = false
                var best: (pinned: Int, option: Figure)?
                for option in options {
                    var trial = self
                    trial.hide(option)
                    var check = Attack(problem: trial)
                    check.run(relations: component.relations)
                    if !check.domains[target].isSingle {
                        self = trial
                        freed = true
                        break
                    }
                    let stillPinned = component.cells.filter {
                        (trial.cells[$0].state == .small || trial.cells[$0].state == .hidden)
                            && check.domains[$0].isSingle
                    }.count
                    if best == nil || stillPinned < best!.pinned { best = (stillPinned, option) }
                }
                if !freed, let best { hide(best.option) }
            }
        }
    }

    /// Cells linked through relations, with their relations.
    struct Component {
        var cells: [Int]
        var relations: [Int]
    }

    func components() -> [Component] {
        var seen = Set<Int>()
        var out: [Component] = []
        for start in cells.indices where !seen.contains(start) && !relationsOf[start].isEmpty {
            var members: [Int] = []
            var relations = Set<Int>()
            var stack = [start]
            seen.insert(start)
            while let c = stack.popLast() {
                members.append(c)
                for r in relationsOf[c] where relations.insert(r).inserted {
                    for m in self.members(of: r) where seen.insert(m).inserted { stack.append(m) }
                }
            }
            out.append(Component(cells: members.sorted(), relations: relations.sorted()))
        }
        return out
    }

    func members(of relation: Int) -> [Int] {
        if relation < sums.count { return [sums[relation].total] + sums[relation].parts }
        let s = shares[relation - sums.count]
        return s.numerator + s.denominator
    }

    func describe(_ f: Figure) -> String {
        switch f {
        case .count(let i): return cells[i].key
        case .share(let k): return "share " + shares[k].key
        case .countAndShares(let i): return cells[i].key + " and its shares"
        }
    }

    enum Figure: Equatable {
        case count(Int)
        case share(Int)
        /// A count and every share printed of it.
        case countAndShares(Int)
    }

    mutating func hide(_ f: Figure) {
        switch f {
        case .count(let i): cells[i].state = .hidden
        case .share(let k): shares[k].shown = false
        case .countAndShares(let i):
            cells[i].state = .hidden
            for k in shares.indices where shares[k].numerator.contains(i) || shares[k].denominator.contains(i) {
                shares[k].shown = false
            }
        }
    }

    /// Figures to hide for a pinned cell, cheapest first: those of the relations it is
    /// in (a share; a count other than the organisation's, the smallest first, alone and
    /// then with the shares printed of it, which would otherwise give it away; the
    /// organisation's last), then those one relation further away.
    func candidates(for target: Int, in component: Component) -> [Figure] {
        var found: [(cost: Double, figure: Figure)] = []
        var distance: [Int: Int] = [target: 0]
        var frontier = [target]
        var relationDistance: [Int: Int] = [:]
        for d in 0..<2 {
            var next: [Int] = []
            for c in frontier {
                for r in relationsOf[c] where relationDistance[r] == nil {
                    relationDistance[r] = d
                    for m in members(of: r) where distance[m] == nil {
                        distance[m] = d + 1
                        next.append(m)
                    }
                }
            }
            frontier = next
        }
        for (r, d) in relationDistance.sorted(by: { $0.key < $1.key }) {
            let far = Double(d) * 10_000
            if r >= sums.count, shares[r - sums.count].shown {
                found.append((1 + far + (shares[r - sums.count].isTotal ? 1_000_000 : 0), .share(r - sums.count)))
            }
            for i in members(of: r) where i != target && cells[i].state == .small {
                // A `< 5` shown as `..` tells the reader less (it could be 0): a cheap way to
                // break "the total is 4 and four cells are at least 1 each".
                guard !found.contains(where: { $0.figure == .count(i) }) else { continue }
                found.append((1.5 + far + (cells[i].isTotal ? 1_000 : 0), .count(i)))
            }
            for i in members(of: r) where i != target && cells[i].state == .exact {
                guard !found.contains(where: { $0.figure == .count(i) }) else { continue }
                let v = Double(cells[i].value)
                let cost = 2 + far + (cells[i].isTotal ? 1_000_000 : 0) + (v == 0 ? 500 : v)
                found.append((cost, .count(i)))
                let printed = shares.contains { $0.shown && ($0.numerator.contains(i) || $0.denominator.contains(i)) }
                if printed { found.append((cost + 1.5, .countAndShares(i))) }
            }
        }
        // Ties in a fixed order, so that the same findings always print the same report.
        func rank(_ f: Figure) -> Int {
            switch f {
            case .share(let k): return 3 * k
            case .count(let i): return 3 * i + 1
            case .countAndShares(let i): return 3 * i + 2
            }
        }
        return found.sorted { ($0.cost, rank($0.figure)) < ($1.cost, rank($1.figure)) }.map(\.figure)
    }
}

enum Disclosure {
    /// `VALVONTA_TRACE_DISCLOSURE=1`: print each pinned count and what was hidden for it.
    static let trace = getenv("VALVONTA_TRACE_DISCLOSURE") != nil
}
