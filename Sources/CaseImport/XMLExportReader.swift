import CLibXML2
import CaseModel
import Foundation

/// Streams an XML export (case-export.md, "XML") into an `ExportBuilder`.
///
/// One libxml2 SAX2 push parser per part of the file, with the XSD
/// validator (`CaseExportSchema`) plugged into it by `xmlSchemaSAXPlug`,
/// feeds an `XMLStreamHandler`, which builds the records; its problems and the
/// validator's come in file order. SAX2 rather than `xmlTextReader`, because
/// the reader builds and frees a tree node for every element and reports
/// 16-bit element lines; SAX2 hands over attribute names interned in the
/// parser's dictionary, so matching them is a pointer comparison.
///
/// Parts: validation costs libxml2 about three times its plain parse, and
/// building the model as much again, so a large file (a megabyte or more per
/// core) is cut between two cases (`XMLPartPlan`) and its parts are read at
/// once, each on its own core with its own parser, validator and builder.
/// The result is the one a single parser gives, problem for problem: a part
/// is only used when the part before it, reaching the cut, stands between two
/// cases with nothing pending; chunks are read at the same offsets as by one
/// parser, so that the markup guard stops at the same place; and when a key
/// stands in two parts (a duplicate, which only one reading reports where it
/// stands) the file is read again in one part.
///
/// Safety (case-export.md, Decisions: XML): the prolog is scanned before the
/// parser sees a byte and any `<!DOCTYPE` is fatal, so no entity is ever
/// declared, expanded or fetched; the parser runs with `XML_PARSE_NONET` and
/// without `XML_PARSE_NOENT`, `XML_PARSE_DTDLOAD` or `XML_PARSE_HUGE`, so
/// libxml2's default size limits hold. Encodings that are not
/// ASCII-compatible (UTF-16, UTF-32) are refused up front.
///
/// Validation in `--lenient` mode: the XSD runs in both modes. Its complaints
/// about names the reader itself reported as unknown (an element or attribute
/// the format does not define) are dropped, so that the reader's verdict,
/// fatal in strict mode and a warning in lenient mode, is the only one; every
/// other schema error stays fatal. Likewise a schema error about a field that
/// the builder's typed checks already reported is dropped, so that each
/// problem is listed once.
public enum XMLExportReader {
    /// Bytes handed to the parser at a time.
    static let chunkSize = 256 * 1024
    /// How far the prolog is scanned for a DOCTYPE before parsing; a longer
    /// prolog (a giant comment) is left to the parser's own DOCTYPE callback.
    static let prologScanLimit = 1 << 20

    public static func read(path: String, into builder: ExportBuilder) {
        let source = (path as NSString).lastPathComponent
        builder.beginExport(source: source, syntax: .xml)
        readDocument(path: path, builder: builder)
        builder.endExport()
    }

    private static func readDocument(path: String, builder: ExportBuilder) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            builder.fatal(line: nil, field: nil,
                          message: "cannot be opened (\(String(cString: strerror(errno)))); check that the file is readable")
            return
        }
        defer { close(fd) }
        var file = ChunkReader(fd: fd, size: chunkSize)
        var head: [UInt8] = []
        var verdict = PrologScan.Verdict.needMore
        while verdict == .needMore, head.count < prologScanLimit {
            guard let chunk = file.next(builder) else { return }
            if chunk.isEmpty { break }
            head += chunk
            verdict = PrologScan.scan(head)
        }
        if head.isEmpty {
            builder.fatal(line: nil, field: nil,
                          message: "the file is empty; an XML export holds one caseExport element")
            return
        }
        switch verdict {
        case .doctype(let line):
            builder.fatal(line: line, field: nil, message: PrologScan.doctypeMessage)
            return
        case .notASCIICompatible:
            builder.fatal(line: 1, field: nil,
                          message: "is encoded in UTF-16 or UTF-32; save the export as UTF-8 (or another ASCII-compatible encoding named in the XML declaration)")
            return
        case .needMore, .rootFound:
            break
        }
        guard let schema = CompiledSchema() else {
            builder.fatal(line: nil, field: nil,
                          message: "internal error: the built-in schema case-export-1.xsd does not compile; report this as a bug")
            return
        }
        var info = stat()
        let size = fstat(fd, &info) == 0 ? Int(info.st_size) : 0
        let wanted = builder.readParts ?? min(max(1, ProcessInfo.processInfo.activeProcessorCount), 8,
                                               max(1, size / XMLPartPlan.minimumPartBytes))
        // The head holds whole chunks unless the file ended: later chunks are read at multiples of `chunkSize`.
        let plan = head.count % chunkSize == 0 && size > head.count
            ? XMLPartPlan.make(read: { preadBytes(fd, at: $0, count: $1) ?? [] }, size: size, parts: wanted, head: head)
            : nil
        let source = builder.currentSource
        func run(_ plan: XMLPartPlan?) -> [ExportBuilder] {
            XMLPartRun(fd: fd, path: path, head: head, schema: schema, plan: plan, options: builder.options,
                       source: source).run()
        }
        if !builder.absorb(run(plan)) {
            // A key in two parts: read again in one, which reports the duplicate where it stands.
            _ = builder.absorb(run(nil))
        }
        trace("absorbed")
    }
}

/// Up to `count` bytes of the file at `offset` (fewer at its end); nil after a read error.
func preadBytes(_ fd: Int32, at offset: Int, count: Int) -> [UInt8]? {
    var bytes = [UInt8](repeating: 0, count: count)
    var got = 0
    while got < count {
        let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + got, count - got, off_t(offset + got)) }
        if n < 0 { return nil }
        if n == 0 { break }
        got += n
    }
    if got < count { bytes.removeLast(count - got) }
    return bytes
}

/// libxml2's push parser as every part of an XML import starts and feeds it.
enum PushParser {
    /// How many bytes of the head start the parser (enough for it to detect the encoding).
    static func firstBytes(of head: [UInt8]) -> Int { min(4, head.count) }

    /// A parser over the first bytes of `head` (the rest is fed after), with
    /// `XML_PARSE_NONET` and big line numbers; `context` goes to the SAX
    /// callbacks and into the context's `_private`. Nil when libxml2 cannot start one.
    static func create(_ sax: inout xmlSAXHandler, context: UnsafeMutableRawPointer, head: [UInt8],
                       path: String) -> xmlParserCtxtPtr? {
        let first = firstBytes(of: head)
        let created = head.withUnsafeBufferPointer { b in
            b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: first) {
                xmlCreatePushParserCtxt(&sax, context, $0, Int32(first), path)
            }
        }
        guard let ctxt = created else { return nil }
        xmlCtxtUseOptions(ctxt, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue))
        ctxt.pointee._private = context
        return ctxt
    }

    /// Feeds the next bytes; empty bytes with `last` tell the parser the input has ended.
    static func feed(_ ctxt: xmlParserCtxtPtr, _ bytes: ArraySlice<UInt8>, last: Bool = false) {
        if bytes.isEmpty {
            if last { _ = xmlParseChunk(ctxt, nil, 0, 1) }
            return
        }
        bytes.withUnsafeBytes { raw in
            _ = xmlParseChunk(ctxt, raw.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(raw.count), last ? 1 : 0)
        }
    }
}

/// Reads a file in fixed-size chunks.
struct ChunkReader {
    let fd: Int32
    var buffer: [UInt8]

    init(fd: Int32, size: Int) {
        self.fd = fd
        buffer = [UInt8](repeating: 0, count: size)
    }

    /// The next chunk, empty at the end of the file; nil after a read error (reported).
    mutating func next(_ builder: ExportBuilder) -> [UInt8]? {
        let fd = self.fd
        let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        if n < 0 {
            builder.fatal(line: nil, field: nil,
                          message: "cannot be read (\(String(cString: strerror(errno)))); give the path of an XML export file")
            return nil
        }
        return Array(buffer[0..<n])
    }
}

/// The XSD compiled once per file read (a millisecond; not worth a global).
final class CompiledSchema {
    let schema: xmlSchemaPtr

    init?() {
        // Nothing in the built-in schema may reach standard error.
        xmlSetStructuredErrorFunc(nil) { _, _ in }
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        xmlInitParser()
        let bytes = Array(CaseExportSchema.xsd.utf8)
        let parsed: xmlSchemaPtr? = bytes.withUnsafeBufferPointer { b in
            b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) { p in
                guard let context = xmlSchemaNewMemParserCtxt(p, Int32(b.count)) else { return nil }
                defer { xmlSchemaFreeParserCtxt(context) }
                return xmlSchemaParse(context)
            }
        }
        guard let parsed else { return nil }
        schema = parsed
    }

    deinit { xmlSchemaFree(schema) }
}

/// The prolog check made before parsing (case-export.md, Decisions: XML).
enum PrologScan {
    enum Verdict: Equatable {
        /// The bytes end inside the prolog.
        case needMore
        /// The root start tag (or something that is not XML, left to the parser).
        case rootFound
        case doctype(line: Int)
        case notASCIICompatible
    }

    static let doctypeMessage =
        "has a DOCTYPE declaration; DTDs and entities are not allowed in a case export (nothing was parsed); "
        + "remove the DOCTYPE and write every character directly"

    static func scan(_ b: [UInt8]) -> Verdict {
        var i = 0
        if b.starts(with: [0xEF, 0xBB, 0xBF]) {
            i = 3
        } else if b.starts(with: [0xFE, 0xFF]) || b.starts(with: [0xFF, 0xFE]) {
            return .notASCIICompatible
        } else if b.count >= 2, b[0] == 0 || (b[0] == 0x3C && b[1] == 0) {
            return .notASCIICompatible
        }
        while true {
            while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
            guard i + 1 < b.count else { return .needMore }
            guard b[i] == UInt8(ascii: "<") else { return .rootFound }
            switch b[i + 1] {
            case UInt8(ascii: "?"):
                guard let end = find([0x3F, 0x3E], in: b, from: i + 2) else { return .needMore }
                i = end + 2
            case UInt8(ascii: "!"):
                guard i + 4 <= b.count else { return .needMore }
                if b[i + 2] == UInt8(ascii: "-"), b[i + 3] == UInt8(ascii: "-") {
                    guard let end = find([0x2D, 0x2D, 0x3E], in: b, from: i + 4) else { return .needMore }
                    i = end + 3
                    continue
                }
                guard i + 9 <= b.count else { return .needMore }
                let word = String(decoding: b[(i + 2)..<(i + 9)], as: UTF8.self).uppercased()
                if word == "DOCTYPE" {
                    return .doctype(line: 1 + b[0..<i].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) })
                }
                return .rootFound
            default:
                return .rootFound
            }
        }
    }

    private static func find(_ needle: [UInt8], in b: [UInt8], from start: Int) -> Int? {
        guard b.count >= needle.count else { return nil }
        var i = start
        while i + needle.count <= b.count {
            if b[i] == needle[0], b[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
