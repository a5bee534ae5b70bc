import CLibXML2
import Foundation

/// The second thread of an XML import: it reads the file, keeps the markup
/// guard, hands every chunk to the main thread, and validates the same bytes
/// against the XSD with a parser of its own.
///
/// Why: libxml2's XSD validation costs about three times its plain parse
/// (measured on a 500 000-case export: SAX alone 1.0 s, SAX with the validator
/// plugged in 3.7 s), and building the model costs about as much again. On two
/// cores the two halves overlap instead of adding up.
///
/// Order of the problems: every schema error is recorded with the number of
/// start and end tags the side parser had seen when it was raised. The main
/// thread counts the same tags (`XMLStreamHandler`), so that at the end the
/// errors go exactly where the validator plugged into the main parser put
/// them: into the problem sequence at the next tag (`XMLStreamHandler.merge`),
/// and dropped when the reader had already reported the same field there.
/// Errors the side raised past the tag where the main thread stopped are
/// dropped, as the single parser never saw those tags.
///
/// Nothing is shared with the main parser: the side has the compiled schema
/// to itself, and its own parser context and dictionary. The side's own parse
/// errors are ignored (the main parser reports the same ones).
final class XMLSchemaSide: @unchecked Sendable {
    /// A schema validity error and where it was raised.
    struct SchemaError {
        /// Start and end tags seen by the side parser before the error.
        var tags: Int
        var line: Int
        /// libxml2's text; it may quote a value, so it is only ever shown through `XMLErrorText.schema`.
        var message: String
    }

    /// What the main thread gets next.
    enum Item {
        case chunk([UInt8])
        /// The end of the file.
        case end
        /// A start tag at this line breaks `XMLMarkupGuard`'s limit: parse nothing more.
        case markupLimit(line: Int)
        /// The file could not be read (errno text).
        case readError(String)
        /// libxml2 could not start the side parser or validator.
        case failed
    }

    /// Chunks read ahead of the main parser at most (4 MB).
    static let maxQueued = 16
    /// Schema errors kept at most; the rest are counted. A report lists 1000 problems, so this never shows.
    static let maxErrors = 100_000

    private let schema: CompiledSchema
    private let fd: Int32
    private let path: String
    private let head: [UInt8]
    private let chunkSize: Int

    private let lock = NSCondition()
    // Guarded by `lock`.
    private var queue: [Item] = []
    private var cancelled = false
    private var finished = false

    // Side thread only until `finished`, then the main thread's.
    private var ctxt: xmlParserCtxtPtr?
    private var tags = 0
    private var errors: [SchemaError] = []
    private var overflow = 0

    /// - Parameters:
    ///   - fd: the open file, positioned after `head`.
    ///   - head: the bytes already read (the prolog scan's).
    init(schema: CompiledSchema, fd: Int32, path: String, head: [UInt8], chunkSize: Int) {
        self.schema = schema
        self.fd = fd
        self.path = path
        self.head = head
        self.chunkSize = chunkSize
    }

    func start() {
        let thread = Thread { [self] in
            run()
            lock.lock()
            finished = true
            lock.broadcast()
            lock.unlock()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    // MARK: Main thread

    /// The next item, in file order; the head's remaining bytes come first.
    func next() -> Item {
        lock.lock()
        defer { lock.unlock() }
        while queue.isEmpty, !finished { lock.wait() }
        guard !queue.isEmpty else { return .end }
        let item = queue.removeFirst()
        lock.broadcast()
        return item
    }

    /// Stops reading and waits for the side thread to finish the chunks it
    /// already handed over. Returns the schema errors raised at or before
    /// `tags` tags, in order, and how many more were only counted.
    func finish(tags limit: Int) -> (errors: [SchemaError], uncounted: Int) {
        lock.lock()
        cancelled = true
        lock.broadcast()
        while !finished { lock.wait() }
        lock.unlock()
        let kept = errors.filter { $0.tags <= limit }
        return (kept, overflow)
    }

    // MARK: Side thread

    /// Hands an item to the main thread; false once the main thread stopped.
    private func post(_ item: Item) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        while queue.count >= Self.maxQueued, !cancelled { lock.wait() }
        if cancelled { return false }
        queue.append(item)
        lock.broadcast()
        return true
    }

    private var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    private func run() {
        let me = Unmanaged.passUnretained(self).toOpaque()
        xmlSetStructuredErrorFunc(me, Self.errorCallback)
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        var sax = xmlSAXHandler()
        sax.initialized = 0xDEED_BEAF
        sax.startElementNs = { ctx, _, _, _, _, _, _, _, _ in
            guard let ctx else { return }
            Unmanaged<XMLSchemaSide>.fromOpaque(ctx).takeUnretainedValue().tags += 1
        }
        sax.endElementNs = { ctx, _, _, _ in
            guard let ctx else { return }
            Unmanaged<XMLSchemaSide>.fromOpaque(ctx).takeUnretainedValue().tags += 1
        }
        sax.internalSubset = { ctx, _, _, _ in
            guard let ctx else { return }
            if let c = Unmanaged<XMLSchemaSide>.fromOpaque(ctx).takeUnretainedValue().ctxt { xmlStopParser(c) }
        }
        guard let ctxt = PushParser.create(&sax, context: me, head: head, path: path) else {
            _ = post(.failed)
            return
        }
        self.ctxt = ctxt
        defer {
            self.ctxt = nil
            xmlFreeParserCtxt(ctxt)
        }
        guard let validation = xmlSchemaNewValidCtxt(schema.schema) else {
            _ = post(.failed)
            return
        }
        defer { xmlSchemaFreeValidCtxt(validation) }
        xmlSchemaSetValidStructuredErrors(validation, Self.errorCallback, me)
        xmlSchemaValidateSetLocator(validation, Self.locatorCallback, me)
        let plug = xmlSchemaSAXPlug(validation, &ctxt.pointee.sax, &ctxt.pointee.userData)
        defer { if plug != nil { xmlSchemaSAXUnplug(plug) } }

        func parse(_ bytes: [UInt8], last: Bool) { PushParser.feed(ctxt, bytes, last: last) }
        var markup = XMLMarkupGuard()
        if let line = head.withUnsafeBytes({ markup.scan($0) }) {
            _ = post(.markupLimit(line: line))
            return
        }
        let rest = Array(head[PushParser.firstBytes(of: head)...])
        guard post(.chunk(rest)) else { return }
        parse(rest, last: false)
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        while !isCancelled {
            let fd = self.fd
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                _ = post(.readError(String(cString: strerror(errno))))
                return
            }
            if n == 0 {
                guard post(.end) else { return }
                parse([], last: true)
                return
            }
            let chunk = Array(buffer[0..<n])
            if let line = chunk.withUnsafeBytes({ markup.scan($0) }) {
                _ = post(.markupLimit(line: line))
                return
            }
            guard post(.chunk(chunk)) else { return }
            parse(chunk, last: false)
        }
    }

    private func error(_ e: xmlError) {
        if errors.count >= Self.maxErrors {
            overflow += 1
            return
        }
        let line = e.line > 0 ? Int(e.line) : Int(ctxt?.pointee.input?.pointee.line ?? 0)
        errors.append(SchemaError(tags: tags, line: line, message: e.message.map { String(cString: $0) } ?? ""))
    }

    private static let errorCallback: xmlStructuredErrorFunc = { data, error in
        // Parser errors are the main parser's to report (they may also come with
        // the schema plug as their context, which is not ours to cast).
        guard let data, let error, error.pointee.domain == Int32(XML_FROM_SCHEMASV.rawValue) else { return }
        Unmanaged<XMLSchemaSide>.fromOpaque(data).takeUnretainedValue().error(error.pointee)
    }

    private static let locatorCallback: xmlSchemaValidityLocatorFunc = { ctx, file, line in
        guard let ctx else { return -1 }
        let side = Unmanaged<XMLSchemaSide>.fromOpaque(ctx).takeUnretainedValue()
        file?.pointee = nil
        line?.pointee = UInt(side.ctxt?.pointee.input?.pointee.line ?? 0)
        return 0
    }
}
