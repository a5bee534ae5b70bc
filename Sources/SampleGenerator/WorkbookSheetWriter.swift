import CaseModel
import Foundation
import ZIPFoundation

/// One worksheet written as Excel writes it (`xl/worksheets/sheetN.xml`),
/// row by row into a temporary file: cells with their A1 references, text as
/// shared strings (codes and names, which repeat) or inline strings (ids),
/// numbers, booleans, and dates either as serial numbers with a date style or
/// as Finnish text.
final class WorkbookSheetWriter {
    enum Cell {
        case shared(String)
        case inline(String)
        case number(Int)
        case decimal(String)
        case boolean(Bool)
        /// A date as a serial number in the workbook's date system, styled as a date.
        case serial(CalendarDate)
        /// A date as Finnish text, `6.1.2025`.
        case finnish(CalendarDate)
        case empty
    }

    let name: String
    let file: OutputFile
    private let book: WorkbookPackage
    private var rowNumber = 0

    init(name: String, path: String, book: WorkbookPackage) throws {
        self.name = name
        self.book = book
        file = try OutputFile(path: path)
        file.append(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheetData>")
    }

    func header(_ names: [String]) { self.row(names.map { .shared($0) }) }

    func row(_ cells: [Cell]) {
        rowNumber += 1
        file.append("<row r=\"")
        file.append(rowNumber)
        file.append("\">")
        for (i, cell) in cells.enumerated() {
            let ref = WorkbookPackage.column(i) + String(rowNumber)
            switch cell {
            case .empty:
                continue
            case .shared(let s):
                file.append("<c r=\"\(ref)\" t=\"s\"><v>")
                file.append(book.sharedIndex(s))
                file.append("</v></c>")
            case .inline(let s):
                file.append("<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(WorkbookPackage.escaped(s))</t></is></c>")
            case .number(let n):
                file.append("<c r=\"\(ref)\"><v>")
                file.append(n)
                file.append("</v></c>")
            case .decimal(let s):
                file.append("<c r=\"\(ref)\"><v>\(s)</v></c>")
            case .boolean(let b):
                file.append("<c r=\"\(ref)\" t=\"b\"><v>\(b ? 1 : 0)</v></c>")
            case .serial(let d):
                file.append("<c r=\"\(ref)\" s=\"1\"><v>")
                file.append(book.serial(d))
                file.append("</v></c>")
            case .finnish(let d):
                file.append("<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(d.day).\(d.month).\(d.year)</t></is></c>")
            }
        }
        file.append("</row>")
    }

    func finish() throws {
        file.append("</sheetData></worksheet>")
        try file.close()
    }
}

/// The parts around the sheets of one `.xlsx` (content types, relationships,
/// the workbook with its sheet names and date system, styles with one date
/// format, the shared strings), zipped with a fixed time stamp so the same
/// content gives the same bytes.
final class WorkbookPackage {
    let path: String
    let date1904: Bool
    private let folder: String
    private(set) var sheets: [WorkbookSheetWriter] = []
    private var strings: [String] = []
    private var index: [String: Int] = [:]

    init(path: String, date1904: Bool) throws {
        self.path = path
        self.date1904 = date1904
        folder = path + ".parts"
        try? FileManager.default.removeItem(atPath: folder)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw SampleGeneratorError.cannotWrite(path: folder, reason: "the folder cannot be created")
        }
    }

    func addSheet(_ name: String, header: [String]) throws -> WorkbookSheetWriter {
        let sheet = try WorkbookSheetWriter(name: name, path: "\(folder)/sheet\(sheets.count + 1).xml", book: self)
        sheets.append(sheet)
        sheet.header(header)
        return sheet
    }

    func sharedIndex(_ s: String) -> Int {
        if let i = index[s] { return i }
        index[s] = strings.count
        strings.append(s)
        return strings.count - 1
    }

    func serial(_ d: CalendarDate) -> Int {
        let epoch = date1904 ? CalendarDate(year: 1904, month: 1, day: 1) : CalendarDate(year: 1899, month: 12, day: 30)
        return d.days(since: epoch ?? d)
    }

    /// Writes the `.xlsx` and removes the temporary parts.
    func finish(stamp: Date) throws {
        for sheet in sheets { try sheet.finish() }
        let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        var types = xml + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
            + "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
        var book = xml + "<workbook xmlns=\"\(ns)\" xmlns:r=\"\(rel)\"><workbookPr\(date1904 ? " date1904=\"1\"" : "")/><sheets>"
        var rels = xml + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for (i, sheet) in sheets.enumerated() {
            types += "<Override PartName=\"/xl/worksheets/sheet\(i + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
            book += "<sheet name=\"\(Self.escaped(sheet.name))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
            rels += "<Relationship Id=\"rId\(i + 1)\" Type=\"\(rel)/worksheet\" Target=\"worksheets/sheet\(i + 1).xml\"/>"
        }
        let n = sheets.count
        types += "</Types>"
        book += "</sheets></workbook>"
        rels += "<Relationship Id=\"rId\(n + 1)\" Type=\"\(rel)/styles\" Target=\"styles.xml\"/>"
            + "<Relationship Id=\"rId\(n + 2)\" Type=\"\(rel)/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"
        let rootRels = xml + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"\(rel)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
        let styles = xml + "<styleSheet xmlns=\"\(ns)\"><fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
            + "<fills count=\"1\"><fill><patternFill patternType=\"none\"/></fill></fills><borders count=\"1\"><border/></borders>"
            + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
            + "<cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
            + "<xf numFmtId=\"14\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs></styleSheet>"
        var sst = xml + "<sst xmlns=\"\(ns)\" count=\"\(strings.count)\" uniqueCount=\"\(strings.count)\">"
        for s in strings { sst += "<si><t>\(Self.escaped(s))</t></si>" }
        sst += "</sst>"

        try? FileManager.default.removeItem(atPath: path)
        do {
            let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
            func add(_ name: String, _ text: String) throws {
                let data = Data(text.utf8)
                try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), modificationDate: stamp,
                                     compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            try add("[Content_Types].xml", types)
            try add("_rels/.rels", rootRels)
            try add("xl/workbook.xml", book)
            try add("xl/_rels/workbook.xml.rels", rels)
            try add("xl/styles.xml", styles)
            try add("xl/sharedStrings.xml", sst)
            for (i, sheet) in sheets.enumerated() {
                let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: sheet.file.path))
                defer { try? handle.close() }
                let size = try handle.seekToEnd()
                try archive.addEntry(with: "xl/worksheets/sheet\(i + 1).xml", type: .file, uncompressedSize: Int64(size),
                                     modificationDate: stamp, compressionMethod: .deflate) { position, size in
                    try handle.seek(toOffset: UInt64(position))
                    return try handle.read(upToCount: size) ?? Data()
                }
            }
        } catch let error as SampleGeneratorError {
            throw error
        } catch {
            throw SampleGeneratorError.cannotWrite(path: path, reason: "the workbook could not be written")
        }
        try? FileManager.default.removeItem(atPath: folder)
    }

    static func column(_ i: Int) -> String {
        var n = i + 1, letters: [Character] = []
        while n > 0 {
            letters.insert(Character(Unicode.Scalar(UInt8(65 + (n - 1) % 26))), at: 0)
            n = (n - 1) / 26
        }
        return String(letters)
    }

    static func escaped(_ s: String) -> String {
        guard s.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" || $0 == "\"" }) else { return s }
        return s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
