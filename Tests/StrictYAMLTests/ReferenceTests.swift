import Foundation
import StrictYAML
import Testing
import Yams

/// Whether the strict reader's tree is the one Yams (libyaml) composes from
/// the same text: the same structure, the same text in every scalar and key,
/// the same style. Only called on files the strict reader accepted, which
/// are never nested deeper than 64 levels, so Yams' recursion is safe.
func sameTree(_ mine: YAMLNode?, _ theirs: Yams.Node?) -> Bool {
    switch (mine, theirs) {
    case (nil, nil): return true
    // A document with no content ('---' alone): libyaml gives it an empty plain scalar, this reader nothing.
    case (nil, .scalar(let b)?): return b.string.isEmpty && b.style == .plain
    case (let m?, let t?):
        switch (m.content, t) {
        case (.scalar(let a), .scalar(let b)):
            return a.text == b.string && style(a.style) == b.style
        case (.sequence(let a), .sequence(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { sameTree($0, $1) }
        case (.mapping(let a), .mapping(let b)):
            let pairs = Array(b)
            return a.count == pairs.count
                && zip(a, pairs).allSatisfy { $0.key == $1.key.scalar?.string && sameTree($0.value, $1.value) }
        default: return false
        }
    default: return false
    }
}

func style(_ s: YAMLScalar.Style) -> Yams.Node.Scalar.Style {
    switch s {
    case .plain: return .plain
    case .singleQuoted: return .singleQuoted
    case .doubleQuoted: return .doubleQuoted
    case .literal: return .literal
    case .folded: return .folded
    }
}

/// Valid files read by both readers give the same tree; they cover every
/// construct the strict reader accepts, with the folding rules of each scalar style.
@Suite struct ReferenceTests {
    static let documents: [String] = [
        "",
        "# only a comment\n",
        "---\na: 1\n",
        "---\n# found by the fuzzer: an explicit document with nothing in it\n",
        "--- # a comment\n...\n",
        "a: 1\n...\n",
        "a: 1\nb: two words\nc:\nd: ~\n",
        "a:\n  b:\n    c: deep\n  d: x\ne: y\n",
        "list:\n  - one\n  - two\n",
        "list:\n- one\n- two\nnext: 3\n",
        "- a: 1\n  b: 2\n- c: 3\n",
        "- - a\n  - b\n- - c\n",
        "-\n  a: 1\n-\n- x\n",
        "a: [1, two, \"three\", 'four']\n",
        "a: [1, 2,]\nb: []\nc: {}\n",
        "a: {name: X, unit: Y Z}\n",
        "signatory: { name: Etunimi Sukunimi, title: vastuualuejohtaja }\n",
        "a: [x,\n  y,\n  z]\n",
        "a: [long plain\n  continued, b]\n",
        "a: {k: [1, [2, {m: n}]], l: }\n",
        "text: this is\n  continued\n\n  after a blank\n",
        "- item\n  continued\n- next\n",
        "a: 'single ''quoted'' value'\n",
        "a: 'multi\n  line\n\n  single'\n",
        "a: \"double \\\"quoted\\\" \\t tab \\u00e4 \\x41 \\U0001F600\"\n",
        "a: \"escaped \\\n   line break\"\n",
        "a: \"trailing   \n   spaces folded\"\n",
        "a: \"keep  \\\n  this\"\n",
        "a: \"two\n\n\n  breaks\"\n",
        "a: |\n  literal\n   indented\n\n  last\n",
        "a: |-\n  strip\n\n",
        "a: |+\n  keep\n\n\nb: 1\n",
        "a: >\n  folded\n  text\n\n  para\n    more indented\n  back\n",
        "a: >-\n  folded\n  strip\n",
        "a: |2\n    two extra\n  base\n",
        "a: |\n  no final break",
        "a: >+\n  x\n\n",
        "a: |\n\n  after empty\n",
        "- |\n  in a list\n- >\n  folded\n  item\n",
        "a: |\n  text\nb: after\n",
        "key with spaces: value with spaces\n",
        "\"quoted key\": 1\n'single key': 2\n",
        "url: http://example.org/x?a=b#frag\n",
        "a: b#not a comment\nc: d # a comment\n",
        "a: -1\nb: +5\nc: 1.5e3\nd: .5\n",
        "a: x\r\nb: y\r\n",
        "a: x\rb: y\r",
        "\u{FEFF}a: bom\n",
        "a: \"ä ö å € 😀\"\nb: ääkköset\n",
        "a:    spaced   \n",
        "a:\tafter tab\n",
        "a: 1 # comment\n# between\nb: 2\n",
        "   a: indented root\n   b: 2\n",
        "a:\n  # comment\n  b: 1\n",
        "a: -x\nb: --- not a marker\n",
        "'a': [\"b\", 'c']\n",
        "a: {\"k\": v}\n",
        "a: \"line1\\nline2\"\n",
        "a: 'it''s'\n",
        "a:\n  - b: 1\n    c: 2\n  - d\n",
        "actions: |\n  **Bold**\n\n  - item one\n    continued\n  - item two\n",
    ]

    @Test(arguments: documents.indices)
    func sameAsYams(_ index: Int) throws {
        let text = Self.documents[index]
        let mine = try StrictYAML.parse(Array(text.utf8), file: "t.yaml")
        let theirs = try Yams.compose(yaml: text)
        #expect(sameTree(mine, theirs), "document \(index): \(text.debugDescription): \(String(describing: mine))")
    }

    @Test func theRepositoryFilesReadAsYamsReadsThem() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let files = [
            "docs/example-metadata.yaml", "sample-data/response.yaml", "sample-data/omavalvonta.yaml",
            "templates/fi/labels.yaml", "templates/sv/labels.yaml", "templates/en/labels.yaml",
        ]
        for f in files {
            let data = try Data(contentsOf: root.appendingPathComponent(f))
            let mine = try StrictYAML.parse(data, file: f)
            let theirs = try Yams.compose(yaml: String(decoding: data, as: UTF8.self))
            #expect(mine != nil)
            #expect(sameTree(mine, theirs), "\(f)")
        }
    }
}
