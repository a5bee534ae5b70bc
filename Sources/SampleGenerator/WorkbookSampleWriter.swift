import CaseModel
import Foundation

/// Writes the export as a region's own reports would come (mapping.md): a
/// client system's workbook (`asiakastiedot.xlsx`: an instructions sheet,
/// then one sheet per kind of event, Finnish headers, the system's own
/// codes, dates as serial numbers in some sheets and as `6.1.2025` in
/// others, extra columns), an HR workbook in the 1904 date system
/// (`henkilosto.xlsx`: workers, posts, occupancies), and the `mapping.yaml`
/// that reads them as the same content as `CSVSampleWriter`'s folder.
public final class WorkbookSampleWriter: SampleSink {
    static let services: [Service: String] = [.lastensuojelu: "LS", .lapsiperheet: "LAPE", .tyoikaiset: "TYÖIKÄISET"]
    static let roles: [WorkerRole: String] = [
        .sosiaalityontekija: "Sosiaalityöntekijä", .sosiaaliohjaaja: "Sosiaaliohjaaja",
        .johtava: "Johtava sosiaalityöntekijä", .muu: "Muu henkilöstö",
    ]
    static let kinds: [ReferralKind: String] = [
        .lastensuojeluilmoitus: "LS-ilmoitus", .pyyntoArvioida: "Pyyntö arvioida", .sosiaalihuoltoilmoitus: "SHL-ilmoitus",
        .hakemus: "Hakemus", .yhteydenotto: "Muu yhteydenotto",
    ]
    static let outcomes: [ScreeningOutcome: String] = [
        .selvitys: "Selvitys aloitetaan", .eiToimenpiteita: "Ei toimenpiteitä", .joAsiakas: "Jo asiakas",
    ]
    static let results: [AssessmentResult: String] = [.asiakkuus: "Asiakkuus alkaa", .eiAsiakkuutta: "Ei asiakkuutta"]

    private let folder: String
    private let client: WorkbookPackage
    private let staff: WorkbookPackage
    private var regions: [SampleRegion] = []
    private var header: SampleHeader?
    private var stamp = Date(timeIntervalSince1970: 0)
    private let cases, referrals, assessments, clientships, assignments, plans, meetings: WorkbookSheetWriter

    /// Creates the folder when needed; the workbooks and mapping in it are overwritten.
    public init(folder: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw SampleGeneratorError.cannotWrite(path: folder, reason: "the folder cannot be created")
        }
        self.folder = folder
        client = try WorkbookPackage(path: (folder as NSString).appendingPathComponent("asiakastiedot.xlsx"), date1904: false)
        staff = try WorkbookPackage(path: (folder as NSString).appendingPathComponent("henkilosto.xlsx"), date1904: true)
        let about = try client.addSheet("Ohje", header: ["Raportti", "Asiakkuudet ja niiden tapahtumat (lastensuojelu, lapsiperheet, työikäiset)"])
        about.row([.shared("Poiminta"), .shared("Kaikki raportointikaudella avoinna olleet asiakkuudet")])
        cases = try client.addSheet(
            "Asiakkuudet",
            header: ["Asiakkuuden tunniste", "Toimipiste", "Tehtäväalue", "Syntymävuosi", "Erityisen tuen tarve", "Vireilletulot kpl"])
        referrals = try client.addSheet(
            "Vireilletulot",
            header: ["Asiakkuus", "Vireilletulo", "Tyyppi", "Vireilletulopvm", "Kiireellinen", "Kiireellisyys arvioitu",
                     "Ratkaisupvm", "Ratkaisu", "Lastensuojeluasia", "Käsittelyaika vrk"])
        assessments = try client.addSheet(
            "Palvelutarpeen arvioinnit",
            header: ["Asiakkuus", "Arviointi", "Vireilletulo", "Aloitettu", "Valmistunut", "Työntekijä", "Tulos",
                     "Erityisen tuen tarve"])
        clientships = try client.addSheet("Asiakkuusjaksot", header: ["Asiakkuus", "Palvelu", "Alkaen", "Päättyen", "Jälkihuolto"])
        assignments = try client.addSheet("Vastuutyöntekijät", header: ["Asiakkuus", "Työntekijä", "Alkaen", "Päättyen"])
        plans = try client.addSheet("Asiakassuunnitelmat", header: ["Asiakkuus", "Suunnitelma", "Laadittu"])
        meetings = try client.addSheet("Tapaamiset", header: ["Asiakkuus", "Tapaamispäivä", "Työntekijä", "Lapsi tavattu"])
    }

    public func begin(_ header: SampleHeader) throws {
        self.header = header
        regions = header.regions
        let day = header.periodEnd.adding(days: 1)
        stamp = Date(timeIntervalSince1970: Double(day.days(since: CalendarDate(dayNumber: 0))) * 86_400)
        let units = try client.addSheet("Toimipisteet", header: ["Koodi", "Toimipiste"])
        for r in header.regions { units.row([.shared(r.code), .shared(r.name)]) }
        let workers = try staff.addSheet(
            "Työntekijät", header: ["Henkilönumero", "Alue", "Tehtäväalue", "Nimike", "Alkaen", "Päättyen", "Työsuhde"])
        for w in header.workers {
            workers.row([
                .inline(SampleIDs.workerID(w.number)), .shared(regions[w.region].code), code(w.service.flatMap { Self.services[$0] }),
                code(Self.roles[w.role]), date(w.start, serial: true), date(w.end, serial: true),
                .shared(w.end == nil ? "vakinainen" : "määräaikainen"),
            ])
        }
        let posts = try staff.addSheet("Virat", header: ["Virkanumero", "Alue", "Tehtäväalue", "Nimike", "HTV"])
        let occupancies = try staff.addSheet("Viranhoidot", header: ["Virka", "Henkilönumero", "Alkaen", "Päättyen", "HTV"])
        for p in header.posts {
            let id = SampleIDs.postID(p.number)
            posts.row([
                .inline(id), .shared(regions[p.region].code), code(p.service.flatMap { Self.services[$0] }),
                code(Self.roles[p.role]), .decimal(SampleIDs.fte(p.fteHundredths)),
            ])
            for o in p.occupancies {
                occupancies.row([
                    .inline(id), .inline(SampleIDs.workerID(o.worker)), date(o.from, serial: false), date(o.to, serial: false),
                    o.fteHundredths.map { .decimal(SampleIDs.fte($0)) } ?? .empty,
                ])
            }
        }
    }

    public func write(_ c: SampleCase) throws {
        let id = SampleIDs.caseID(c.number)
        let unit = c.region >= 0 && c.region < regions.count ? regions[c.region].name : SampleIDs.unknownRegion
        cases.row([
            .inline(id), .shared(unit), code(Self.services[c.service]), c.birthYear.map { .number($0) } ?? .empty,
            c.specialSupport ? .shared("K") : .empty, .number(c.referrals.count),
        ])
        for r in c.referrals {
            referrals.row([
                .inline(id), .inline(SampleIDs.referralID(r.number)), code(Self.kinds[r.kind]), date(r.received, serial: true),
                flag(r.urgent), date(r.urgencyAssessed, serial: true), date(r.decided, serial: true),
                code(r.outcome.flatMap { Self.outcomes[$0] }), r.childWelfare ? .shared("K") : .empty,
                r.decided.map { .number($0.days(since: r.received)) } ?? .empty,
            ])
        }
        for a in c.assessments {
            assessments.row([
                .inline(id), .inline(SampleIDs.assessmentID(a.number)), .inline(SampleIDs.referralID(a.referral)),
                date(a.started, serial: false), date(a.completed, serial: false), worker(a.worker),
                code(a.result.flatMap { Self.results[$0] }), flag(a.specialSupport),
            ])
        }
        for s in c.clientships {
            clientships.row([
                .inline(id), code(Self.services[s.service]), date(s.start, serial: true), date(s.end, serial: true),
                s.aftercare ? .shared("K") : .empty,
            ])
        }
        for a in c.assignments {
            assignments.row([.inline(id), worker(a.worker), date(a.from, serial: false), date(a.to, serial: false)])
        }
        for p in c.plans {
            plans.row([.inline(id), .inline(SampleIDs.planID(p.number)), date(p.date, serial: true)])
        }
        for m in c.meetings {
            meetings.row([.inline(id), date(m.date, serial: false), worker(m.worker), m.withChild.map { .boolean($0) } ?? .empty])
        }
        for sheet in client.sheets { try sheet.file.flushIfFull() }
    }

    private func code(_ s: String?) -> WorkbookSheetWriter.Cell { s.map { .shared($0) } ?? .empty }
    private func flag(_ b: Bool?) -> WorkbookSheetWriter.Cell { b.map { .shared($0 ? "K" : "E") } ?? .empty }
    private func worker(_ n: Int?) -> WorkbookSheetWriter.Cell { n.map { .inline(SampleIDs.workerID($0)) } ?? .empty }
    private func date(_ d: CalendarDate?, serial: Bool) -> WorkbookSheetWriter.Cell {
        guard let d else { return .empty }
        return serial ? .serial(d) : .finnish(d)
    }

    public func finish() throws {
        try client.finish(stamp: stamp)
        try staff.finish(stamp: stamp)
        let path = (folder as NSString).appendingPathComponent("mapping.yaml")
        do {
            try Data(mapping.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw SampleGeneratorError.cannotWrite(path: path, reason: "the mapping file could not be written")
        }
    }

    /// The mapping that reads the two workbooks as the CSV form.
    var mapping: String {
        func codes(_ table: [String: String]) -> String {
            "{ " + table.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + " }"
        }
        let services = codes(Dictionary(uniqueKeysWithValues: Self.services.map { ($1, $0.rawValue) }))
        let roles = codes(Dictionary(uniqueKeysWithValues: Self.roles.map { ($1, $0.rawValue) }))
        let units = codes(Dictionary(uniqueKeysWithValues: regions.map { ($0.name, $0.code) }))
        return """
            # Reads asiakastiedot.xlsx (the client system's reports) and henkilosto.xlsx (HR's staffing list)
            # as valvonta's case export (mapping.md). Written by `valvonta sample --workbook`.
            mapping: 1
            organisation: \(header?.organisation ?? "")
            generated: \(header?.generated ?? "")
            period: { start: \(header?.periodStart.iso ?? ""), end: \(header?.periodEnd.iso ?? "") }
            dates: [d.m.yyyy]
            booleans: { true: [K], false: [E] }
            tables:
              regions:
                source: Toimipisteet
                columns: { code: Koodi, name: Toimipiste }
              workers:
                source: henkilosto.xlsx#Työntekijät
                columns: { id: Henkilönumero, region: Alue, service: Tehtäväalue, role: Nimike, start: Alkaen, end: Päättyen }
                values:
                  service: \(services)
                  role: \(roles)
              posts:
                source: Virat
                columns: { id: Virkanumero, region: Alue, service: Tehtäväalue, role: Nimike, fte: HTV }
                values:
                  service: \(services)
                  role: \(roles)
              occupancies:
                source: Viranhoidot
                columns: { post: Virka, worker: Henkilönumero, from: Alkaen, to: Päättyen, fte: HTV }
              cases:
                source: Asiakkuudet
                columns:
                  id: Asiakkuuden tunniste
                  region: Toimipiste
                  service: Tehtäväalue
                  birthYear: Syntymävuosi
                  specialSupport: Erityisen tuen tarve
                values:
                  region: \(units)
                  service: \(services)
              referrals:
                source: Vireilletulot
                columns: { case: Asiakkuus, id: Vireilletulo, kind: Tyyppi, received: Vireilletulopvm,
                           urgent: Kiireellinen, urgencyAssessed: Kiireellisyys arvioitu, decided: Ratkaisupvm,
                           outcome: Ratkaisu, childWelfare: Lastensuojeluasia }
                values:
                  kind: \(codes(Dictionary(uniqueKeysWithValues: Self.kinds.map { ($1, $0.rawValue) })))
                  outcome: \(codes(Dictionary(uniqueKeysWithValues: Self.outcomes.map { ($1, $0.rawValue) })))
              assessments:
                source: Palvelutarpeen arvioinnit
                columns: { case: Asiakkuus, id: Arviointi, referral: Vireilletulo, started: Aloitettu, completed: Valmistunut,
                           worker: Työntekijä, result: Tulos, specialSupport: Erityisen tuen tarve }
                values:
                  result: \(codes(Dictionary(uniqueKeysWithValues: Self.results.map { ($1, $0.rawValue) })))
              clientships:
                source: Asiakkuusjaksot
                columns: { case: Asiakkuus, service: Palvelu, start: Alkaen, end: Päättyen, aftercare: Jälkihuolto }
                values:
                  service: \(services)
              assignments:
                source: Vastuutyöntekijät
                columns: { case: Asiakkuus, worker: Työntekijä, from: Alkaen, to: Päättyen }
              plans:
                source: Asiakassuunnitelmat
                columns: { case: Asiakkuus, id: Suunnitelma, date: Laadittu }
              meetings:
                source: Tapaamiset
                columns: { case: Asiakkuus, date: Tapaamispäivä, worker: Työntekijä, withChild: Lapsi tavattu }

            """
    }
}
