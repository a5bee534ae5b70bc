import CaseModel
import Foundation
import Testing

@testable import Report
@testable import Rules

/// The outputs of `valvonta thl`: the screen, CSV, JSON, the HTML copy and the
/// comment draft, in fi, sv and en, from the hand-worked exports.
@Suite struct THLDocumentsTests {
    static func documents(_ form: THLForm, _ language: ReportLanguage = .fi) throws -> THLDocuments {
        try THLDocuments(
            form: form, language: language, templatesDirectory: ReportFixture.templates,
            documentDate: Ex.d("2026-04-15"), toolVersion: "VERSION")
    }

    static let processingTimes = THLProcessingTimesTests.form(
        reasons: [.assessmentCompletion: "Kolme virkaa oli <b>täyttämättä</b>\nsyksyllä."])
    static let staffingRatio = THLStaffingRatioTests.form()

    @Test(arguments: [ReportLanguage.fi, .sv, .en])
    func everyOutputRendersInEveryLanguage(language: ReportLanguage) throws {
        for form in [Self.processingTimes, Self.staffingRatio] {
            let d = try Self.documents(form, language)
            let files = try d.files()
            #expect(
                files.map(\.name)
                    == ["csv", "json", "html", "-comment.txt"].map {
                        d.fileStem + ($0.hasPrefix("-") ? $0 : "." + $0)
                    })
            let html = try d.html()
            let banner = ["fi": "EI JULKAISTAVAKSI", "sv": "INTE FÖR PUBLICERING", "en": "NOT FOR PUBLICATION"]
            #expect(html.contains(banner[language.rawValue] ?? "?"))
            // Self-contained: nothing is fetched, nothing runs.
            for outside in ["<script", "<link", "src=", "http://", "https://", "@import"] {
                #expect(!html.contains(outside), "\(outside) in the page")
            }
            let screen = try d.screen()
            #expect(screen.hasPrefix(form.collection.name[language] + " – Esimerkin hyvinvointialue\n"))
            #expect(!screen.contains("{{") && !html.contains("{{"))
        }
    }

    @Test func theScreenIsAShortTableWithTheFormsFieldsAndTheComment() throws {
        let screen = try Self.documents(Self.processingTimes).screen()
        let lines = screen.components(separatedBy: "\n")
        #expect(lines.contains("Yhteensä  Lastensuojeluasiat  Erityistä tukea tarvitsevat lapset"))
        #expect(
            lines.contains(
                "       3                   2                                   1  "
                    + "Palvelutarpeen arviointi aloitettu viimeistään 7. arkipäivänä"))
        #expect(
            lines.contains(
                "       4                                                          "
                    + "Lastensuojeluasia ratkaistu 7 arkipäivän kuluessa (aiemmilla lomakkeilla)"))
        #expect(
            lines.contains(
                "Tilannepäivä 10.4.2026 on aineiston poimintapäivä (toisen voi antaa valinnalla --as-of). "
                    + "Tarkat luvut, ei julkaistavaksi."))
        #expect(screen.contains("Aineistosta jätettiin pois 1 tietuetta"))
        let staffing = try Self.documents(Self.staffingRatio, .en).screen()
        #expect(
            staffing.contains(
                "The counting day 2026-04-14 is the second Tuesday of April: the latest of THL's counting days on or "
                    + "before the date the export was generated, 2026-04-20 (--as-of gives another)."))
        #expect(staffing.contains("\n    1  Responsible social workers over the limit of LSL 13 b §\n"))
    }

    @Test func theCSVHasEveryFieldWithItsFinnishLabelAndDefinition() throws {
        let csv = try Self.documents(Self.processingTimes, .sv).csv()
        let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first == "collection,period,asOf,field,label_fi,label,value,status,definition,source,unavailable")
        #expect(lines.count == 1 + THLCollection.kasittelyajat.fields.count)
        let row = try #require(lines.first { $0.contains(",start.later.childWelfare,") })
        #expect(
            row.hasPrefix(
                "kasittelyajat,2026H1,2026-04-10,start.later.childWelfare,"
                    + "Palvelutarpeen arviointi aloitettu myöhemmin – Lastensuojeluasiat,"
                    + "Bedömningen av servicebehovet inledd senare – Barnskyddsärenden,3,form,\"Bedömningar i ärenden"))
        #expect(
            row.hasSuffix(
                ",\"deadlines[rule=SHL36-start-7wd, region=*] (service=lastensuojelu): late + overdue\","))
    }

    @Test func theJSONHoldsTheFiguresTheirWordsAndTheComment() throws {
        let d = try Self.documents(Self.staffingRatio)
        let json = try d.json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["schema"] as? String == "valvonta-thl/1")
        #expect(object["collection"] as? String == "mitoitus")
        #expect(object["asOf"] as? String == "2026-04-14" && object["asOfBasis"] as? String == "second-tuesday")
        #expect(object["notForPublication"] as? Bool == true)
        #expect(object["period"] is NSNull)
        #expect(object["findings"] as? String == "valvonta-findings/2")
        let fields = try #require(object["fields"] as? [[String: Any]])
        #expect(fields.map { $0["id"] as? String ?? "" } == THLCollection.mitoitus.fields.map(\.id))
        for (field, value) in zip(fields, Self.staffingRatio.values) {
            #expect(field["value"] as? Int == value.count)
            #expect(!(field["labelFi"] as? String ?? "").isEmpty && !(field["definition"] as? String ?? "").isEmpty)
        }
        #expect((object["comment"] as? String)?.contains("ilman vastuusosiaalityöntekijää") == true)
        let before2022 = try Self.documents(THLStaffingRatioTests.form(asOf: "2021-10-12"), .en).json()
        let old = try #require(try JSONSerialization.jsonObject(with: Data(before2022.utf8)) as? [String: Any])
        let over = try #require((old["fields"] as? [[String: Any]])?.first { $0["id"] as? String == "overLimit" })
        #expect(over["value"] is NSNull)
        #expect((over["unavailable"] as? String)?.hasPrefix("No statutory limit") == true)
    }

    /// Exact counts, never `< 5`; values from the metadata escaped in the page, one line in the comment.
    @Test func thePageHasExactCountsAndEscapesTheReasons() throws {
        let d = try Self.documents(Self.processingTimes)
        let html = try d.html()
        #expect(html.contains("<td class=\"value\">1</td>"))
        #expect(!html.contains("&lt; 5") && !html.contains("< 5"))
        #expect(html.contains("Kolme virkaa oli &lt;b&gt;täyttämättä&lt;/b&gt; syksyllä."))
        let comment = try d.comment()
        #expect(
            comment.components(separatedBy: "\n\n") == [
                "Aineistosta jätettiin pois 1 tietuetta, joiden viittaukset tai päivämäärät eivät täsmänneet; ne "
                    + "eivät sisälly lukuihin.",
                "Jaksolla vireille tulleista palvelutarpeen arvioinneista 2 on ilman aloituspäivää, ja ne on luettu "
                    + "myöhemmin aloitetuiksi; osa niistä on voitu aloittaa ajallaan ilman, että aloituspäivä on "
                    + "kirjattu.",
                "Jaksolla vireille tulleista lastensuojeluasioista 1 on ilman kirjattua kiireellisyyden arvioinnin "
                    + "päivämäärää.",
                "Selvitys syistä (Palvelutarpeen arvioinnin valmistuminen 3 kuukaudessa): Kolme virkaa oli "
                    + "<b>täyttämättä</b> syksyllä.",
            ])
    }

    @Test func aTemplatesFolderWithoutALabelIsRefusedByName() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("valvonta-thl-tpl-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(atPath: ReportFixture.templates, toPath: dir.path)
        let labels = dir.appendingPathComponent("thl/fi/labels.yaml")
        let text = try String(contentsOf: labels, encoding: .utf8).replacingOccurrences(
            of: "  printed: Tulostettu\n", with: "")
        try text.write(to: labels, atomically: true, encoding: .utf8)
        let d = try THLDocuments(
            form: Self.staffingRatio, language: .fi, templatesDirectory: dir.path, documentDate: Ex.d("2026-04-15"),
            toolVersion: "VERSION")
        #expect(
            throws: ReportError.strings(
                file: "fi/labels.yaml", problem: "label 'head.printed' used in html/page.mustache is missing")
        ) {
            try d.html()
        }
    }
}
