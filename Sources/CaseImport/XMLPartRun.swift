import CLibXML2
import CaseModel
import Foundation

/// One reading of an XML file in the parts of an `XMLPartPlan` (in one part
/// without a plan): the first part on the calling thread, each later one on a
/// thread of its own, each with its own parser, validator, handler and
/// builder. `run` returns the builders of the parts whose reading stands, in
/// file order (see `XMLExportReader` for why the result is the single parser's).
final class XMLPartRun: @unchecked Sendable {
    /// How a part's reading ended.
    enum Outcome: Equatable {
        /// At the start of the next part, between two cases: the next part goes on from there.
        case between
        /// At the end of the file.
        case end
        /// Before the end of its part: a fatal problem, a limit or a read error
        /// (or the part was no longer needed).
        case stopped
        /// A later part whose prefix did not leave its parser between two cases: not used.
        case unusable
    }

    private let fd: Int32
    private let path: String
    private let head: [UInt8]
    private let plan: XMLPartPlan?
    private let schema: CompiledSchema
    private let builders: [ExportBuilder]

    private let lock = NSCondition()
    // Guarded by `lock`.
    private var outcomes: [Outcome?]
    /// Per part: whether its prefix parsed (nil: not yet known).
    private var ready: [Bool?]
    /// Per part after the first: newlines between the previous part's start and its own
    /// (nil: not yet counted, -1: the file could not be read).
    private var newlinesBefore: [Int?]
    /// Parts after this one are not needed: an earlier part reads past them or stopped.
    private var cutoff = Int.max

    /// - Parameters:
    ///   - head: the file's first bytes, already read (whole chunks when there is a plan).
    ///   - source: the name the export was begun under.
    /// - Parameter schema: compiled on the calling thread, where the first part runs.
    init(fd: Int32, path: String, head: [UInt8], schema: CompiledSchema, plan: XMLPartPlan?, options: ImportOptions,
         source: String) {
        self.schema = schema
        self.fd = fd
        self.path = path
        self.head = head
        self.plan = plan
        let count = (plan?.starts.count ?? 0) + 1
        builders = (0..<count).map { _ in
            let builder = ExportBuilder(options: options)
            builder.beginExport(source: source, syntax: .xml)
            return builder
        }
        outcomes = Array(repeating: nil, count: count)
        ready = Array(repeating: nil, count: count)
        newlinesBefore = Array(repeating: nil, count: count)
    }

    func run() -> [ExportBuilder] {
        let count = builders.count
        for k in 1..<max(count, 1) {
            let thread = Thread { [self] in part(k) }
            thread.stackSize = 8 << 20
            thread.start()
        }
        part(0)
        lock.lock()
        while outcomes.contains(where: { $0 == nil }) { lock.wait() }
        let outcomes = self.outcomes.map { $0! }
        lock.unlock()
        trace("parsed: parts from \([0] + (plan?.starts ?? [])): \(outcomes.map { "\($0)" })")
        var used = [builders[0]]
        var k = 0
        while outcomes[k] == .between, k + 1 < count {
            k += 1
            used.append(builders[k])
        }
        return used
    }

    private func part(_ k: Int) {
        let handler = XMLStreamHandler(builder: builders[k])
        let outcome = withExtendedLifetime(handler) { read(k, handler) }
        trace("part \(k) read: \(outcome)")
        lock.lock()
        outcomes[k] = outcome
        if k > 0, ready[k] == nil { ready[k] = false }
        if outcome != .between { cutoff = min(cutoff, k) }
        lock.broadcast()
        lock.unlock()
    }

    private func setReady(_ k: Int, _ value: Bool) {
        lock.lock()
        ready[k] = value
        lock.broadcast()
        lock.unlock()
    }

    /// Waits until the part's prefix has parsed or failed.
    private func isReady(_ k: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        while ready[k] == nil { lock.wait() }
        return ready[k]!
    }

    private func isCut(_ k: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return cutoff < k
    }

    private func cut(after k: Int) {
        lock.lock()
        cutoff = min(cutoff, k)
        lock.unlock()
    }

    private func read(_ k: Int, _ handler: XMLStreamHandler) -> Outcome {
        let builder = handler.builder
        // Each later part compiles the schema for itself (a millisecond): nothing of libxml2's is
        // shared between threads. Before the error function is set: compiling sets its own and clears it.
        let compiled = k == 0 ? schema : CompiledSchema()
        let me = Unmanaged.passUnretained(handler).toOpaque()
        xmlSetStructuredErrorFunc(me, XMLStreamHandler.errorCallback)
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        let last = k + 1 == builders.count
        let start = k == 0 ? 0 : plan!.starts[k - 1]
        let end = last ? Int.max : plan!.starts[k]
        var line = 1
        if k > 0 {
            guard let n = newlines(before: k) else { return .unusable }
            line = n + 1
        }
        var sax = XMLStreamHandler.saxHandler()
        guard let schema = compiled,
              let ctxt = PushParser.create(&sax, context: me, head: k == 0 ? head : plan!.prefix, path: path) else {
            if k == 0 { builder.fatal(line: nil, field: nil, message: "internal error: libxml2 could not start a parser") }
            return k == 0 ? .stopped : .unusable
        }
        defer { xmlFreeParserCtxt(ctxt) }
        return withExtendedLifetime(schema) { () -> Outcome in
            guard let validation = xmlSchemaNewValidCtxt(schema.schema) else {
                if k == 0 { builder.fatal(line: nil, field: nil, message: "internal error: libxml2 could not start the schema validator") }
                return k == 0 ? .stopped : .unusable
            }
            defer { xmlSchemaFreeValidCtxt(validation) }
            xmlSchemaSetValidStructuredErrors(validation, XMLStreamHandler.errorCallback, me)
            xmlSchemaValidateSetLocator(validation, XMLStreamHandler.locatorCallback, me)
            let plug = xmlSchemaSAXPlug(validation, &ctxt.pointee.sax, &ctxt.pointee.userData)
            defer { if plug != nil { xmlSchemaSAXUnplug(plug) } }
            handler.attach(ctxt)
            return parse(k, ctxt, handler, line: line, start: start, end: end)
        }
    }

    private func parse(_ k: Int, _ ctxt: xmlParserCtxtPtr, _ handler: XMLStreamHandler, line: Int, start: Int,
                       end: Int) -> Outcome {
        let builder = handler.builder
        var markup = XMLMarkupGuard(line: line)
        func feed(_ bytes: ArraySlice<UInt8>, last: Bool = false) { PushParser.feed(ctxt, bytes, last: last) }
        func guarded(_ bytes: ArraySlice<UInt8>) -> Bool {
            guard let line = bytes.withUnsafeBytes({ markup.scan($0) }) else { return true }
            builder.fatal(line: line, field: nil, message: XMLMarkupGuard.message)
            handler.finish()
            return false
        }
        var offset: Int
        if k == 0 {
            // The first bytes went in with the context; the guard sees the whole head.
            guard guarded(head[...]) else { return .stopped }
            feed(head[PushParser.firstBytes(of: head)...])
            offset = head.count
        } else {
            feed(plan!.prefix[PushParser.firstBytes(of: plan!.prefix)...])
            guard handler.beginPart(atLine: line) else {
                setReady(k, false)
                return .unusable
            }
            setReady(k, true)
            offset = start
        }
        var boundary = end
        let chunkSize = XMLExportReader.chunkSize
        while !handler.stopRequested {
            if isCut(k) { return .stopped }
            // Chunks end at multiples of the chunk size, as when one parser reads the file.
            let count = (offset / chunkSize + 1) * chunkSize - offset
            // One part reads on from where the head ended, so that a pipe (`<(zcat …)`) works too;
            // parts of a regular file read at their offsets.
            guard let bytes = plan == nil ? readOn(count) : preadBytes(fd, at: offset, count: count) else {
                builder.fatal(line: nil, field: nil,
                              message: "cannot be read (\(String(cString: strerror(errno)))); give the path of an XML export file")
                handler.finish()
                return .stopped
            }
            if bytes.isEmpty { break }
            defer { offset += bytes.count }
            guard boundary < offset + bytes.count else {
                guard guarded(bytes[...]) else { return .stopped }
                feed(bytes[...])
                continue
            }
            // The next part starts in this chunk. The guard still sees all of it first.
            let cut = boundary - offset
            guard guarded(bytes[..<cut]) else { return .stopped }
            let guardBetween = markup.inText
            guard guarded(bytes[cut...]) else { return .stopped }
            feed(bytes[..<cut])
            if handler.stopRequested { break }
            if guardBetween, handler.standsBetweenCases, isReady(k + 1) {
                handler.finish()
                return .between
            }
            // Not between two cases after all: this part reads on to the end, the later ones are dropped.
            self.cut(after: k)
            boundary = Int.max
            feed(bytes[cut...])
        }
        if handler.stopRequested {
            handler.finish()
            return .stopped
        }
        handler.atEnd = true
        feed([], last: true)
        handler.finish()
        return .end
    }

    /// The next bytes from the file's position, at most `count` (one `read`); nil after a read error.
    private func readOn(_ count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        let fd = self.fd
        let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, count) }
        guard n >= 0 else { return nil }
        bytes.removeLast(count - n)
        return bytes
    }

    /// Newlines in the file before part `k` (k ≥ 1); nil after a read error. Each part counts
    /// only the run since the previous part's start, then adds the earlier parts' counts.
    private func newlines(before k: Int) -> Int? {
        let from = k == 1 ? 0 : plan!.starts[k - 2], to = plan!.starts[k - 1]
        var count = 0, at = from
        while at < to {
            guard let bytes = preadBytes(fd, at: at, count: min(1 << 20, to - at)), !bytes.isEmpty else {
                count = -1
                break
            }
            count += bytes.withUnsafeBytes { XMLPartPlan.newlines($0) }
            at += bytes.count
        }
        lock.lock()
        defer { lock.unlock() }
        newlinesBefore[k] = count
        lock.broadcast()
        var total = 0
        for j in 1...k {
            while newlinesBefore[j] == nil { lock.wait() }
            guard newlinesBefore[j]! >= 0 else { return nil }
            total += newlinesBefore[j]!
        }
        return total
    }
}
