import CLibXML2
import CaseModel
import Foundation

/// The elements of the format and where each may stand (case-export.md, "XML").
enum XMLElementKind: Int, CaseIterable {
    case caseExport, regions, staff, cases, region, worker, post, occupancy
    case `case`, referral, assessment, clientship, assignment, plan, meeting

    var name: String { Self.names[rawValue] }

    private static let names = ["caseExport", "regions", "staff", "cases", "region", "worker", "post", "occupancy",
                                "case", "referral", "assessment", "clientship", "assignment", "plan", "meeting"]

    /// The record the element carries; nil for the grouping elements.
    var record: RecordKind? {
        switch self {
        case .caseExport: return .export
        case .regions, .staff, .cases: return nil
        case .region: return .region
        case .worker: return .worker
        case .post: return .post
        case .occupancy: return .occupancy
        case .case: return .case
        case .referral: return .referral
        case .assessment: return .assessment
        case .clientship: return .clientship
        case .assignment: return .assignment
        case .plan: return .plan
        case .meeting: return .meeting
        }
    }

    var children: [XMLElementKind] {
        switch self {
        case .caseExport: return [.regions, .staff, .cases]
        case .regions: return [.region]
        case .staff: return [.worker, .post]
        case .cases: return [.case]
        case .post: return [.occupancy]
        case .case: return [.referral, .assessment, .clientship, .assignment, .plan, .meeting]
        default: return []
        }
    }
}

/// The SAX2 side of `XMLExportReader`: turns start tags into `RawRecord`s,
/// reports unknown names, misplaced elements and text, and turns libxml2's
/// parse errors and the schema errors of the validator plugged into the same
/// parser into fatal problems without the values they quote.
///
/// Names are matched by pointer: libxml2 interns every element and attribute
/// name in the parser's dictionary, and so are ours (`attach`), so the hot
/// path compares pointers; a string comparison backs it up, so that a
/// dictionary quirk could only cost time, never a record.
final class XMLStreamHandler {
    /// Unchecked: the builder outlives every reader and handler it is given to.
    unowned(unsafe) let builder: ExportBuilder
    private var ctxt: xmlParserCtxtPtr?
    /// Set after a fatal parse error, a DOCTYPE or a wrong root: feed no more input.
    private(set) var stopRequested = false
    /// Set before the parser is told that the input has ended.
    var atEnd = false
    private var sawElement = false
    private var parseFailed = false

    private var elementNames: [UnsafePointer<xmlChar>?] = []
    /// Per `RecordKind.rawValue`, the attribute names in `fields` order.
    private var attributeNames: [[UnsafePointer<xmlChar>?]] = []
    private var namespace: UnsafePointer<xmlChar>?
    private var xsiNamespace: UnsafePointer<xmlChar>?
    private let childKinds = XMLElementKind.allCases.map(\.children)
    /// Per `RecordKind.rawValue` and field, the allowed values of a field that
    /// has a fixed vocabulary. A value found there is handed on as the model's
    /// own string: no allocation for the long words, and the enum's
    /// `init(rawValue:)` then matches it in one comparison.
    private let vocabularies: [[[String]]] = RecordKind.allCases.map { kind in
        kind.fields.map { field in
            switch field {
            case "service": return Service.allCases.map(\.rawValue)
            case "role": return WorkerRole.allCases.map(\.rawValue)
            case "kind": return ReferralKind.allCases.map(\.rawValue)
            case "outcome": return ScreeningOutcome.allCases.map(\.rawValue)
            case "result": return AssessmentResult.allCases.map(\.rawValue)
            default: return []
            }
        }
    }
    /// Per `RecordKind.rawValue`, the values array `emit` reuses.
    private var scratch = [[String?]](repeating: [], count: RecordKind.allCases.count)

    private struct Frame {
        var kind: XMLElementKind
        var handle: Int
    }
    private var stack: [Frame] = []
    /// Depth inside an element that is not read (unknown or misplaced); its
    /// attributes and text are only screened for identity codes.
    private var skipDepth = 0
    private var skippedName = ""

    private var textPending = false
    private var textLine = 0
    private var text: [UInt8] = []

    private struct LibxmlError {
        var schema: Bool
        var fatal: Bool
        var code: Int32
        var line: Int
        var message: String
    }
    /// Parser errors wait here until the reader's next event, by which time
    /// the builder has reported what it found in the same element.
    private var queue: [LibxmlError] = []
    /// What was already reported for the current element: `element.attribute`,
    /// `element:name` or `text:name`; a schema error about the same is dropped.
    private var reported: Set<String> = []

    init(builder: ExportBuilder) { self.builder = builder }

    func attach(_ ctxt: xmlParserCtxtPtr) {
        self.ctxt = ctxt
        let dict = ctxt.pointee.dict
        func intern(_ s: String) -> UnsafePointer<xmlChar>? {
            s.withCString { xmlDictLookup(dict, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self), -1) }
        }
        elementNames = XMLElementKind.allCases.map { intern($0.name) }
        attributeNames = RecordKind.allCases.map { $0.fields.map(intern) }
        namespace = intern(CaseExportSchema.namespace)
        xsiNamespace = intern("http://www.w3.org/2001/XMLSchema-instance")
    }

    private var currentLine: Int { Int(ctxt?.pointee.input?.pointee.line ?? 0) }

    // MARK: SAX events

    func startElement(_ local: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?,
                      attributeCount: Int, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        flushText()
        drain()
        reported.removeAll(keepingCapacity: true)
        let line = currentLine
        sawElement = true
        let attrs = Attributes(count: attributeCount, base: attributes)
        if limitPassed { return }
        if stack.count + skipDepth >= Self.maxDepth {
            builder.fatal(line: line, field: Self.qualified(prefix, local),
                          message: "elements are nested more than \(Self.maxDepth) levels deep (a case export needs 4); "
                              + "the rest of the file was not read")
            stopAll()
            return
        }
        if skipDepth > 0 {
            skipDepth += 1
            screen(attrs, element: Self.qualified(prefix, local), line: line)
            return
        }
        let parent = stack.last
        guard Self.same(uri, namespace), let kind = childKind(local, of: parent?.kind) else {
            refuse(local, prefix: prefix, uri: uri, parent: parent?.kind, attrs: attrs, line: line)
            return
        }
        var handle = -1
        if let record = kind.record {
            handle = emit(record, kind: kind, attrs: attrs, line: line, parent: parent)
        } else {
            for a in 0..<attrs.count { otherAttribute(attrs, a, element: kind.name, line: line) }
        }
        stack.append(Frame(kind: kind, handle: handle))
    }

    func endElement() {
        flushText()
        drain()
        if skipDepth > 0 {
            skipDepth -= 1
        } else if !stack.isEmpty {
            stack.removeLast()
        }
    }

    /// Character data. libxml2 reports it once it has read past it, so the
    /// parser's line is where the run ends, except for CDATA sections, which
    /// are reported from where they start (`atEndOfRun` false).
    func characters(_ ch: UnsafePointer<xmlChar>, _ count: Int, atEndOfRun: Bool = true) {
        if limitPassed { return }
        if !textPending {
            var i = 0
            while i < count, ch[i] == 0x20 || ch[i] == 0x0A || ch[i] == 0x09 || ch[i] == 0x0D { i += 1 }
            if i == count { return }
            textPending = true
            textLine = currentLine
            if atEndOfRun {
                for j in i..<count where ch[j] == 0x0A { textLine -= 1 }
            } else {
                for j in 0..<i where ch[j] == 0x0A { textLine += 1 }
            }
        }
        if text.count + count > Self.maxTextBytes {
            let element = skipDepth > 0 || stack.isEmpty ? skippedName : stack[stack.count - 1].kind.name
            text.removeAll()
            textPending = false
            builder.fatal(line: textLine, field: element.isEmpty ? nil : element,
                          message: "text content longer than \(Self.maxTextBytes) bytes (a case export has no text content); "
                              + "the rest of the file was not read")
            stopAll()
            return
        }
        text.append(contentsOf: UnsafeBufferPointer(start: ch, count: count))
    }

    /// Deepest element nesting read (libxml2's own default in pull mode; its
    /// push parser without a tree has none).
    static let maxDepth = 256
    /// Longest run of text kept, as libxml2's `XML_MAX_TEXT_LENGTH` for a text
    /// node (our SAX handler builds no node, so libxml2's limit does not apply).
    static let maxTextBytes = 10_000_000

    /// Set when a size or depth limit was passed: later events are ignored.
    private var limitPassed = false

    /// A limit was passed: nothing more is fed, and the rest of the chunk
    /// being parsed is ignored. (`xmlStopParser` from inside a character or
    /// start-tag callback makes libxml2 2.9 read freed input: measured, a crash.)
    private func stopAll() {
        stopRequested = true
        limitPassed = true
        skipDepth = Int.max / 2
    }

    /// The parser met a DOCTYPE the prolog scan could not see (a prolog over
    /// `prologScanLimit`): stop before its declarations are used.
    func doctype() {
        builder.fatal(line: currentLine, field: nil, message: PrologScan.doctypeMessage)
        stopRequested = true
        skipDepth = Int.max / 2
        if let ctxt { xmlStopParser(ctxt) }
    }

    /// After the last chunk: report what is still waiting.
    func finish() {
        flushText()
        drain()
    }

    // MARK: Parts

    /// True when the parser stands between two children of `cases` with
    /// nothing but white space pending and no limit passed: from here a parser
    /// that has read only the same two start tags (`XMLPartPlan.prefix`) goes
    /// on exactly as this one would.
    var standsBetweenCases: Bool {
        guard let ctxt, !stopRequested, !limitPassed, !parseFailed, skipDepth == 0, !textPending,
              stack.count == 2, stack[0].kind == .caseExport, stack[1].kind == .cases,
              ctxt.pointee.nameNr == 2, ctxt.pointee.instate == XML_PARSER_CONTENT,
              let input = ctxt.pointee.input, input.pointee.buf?.pointee.encoder == nil,
              var p = input.pointee.cur, let end = input.pointee.end else { return false }
        while p < end {
            let b = p.pointee
            guard b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D else { return false }
            p += 1
        }
        return true
    }

    /// A later part's parser has read its prefix (the root and `cases` start
    /// tags): forget what they reported (the first part reports it) and count
    /// lines from `line`. False when the prefix did not leave the parser
    /// between two cases (the part is then not used).
    func beginPart(atLine line: Int) -> Bool {
        guard standsBetweenCases, let input = ctxt?.pointee.input, input.pointee.cur == input.pointee.end else { return false }
        queue.removeAll()
        reported.removeAll()
        builder.restartPart()
        input.pointee.line = Int32(clamping: line)
        return true
    }

    // MARK: Records

    private struct Attributes {
        var count: Int
        var base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

        /// libxml2 passes five pointers per attribute: local name, prefix, URI, value start, value end.
        func local(_ i: Int) -> UnsafePointer<xmlChar> { base![i * 5]! }
        func prefix(_ i: Int) -> UnsafePointer<xmlChar>? { base![i * 5 + 1] }
        func uri(_ i: Int) -> UnsafePointer<xmlChar>? { base![i * 5 + 2] }
        /// The value when it is one of `words` (byte for byte).
        func word(_ i: Int, in words: [String]) -> String? {
            let start = base![i * 5 + 3]!, end = base![i * 5 + 4]!
            let n = end - start
            for w in words where w.utf8.count == n {
                var w = w
                if w.withUTF8({ memcmp($0.baseAddress!, start, n) }) == 0 { return w }
            }
            return nil
        }

        func value(_ i: Int) -> String {
            let start = base![i * 5 + 3]!, end = base![i * 5 + 4]!
            let n = end - start
            let s = String(decoding: UnsafeBufferPointer(start: start, count: n), as: UTF8.self)
            // Without entity substitution libxml2 hands `&` over as `&#38;`
            // (xmlschemas.c undoes it the same way).
            if n >= 5, memchr(start, 0x26, n) != nil { return s.replacingOccurrences(of: "&#38;", with: "&") }
            return s
        }
    }

    private func emit(_ record: RecordKind, kind: XMLElementKind, attrs: Attributes, line: Int, parent: Frame?) -> Int {
        let names = attributeNames[record.rawValue]
        let words = vocabularies[record.rawValue]
        // The values array is reused record after record (moved out, and back once the builder is done).
        var values = scratch[record.rawValue]
        scratch[record.rawValue] = []
        if values.count != names.count { values = [String?](repeating: nil, count: names.count) }
        attributes: for a in 0..<attrs.count {
            let local = attrs.local(a)
            if attrs.uri(a) == nil {
                for i in names.indices where names[i] == local {
                    values[i] = words[i].isEmpty ? attrs.value(a) : attrs.word(a, in: words[i]) ?? attrs.value(a)
                    continue attributes
                }
                for i in names.indices where xmlStrEqual(names[i], local) != 0 {
                    values[i] = attrs.value(a)
                    continue attributes
                }
            }
            otherAttribute(attrs, a, element: kind.name, line: line)
        }
        var parentRef: ParentRef?
        if let parent, parent.kind == .case || parent.kind == .post { parentRef = .handle(parent.handle) }
        let before = builder.problemCount
        builder.recentFields.removeAll(keepingCapacity: true)
        var raw = RawRecord(kind: record, line: line, values: values, parent: parentRef)
        values = []
        let handle = builder.accept(raw)
        swap(&values, &raw.values)
        for i in values.indices { values[i] = nil }
        scratch[record.rawValue] = values
        if builder.problemCount > before {
            for f in builder.recentFields { reported.insert(f) }
        }
        return handle
    }

    /// An attribute the element does not define: `xsi:` ones are ignored,
    /// the rest are unknown names.
    private func otherAttribute(_ attrs: Attributes, _ a: Int, element: String, line: Int) {
        let name = Self.qualified(attrs.prefix(a), attrs.local(a))
        let value = attrs.value(a)
        if let uri = attrs.uri(a), Self.same(uri, xsiNamespace) {
            _ = builder.screenIdentityCode(value, line: line, field: "\(element).\(name)")
            return
        }
        reported.insert("\(element).\(String(cString: attrs.local(a)))")
        builder.unknownName("attribute", field: "\(element).\(name)", line: line, value: value)
    }

    private func childKind(_ local: UnsafePointer<xmlChar>, of parent: XMLElementKind?) -> XMLElementKind? {
        let allowed = parent.map { childKinds[$0.rawValue] } ?? [.caseExport]
        for k in allowed where elementNames[k.rawValue] == local { return k }
        for k in allowed where xmlStrEqual(elementNames[k.rawValue], local) != 0 { return k }
        return nil
    }

    /// An element that is not read: a wrong root, a known element in the wrong
    /// place (fatal in both modes), or a name the format does not define.
    private func refuse(_ local: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?,
                        parent: XMLElementKind?, attrs: Attributes, line: Int) {
        let name = Self.qualified(prefix, local)
        let localName = String(cString: local)
        reported.insert("element:" + localName)
        skipDepth = 1
        skippedName = name
        defer { screen(attrs, element: name, line: line) }
        guard let parent else {
            builder.fatal(line: line, field: name,
                          message: "the root element must be caseExport in namespace \(CaseExportSchema.namespace); "
                              + "this file is not a case export of format version 1")
            stopRequested = true
            return
        }
        let field = "\(parent.name)/\(name)"
        if Self.same(uri, namespace), XMLElementKind.allCases.contains(where: { $0.name == localName }) {
            let expected = parent.children.map(\.name)
            builder.fatal(line: line, field: field,
                          message: expected.isEmpty
                              ? "\(localName) is not allowed here: \(parent.name) has no child elements"
                              : "\(localName) is not allowed inside \(parent.name) (expected: \(expected.joined(separator: ", ")))")
        } else {
            builder.unknownName("element", field: field, line: line)
        }
    }

    /// Screens the attributes of an element that is not read for identity codes.
    private func screen(_ attrs: Attributes, element: String, line: Int) {
        for a in 0..<attrs.count {
            _ = builder.screenIdentityCode(attrs.value(a), line: line,
                                           field: "\(element).\(Self.qualified(attrs.prefix(a), attrs.local(a)))")
        }
    }

    private func flushText() {
        guard textPending else { return }
        textPending = false
        let value = String(decoding: text, as: UTF8.self)
        text.removeAll(keepingCapacity: true)
        if skipDepth > 0 || stack.isEmpty {
            _ = builder.screenIdentityCode(value, line: textLine, field: skippedName + " (text)")
            return
        }
        let element = stack[stack.count - 1].kind.name
        reported.insert("text:" + element)
        builder.freeText(value, line: textLine, element: element)
    }

    // MARK: libxml2 errors

    func libxmlError(_ e: xmlError) {
        let message = e.message.map { String(cString: $0) } ?? ""
        let line = e.line > 0 ? Int(e.line) : currentLine
        if e.domain == Int32(XML_FROM_SCHEMASV.rawValue) {
            queue.append(LibxmlError(schema: true, fatal: false, code: e.code, line: line, message: message))
            return
        }
        // After a fatal parse error libxml2 only reports its consequences.
        guard e.level != XML_ERR_WARNING, !parseFailed else { return }
        let fatal = e.level == XML_ERR_FATAL
        if fatal {
            parseFailed = true
            stopRequested = true
        }
        var text = message
        // At the end of the input the push parser's own words mislead ("Extra
        // content at the end of the document" for a blank or cut-short file).
        if fatal, atEnd || e.code == Int32(XML_ERR_DOCUMENT_END.rawValue) {
            if !sawElement {
                text = XMLErrorText.noElement
            } else if !stack.isEmpty || skipDepth > 0 {
                text = XMLErrorText.truncated + stack.map(\.kind.name).joined(separator: "/")
            }
        }
        queue.append(LibxmlError(schema: false, fatal: fatal, code: e.code, line: line, message: text))
    }

    /// Reports the parser and schema errors raised since the last event; a
    /// schema error about a field the reader already reported for the element is dropped.
    private func drain() {
        guard !queue.isEmpty else { return }
        let errors = queue
        queue.removeAll()
        for e in errors {
            if e.schema {
                let s = XMLErrorText.schema(e.message)
                if reported.contains(s.key) { continue }
                builder.fatal(line: e.line, field: s.field, message: "does not match the case export schema: " + s.text)
            } else {
                builder.fatal(line: e.line, field: nil, message: XMLErrorText.parser(code: e.code, message: e.message, fatal: e.fatal))
            }
        }
    }

    // MARK: C callbacks

    static let errorCallback: xmlStructuredErrorFunc = { data, error in
        guard let error else { return }
        var target = data
        // Parser errors may come through the SAX handler's channel, whose
        // context is the schema plug; the parser context's `_private` is ours.
        let domain = error.pointee.domain
        if domain == Int32(XML_FROM_PARSER.rawValue) || domain == Int32(XML_FROM_NAMESPACE.rawValue),
           let parser = error.pointee.ctxt {
            target = parser.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private
        }
        guard let target else { return }
        Unmanaged<XMLStreamHandler>.fromOpaque(target).takeUnretainedValue().libxmlError(error.pointee)
    }

    static let locatorCallback: xmlSchemaValidityLocatorFunc = { ctx, file, line in
        guard let ctx else { return -1 }
        let handler = Unmanaged<XMLStreamHandler>.fromOpaque(ctx).takeUnretainedValue()
        file?.pointee = nil
        line?.pointee = UInt(handler.currentLine)
        return 0
    }

    static func saxHandler() -> xmlSAXHandler {
        var sax = xmlSAXHandler()
        sax.initialized = 0xDEED_BEAF
        sax.startElementNs = { ctx, local, prefix, uri, _, _, count, _, attributes in
            guard let ctx, let local else { return }
            streamHandler(ctx).startElement(local, prefix: prefix, uri: uri, attributeCount: Int(count), attributes: attributes)
        }
        sax.endElementNs = { ctx, _, _, _ in
            guard let ctx else { return }
            streamHandler(ctx).endElement()
        }
        sax.characters = { ctx, ch, count in
            guard let ctx, let ch else { return }
            streamHandler(ctx).characters(ch, Int(count))
        }
        sax.ignorableWhitespace = sax.characters
        sax.cdataBlock = { ctx, ch, count in
            guard let ctx, let ch else { return }
            streamHandler(ctx).characters(ch, Int(count), atEndOfRun: false)
        }
        sax.internalSubset = { ctx, _, _, _ in
            guard let ctx else { return }
            streamHandler(ctx).doctype()
        }
        return sax
    }

    private static func same(_ a: UnsafePointer<xmlChar>?, _ b: UnsafePointer<xmlChar>?) -> Bool {
        a == b || (a != nil && b != nil && xmlStrEqual(a, b) != 0)
    }

    private static func qualified(_ prefix: UnsafePointer<xmlChar>?, _ local: UnsafePointer<xmlChar>) -> String {
        let name = String(cString: local)
        guard let prefix else { return name }
        return String(cString: prefix) + ":" + name
    }
}

/// The handler behind a SAX callback's context pointer.
private func streamHandler(_ ctx: UnsafeMutableRawPointer) -> XMLStreamHandler {
    Unmanaged<XMLStreamHandler>.fromOpaque(ctx).takeUnretainedValue()
}
