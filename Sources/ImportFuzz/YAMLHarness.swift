import CaseModel
import Report
import Rules
import StrictYAML
import Yams

/// The `yaml` fuzzer's property (see `Harness`).
enum YAMLHarness {
    static func run(_ bytes: [UInt8]) {
        let codes = Harness.identityCodes(in: bytes)
        let lineCount = bytes.reduce(1) { $0 + ($1 == 0x0A || $1 == 0x0D ? 1 : 0) }
        func checkMessage(_ message: String, line: Int?, column: Int?) {
            let upper = message.uppercased()
            for code in codes where upper.contains(code) { Harness.fail("an identity code of the input is in a message") }
            if let line, line < 1 || line > lineCount { Harness.fail("a message's line \(line) is outside the file") }
            if let column, column < 1 || column > bytes.count + 1 { Harness.fail("a message's column is outside the file") }
        }
        do {
            let mine = try StrictYAML.parse(bytes, file: "fuzz.yaml")
            compareWithYams(mine, bytes)
        } catch {
            checkMessage(error.description, line: error.line, column: error.column)
        }
        do {
            _ = try RuleSettings.read(bytes, file: "fuzz.yaml")
        } catch {
            guard case .located(let place, _) = error else { Harness.fail("a settings error without its place") }
            checkMessage(error.errorDescription ?? "", line: place.line, column: place.column)
        }
        do {
            _ = try ResponseMetadata.read(bytes, file: "fuzz.yaml")
        } catch {
            checkMessage(error.description, line: error.line, column: error.column)
        }
        do {
            _ = try TemplateSet.labels(bytes, file: "fuzz.yaml")
        } catch {
            checkMessage(error.description, line: error.line, column: error.column)
        }
    }

    /// What the strict reader accepted, Yams reads the same way. (Yams only
    /// sees accepted files: nested at most 64 deep, so its recursion is safe.)
    static func compareWithYams(_ mine: YAMLNode?, _ bytes: [UInt8]) {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            Harness.fail("the strict reader accepted bytes that are not UTF-8")
        }
        let theirs: Yams.Node?
        do {
            theirs = try Yams.compose(yaml: text)
        } catch {
            Harness.fail("the strict reader accepted a file Yams refuses")
        }
        if !same(mine, theirs) { Harness.fail("the strict reader and Yams read different trees") }
    }

    static func same(_ mine: YAMLNode?, _ theirs: Yams.Node?) -> Bool {
        switch (mine, theirs) {
        case (nil, nil): return true
        // A document with no content ('---' alone): libyaml gives it an empty plain scalar, this reader nothing.
        case (nil, .scalar(let b)?): return b.string.isEmpty && b.style == .plain
        case (let m?, let t?):
            switch (m.content, t) {
            case (.scalar(let a), .scalar(let b)):
                return a.text == b.string && style(a.style) == b.style
            case (.sequence(let a), .sequence(let b)):
                return a.count == b.count && zip(a, b).allSatisfy { same($0, $1) }
            case (.mapping(let a), .mapping(let b)):
                let pairs = Array(b)
                return a.count == pairs.count
                    && zip(a, pairs).allSatisfy { $0.key == $1.key.scalar?.string && same($0.value, $1.value) }
            default: return false
            }
        default: return false
        }
    }

    static func style(_ s: YAMLScalar.Style) -> Yams.Node.Scalar.Style {
        switch s {
        case .plain: return .plain
        case .singleQuoted: return .singleQuoted
        case .doubleQuoted: return .doubleQuoted
        case .literal: return .literal
        case .folded: return .folded
        }
    }
}
