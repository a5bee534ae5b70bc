/// A node with the file and the key path it was reached by: what the tool's
/// readers of metadata, settings and labels walk, so that every problem they
/// find is a `YAMLError` with the same file, line, column and key path as a
/// syntax error would have.
public struct YAMLField: Sendable {
    public let node: YAMLNode
    public let path: YAMLPath
    public let file: String

    public init(_ node: YAMLNode, path: YAMLPath = YAMLPath(), file: String) {
        self.node = node
        self.path = path
        self.file = file
    }

    /// A problem of this value, at its place.
    public func error(_ problem: String) -> YAMLError {
        YAMLError(file: file, line: node.line, column: node.column, path: path.description, problem: problem)
    }

    public var isNull: Bool { node.scalar?.isNull ?? false }

    public var scalar: YAMLScalar? { node.scalar }

    public func mapping(_ problem: String = "must be a mapping of 'key: value' lines") throws(YAMLError)
        -> YAMLMapping
    {
        guard case .mapping(let pairs) = node.content else { throw error(problem) }
        return YAMLMapping(field: self, pairs: pairs)
    }

    public func sequence(_ problem: String = "must be a list") throws(YAMLError) -> [YAMLField] {
        guard case .sequence(let items) = node.content else { throw error(problem) }
        return items.enumerated().map { YAMLField($0.element, path: path.item($0.offset), file: file) }
    }

    /// The text of a scalar however it is written; nil for null (`key:`, `~`, `null`).
    public func optionalText(_ problem: String = "must be text") throws(YAMLError) -> String? {
        guard let s = node.scalar else { throw error(problem) }
        return s.isNull ? nil : s.text
    }
}

/// A mapping reached through a `YAMLField`.
public struct YAMLMapping: Sendable {
    public let field: YAMLField
    public let pairs: [YAMLPair]

    public var keys: [String] { pairs.map(\.key) }

    public subscript(key: String) -> YAMLField? {
        guard let pair = pairs.first(where: { $0.key == key }) else { return nil }
        return YAMLField(pair.value, path: field.path.key(key), file: field.file)
    }

    /// A problem of a key itself (unknown, misplaced), at the key's place.
    public func error(key pair: YAMLPair, _ problem: String) -> YAMLError {
        YAMLError(
            file: field.file, line: pair.keyLine, column: pair.keyColumn,
            path: field.path.key(pair.key).description, problem: problem)
    }

    /// The first key not in `allowed`, in file order.
    public func firstUnknownKey(allowed: Set<String>) -> YAMLPair? {
        pairs.first { !allowed.contains($0.key) }
    }

    /// Every value with its path, in file order.
    public var fields: [(key: String, field: YAMLField)] {
        pairs.map { ($0.key, YAMLField($0.value, path: field.path.key($0.key), file: field.file)) }
    }
}

/// How a plain scalar reads as a whole number (YAML 1.2 core schema, decimal only).
public enum YAMLIntegerReading: Sendable, Equatable {
    case integer(Int)
    /// Quoted, a word, a fraction, or hexadecimal (`0x1F`), octal (`0o17`) or base 60 (`1:0:0`).
    case notAWholeNumber
    /// `060`: YAML 1.1 (and so many tools) read it as octal 48, YAML 1.2 as 60; refused as ambiguous.
    case leadingZero
    /// More digits than a 64-bit integer holds.
    case tooLarge(negative: Bool)
}

extension YAMLScalar {
    public var integerReading: YAMLIntegerReading {
        guard style == .plain else { return .notAWholeNumber }
        var digits = Substring(text)
        var negative = false
        if let sign = digits.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return .notAWholeNumber }
        if digits.count > 1 && digits.first == "0" { return .leadingZero }
        guard let value = Int(negative ? "-" + digits : String(digits)) else { return .tooLarge(negative: negative) }
        return .integer(value)
    }

    /// `true` or `false` (also `True`, `TRUE`, `False`, `FALSE`), unquoted; never YAML 1.1's `yes`, `on`, `y`.
    public var boolean: Bool? {
        guard style == .plain else { return nil }
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    /// A finite decimal number (`10`, `7.5`, `-0.25`, `1e2`), unquoted, without
    /// a leading zero before another digit; nil otherwise (`.inf`, `.nan` too).
    public var number: Double? {
        guard style == .plain else { return nil }
        let u = Array(text.utf8)
        var i = 0
        func digits() -> Int {
            let start = i
            while i < u.count, u[i] >= 0x30, u[i] <= 0x39 { i += 1 }
            return i - start
        }
        if i < u.count, u[i] == 0x2D || u[i] == 0x2B { i += 1 }
        let intStart = i
        let whole = digits()
        if whole > 1 && u[intStart] == 0x30 { return nil }
        var fraction = 0
        if i < u.count, u[i] == 0x2E {
            i += 1
            fraction = digits()
        }
        guard whole + fraction > 0 else { return nil }
        if i < u.count, u[i] == 0x65 || u[i] == 0x45 {
            i += 1
            if i < u.count, u[i] == 0x2D || u[i] == 0x2B { i += 1 }
            guard digits() > 0 else { return nil }
        }
        guard i == u.count, let value = Double(text), value.isFinite else { return nil }
        return value
    }
}
