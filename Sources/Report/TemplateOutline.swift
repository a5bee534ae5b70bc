/// What the checks of a template set need from one template, read from its
/// text with the tag rules of the Mustache parser (swift-mustache's
/// `MustacheTemplate.parse`): the partials it includes, with the number of
/// sections each stands in, and its deepest nesting of sections.
///
/// It is read before the Mustache parser sees the text, and refuses what
/// would let a template escape the checks or the escaping:
/// - a delimiter change (`{{=<% %>=}}`): with other delimiters a partial
///   (`<%> closing %>`) is no longer `{{> …}}`, so no check of the text could
///   find it — the crash of issue 22;
/// - a dynamic partial (`{{>*name}}`, `{{<*name}}`), named by a value at
///   render time, so no check before rendering could know it;
/// - an unescaped value (`{{{name}}}`, `{{&name}}`) and a pragma (`{{% … }}`,
///   which could switch the escaping off): every value is escaped;
/// - sections nested deeper than `TemplateSet.maximumDepth`, before the
///   Mustache parser, which descends one call per section, would.
/// The scan works on Unicode scalars, so it sees every tag the parser (which
/// works on `Character`s) sees; where the two differ it sees more.
struct TemplateOutline {
    struct Use {
        var partial: String
        /// Sections, inverted sections, blocks and parents around the tag in this template.
        var depth: Int
        var line: Int
        /// The innermost section around it (an index into `sections`), -1 for none.
        var section: Int
    }

    /// A section, inverted section, block or parent; only a `{{#name}}` section can repeat.
    struct Section {
        var name: String
        var parent: Int
        var repeats: Bool
        var line: Int
    }

    var uses: [Use] = []
    var deepestSection = 0
    var sections: [Section] = []
    /// The tags other than partials directly inside each section, at index section + 1 (0: outside any).
    var tagCounts: [Int] = [0]

    static let nameCharacters = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/".unicodeScalars)

    /// `path`: the file as messages name it.
    init(_ text: String, path: String, maximumDepth: Int) throws {
        let s = Array(text.unicodeScalars)
        var i = 0
        var line = 1
        var open: [Int] = []  // indices into `sections`
        func fail(_ problem: String) -> ReportError { .template(path: path, line: line, problem: problem) }
        /// Past the whitespace the parser skips around names (newlines counted).
        func skipWhitespace() {
            while i < s.count, s[i].properties.isWhitespace {
                if s[i] == "\n" { line += 1 }
                i += 1
            }
        }
        /// The index after the next `}}` (comments and variables end there, as in the parser).
        func skipToClose() throws {
            while i + 1 < s.count, !(s[i] == "}" && s[i + 1] == "}") {
                if s[i] == "\n" { line += 1 }
                i += 1
            }
            guard i + 1 < s.count else { throw fail("a tag '{{' is not closed with '}}'") }
            i += 2
        }
        func openSection(_ name: String, repeats: Bool) {
            sections.append(Section(name: name, parent: open.last ?? -1, repeats: repeats, line: line))
            tagCounts.append(0)
            open.append(sections.count - 1)
        }
        func name() throws -> String {
            skipWhitespace()
            var v = String.UnicodeScalarView()
            while i < s.count, Self.nameCharacters.contains(s[i]) {
                v.append(s[i])
                i += 1
            }
            skipWhitespace()
            guard i + 1 < s.count, s[i] == "}", s[i + 1] == "}" else {
                throw fail("a tag holds something that is not a name, or is not closed with '}}'")
            }
            i += 2
            return String(v)
        }
        while i < s.count {
            if s[i] == "\n" { line += 1 }
            guard s[i] == "{", i + 1 < s.count, s[i + 1] == "{" else {
                i += 1
                continue
            }
            i += 2
            skipWhitespace()
            let kind = i < s.count ? s[i] : " "
            if kind == "=" {
                throw fail(
                    "changes the tag delimiters ({{=…=}}), which is not accepted: with other delimiters the checks "
                        + "could not find its partials; keep {{ }}")
            }
            switch kind {
            case "{", "&":
                throw fail("prints a value unescaped ({{{…}}} or {{&…}}); every value must be escaped: write {{name}}")
            case "%":
                throw fail("sets a pragma ({{%…}}); the escaping of each format is valvonta's, remove it")
            case "!":
                try skipToClose()
            case ">", "<":
                i += 1
                skipWhitespace()
                if i < s.count, s[i] == "*" {
                    throw fail("includes a dynamic partial ({{>*…}}), named only at render time; name the partial")
                }
                let partial = try name()
                uses.append(Use(partial: partial, depth: open.count, line: line, section: open.last ?? -1))
                if kind == "<" { openSection(partial, repeats: false) }
            case "#", "^", "$":
                i += 1
                tagCounts[(open.last ?? -1) + 1] += 1
                openSection(try name(), repeats: kind == "#")
                if open.count > maximumDepth {
                    throw fail("nests sections more than \(maximumDepth) deep; no report needs that many")
                }
            case "/":
                i += 1
                _ = try name()
                guard open.popLast() != nil else { throw fail("closes a section that is not open") }
            default:
                tagCounts[(open.last ?? -1) + 1] += 1
                try skipToClose()
            }
            deepestSection = max(deepestSection, open.count)
        }
    }
}

/// The partials of a template set as a graph, checked before anything is
/// rendered, without recursion (a chain of 10 000 partials is a list here,
/// not 10 000 stack frames):
/// - no partial includes itself, directly or through others (the renderer
///   would recurse until the stack ran out);
/// - partials and sections nest at most `TemplateSet.maximumDepth` deep
///   along any chain of inclusions;
/// - rendering a template expands at most `TemplateSet.maximumExpansions`
///   partials, counted with their repetitions in the text (40 partials each
///   including the next twice would expand 2^40 of them).
struct PartialGraph {
    let outlines: [String: TemplateOutline]

    /// The templates in an order where every partial comes before the
    /// templates that include it; a cycle, named, if there is one.
    func order() -> (order: [String], cycle: [String]?) {
        let names = outlines.keys.sorted()
        var remaining: [String: Int] = [:]  // partials not yet placed, per template
        var includers: [String: [String]] = [:]
        for name in names {
            let used = Set((outlines[name]?.uses ?? []).map(\.partial).filter { outlines[$0] != nil })
            remaining[name] = used.count
            for p in used { includers[p, default: []].append(name) }
        }
        var ready = names.filter { remaining[$0] == 0 }
        var order: [String] = []
        while let name = ready.popLast() {
            order.append(name)
            for includer in includers[name] ?? [] {
                remaining[includer, default: 0] -= 1
                if remaining[includer] == 0 { ready.append(includer) }
            }
        }
        guard order.count < names.count else { return (order, nil) }
        // Every template left includes one that is left: follow those to a repeat.
        let left = Set(names.filter { (remaining[$0] ?? 0) > 0 })
        var path: [String] = []
        var seen: [String: Int] = [:]
        var current = names.first { left.contains($0) } ?? ""
        while seen[current] == nil {
            seen[current] = path.count
            path.append(current)
            current = outlines[current]?.uses.map(\.partial).sorted().first { left.contains($0) } ?? current
        }
        return (order, Array(path[(seen[current] ?? 0)...]) + [current])
    }

    /// For each template, an upper bound of the tags its rendering evaluates
    /// over a model whose lists under each name are at most `lengths[name]`
    /// long (`ModelShape`): each tag counts once per repetition of the
    /// `{{#list}}` sections around it, a partial with all of its own; saturating
    /// just above `limit`. Given an order from `order()`.
    func work(_ order: [String], lengths: [String: Int], limit: Double) -> [String: Double] {
        var work: [String: Double] = [:]
        for name in order {
            guard let outline = outlines[name] else { continue }
            let factor = Self.factors(outline, lengths: lengths, limit: limit)
            var total: Double = 1
            for (index, count) in outline.tagCounts.enumerated() {
                total += Double(count) * (index == 0 ? 1 : factor[index - 1])
            }
            for use in outline.uses {
                total += (use.section >= 0 ? factor[use.section] : 1) * (work[use.partial] ?? 0)
            }
            work[name] = min(limit + 1, total)
        }
        return work
    }

    /// How often each section of `outline` can repeat, with the sections around it.
    static func factors(_ outline: TemplateOutline, lengths: [String: Int], limit: Double) -> [Double] {
        var factor: [Double] = []
        for section in outline.sections {
            let around = section.parent >= 0 ? factor[section.parent] : 1
            factor.append(min(limit + 1, around * (section.repeats ? repetitions(section.name, lengths) : 1)))
        }
        return factor
    }

    /// How often `{{#name}}` can repeat: the longest list under that name (the
    /// last part of a dotted name, the innermost name of a transform), or once.
    static func repetitions(_ name: String, _ lengths: [String: Int]) -> Double {
        let inner = name.split(whereSeparator: { $0 == "(" || $0 == ")" }).last.map(String.init) ?? name
        let key = inner.split(separator: ".").last.map(String.init) ?? inner
        return Double(max(1, lengths[key] ?? 1))
    }

    /// For each template, the deepest nesting of sections and partials below
    /// it and the number of partials its rendering expands (saturating just
    /// above `limit`), given an order from `order()`.
    func measure(_ order: [String], limit: Int) -> (depth: [String: Int], expansions: [String: Int]) {
        var depth: [String: Int] = [:]
        var expansions: [String: Int] = [:]
        for name in order {
            guard let outline = outlines[name] else { continue }
            var d = outline.deepestSection
            var n = 0
            for use in outline.uses {
                guard outlines[use.partial] != nil else { continue }
                d = max(d, use.depth + 1 + (depth[use.partial] ?? 0))
                n = min(limit + 1, n + 1 + (expansions[use.partial] ?? 0))
            }
            depth[name] = d
            expansions[name] = n
        }
        return (depth, expansions)
    }
}
