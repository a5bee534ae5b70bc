import CaseModel

/// Writes the export as one XML document (case-export.md, "XML"), by hand and
/// as it goes: one element per line, two-space indentation, optional
/// attributes left out when absent.
public final class XMLSampleWriter: SampleSink {
    private let out: OutputFile
    private var regions: [SampleRegion] = []

    public init(path: String) throws { out = try OutputFile(path: path) }

    public func begin(_ header: SampleHeader) throws {
        regions = header.regions
        out.append(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<caseExport xmlns=\"urn:valvonta:case-export:1\" version=\"1\""
        )
        attribute("organisation", header.organisation)
        attribute("generated", header.generated)
        attribute("periodStart", header.periodStart)
        attribute("periodEnd", header.periodEnd)
        out.append(">\n  <regions>\n")
        for r in header.regions {
            out.append("    <region")
            attribute("code", r.code)
            attribute("name", r.name)
            out.append("/>\n")
        }
        out.append("  </regions>\n  <staff>\n")
        for w in header.workers {
            out.append("    <worker")
            attribute("id", SampleIDs.workerID(w.number))
            attribute("region", regions[w.region].code)
            if let s = w.service { attribute("service", s.rawValue) }
            attribute("role", w.role.rawValue)
            if let d = w.start { attribute("start", d) }
            if let d = w.end { attribute("end", d) }
            out.append("/>\n")
        }
        for p in header.posts {
            out.append("    <post")
            attribute("id", SampleIDs.postID(p.number))
            attribute("region", regions[p.region].code)
            if let s = p.service { attribute("service", s.rawValue) }
            attribute("role", p.role.rawValue)
            attribute("fte", SampleIDs.fte(p.fteHundredths))
            if p.occupancies.isEmpty {
                out.append("/>\n")
                continue
            }
            out.append(">\n")
            for o in p.occupancies {
                out.append("      <occupancy")
                workerAttribute("worker", o.worker)
                attribute("from", o.from)
                if let d = o.to { attribute("to", d) }
                if let f = o.fteHundredths { attribute("fte", SampleIDs.fte(f)) }
                out.append("/>\n")
            }
            out.append("    </post>\n")
        }
        out.append("  </staff>\n  <cases>\n")
        try out.flushIfFull()
    }

    public func write(_ c: SampleCase) throws {
        out.append("    <case id=\"")
        out.appendID(UInt8(ascii: "A"), c.number, width: 7)
        out.append("\"")
        attribute("region", SampleIDs.regionCode(c.region, in: regions))
        attribute("service", c.service.rawValue)
        if let y = c.birthYear { attribute("birthYear", y) }
        if c.specialSupport { attribute("specialSupport", "true") }
        out.append(">\n")
        for r in c.referrals {
            out.append("      <referral id=\"R")
            out.append(r.number)
            out.append("\"")
            attribute("kind", r.kind.rawValue)
            attribute("received", r.received)
            if let u = r.urgent { attribute("urgent", u ? "true" : "false") }
            if let d = r.urgencyAssessed { attribute("urgencyAssessed", d) }
            if let d = r.decided { attribute("decided", d) }
            if let o = r.outcome { attribute("outcome", o.rawValue) }
            if r.childWelfare { attribute("childWelfare", "true") }
            out.append("/>\n")
        }
        for a in c.assessments {
            out.append("      <assessment id=\"P")
            out.append(a.number)
            out.append("\" referral=\"R")
            out.append(a.referral)
            out.append("\"")
            if let d = a.started { attribute("started", d) }
            if let d = a.completed { attribute("completed", d) }
            if let w = a.worker { workerAttribute("worker", w) }
            if let r = a.result { attribute("result", r.rawValue) }
            if let b = a.specialSupport { attribute("specialSupport", b ? "true" : "false") }
            out.append("/>\n")
        }
        for s in c.clientships {
            out.append("      <clientship")
            attribute("service", s.service.rawValue)
            attribute("start", s.start)
            if let d = s.end { attribute("end", d) }
            if s.aftercare { attribute("aftercare", "true") }
            out.append("/>\n")
        }
        for a in c.assignments {
            out.append("      <assignment")
            workerAttribute("worker", a.worker)
            attribute("from", a.from)
            if let d = a.to { attribute("to", d) }
            out.append("/>\n")
        }
        for p in c.plans {
            out.append("      <plan id=\"S")
            out.append(p.number)
            out.append("\"")
            attribute("date", p.date)
            out.append("/>\n")
        }
        for m in c.meetings {
            out.append("      <meeting")
            attribute("date", m.date)
            if let w = m.worker { workerAttribute("worker", w) }
            if let b = m.withChild { attribute("withChild", b ? "true" : "false") }
            out.append("/>\n")
        }
        out.append("    </case>\n")
        try out.flushIfFull()
    }

    public func finish() throws {
        out.append("  </cases>\n</caseExport>\n")
        try out.close()
    }

    private func attribute(_ name: String, _ value: String) {
        out.append(byte: UInt8(ascii: " "))
        out.append(name)
        out.append("=\"")
        out.append(XMLSampleWriter.escapeAttribute(value))
        out.append(byte: UInt8(ascii: "\""))
    }

    private func attribute(_ name: String, _ value: CalendarDate) {
        out.append(byte: UInt8(ascii: " "))
        out.append(name)
        out.append("=\"")
        out.append(value)
        out.append(byte: UInt8(ascii: "\""))
    }

    private func attribute(_ name: String, _ value: Int) {
        out.append(byte: UInt8(ascii: " "))
        out.append(name)
        out.append("=\"")
        out.append(value)
        out.append(byte: UInt8(ascii: "\""))
    }

    private func workerAttribute(_ name: String, _ number: Int) {
        out.append(byte: UInt8(ascii: " "))
        out.append(name)
        out.append("=\"")
        out.appendID(UInt8(ascii: "T"), number, width: 4)
        out.append(byte: UInt8(ascii: "\""))
    }

    /// Escapes what may not stand in a double-quoted attribute, and the
    /// whitespace characters that attribute normalisation would turn into spaces.
    public static func escapeAttribute(_ s: String) -> String {
        guard
            s.utf8.contains(where: { $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 || $0 == 9 || $0 == 10 || $0 == 13 })
        else { return s }
        var r = ""
        r.reserveCapacity(s.utf8.count + 16)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": r += "&amp;"
            case "<": r += "&lt;"
            case ">": r += "&gt;"
            case "\"": r += "&quot;"
            case "\t": r += "&#9;"
            case "\n": r += "&#10;"
            case "\r": r += "&#13;"
            default: r.unicodeScalars.append(ch)
            }
        }
        return r
    }
}
