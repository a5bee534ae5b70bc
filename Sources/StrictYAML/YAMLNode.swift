/// A node of a YAML document as the strict reader gives it: a scalar, a
/// sequence or a mapping with text keys, each with the line and column where
/// it starts (1-based; the column counts characters, not bytes).
///
/// There are no anchors, aliases, tags or merge keys to resolve: the reader
/// refuses them, so every node stands for itself and the tree is never
/// larger than the file.
public struct YAMLNode: Sendable, Equatable {
    public indirect enum Content: Sendable, Equatable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    public var content: Content
    public var line: Int
    public var column: Int

    public init(_ content: Content, line: Int, column: Int) {
        self.content = content
        self.line = line
        self.column = column
    }

    public var scalar: YAMLScalar? {
        if case .scalar(let s) = content { return s }
        return nil
    }
}

/// A scalar's text and how it was written. Only a plain scalar can be null,
/// a boolean or a number (YAML 1.2 core schema); a quoted or block scalar is
/// always text.
public struct YAMLScalar: Sendable, Equatable {
    public enum Style: Sendable, Equatable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public var text: String
    public var style: Style

    public init(_ text: String, style: Style) {
        self.text = text
        self.style = style
    }

    /// `key:` with nothing after it, `~`, `null`, `Null` or `NULL`, unquoted.
    public var isNull: Bool {
        style == .plain && ["", "~", "null", "Null", "NULL"].contains(text)
    }
}

/// One `key: value` of a mapping. Keys are scalars (a key that is a list or
/// a mapping is refused) and are unique within their mapping.
public struct YAMLPair: Sendable, Equatable {
    public var key: String
    public var keyLine: Int
    public var keyColumn: Int
    public var value: YAMLNode

    public init(key: String, keyLine: Int, keyColumn: Int, value: YAMLNode) {
        self.key = key
        self.keyLine = keyLine
        self.keyColumn = keyColumn
        self.value = value
    }
}
