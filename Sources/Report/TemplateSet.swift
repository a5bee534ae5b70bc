import Foundation
import Mustache
import Yams

/// The output formats rendered from templates.
public enum ReportFormat: String, Sendable, CaseIterable {
    case html, markdown

    var fileName: String { self == .html ? "report.html" : "report.md" }
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
    public let directory: String

    public init(directory: String) throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
            throw ReportError.templatesNotFound(searched: [directory])
        }
        self.directory = directory
    }

    /// The language's labels: `labels.yaml`, nested mappings flattened to dotted keys.
    public func strings(for language: ReportLanguage) throws -> ReportStrings {
        let file = language.rawValue + "/labels.yaml"
        guard let data = FileManager.default.contents(atPath: directory + "/" + file) else {
            throw ReportError.missingTemplate(name: file, directory: directory)
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: String(decoding: data, as: UTF8.self))
        } catch {
            throw ReportError.strings(file: file, problem: "is not valid YAML")
        }
        var words: [String: String] = [:]
        func walk(_ n: Node, _ prefix: String) throws {
            switch n {
            case .mapping(let m):
                for (k, v) in m {
                    guard let key = k.scalar?.string else {
                        throw ReportError.strings(file: file, problem: "a key is not text")
                    }
                    try walk(v, prefix.isEmpty ? key : prefix + "." + key)
                }
            case .scalar(let s): words[prefix] = s.string
            default: throw ReportError.strings(file: file, problem: "label '\(prefix)' must be text or a mapping")
            }
        }
        if let node { try walk(node, "") }
        return ReportStrings(words: words, file: file)
    }

    /// Renders the model; `model.t` is filled with the language's labels.
    public func render(
        _ model: ReportModel, kind: ReportKind, language: ReportLanguage,
        format: ReportFormat
    ) throws -> String {
        let strings = try strings(for: language)
        let templates = try load(format: format, language: language)
        try check(templates, root: kind.rawValue, strings: strings)
        var library = MustacheLibrary()
        for (name, t) in templates { library.register(t.template, named: name) }
        var m = model
        m.t = Labels(strings.words)
        guard let out = library.render(m, withTemplate: kind.rawValue) else {
            throw ReportError.missingTemplate(name: kind.rawValue, directory: directory)
        }
        return out
    }

    struct Loaded {
        var template: MustacheTemplate
        var text: String
        var file: String
    }

    /// `F/` then `L/` (which wins), every `.mustache` file below them.
    func load(format: ReportFormat, language: ReportLanguage) throws -> [String: Loaded] {
        TemplateSet.registerMarkdown
        var out: [String: Loaded] = [:]
        for folder in [format.rawValue, language.rawValue] {
            let base = directory + "/" + folder
            guard let e = FileManager.default.enumerator(atPath: base) else { continue }
            for case let path as String in e where path.hasSuffix(".mustache") {
                let file = folder + "/" + path
                guard let data = FileManager.default.contents(atPath: base + "/" + path) else {
                    throw ReportError.unreadableFile(directory + "/" + file)
                }
                var text = String(decoding: data, as: UTF8.self)
                if text.hasSuffix("\n") { text.removeLast() }
                // A partial starts in HTML mode, so every Markdown template declares its own escaping.
                let source = format == .markdown ? "{{% CONTENT_TYPE: MARKDOWN}}\n" + text : text
                do {
                    let t = try MustacheTemplate(string: source)
                    out[String(path.dropLast(".mustache".count))] = Loaded(template: t, text: text, file: file)
                } catch {
                    throw ReportError.templateSyntax(file: file, detail: String(describing: error))
                }
            }
        }
        return out
    }

    /// The library renders a missing partial or label as nothing; a document
    /// sent to an authority must not silently lose a block, so every
    /// `{{> name}}` and every `t.key` label must exist.
    func check(_ templates: [String: Loaded], root: String, strings: ReportStrings) throws {
        guard templates[root] != nil else { throw ReportError.missingTemplate(name: root, directory: directory) }
        let partial = try NSRegularExpression(pattern: #"\{\{\s*[><]\s*([^\s}]+)\s*\}\}"#)
        try checkNoCycle(templates, partial: partial)
        let label = try NSRegularExpression(pattern: #"\{\{[#^/&{]?\s*t\.([A-Za-z0-9_.\-]+)\s*\}?\}\}"#)
        for name in templates.keys.sorted() {
            guard let t = templates[name] else { continue }
            let range = NSRange(t.text.startIndex..., in: t.text)
            for m in partial.matches(in: t.text, range: range) {
                guard let r = Range(m.range(at: 1), in: t.text) else { continue }
                let used = String(t.text[r])
                if templates[used] == nil {
                    throw ReportError.missingPartial(name: used, usedIn: t.file, directory: directory)
                }
            }
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
    /// at the end of `closing.mustache`). A `--templates` folder is data, so
    /// such a set is refused before anything is rendered.
    func checkNoCycle(_ templates: [String: Loaded], partial: NSRegularExpression) throws {
        var uses: [String: [String]] = [:]
        for (name, t) in templates {
            let range = NSRange(t.text.startIndex..., in: t.text)
            uses[name] = partial.matches(in: t.text, range: range).compactMap {
                Range($0.range(at: 1), in: t.text).map { String(t.text[$0]) }
            }
        }
        var done = Set<String>()
        var path: [String] = []
        func visit(_ name: String) throws {
            if let i = path.firstIndex(of: name) {
                let cycle = (path[i...] + [name]).joined(separator: " → ")
                throw ReportError.templateSyntax(
                    file: templates[name]?.file ?? name,
                    detail: "the partials include each other in a cycle (\(cycle)), which would never end; remove the cycle")
            }
            guard !done.contains(name), templates[name] != nil else { return }
            path.append(name)
            for used in uses[name] ?? [] { try visit(used) }
            path.removeLast()
            done.insert(name)
        }
        for name in templates.keys.sorted() { try visit(name) }
    }

    static let registerMarkdown: Void = MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
}

/// Escapes a value for GitHub-flavoured Markdown: the characters that start
/// emphasis, code, links, HTML, tables or headings get a backslash, `&` too
/// (so no entity forms), and line breaks become spaces so a value never
/// breaks a table row or starts a block.
struct MarkdownContentType: MustacheContentType {
    func escapeText(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for (i, c) in text.enumerated() {
            switch c {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "~", "&":
                out.append("\\")
                out.append(c)
            case "-", "+", "=":
                if i == 0 { out.append("\\") }
                out.append(c)
            case "\n", "\r", "\t":
                out.append(" ")
            default:
                out.append(c)
            }
        }
        return out
    }
}

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
