import CaseModel
import Foundation
import Mustache
import StrictYAML

/// The output formats rendered from templates.
public enum ReportFormat: String, Sendable, CaseIterable {
    case html, markdown

    var fileName: String { self == .html ? "report.html" : "report.md" }

    /// The content type each of its templates is loaded with (`registerContentTypes`).
    var contentType: String { self == .markdown ? "MARKDOWN" : "VALVONTA_HTML" }
}

/// A templates directory (docs/templates.md):
/// ```
/// templates/html/*.mustache       layout and blocks of the HTML report
/// templates/markdown/*.mustache   the same for Markdown
/// templates/<lang>/labels.yaml    the language's words (fi, sv, en)
/// templates/<lang>/*.mustache     the language's sentences, shared by both formats
/// ```
/// A report of kind K, language L and format F renders the template named K
/// (`avi-response` or `omavalvonta`) from the union of `F/` and `L/`, where a
/// file in `L/` replaces one of the same name in `F/`. Partials are named by
/// their path below those folders without `.mustache`. One trailing newline of
/// each file is dropped, so a sentence partial can be used inside a line.
public struct TemplateSet: Sendable {
    /// Where the files are: a folder on disk (`--templates`), or the set compiled into the
    /// binary (`BuiltInTemplates`, generated from templates/), below a folder of it.
    enum Source: Sendable {
        case directory
        case builtIn(prefix: String)
    }

    let source: Source
    /// The folder as messages name it; for the built-in set, `<built-in templates>`.
    public let directory: String
    /// Long lists are written row by row (`RowTable`); off only in the tests that compare with Mustache.
    var writesRowsDirectly = true

    public init(directory: String) throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
            throw ReportError.templatesNotFound(searched: [directory])
        }
        self.directory = directory
        self.source = .directory
    }

    private init(builtInBelow prefix: String) {
        source = .builtIn(prefix: prefix)
        directory = "<built-in templates>" + (prefix.isEmpty ? "" : "/" + prefix.dropLast())
    }

    /// The templates compiled into the binary: templates/ as it was when
    /// `scripts/embed-templates.sh` last ran (a test keeps the two equal).
    public static let builtIn = TemplateSet(builtInBelow: "")

    /// A folder of the set (`thl`) as a set of its own.
    public func folder(_ name: String) throws -> TemplateSet {
        switch source {
        case .directory: return try TemplateSet(directory: directory + "/" + name)
        case .builtIn(let prefix): return TemplateSet(builtInBelow: prefix + name + "/")
        }
    }

    /// Whether the set has the folder `name` (`docx`): on disk, or among the built-in files.
    public func hasFolder(_ name: String) -> Bool {
        switch source {
        case .directory:
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: directory + "/" + name, isDirectory: &isDir) && isDir.boolValue
        case .builtIn(let prefix):
            return BuiltInTemplates.files.keys.contains { $0.hasPrefix(prefix + name + "/") }
        }
    }

    /// Every file of the built-in set, by its path below templates/.
    public static var builtInFiles: [String: String] { BuiltInTemplates.files }

    /// The deepest nesting of sections and partials along any chain of
    /// inclusions; the built-in templates need 9.
    public static let maximumDepth = 64
    /// The most partials one rendering may expand, repetitions counted; the
    /// built-in templates expand fewer than 100.
    public static let maximumExpansions = 10_000
    /// The largest template file read; the built-in ones are under 10 KB.
    public static let maximumTemplateBytes = 1_048_576

    /// The language's labels: `labels.yaml`, read by the strict YAML reader,
    /// nested mappings flattened to dotted keys.
    public func strings(for language: ReportLanguage) throws -> ReportStrings {
        let file = language.rawValue + "/labels.yaml"
        let path = directory + "/" + file
        let bytes: [UInt8]
        switch source {
        case .directory:
            do {
                bytes = try StrictYAML.readFile(path)
            } catch let e as YAMLFileError {
                if e.isMissing { throw ReportError.missingTemplate(name: file, directory: directory) }
                throw ReportError.cannotRead(path: path, reason: e.reason)
            }
        case .builtIn(let prefix):
            guard let text = BuiltInTemplates.files[prefix + file] else {
                throw ReportError.missingTemplate(name: file, directory: directory)
            }
            bytes = Array(text.utf8)
        }
        do {
            return ReportStrings(words: try Self.labels(bytes, file: path), file: file)
        } catch {
            throw ReportError.yaml(error, document: "the labels")
        }
    }

    /// `a: {b: x}` and `a.b: x` are the same label, so a label given both ways is refused too.
    public static func labels(_ bytes: [UInt8], file: String) throws(YAMLError) -> [String: String] {
        var words: [String: String] = [:]
        guard let root = try StrictYAML.parse(bytes, file: file) else { return words }
        var pending = [(YAMLField(root, file: file), "")]
        while let (field, prefix) = pending.popLast() {
            switch field.node.content {
            case .mapping:
                for (key, value) in try field.mapping().fields.reversed() {
                    pending.append((value, prefix.isEmpty ? key : prefix + "." + key))
                }
            case .scalar(let s):
                guard !prefix.isEmpty else { throw field.error("must be a mapping of labels") }
                guard words.updateValue(s.text, forKey: prefix) == nil else {
                    throw field.error("is a label given twice (once with a dotted key, once nested)")
                }
            case .sequence:
                throw field.error("must be text or a mapping of labels, not a list")
            }
        }
        return words
    }

    /// Renders the model; `model.t` is filled with the language's labels.
    public func render(
        _ model: ReportModel, kind: ReportKind, language: ReportLanguage,
        format: ReportFormat
    ) throws -> String {
        try render(
            model, root: kind.rawValue, language: language, folder: format.rawValue, contentType: format.contentType)
    }

    /// Renders the template `root` from the union of `folder/` and the
    /// language's folder (which wins), with the same checks as a report; the
    /// model's `t` is filled with the language's labels. `contentType` is one
    /// registered in `registerContentTypes`.
    func render<Model: TemplateModel>(
        _ model: Model, root: String, language: ReportLanguage, folder: String, contentType: String
    ) throws -> String {
        let prepared = try prepare(roots: [root], language: language, folder: folder, contentType: contentType)
        return try render(model, root: root, prepared: prepared)
    }

    /// The templates of `folder/` and the language's folder, loaded, parsed and checked once for
    /// several renderings (the parts of a DOCX), each of whose `roots` must be among them.
    struct Prepared {
        let strings: ReportStrings
        let labels: Labels
        let templates: [String: Loaded]
        let library: MustacheLibrary
        let contentType: String
    }

    func prepare(roots: [String], language: ReportLanguage, folder: String, contentType: String) throws -> Prepared {
        let strings = try strings(for: language)
        let templates = try load(folders: [folder, language.rawValue], contentType: contentType)
        for root in roots { try check(templates, root: root, strings: strings, rootOnly: root != roots.first) }
        var library = MustacheLibrary()
        for (name, t) in templates { library.register(t.template, named: name) }
        return Prepared(
            strings: strings, labels: Labels(strings.words), templates: templates, library: library,
            contentType: contentType)
    }

    /// Renders `root` of prepared templates. `lengths`: the model's list lengths when the caller
    /// already has them (`ModelShape.listLengths` walks the whole model).
    func render<Model: TemplateModel>(
        _ model: Model, root: String, prepared: Prepared, lengths: [String: Int]? = nil
    ) throws -> String {
        try rendering(model, root: root, prepared: prepared, lengths: lengths).output
    }

    /// A rendering, and the text that stands for it when its markup is checked: the output itself,
    /// or, when long lists were written row by row, the probe rendering (`RowTable.render`), which
    /// has all of the document but the rows' values and stays small however long the lists are.
    struct Rendering {
        var output: String
        var checkable: String
        /// Whether `checkable` is the probe rendering (its lines are then not the output's).
        var isProbe = false
    }

    func rendering<Model: TemplateModel>(
        _ model: Model, root: String, prepared: Prepared, lengths: [String: Int]? = nil
    ) throws -> Rendering {
        var m = model
        m.t = prepared.labels
        try checkWork(prepared.templates, root: root, lengths: lengths ?? ModelShape.listLengths(m))
        if writesRowsDirectly, let long = m as? any LongListsModel,
            let (out, probe) = renderRows(long, texts: reachable(from: root, in: prepared.templates),
                library: prepared.library, root: root, contentType: prepared.contentType)
        {
            return Rendering(output: out, checkable: probe, isProbe: true)
        }
        guard let out = prepared.library.render(m, withTemplate: root) else {
            throw ReportError.missingTemplate(name: root, directory: directory)
        }
        return Rendering(output: out, checkable: out)
    }

    /// The texts of `root` and of every partial it includes, directly or through others: all that
    /// rendering it can print (a DOCX's header part does not reach the appendix its body has).
    func reachable(from root: String, in templates: [String: Loaded]) -> [String] {
        var seen: Set<String> = [root]
        var pending = [root]
        var texts: [String] = []
        while let name = pending.popLast() {
            guard let t = templates[name] else { continue }
            texts.append(t.text)
            for use in t.outline.uses where seen.insert(use.partial).inserted { pending.append(use.partial) }
        }
        return texts
    }

    /// The long lists written row by row (`RowTable`), or nil to render with Mustache alone.
    func renderRows<Model: LongListsModel>(
        _ model: Model, texts: [String], library: MustacheLibrary, root: String, contentType: String
    ) -> (output: String, probe: String)? {
        RowTable.render(model, tables: Model.rowTables, texts: texts, contentType: contentType) {
            library.render($0, withTemplate: root)
        }
    }

    struct Loaded {
        var template: MustacheTemplate
        var text: String
        /// Below the templates directory (`html/closing.mustache`).
        var file: String
        /// As the user can find it (`tpl/html/closing.mustache`).
        var path: String
        var outline: TemplateOutline
    }

    /// `F/` then `L/` (which wins), every `.mustache` file below them. Each is
    /// outlined (and refused if it must be) before the Mustache parser reads it.
    func load(format: ReportFormat, language: ReportLanguage) throws -> [String: Loaded] {
        try load(folders: [format.rawValue, language.rawValue], contentType: format.contentType)
    }

    /// Every `.mustache` file below `folders`, a later folder's file replacing an earlier one's.
    func load(folders: [String], contentType: String) throws -> [String: Loaded] {
        TemplateSet.registerContentTypes
        var out: [String: Loaded] = [:]
        for folder in folders {
            let base = directory + "/" + folder
            for (path, stored) in files(below: folder) {
                let file = folder + "/" + path
                let fullPath = base + "/" + path
                var text = try stored ?? Self.read(fullPath)
                if text.hasSuffix("\n") { text.removeLast() }
                let outline = try TemplateOutline(text, path: fullPath, maximumDepth: Self.maximumDepth)
                // A partial starts in HTML mode, so every template declares its format's escaping.
                let source = "{{% CONTENT_TYPE: \(contentType)}}\n" + text
                do {
                    let t = try MustacheTemplate(string: source)
                    out[String(path.dropLast(".mustache".count))] = Loaded(
                        template: t, text: text, file: file, path: fullPath, outline: outline)
                } catch let e as MustacheTemplate.ParserError {
                    // One line was added above the text: the pragma.
                    throw ReportError.template(
                        path: fullPath, line: max(1, e.context.lineNumber - 1),
                        problem: "cannot be parsed: " + Self.explain(e.error))
                } catch {
                    throw ReportError.templateSyntax(file: file, detail: String(describing: error))
                }
            }
        }
        return out
    }

    /// The `.mustache` files below `folder`, by their path below it, with their text when it is
    /// built in (nil: read it from the directory).
    func files(below folder: String) -> [(path: String, text: String?)] {
        switch source {
        case .directory:
            guard let e = FileManager.default.enumerator(atPath: directory + "/" + folder) else { return [] }
            return e.compactMap { $0 as? String }.filter { $0.hasSuffix(".mustache") }.map { ($0, nil) }
        case .builtIn(let prefix):
            let start = prefix + folder + "/"
            return BuiltInTemplates.files.filter { $0.key.hasPrefix(start) && $0.key.hasSuffix(".mustache") }
                .map { (String($0.key.dropFirst(start.count)), $0.value) }
        }
    }

    static func explain(_ error: any Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?: return "a section is closed with another name than it was opened with"
        case .unfinishedName?: return "a tag is not finished with '}}', or its name holds a character names cannot"
        case .expectedSectionEnd?: return "a section is opened and never closed"
        default: return String(describing: error)
        }
    }

    /// A template's text: UTF-8 (no replacement characters in a reply), within the size limit.
    static func read(_ path: String) throws -> String {
        let bytes: [UInt8]
        do {
            bytes = try StrictYAML.readFile(path, maximumBytes: maximumTemplateBytes)
        } catch let e as YAMLFileError {
            throw ReportError.cannotRead(path: path, reason: e.reason)
        }
        guard bytes.count <= maximumTemplateBytes else {
            throw ReportError.template(path: path, line: nil, problem: "is larger than 1 MB, more than a template needs")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let line = 1 + (String(decoding: bytes, as: UTF8.self).split(
                separator: "\u{FFFD}", maxSplits: 1, omittingEmptySubsequences: false).first?.filter { $0 == "\n" }.count ?? 0)
            throw ReportError.template(path: path, line: line, problem: "is not UTF-8 text; save it as UTF-8")
        }
        return text
    }

    /// The library renders a missing partial or label as nothing; a document
    /// sent to an authority must not silently lose a block, so every
    /// `{{> name}}` and every `t.key` label must exist. The partials are the
    /// ones `TemplateOutline` found; their graph is checked before rendering.
    /// `rootOnly`: the set was checked already for another root; only this root's presence is left.
    func check(_ templates: [String: Loaded], root: String, strings: ReportStrings, rootOnly: Bool = false) throws {
        guard templates[root] != nil else { throw ReportError.missingTemplate(name: root, directory: directory) }
        guard !rootOnly else { return }
        try checkGraph(templates)
        let label = try NSRegularExpression(pattern: #"\{\{[#^/&{]?\s*t\.([A-Za-z0-9_.\-]+)\s*\}?\}\}"#)
        for name in templates.keys.sorted() {
            guard let t = templates[name] else { continue }
            for use in t.outline.uses where templates[use.partial] == nil {
                throw ReportError.missingPartial(name: use.partial, usedIn: t.file, directory: directory)
            }
            let range = NSRange(t.text.startIndex..., in: t.text)
            for m in label.matches(in: t.text, range: range) {
                guard let r = Range(m.range(at: 1), in: t.text) else { continue }
                let key = String(t.text[r])
                if strings.words[key] == nil && !strings.words.keys.contains(where: { $0.hasPrefix(key + ".") }) {
                    throw ReportError.strings(
                        file: strings.file, problem: "label '\(key)' used in \(t.file) is missing")
                }
            }
        }
    }

    /// A partial that includes itself, directly or through others, would
    /// recurse until the stack overflows (measured: a crash with `{{> closing}}`
    /// at the end of `closing.mustache`); so would a chain of thousands of
    /// partials, and partials that each include the next twice would never
    /// finish. A `--templates` folder is data, so such a set is refused before
    /// anything is rendered.
    func checkGraph(_ templates: [String: Loaded]) throws {
        let graph = PartialGraph(outlines: templates.mapValues(\.outline))
        let (order, cycle) = graph.order()
        if let cycle, let first = templates[cycle[0]] {
            throw ReportError.template(
                path: first.path, line: first.outline.uses.first { $0.partial == cycle[1] }?.line,
                problem: "the partials include each other in a cycle (\(cycle.joined(separator: " → "))), which "
                    + "would never end; remove the cycle")
        }
        let (depth, expansions) = graph.measure(order, limit: Self.maximumExpansions)
        // The template at the top of the deepest (or widest) tree is named, with the way down.
        func top(_ measure: [String: Int], over limit: Int) -> (Loaded, [String])? {
            let over = measure.filter { $0.value > limit }
            guard let name = over.keys.sorted().max(by: { (over[$0] ?? 0) < (over[$1] ?? 0) }),
                let t = templates[name]
            else { return nil }
            var chain = [name]
            var current = name
            while chain.count < 6,
                let next = templates[current]?.outline.uses.map(\.partial).max(by: {
                    (measure[$0] ?? -1) < (measure[$1] ?? -1)
                }), templates[next] != nil
            {
                chain.append(next)
                current = next
            }
            return (t, chain)
        }
        if let (t, chain) = top(depth, over: Self.maximumDepth) {
            throw ReportError.template(
                path: t.path, line: t.outline.uses.first { $0.partial == chain.dropFirst().first }?.line,
                problem: "its partials and sections nest more than \(Self.maximumDepth) deep ("
                    + chain.joined(separator: " → ") + " → …); no report needs that many levels")
        }
        if let (t, chain) = top(expansions, over: Self.maximumExpansions) {
            throw ReportError.template(
                path: t.path, line: t.outline.uses.first { $0.partial == chain.dropFirst().first }?.line,
                problem: "rendering it would expand more than \(Self.maximumExpansions) partials (partials that "
                    + "include others several times over: " + chain.joined(separator: " → ")
                    + " → …); no report needs that many")
        }
    }

    /// Sections over lists nested in each other multiply: refused before
    /// rendering when the bound of `PartialGraph.work` over this model's lists
    /// passes `maximumWork`. Measured: the built-in reply over 500 000 cases,
    /// every exception listed, needs 430 000 (rendered in 5 s in a debug build);
    /// the limit would take some 20 s in a release build.
    func checkWork(_ templates: [String: Loaded], root: String, model: Any) throws {
        try checkWork(templates, root: root, lengths: ModelShape.listLengths(model))
    }

    func checkWork(_ templates: [String: Loaded], root: String, lengths: [String: Int]) throws {
        let graph = PartialGraph(outlines: templates.mapValues(\.outline))
        let order = graph.order().order
        let work = graph.work(order, lengths: lengths, limit: Self.maximumWork)
        trace("templates: \(root) evaluates at most \(Int(work[root] ?? 0)) tags")
        guard (work[root] ?? 0) > Self.maximumWork else { return }
        // The first template over the limit whose partials are all under it: the multiplying is there,
        // in its most repeated section.
        guard let name = order.first(where: { (work[$0] ?? 0) > Self.maximumWork }), let t = templates[name] else {
            return
        }
        let factors = PartialGraph.factors(t.outline, lengths: lengths, limit: Self.maximumWork)
        let heaviest = factors.indices.max { factors[$0] < factors[$1] }
        throw ReportError.template(
            path: t.path, line: heaviest.map { t.outline.sections[$0].line },
            problem: "rendering it over this export would evaluate more than \(Int(Self.maximumWork)) tags (sections "
                + "over lists nested in each other); no report needs that many")
    }

    /// The most tag evaluations a rendering may need (see `checkWork`).
    public static let maximumWork: Double = 10_000_000

    static let registerContentTypes: Void = {
        for c in ValueContentTypes.all { MustacheContentTypes.register(c.type, named: c.name) }
    }()
}

/// A model the templates render: the renderer fills `t` with the language's labels.
public protocol TemplateModel {
    var t: Labels { get set }
}

extension ReportModel: TemplateModel {}

/// A model with lists that can run to hundreds of thousands of rows (`RowTable`).
protocol LongListsModel {
    static var rowTables: [RowTable<Self>] { get }
}

extension ReportModel: LongListsModel {}

/// The labels as Mustache sees them: `{{t.section.summary}}` walks the dotted key.
public struct Labels: MustacheParent, Sendable {
    let words: [String: String]
    let prefixes: Set<String>
    let prefix: String

    init(_ words: [String: String]) {
        self.words = words
        var p = Set<String>()
        for key in words.keys {
            var parts = key.split(separator: ".").dropLast()
            while !parts.isEmpty {
                p.insert(parts.joined(separator: "."))
                parts = parts.dropLast()
            }
        }
        self.prefixes = p
        self.prefix = ""
    }

    private init(words: [String: String], prefixes: Set<String>, prefix: String) {
        self.words = words
        self.prefixes = prefixes
        self.prefix = prefix
    }

    public init() { self.init([:]) }

    public func child(named name: String) -> Any? {
        let key = prefix + name
        if let w = words[key] { return w }
        if prefixes.contains(key) { return Labels(words: words, prefixes: prefixes, prefix: key + ".") }
        return nil
    }
}
