import CaseModel
import Foundation

/// `valvonta mapping init`: a mapping file to fill in (mapping.md), from a
/// region's reports. It lists every sheet and CSV file with its headers,
/// gives each table of the CSV form the report whose headers fit it best,
/// each format column the header that fits (`TODO` where none does), and
/// the distinct values of the code columns, each mapped to itself when it is
/// a format code and to `TODO` otherwise.
///
/// Nothing from a report reaches the skeleton but headers and the values of
/// code columns; any of them that is an identity code is left out.
public enum MappingSkeleton {
    /// How many distinct values of a code column are listed at most.
    static let maximumValues = 40

    /// Headers and code-column values of one sheet or file.
    struct Report {
        var name: String
        var headers: [String] = []
        /// Per column: distinct values in order of first appearance (nil once there are too many).
        var values: [Int: [String]?] = [:]
    }

    /// The format's codes per code column.
    static let codeColumns: [String: [String]] = [
        "service": Service.allCases.map(\.rawValue), "role": WorkerRole.allCases.map(\.rawValue),
        "kind": ReferralKind.allCases.map(\.rawValue), "outcome": ScreeningOutcome.allCases.map(\.rawValue),
        "result": AssessmentResult.allCases.map(\.rawValue),
        "region": [],  // the region codes of the regions table
    ]

    /// Header words that name a format column, beside the column's own name (compared lowercased, letters only).
    static let synonyms: [String: [String]] = [
        "id": ["tunniste", "id", "asiakkuudentunniste", "henkilönumero", "virkanumero", "vireilletulo", "arviointi", "suunnitelma"],
        "case": ["asiakkuus", "asiakkuudentunniste", "asiakas"],
        "post": ["virka", "virkanumero", "toimi"],
        "region": ["alue", "toimipiste", "kunta", "tiimi"],
        "code": ["aluekoodi", "koodi", "toimipistekoodi"], "name": ["alue", "nimi", "alueennimi", "toimipiste"],
        "service": ["tehtäväalue", "palvelu", "palvelualue"], "role": ["nimike", "ammattinimike", "tehtävä"],
        "start": ["alkupäivä", "alkaen", "aloituspäivä", "alku"], "end": ["loppupäivä", "päättyen", "päättymispäivä", "loppu"],
        "from": ["alkaen", "alkupäivä", "alku"], "to": ["päättyen", "loppupäivä", "loppu"],
        "fte": ["htv", "henkilötyövuosi", "työaikaprosentti"], "worker": ["työntekijä", "henkilönumero", "vastuutyöntekijä"],
        "birthYear": ["syntymävuosi"], "specialSupport": ["erityisentuentarve", "erityinentuki"],
        "kind": ["tyyppi", "vireilletulontapa", "laji"], "received": ["vireilletulopvm", "vireilletulopäivä", "saapunut"],
        "urgent": ["kiireellinen"], "urgencyAssessed": ["kiireellisyysarvioitu", "kiireellisyydenarviointi"],
        "decided": ["ratkaisupvm", "ratkaisupäivä", "päätöspäivä"], "outcome": ["ratkaisu", "päätös"],
        "childWelfare": ["lastensuojeluasia"], "referral": ["vireilletulo"], "started": ["aloitettu", "alkoi"],
        "completed": ["valmistunut", "valmis"], "result": ["tulos", "lopputulos"], "aftercare": ["jälkihuolto"],
        "date": ["päivämäärä", "pvm", "tapaamispäivä", "laadittu"], "withChild": ["lapsitavattu", "lapsenkanssa"],
        "organisation": ["organisaatio"], "generated": ["poimittu", "ajettu"],
        "periodStart": ["kaudenalku"], "periodEnd": ["kaudenloppu"],
    ]

    public static func write(paths: [String]) throws -> String {
        var reports: [Report] = []
        for path in paths {
            let url = URL(fileURLWithPath: path).standardizedFileURL
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                throw ImportFailure(problems: [ImportProblem(source: url.lastPathComponent, line: nil, field: nil, message: "no such file or folder")])
            }
            let files = isDirectory.boolValue
                ? ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted().map { url.appendingPathComponent($0) }
                : [url]
            for file in files {
                let lower = file.lastPathComponent.lowercased()
                if lower.hasSuffix(".xlsx") {
                    reports += try sheets(of: file)
                } else if lower.hasSuffix(".csv") {
                    reports.append(try csv(file))
                }
            }
        }
        return text(reports)
    }

    private static func sheets(of url: URL) throws -> [Report] {
        let book: Workbook
        do { book = try Workbook(path: url.path) } catch {
            throw ImportFailure(problems: [ImportProblem(source: url.lastPathComponent, line: nil, field: error.part, message: error.message)])
        }
        var reports: [Report] = []
        for sheet in book.sheets {
            var report = Report(name: "\(url.lastPathComponent)#\(sheet.name)")
            do {
                try book.read(sheet) { _, cells in
                    add(cells.map { ($0.column, $0.value.text) }, to: &report)
                }
            } catch {
                throw ImportFailure(problems: [ImportProblem(source: url.lastPathComponent, line: nil, field: error.part, message: error.message)])
            }
            reports.append(report)
        }
        return reports
    }

    private static func csv(_ url: URL) throws -> Report {
        // Read through the mapped path's CSV reading, with a builder that only collects.
        var report = Report(name: url.lastPathComponent)
        guard let data = try? Data(contentsOf: url, options: .alwaysMapped) else {
            throw ImportFailure(problems: [ImportProblem(source: url.lastPathComponent, line: nil, field: nil, message: "the file could not be read")])
        }
        data.withUnsafeBytes { raw in
            func rows(_ bytes: UnsafeRawBufferPointer, _ start: Int) {
                var scanner = CSVScanner(bytes: bytes, start: start, separator: CSVScanner.detectSeparator(of: bytes, from: start))
                var cells: [CSVCell] = []
                while case .record = scanner.next(&cells) {
                    add(cells.enumerated().map { ($0.offset, scanner.text($0.element)) }, to: &report)
                }
            }
            switch CSVTextDecoding.decode(raw) {
            case .utf8(let start): rows(raw, start)
            case .transcoded(let bytes): bytes.withUnsafeBytes { rows($0, 0) }
            case .invalid: break
            }
        }
        return report
    }

    private static func add(_ cells: [(Int, String)], to report: inout Report) {
        let texts = cells.map { ($0.0, FieldReader.trim($0.1)) }
        guard texts.contains(where: { !$0.1.isEmpty }) else { return }
        if report.headers.isEmpty {
            var headers = Array(repeating: "", count: (texts.map(\.0).max() ?? -1) + 1)
            for (c, t) in texts { headers[c] = IdentityCode.isValid(t) ? "" : t }
            report.headers = headers
            return
        }
        for (c, t) in texts where c < report.headers.count && !t.isEmpty && !IdentityCode.isValid(t) {
            guard let listed = report.values[c] ?? [] else { continue }
            if listed.contains(t) { continue }
            report.values[c] = listed.count >= maximumValues ? .some(nil) : listed + [t]
        }
    }

    static func normalised(_ s: String) -> String { String(s.lowercased().filter { $0.isLetter || $0.isNumber }) }

    /// The column of `report` whose header fits `column`, if any.
    static func match(_ column: String, in report: Report, besides used: Set<Int> = []) -> Int? {
        let wanted = [normalised(column)] + (synonyms[column] ?? [])
        for w in wanted {
            if let i = report.headers.indices.first(where: { !used.contains($0) && normalised(report.headers[$0]) == w }) {
                return i
            }
        }
        return nil
    }

    /// Each column's header in `report`, no header twice; `id` last, as its usual words also name parents.
    static func matches(_ kind: RecordKind, in report: Report) -> [String: Int] {
        var used = Set<Int>(), found: [String: Int] = [:]
        for column in columns(kind).filter({ $0 != "id" }) + columns(kind).filter({ $0 == "id" }) {
            if let i = match(column, in: report, besides: used) {
                found[column] = i
                used.insert(i)
            }
        }
        return found
    }

    static func columns(_ kind: RecordKind) -> [String] { (kind.parentKeyColumn.map { [$0] } ?? []) + kind.fields }

    private static func text(_ reports: [Report]) -> String {
        var out = """
            # valvonta mapping file (see mapping.md). Fill in every TODO; a column or table you leave out is empty.
            # Headers are matched exactly; write codes that look like numbers or booleans in quotes.
            mapping: 1

            """
        out += "# Reports found, with their headers:\n"
        for r in reports {
            out += "#   \(r.name): " + r.headers.filter { !$0.isEmpty }.map(quoted).joined(separator: ", ") + "\n"
        }
        // Each table takes the unused report that fits most of its columns (at least two, or one for a small table).
        var used = Set<Int>()
        var choice: [RecordKind: Int] = [:]
        for kind in RecordKind.allCases {
            let scores = reports.indices.filter { !used.contains($0) }.map { i in
                (i, matches(kind, in: reports[i]).count
                    + (reports[i].name.lowercased().hasSuffix(kind.tableName) ? 10 : 0))
            }
            if let best = scores.max(by: { $0.1 < $1.1 }), best.1 >= min(2, columns(kind).count) {
                choice[kind] = best.0
                used.insert(best.0)
            }
        }
        if choice[.export] == nil {
            out += """
                organisation: TODO
                generated: TODO   # when the reports were taken, e.g. 2026-01-01T06:00:00+02:00
                period: { start: TODO, end: TODO }   # YYYY-MM-DD

                """
        }
        out += "dates: [d.m.yyyy, yyyy-mm-dd]   # the text forms of dates in the reports; date cells are always read\n"
        out += "booleans: { true: [\"kyllä\", \"K\", \"x\"], false: [\"ei\", \"E\"] }\n"
        if choice[.region] == nil {
            out += "regions:   # or map a report as tables.regions\n  TODO: TODO   # code: name\n"
        }
        out += "tables:\n"
        for kind in RecordKind.allCases {
            guard let i = choice[kind] else {
                out += "  # \(kind.tableName): no report fits; map one here if the region has it\n"
                continue
            }
            let report = reports[i]
            out += "  \(kind.tableName):\n    source: \(quoted(sourceName(report.name, among: reports)))\n    columns:\n"
            var codes: [(String, [String])] = []
            let found = matches(kind, in: report)
            for column in columns(kind) {
                if let c = found[column] {
                    out += "      \(column): \(quoted(report.headers[c]))\n"
                    if codeColumns[column] != nil, let values = report.values[c] ?? nil { codes.append((column, values)) }
                } else {
                    let required = CSVExportReader.requiredColumns(kind).contains(column)
                    out += "      \(column): TODO\(required ? "   # required" : "   # or remove the line")\n"
                }
            }
            if !codes.isEmpty {
                out += "    values:   # the report's code: the format's code\n"
                for (column, values) in codes {
                    let known = codeColumns[column] ?? []
                    out += "      \(column):   # \(known.isEmpty ? "the codes of the regions table" : known.joined(separator: ", "))\n"
                    for v in values {
                        out += "        \(quoted(v)): \(known.contains(v) ? v : "TODO")\n"
                    }
                }
            }
        }
        return out
    }

    /// A sheet's own name when no other report has it, else `file#Sheet`.
    private static func sourceName(_ name: String, among reports: [Report]) -> String {
        guard let hash = name.lastIndex(of: "#") else { return name }
        let sheet = String(name[name.index(after: hash)...])
        let clash = reports.filter { $0.name.hasSuffix("#" + sheet) }.count > 1
        return clash ? name : sheet
    }

    /// A YAML double-quoted scalar.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += String(format: "\\x%02X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
