import CaseModel
import Foundation
@testable import Report
import Rules
import Testing

/// report.md "A reply a director signs": the letter's own keys, the authority's questions in their
/// order, the scope of services, numbered tables and no tool line in the body.
@Suite struct ReplyLetterTests {
    static func metadata(_ extra: String) throws -> ResponseMetadata {
        try ResponseMetadata.parse(
            yaml: """
                kind: avi-response
                language: fi
                recipient: Lupa- ja valvontavirasto
                request: {reference: LSSAVI/1234/2024, date: 2024-04-15, subject: Jonot}
                organisation: {name: Keski-Suomen hyvinvointialue}
                distribution: [Lupa- ja valvontavirasto]
                \(extra)
                """, file: "m.yaml")
    }

    static func markdown(_ metadata: ResponseMetadata, exceptions: Bool = false) throws -> String {
        try ReportFixture.render(.aviResponse, .fi, format: .markdown, metadata: metadata, exceptions: exceptions)
    }

    @Test func theLetterCarriesItsDateReferenceOpeningAndAttachments() throws {
        let m = try Self.metadata(
            """
            date: 2024-06-20
            reference: KSHVA/77/2024
            attachments: [Henkilöstösuunnitelma, Jonon purkusuunnitelma]
            """)
        #expect(m.date == CalendarDate(year: 2024, month: 6, day: 20))
        let md = try Self.markdown(m, exceptions: true)
        // The letter's date, not the run's (the fixture runs on 3.6.2024), and the region's number under it.
        #expect(md.contains("**SELVITYS** 20.6.2024  \nDnro KSHVA/77/2024"))
        #expect(!md.contains("3.6.2024"))
        #expect(
            md.contains(
                "Vastauksena 15.4.2024 päivättyyn selvityspyyntöönne LSSAVI/1234/2024 Keski-Suomen hyvinvointialue antaa seuraavan selvityksen."))
        // LIITTEET lists the attachments, then the exceptions appendix, numbered; the appendix carries its number.
        #expect(md.contains("- Liite 1. Henkilöstösuunnitelma\n- Liite 2. Jonon purkusuunnitelma\n- Liite 3. Määräajan"))
        #expect(md.contains("## Liite 3. Määräajan ylittäneet tapaukset"))
        // The tool line stands after JAKELU only.
        let tool = try #require(md.range(of: "valvonta-työkalulla"))
        let distribution = try #require(md.range(of: "**JAKELU**"))
        #expect(tool.lowerBound > distribution.lowerBound)
        #expect(md.components(separatedBy: "valvonta-työkalulla").count == 2)
    }

    @Test func anOpeningOfTheRegionsOwnAndNoAttachments() throws {
        let md = try Self.markdown(try Self.metadata("opening: Viittaamme selvityspyyntöönne."))
        #expect(md.contains("\nViittaamme selvityspyyntöönne.\n"))
        #expect(!md.contains("Vastauksena"))
        #expect(md.contains("**LIITTEET** Ei liitteitä."))
    }

    @Test func theHTMLNamesTheToolInItsHeadAndAfterTheDistributionOnly() throws {
        let html = try ReportFixture.render(.aviResponse, .fi, format: .html)
        #expect(html.contains(#"<meta name="generator" content="valvonta V">"#) || html.contains(#"<meta name="generator""#))
        let tool = try #require(html.range(of: "valvonta-työkalulla"))
        let distribution = try #require(html.range(of: "JAKELU"))
        #expect(tool.lowerBound > distribution.lowerBound)
    }

    @Test func questionsAreAnsweredInTheirOrderAndTheRestFollows() throws {
        let m = try Self.metadata(
            """
            questions:
              - question: Kuinka moni arviointi on jonossa?
                answer: [backlog]
              - question: Kuinka nopeasti ilmoitukset käsitellään?
                answer: [LSL26-screening-7wd, backlog]
            """)
        #expect(m.questions.map(\.answer) == [[.backlog], [.screening, .backlog]])
        let md = try Self.markdown(m)
        let headings = md.split(separator: "\n").filter { $0.hasPrefix("## ") }.map(String.init)
        #expect(headings.prefix(3) == ["## 1 Tiivistelmä", "## 2 Vastaus kysymykseen 1", "## 3 Vastaus kysymykseen 2"])
        #expect(headings.contains("## 4 Lakisääteisten määräaikojen toteutuminen"))
        // Each question is quoted, and answered with its table; the queue named twice is referred to by number.
        let q1 = try #require(md.range(of: "> Kuinka moni arviointi on jonossa?"))
        let q2 = try #require(md.range(of: "> Kuinka nopeasti ilmoitukset käsitellään?"))
        let queue = try #require(md.range(of: "**Taulukko 1. Keskeneräiset palvelutarpeen arvioinnit (jono)**"))
        // The fixture's LSL26-screening-7wd is named as its rule description says.
        let name = ReportFixture.rules.first { $0.id == "LSL26-screening-7wd" }!.name["fi"]!
        let screening = try #require(md.range(of: "**Taulukko 2. \(name) – Lastensuojelu**"))
        #expect(q1.lowerBound < queue.lowerBound && queue.lowerBound < q2.lowerBound && q2.lowerBound < screening.lowerBound)
        #expect(md.contains("Luvut on esitetty edellä taulukossa 1."))
        // Neither table appears again in the fixed sections.
        #expect(md.components(separatedBy: "Keskeneräiset palvelutarpeen arvioinnit (jono)**").count == 2)
        #expect(md.components(separatedBy: "\(name) – Lastensuojelu**").count == 2)
        // Tables are numbered in print order with no gap.
        let numbers = md.matches(of: /\*\*Taulukko (\d+)\./).map { Int($0.1)! }
        #expect(numbers == Array(1...numbers.count))
    }

    @Test func anUnknownAnswerIsAnErrorNamingTheKey() {
        #expect(throws: ReportError.self) {
            try Self.metadata(
                """
                questions:
                  - question: Mitä?
                    answer: [LSL99-unknown]
                """)
        }
        do {
            _ = try Self.metadata("questions:\n  - question: Mitä?\n    answer: [LSL99-unknown]")
        } catch let e as ReportError {
            let text = e.errorDescription ?? ""
            #expect(text.contains("questions") && text.contains("LSL26-urgency") && !text.contains("LSL99"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func onlyTheServicesAskedAboutArePrinted() throws {
        var evaluation = ReportFixture.evaluation()
        evaluation.findings.plans.append(
            .init(service: "tyoikaiset", region: "*", active: 50, withPlan: 40, upToDate: 30))
        let all = try ReportFixture.render(.aviResponse, .fi, format: .markdown, evaluation: evaluation)
        #expect(all.contains("Työikäisten sosiaalipalvelut"))
        let m = try Self.metadata("services: [tyoikaiset]")
        #expect(m.services == [.tyoikaiset])
        let md = try ReportFixture.render(.aviResponse, .fi, format: .markdown, evaluation: evaluation, metadata: m)
        #expect(md.contains("Työikäisten sosiaalipalvelut"))
        // Child welfare families go with lastensuojelu: none of them is printed.
        #expect(!md.contains("| Lastensuojelu |"))
        #expect(!md.contains("7 arkipäivässä – Lastensuojelu"))
        #expect(!md.contains("Asiakasmitoitus"))
        #expect(!md.contains("Lapset ilman"))
        // The findings JSON is not scoped.
        #expect(evaluation.findings.scoped(to: nil).deadlines.count == evaluation.findings.deadlines.count)
        #expect(evaluation.findings.scoped(to: [.tyoikaiset]).deadlines.isEmpty)
    }

    @Test func everyTableSaysWhichSymbolsItUses() throws {
        let md = try Self.markdown(try Self.metadata(""))
        // The fixture's screening table has a region with 1–4 late items: "< 5" is used and explained under it.
        let name = ReportFixture.rules.first { $0.id == "LSL26-screening-7wd" }!.name["fi"]!
        let table = try #require(md.range(of: "\(name) – Lastensuojelu**"))
        let after = md[table.upperBound...]
        let legend = try #require(after.range(of: "Merkinnät:"))
        let nextTable = after.range(of: "**Taulukko") ?? after.endIndex..<after.endIndex
        #expect(legend.lowerBound < nextTable.lowerBound)
        #expect(after[legend.lowerBound...].prefix(60).contains("1–4 tapausta"))
    }
}
