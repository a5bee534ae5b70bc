import Foundation

/// The one YAML reader of valvonta: response metadata, rule settings, the
/// templates' `labels.yaml` and every YAML file added later go through it
/// (docs/security.md, "YAML files").
///
/// The limits are checked before anything is built: the size on the byte
/// count (a file is never read past it), the depth as the parser descends.
/// So no file can make the tool use more than a small multiple of its size in
/// memory, or recurse deeper than `maximumDepth`.
public enum StrictYAML {
    /// The largest file read: the files are a few kilobytes (the labels of a
    /// language are 6 KB); a megabyte leaves room for long texts.
    public static let maximumBytes = 1_048_576
    /// The deepest nesting of lists and mappings; the tool's files need 3.
    public static let maximumDepth = 64

    /// The document's root; nil when it is empty (only comments, or nothing).
    public static func parse(
        _ bytes: some Collection<UInt8>, file: String, maximumBytes: Int = maximumBytes,
        maximumDepth: Int = maximumDepth
    ) throws(YAMLError) -> YAMLNode? {
        let text = try YAMLText(bytes, file: file, maximumBytes: maximumBytes)
        var parser = YAMLParser(text: text, file: file, maximumDepth: maximumDepth)
        return try parser.parseDocument()
    }

    /// Reads at most `maximumBytes + 1` bytes of a file, so that the size limit
    /// holds for a huge file, a device or a pipe as well.
    public static func readFile(_ path: String, maximumBytes: Int = maximumBytes) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw YAMLFileError(path: path, code: errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw YAMLFileError(path: path, code: errno) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw YAMLFileError(path: path, code: EISDIR) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while bytes.count <= maximumBytes {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw YAMLFileError(path: path, code: errno)
            }
            if n == 0 { break }
            bytes += chunk[0..<n]
        }
        return bytes
    }

    /// A file read and parsed.
    public static func load(path: String, name: String? = nil) throws -> YAMLNode? {
        try parse(readFile(path), file: name ?? path)
    }
}

/// A YAML file that could not be read at all: its path and the system's reason.
public struct YAMLFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    /// The `errno` value.
    public var code: Int32

    public init(path: String, code: Int32) {
        self.path = path
        self.code = code
    }

    public var reason: String { String(cString: strerror(code)) }
    public var isMissing: Bool { code == ENOENT }
    public var description: String { "cannot read \(YAMLError.shown(path)): \(reason)" }
}
