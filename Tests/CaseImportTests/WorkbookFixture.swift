import CaseImport
import Foundation
import ZIPFoundation

/// Small workbooks written part by part for the tests, as Excel lays them
/// out, so that each broken variant differs from a good one in one place.
///
/// A cell is written as a short code: `s:text` a shared string, `t:text` an
/// inline string, `n:45663` a number, `d:45663` a number styled as a date,
/// `b:1` a boolean, `f:` a formula with no stored value, `f:text` a formula
/// with its stored text, `e:#N/A` an error, and `` no cell.
struct WorkbookFixture {
    var sheets: [(name: String, rows: [[String]])]
    var date1904 = false
    /// Extra parts (path -> bytes), e.g. a macro project.
    var extraParts: [String: [UInt8]] = [:]

    static let mapping = """
        mapping: 1
        organisation: Testialue
        generated: 2025-06-01T06:00:00+03:00
        period: { start: 2025-01-01, end: 2025-05-31 }
        dates: [d.m.yyyy, d.m.yy]
        booleans: { true: [K], false: [E] }
        tables:
          regions:
            source: Toimipisteet
            columns: { code: Koodi, name: Nimi }
          cases:
            source: Asiakkuudet
            columns: { id: Tunniste, region: Toimipiste, service: Tehtäväalue, birthYear: Syntymävuosi, specialSupport: Erityinen tuki }
            values:
              region: { "Jyväskylä keskusta": JKL, "Jyväskylä Palokka": JKL }
              service: { LS: lastensuojelu, LAPE: lapsiperheet }
          referrals:
            source: Vireilletulot
            columns: { case: Asiakkuus, id: Vireilletulo, kind: Tyyppi, received: Saapunut, urgent: Kiireellinen, decided: Ratkaistu }
            values:
              kind: { "LS-ilmoitus": lastensuojeluilmoitus, Hakemus: hakemus }

        """

    /// Regions, three cases and three referrals: dates as serials (1900 system) and as text.
    static func good() -> WorkbookFixture {
        WorkbookFixture(sheets: [
            ("Ohje", [["s:Raportti", "s:Asiakkuudet"]]),
            ("Toimipisteet", [["s:Koodi", "s:Nimi"], ["s:JKL", "s:Jyväskylä"], ["s:AANE", "s:Äänekoski"]]),
            ("Asiakkuudet", [
                ["s:Tunniste", "s:Toimipiste", "s:Tehtäväalue", "s:Syntymävuosi", "s:Erityinen tuki", "s:Lisätieto"],
                ["t:A1", "s:Jyväskylä keskusta", "s:LS", "n:2012", "s:K", "t:huom"],
                ["t:A2", "s:Jyväskylä Palokka", "s:LAPE", "n:2015", "", ""],
                ["t:A3", "s:AANE", "s:LS", "", "s:E", "f:laskettu"],
            ]),
            ("Vireilletulot", [
                ["s:Asiakkuus", "s:Vireilletulo", "s:Tyyppi", "s:Saapunut", "s:Kiireellinen", "s:Ratkaistu"],
                ["t:A1", "t:R1", "s:LS-ilmoitus", "d:45663", "s:K", "t:10.1.2025"],
                ["t:A2", "t:R1", "s:Hakemus", "t:3.2.25", "s:E", "d:45700"],
                ["t:A3", "t:R1", "s:LS-ilmoitus", "t:1.3.2025", "", ""],
            ]),
        ])
    }

    /// The same content as CSV tables in the CSV form.
    static let csv: [String: String] = [
        "export.csv": "organisation;generated;periodStart;periodEnd\nTestialue;2025-06-01T06:00:00+03:00;2025-01-01;2025-05-31\n",
        "regions.csv": "code;name\nJKL;Jyväskylä\nAANE;Äänekoski\n",
        "cases.csv": "id;region;service;birthYear;specialSupport\nA1;JKL;lastensuojelu;2012;true\nA2;JKL;lapsiperheet;2015;\nA3;AANE;lastensuojelu;;false\n",
        "referrals.csv": "case;id;kind;received;urgent;decided\nA1;R1;lastensuojeluilmoitus;2025-01-06;true;10.1.2025\n"
            + "A2;R1;hakemus;3.2.2025;false;2025-02-12\nA3;R1;lastensuojeluilmoitus;1.3.2025;;\n",
    ]

    func replacing(sheet: String, row: Int, column: Int, with cell: String) -> WorkbookFixture {
        var copy = self
        guard let s = copy.sheets.firstIndex(where: { $0.name == sheet }) else { return copy }
        while copy.sheets[s].rows[row].count <= column { copy.sheets[s].rows[row].append("") }
        copy.sheets[s].rows[row][column] = cell
        return copy
    }

    /// Writes the workbook; returns its path.
    @discardableResult
    func write(to path: String) throws -> String {
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        var shared: [String] = []
        var sheetXML: [String] = []
        for sheet in sheets {
            var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
            for (r, row) in sheet.rows.enumerated() {
                xml += "<row r=\"\(r + 1)\">"
                for (c, cell) in row.enumerated() where !cell.isEmpty {
                    let ref = column(c) + String(r + 1)
                    let kind = cell.prefix(1), text = escaped(String(cell.dropFirst(2)))
                    switch kind {
                    case "s":
                        if !shared.contains(text) { shared.append(text) }
                        xml += "<c r=\"\(ref)\" t=\"s\"><v>\(shared.firstIndex(of: text) ?? 0)</v></c>"
                    case "t": xml += "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(text)</t></is></c>"
                    case "n": xml += "<c r=\"\(ref)\"><v>\(text)</v></c>"
                    case "d": xml += "<c r=\"\(ref)\" s=\"1\"><v>\(text)</v></c>"
                    case "b": xml += "<c r=\"\(ref)\" t=\"b\"><v>\(text)</v></c>"
                    case "e": xml += "<c r=\"\(ref)\" t=\"e\"><v>\(text)</v></c>"
                    default:
                        xml += text.isEmpty ? "<c r=\"\(ref)\"><f>A1+1</f></c>" : "<c r=\"\(ref)\" t=\"str\"><f>A1</f><v>\(text)</v></c>"
                    }
                }
                xml += "</row>"
            }
            sheetXML.append(xml + "</sheetData></worksheet>")
        }
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        var book = "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"\(rel)\">"
            + "<workbookPr\(date1904 ? " date1904=\"1\"" : "")/><sheets>"
        var rels = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for (i, sheet) in sheets.enumerated() {
            book += "<sheet name=\"\(escaped(sheet.name))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
            rels += "<Relationship Id=\"rId\(i + 1)\" Type=\"\(rel)/worksheet\" Target=\"worksheets/sheet\(i + 1).xml\"/>"
        }
        book += "</sheets></workbook>"
        rels += "<Relationship Id=\"rId99\" Type=\"\(rel)/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"
        let sst = "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
            + shared.map { "<si><t>\($0)</t></si>" }.joined() + "</sst>"
        var parts: [(String, [UInt8])] = [
            ("[Content_Types].xml", Array("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".utf8)),
            ("xl/workbook.xml", Array(book.utf8)), ("xl/_rels/workbook.xml.rels", Array(rels.utf8)),
            ("xl/sharedStrings.xml", Array(sst.utf8)),
        ]
        for (i, xml) in sheetXML.enumerated() { parts.append(("xl/worksheets/sheet\(i + 1).xml", Array(xml.utf8))) }
        parts += extraParts.sorted { $0.key < $1.key }
        for (name, bytes) in parts {
            let data = Data(bytes)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { p, n in
                data.subdata(in: Int(p)..<Int(p) + n)
            }
        }
        return path
    }

    private func column(_ i: Int) -> String {
        var n = i + 1, s = ""
        while n > 0 {
            s = String(Character(Unicode.Scalar(UInt8(65 + (n - 1) % 26)))) + s
            n = (n - 1) / 26
        }
        return s
    }

    private func escaped(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }
}

/// A fresh folder under the temporary directory, removed by `remove()`.
struct TemporaryFolder {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("valvonta-wb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    func write(_ name: String, _ text: String) throws {
        let target = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: target)
    }
    func remove() { try? FileManager.default.removeItem(at: url) }
}
