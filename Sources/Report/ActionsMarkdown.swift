import Foundation

/// The corrective actions are Markdown written by the user. Only a small safe
/// subset is understood — paragraphs (separated by blank lines), `-` (or `*`)
/// list items and `**bold**` — and it becomes a model of plain text blocks,
/// never HTML: the templates escape every span and add the markup. Anything
/// else (links, headings, raw HTML) stays literal text, escaped.
public enum ActionsMarkdown {
    public static func parse(_ text: String) -> ActionsSection {
        var blocks: [TextBlock] = []
        var paragraph: [String] = []
        var list: [TextLine] = []

        func flushParagraph() {
            guard !paragraph.isEmpty else { return }
            blocks.append(TextBlock(isParagraph: true, isList: false, items: [line(paragraph.joined(separator: " "))]))
            paragraph = []
        }
        func flushList() {
            guard !list.isEmpty else { return }
            blocks.append(TextBlock(isParagraph: false, isList: true, items: list))
            list = []
        }

        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let l = raw.trimmingCharacters(in: .whitespaces)
            if l.isEmpty {
                flushParagraph()
                flushList()
            } else if l.hasPrefix("- ") || l.hasPrefix("* ") {
                flushParagraph()
                list.append(line(String(l.dropFirst(2)).trimmingCharacters(in: .whitespaces)))
            } else if !list.isEmpty && raw.first == " " {
                // An indented continuation of the previous list item.
                let previous = list.removeLast()
                list.append(TextLine(spans: previous.spans + [TextSpan(text: " ", bold: false)] + line(l).spans))
            } else {
                flushList()
                paragraph.append(l)
            }
        }
        flushParagraph()
        flushList()
        return ActionsSection(hasActions: !blocks.isEmpty, blocks: blocks)
    }

    /// Splits on `**`: text between a pair is bold; an unpaired `**` stays literal.
    static func line(_ s: String) -> TextLine {
        let parts = s.components(separatedBy: "**")
        guard parts.count >= 3 else { return TextLine(spans: [TextSpan(text: s, bold: false)]) }
        var spans: [TextSpan] = []
        let pairedEnd = parts.count % 2 == 1 ? parts.count : parts.count - 1
        for (i, p) in parts.enumerated() where i < pairedEnd && !p.isEmpty {
            spans.append(TextSpan(text: p, bold: i % 2 == 1))
        }
        if pairedEnd < parts.count {
            spans.append(TextSpan(text: "**" + parts[pairedEnd], bold: false))
        }
        return TextLine(spans: spans)
    }
}
