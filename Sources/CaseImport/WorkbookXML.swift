import CLibXML2
import Foundation

/// What a workbook part's SAX events go to. Names are local names (the
/// namespaces of Office Open XML are not checked: Excel and LibreOffice
/// write the usual ones, and nothing else is read from a part).
protocol WorkbookSAXHandler: AnyObject {
    func start(_ local: UnsafePointer<xmlChar>, attributes: WorkbookAttributes)
    func end(_ local: UnsafePointer<xmlChar>)
    func characters(_ bytes: UnsafePointer<xmlChar>, _ count: Int)
}

/// An element's attributes as libxml2's SAX2 gives them (five pointers each).
struct WorkbookAttributes {
    let count: Int
    let raw: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

    /// The value of the attribute with this local name (any namespace).
    func value(_ local: StaticString) -> String? {
        guard let raw else { return nil }
        for i in 0..<count {
            guard let name = raw[5 * i], WorkbookXML.equal(name, local) else { continue }
            guard let start = raw[5 * i + 3], let end = raw[5 * i + 4] else { return "" }
            let length = end - start
            return String(decoding: UnsafeBufferPointer(start: start, count: length), as: UTF8.self)
        }
        return nil
    }

    /// The bytes of the attribute with this local name, without making a String.
    func bytes(_ local: StaticString) -> UnsafeBufferPointer<UInt8>? {
        guard let raw else { return nil }
        for i in 0..<count {
            guard let name = raw[5 * i], WorkbookXML.equal(name, local) else { continue }
            guard let start = raw[5 * i + 3], let end = raw[5 * i + 4] else { return UnsafeBufferPointer(start: nil, count: 0) }
            return UnsafeBufferPointer(start: start, count: end - start)
        }
        return nil
    }

    /// Every attribute as (local name, value).
    var all: [(String, String)] {
        guard let raw else { return [] }
        return (0..<count).compactMap { i in
            guard let name = raw[5 * i], let start = raw[5 * i + 3], let end = raw[5 * i + 4] else { return nil }
            return (String(cString: name), String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self))
        }
    }
}

/// Parses one workbook part with libxml2's push parser as the archive
/// inflates it: nothing is held but the parser's own small state, so a sheet
/// of a million rows streams. A DOCTYPE is refused (no entity is declared,
/// expanded or fetched); `XML_PARSE_NONET`, libxml2's default limits.
enum WorkbookXML {
    static func equal(_ a: UnsafePointer<xmlChar>, _ b: StaticString) -> Bool {
        b.withUTF8Buffer { s in
            var i = 0
            while i < s.count {
                if a[i] != s[i] { return false }
                i += 1
            }
            return a[i] == 0
        }
    }

    /// Reads `part` of `archive` into `handler`. Throws on an archive problem or malformed XML.
    static func parse(_ part: String, of archive: WorkbookArchive, into handler: WorkbookSAXHandler)
        throws(WorkbookArchiveError)
    {
        let box = Box(handler)
        let context = Unmanaged.passUnretained(box).toOpaque()
        var sax = saxHandler()
        guard let ctxt = xmlCreatePushParserCtxt(&sax, context, nil, 0, part) else {
            throw WorkbookArchiveError(part: part, message: "the XML parser could not be started")
        }
        defer { xmlFreeParserCtxt(ctxt) }
        xmlCtxtUseOptions(ctxt, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue))
        ctxt.pointee._private = context
        box.ctxt = ctxt
        try withExtendedLifetime(box) { () throws(WorkbookArchiveError) in
            try archive.read(part) { bytes in
                guard let base = bytes.baseAddress, bytes.count > 0 else { return }
                _ = xmlParseChunk(ctxt, base.assumingMemoryBound(to: CChar.self), Int32(bytes.count), 0)
                if box.doctype || ctxt.pointee.wellFormed == 0 || ctxt.pointee.disableSAX != 0 { throw box.failure(part) }
            }
            _ = xmlParseChunk(ctxt, nil, 0, 1)
            if box.doctype || ctxt.pointee.wellFormed == 0 { throw box.failure(part) }
        }
    }

    fileprivate final class Box {
        let handler: WorkbookSAXHandler
        var doctype = false
        var ctxt: xmlParserCtxtPtr?
        init(_ handler: WorkbookSAXHandler) { self.handler = handler }

        func failure(_ part: String) -> WorkbookArchiveError {
            if doctype {
                return WorkbookArchiveError(part: part, message: "the part declares a DOCTYPE, which a workbook never does; it was not read")
            }
            let line = ctxt.map { Int(xmlSAX2GetLineNumber($0)) } ?? 0
            return WorkbookArchiveError(part: part, message: "the part is not well-formed XML (near its line \(line))")
        }
    }


    private static func saxHandler() -> xmlSAXHandler {
        var sax = xmlSAXHandler()
        sax.initialized = 0xDEED_BEAF
        sax.startElementNs = { ctx, local, _, _, _, _, count, _, attributes in
            guard let ctx, let local else { return }
            box(ctx).handler.start(local, attributes: WorkbookAttributes(count: Int(count), raw: attributes))
        }
        sax.endElementNs = { ctx, local, _, _ in
            guard let ctx, let local else { return }
            box(ctx).handler.end(local)
        }
        sax.characters = { ctx, ch, count in
            guard let ctx, let ch else { return }
            box(ctx).handler.characters(ch, Int(count))
        }
        sax.cdataBlock = sax.characters
        sax.ignorableWhitespace = sax.characters
        sax.internalSubset = { ctx, _, _, _ in
            guard let ctx else { return }
            let b = box(ctx)
            b.doctype = true
            if let ctxt = b.ctxt { xmlStopParser(ctxt) }
        }
        return sax
    }
}

/// The parse's state behind a SAX callback's context pointer.
private func box(_ ctx: UnsafeMutableRawPointer) -> WorkbookXML.Box {
    Unmanaged<WorkbookXML.Box>.fromOpaque(ctx).takeUnretainedValue()
}
