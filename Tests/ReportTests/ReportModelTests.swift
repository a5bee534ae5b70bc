import CaseModel
import Foundation
import Report
import Rules
import Testing

@Suite struct NumberStyleTests {
    @Test func finnishSwedishAndEnglishConventions() {
        let fi = NumberStyle(.fi)
        let sv = NumberStyle(.sv)
        let en = NumberStyle(.en)
        let d = CalendarDate(year: 2024, month: 1, day: 3)!
        #expect(fi.percent(0.7534) == "75,3\u{00A0}%")
        #expect(sv.percent(0.7534) == "75,3\u{00A0}%")
        #expect(en.percent(0.7534) == "75.3%")
        #expect(fi.oneDecimal(12.75) == "12,8")
        #expect(fi.integer(1_234_567) == "1\u{00A0}234\u{00A0}567")
        #expect(en.integer(1_234_567) == "1,234,567")
        #expect(fi.integer(999) == "999")
        #expect(fi.date(d) == "3.1.2024")
        #expect(sv.date(d) == "3.1.2024")
        #expect(en.date(d) == "2024-01-03")
        #expect(fi.signedPoints(2.14) == "+2,1")
        #expect(fi.signedPoints(-0.44) == "−0,4")
        #expect(fi.signedPoints(0.01) == "0,0")
        #expect(fi.percent(1) == "100,0\u{00A0}%")
    }

    @Test func suppressionOfSmallCountsAndRates() {
        let on = Suppression(isOn: true, style: NumberStyle(.fi))
        let off = Suppression(isOn: false, style: NumberStyle(.fi))
        #expect(on.count(0) == "0")
        #expect((1...4).allSatisfy { on.count($0) == "<\u{00A0}5" })
        #expect(on.count(5) == "5")
        #expect(off.count(3) == "3")
        #expect(on.rate(3, 4) == "–")
        #expect(on.rate(4, 5) == "80,0\u{00A0}%")
        #expect(off.rate(3, 4) == "75,0\u{00A0}%")
        #expect(off.rate(0, 0) == "–")
    }
}

@Suite struct MetadataTests {
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/example-metadata.yaml").path

    @Test func theShippedExampleParses() throws {
        let m = try ResponseMetadata.load(path: Self.example)
        #expect(m.kind == .aviResponse)
        #expect(m.language == .fi)
        #expect(m.recipient == "Lupa- ja valvontavirasto")
        #expect(m.request?.reference == "LSSAVI/1234/2024")
        #expect(m.request?.date == CalendarDate(year: 2024, month: 4, day: 15))
        #expect(m.organisation.unit == "Lasten, nuorten ja perheiden palvelut")
        #expect(m.signatory?.title == "vastuualuejohtaja")
        #expect(m.distribution == ["Lupa- ja valvontavirasto", "hyvinvointialuehallitus"])
        #expect(m.actions?.contains("**kaksi uutta sosiaalityöntekijää**") == true)
    }

    @Test func unknownKeysAreErrorsNamingTheKey() {
        let base = "kind: omavalvonta\nlanguage: sv\norganisation: {name: X}\n"
        #expect(
            throws: ReportError.metadata(
                file: "m.yaml", key: "signatur",
                problem:
                    "is not a known key (known: actions, attachments, contact, date, distribution, kind, language, opening, organisation, questions, reasons, recipient, reference, request, services, signatory)"
            )
        ) { try ResponseMetadata.parse(yaml: base + "signatur: y\n", file: "m.yaml") }
        #expect(
            throws: ReportError.metadata(
                file: "m.yaml", key: "request.diary", problem: "is not a known key (known: date, reference, subject)"
            )
        ) { try ResponseMetadata.parse(yaml: base + "request: {diary: 1}\n", file: "m.yaml") }
        #expect(throws: ReportError.metadata(file: "m.yaml", key: "language", problem: "must be fi, sv or en")) {
            try ResponseMetadata.parse(
                yaml: "kind: omavalvonta\nlanguage: de\norganisation: {name: X}\n", file: "m.yaml")
        }
        #expect(
            throws: ReportError.metadata(file: "m.yaml", key: "kind", problem: "must be avi-response or omavalvonta")
        ) {
            try ResponseMetadata.parse(yaml: "kind: selvitys\nlanguage: fi\norganisation: {name: X}\n", file: "m.yaml")
        }
        #expect(throws: ReportError.metadata(file: "m.yaml", key: "organisation.name", problem: "is required")) {
            try ResponseMetadata.parse(
                yaml: "kind: omavalvonta\nlanguage: fi\norganisation: {unit: X}\n", file: "m.yaml")
        }
        let m = try? ResponseMetadata.parse(yaml: base, file: "m.yaml")
        #expect(m?.language == .sv && m?.kind == .omavalvonta && m?.request == nil)
    }
}

@Suite struct ActionsMarkdownTests {
    @Test func paragraphsListsAndBold() {
        let a = ActionsMarkdown.parse("First line\ncontinues.\n\n- one **two** three\n- four\n  more\n\nLast **open")
        #expect(a.hasActions)
        #expect(a.blocks.count == 3)
        #expect(a.blocks[0].isParagraph && a.blocks[0].items[0].spans.map(\.text) == ["First line continues."])
        #expect(a.blocks[1].isList && a.blocks[1].items.count == 2)
        #expect(a.blocks[1].items[0].spans.map(\.text) == ["one ", "two", " three"])
        #expect(a.blocks[1].items[0].spans.map(\.bold) == [false, true, false])
        #expect(a.blocks[1].items[1].spans.map(\.text).joined() == "four more")
        #expect(a.blocks[2].items[0].spans.map(\.text).joined() == "Last **open")
        #expect(!ActionsMarkdown.parse(" \n").hasActions)
    }
}

@Suite struct ReportFiguresTests {
    func model(_ kind: ReportKind = .aviResponse, previous: Findings? = nil, gap: Double = 10) throws -> ReportModel {
        let set = try TemplateSet(directory: ReportFixture.templates)
        let options = ReportOptions(documentDate: ReportFixture.date("2024-06-03"), toolVersion: "V")
        var evaluation = ReportFixture.evaluation()
        evaluation.settings.regionalGapPoints = gap
        return try ReportBuilder(
            evaluation: evaluation, previous: previous, metadata: ReportFixture.metadata(kind),
            rules: ReportFixture.rules, strings: try set.strings(for: .fi), options: options
        ).build()
    }

    @Test func headlineRatesAndMaterialDifferences() throws {
        let m = try model()
        let screening = try #require(m.summary.deadlines.first)
        #expect(screening.rule == "LSL26-screening-7wd")
        #expect(screening.rate == "92,4\u{00A0}%")
        #expect(screening.numerator == "1\u{00A0}240" && screening.denominator == "1\u{00A0}342")
        // SAA 137/196 = 69,9 % is 22,5 points worse; JAM is worse too but has 4 cases.
        #expect(screening.differing.map(\.code) == ["SAA"])
        // Every region's share of this table is withheld (JAM has fewer than 5; JKL's and SAA's would
        // give a hidden count away), so no best or worst region is named from it.
        #expect(screening.best == nil && screening.worst == nil)
        // Lower is better for the unassigned share: SAA 12,3 % vs 5,8 % is 6,5 points, under 10.
        let unassigned = try #require(m.regional.rates.first { $0.rule == "LSL13b-assigned" })
        #expect(!unassigned.higherIsBetter && unassigned.differing.isEmpty)
        #expect(unassigned.best?.code == "JKL")
        // With a 6-point gap SAA is named.
        let tighter = try model(gap: 6)
        #expect(tighter.regional.rates.first { $0.rule == "LSL13b-assigned" }?.differing.map(\.code) == ["SAA"])
        #expect(m.summary.backlog.map { "\($0.service) \($0.open) \($0.overdue)" } == ["Lastensuojelu 93 13"])
        #expect(m.summary.caseload.overLimit == "1" && m.summary.caseload.maxChildren == "33")
        #expect(m.summary.vacancy.rate == "15,6\u{00A0}%")
    }

    @Test func tablesPutTheTotalLastAndWaitingTimes() throws {
        let m = try model()
        let table = try #require(m.deadlines.tables.first)
        #expect(table.rows.map(\.region.code) == ["JAM", "JKL", "SAA", "*"])
        #expect(table.rows.last?.region.name == "Koko hyvinvointialue")
        let jkl = try #require(m.workers.assignment.first { $0.region.code == "JKL" })
        #expect(jkl.longestWaitDays == "40" && jkl.medianWaitDays == "12")
        let total = try #require(m.workers.assignment.last)
        #expect(total.longestWaitDays == "75" && total.medianWaitDays == "40")
        // The organisation's row of each service and role first, its regions under it, every post last.
        #expect(
            m.staffing.rows.map(\.region.name) == [
                "Koko hyvinvointialue", "Jyväskylä", "Saarijärvi", "Alue puuttuu", "Koko hyvinvointialue",
            ])
        #expect(m.staffing.rows.map(\.isGroup) == [true, false, false, false, false])
        #expect(m.staffing.rows.first?.role == "Sosiaalityöntekijä" && m.staffing.rows.first?.service == "Lastensuojelu")
        #expect(m.workers.caseload.map(\.overLimit) == ["1", "0", "1"])
    }

    @Test func previousPeriodDirectionAndSeverity() throws {
        let m = try model(.omavalvonta, previous: ReportFixture.previousFindings)
        let screening = try #require(m.summary.deadlines.first)
        #expect(screening.previousRate == "84,1\u{00A0}%" && screening.improved && screening.changeSize == "8,3")
        let completion = try #require(m.summary.deadlines.last)
        #expect(completion.unchanged)
        #expect(m.summary.unassigned.worsened && m.summary.unassigned.change == "+2,4")
        #expect(m.summary.vacancy.improved && m.summary.vacancy.change == "−4,4")
        // Severity on the default criteria {serious: 80, notable: 95}: SHL36-complete-3m 300/373 = 80,4 % and
        // screening 92,4 % are statutory and notable.
        #expect(m.findingsList.first { $0.finding.rule == "SHL36-complete-3m" }?.severityMedium == true)
        #expect(m.severityCriteria.contains("alle 80 % on vakava, alle 95 % merkittävä"))
        #expect(!m.document.hasReference && m.isOmavalvonta)
    }

    /// report.md "A reply a director signs": the periodic report's findings list uses the severity
    /// setting, prints the share that met the rule, and its change is the difference of the printed figures.
    @Test func severityCriteriaSharesThatMetAndCheckableChanges() throws {
        let set = try TemplateSet(directory: ReportFixture.templates)
        var evaluation = ReportFixture.evaluation()
        evaluation.settings.severity = .init(serious: 90, notable: 95)
        let m = try ReportBuilder(
            evaluation: evaluation, previous: ReportFixture.previousFindings, metadata: ReportFixture.metadata(.omavalvonta),
            rules: ReportFixture.rules, strings: try set.strings(for: .fi),
            options: ReportOptions(documentDate: ReportFixture.date("2024-06-03"), toolVersion: "V")
        ).build()
        let completion = try #require(m.findingsList.first { $0.finding.rule == "SHL36-complete-3m" })
        #expect(completion.severityHigh)  // 80,4 % < 90 %
        #expect(m.findingsList.first?.severityHigh == true)
        #expect(m.severityCriteria.contains("alle 90 % on vakava"))
        // The unassigned share is listed as the share assigned: 565/600 = 94,2 %, statutory, notable.
        let assigned = try #require(m.findingsList.first { $0.finding.rule == "LSL13b-assigned" })
        #expect(assigned.metRate == "94,2\u{00A0}%" && assigned.severityMedium)
        #expect(assigned.finding.label.hasPrefix("Lapset, joille on nimetty"))
        // Every change equals the difference of the two printed shares.
        func value(_ s: String) -> Double? { Double(s.replacingOccurrences(of: "\u{00A0}%", with: "").replacingOccurrences(of: ",", with: ".")) }
        var checked = 0
        for f in m.findingsList where !f.change.isEmpty {
            let now = try #require(value(f.metRate)), before = try #require(value(f.previousMetRate))
            let printed = try #require(
                Double(f.change.replacingOccurrences(of: "−", with: "-").replacingOccurrences(of: "+", with: "").replacingOccurrences(of: ",", with: ".")))
            #expect(abs(printed - (now - before)) < 1e-9, "\(f.finding.label): \(f.metRate) − \(f.previousMetRate) ≠ \(f.change)")
            checked += 1
        }
        #expect(checked >= 3)
        // Staffing is listed for information, without a level.
        #expect(m.findingsList.contains { $0.severityInfo && !$0.severityHigh && !$0.severityMedium && !$0.severityLow })
    }

    @Test func aPreviousRateHiddenBySuppressionIsNotCompared() throws {
        var tiny = ReportFixture.previousFindings
        tiny.deadlines = [
            .init(rule: "LSL26-screening-7wd", service: "lastensuojelu", region: "*", met: 2, late: 1, overdue: 0, pending: 0)
        ]
        let m = try model(.omavalvonta, previous: tiny)
        let screening = try #require(m.summary.deadlines.first)
        #expect(!screening.hasPrevious && !screening.improved && !screening.worsened && !screening.unchanged)
        let html = try ReportFixture.render(.omavalvonta, previous: tiny)
        #expect(!html.contains("Edellisellä jaksolla osuus oli –"))
        #expect(html.contains("Edellisellä jaksolla osuus oli 95,0\u{00A0}%"))
    }
}

@Suite struct OutputTests {
    @Test func exceptionsCSVHasOneRowPerLateOrOverdueItem() {
        let csv = ExceptionList.csv(ReportFixture.evaluation())
        #expect(
            csv == """
                caseId,region,rule,service,clockStart,deadline,done,outcome,daysLate\r
                C0101,JKL,SHL36-complete-3m,lastensuojelu,2024-01-10,2024-04-10,2024-04-15,late,5\r
                C0207,SAA,SHL36-complete-3m,lastensuojelu,2024-02-01,2024-05-02,,overdue,29\r

                """)
    }

    @Test func atomicWriteReplacesTheFileAndLeavesNoTemporary() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try AtomicFile.write("one", to: dir + "/report.md")
        try AtomicFile.write("two", to: dir + "/report.md")
        #expect(try String(contentsOfFile: dir + "/report.md", encoding: .utf8) == "two")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["report.md"])
        #expect(throws: ReportError.self) { try AtomicFile.write("x", to: dir + "/missing/report.md") }
    }
}

/// rules.md / report.md Version 2 in the report: reasons under their tables, the urgent-only row,
/// the period basis named, recording gaps told apart, the old basis of a version 1 previous period.
@Suite struct Version2ReportTests {
    static func metadata(reasons: [RuleID: String]) -> ResponseMetadata {
        var m = ReportFixture.metadata()
        m.reasons = reasons
        return m
    }

    @Test func reasonsAreReadAndUnknownRuleIdsRefused() throws {
        let m = try ResponseMetadata.parse(
            yaml: """
                kind: avi-response
                language: fi
                organisation: { name: Hyvinvointialue }
                reasons:
                  SHL36-complete-3m: "Kaksi sosiaalityöntekijän virkaa oli täyttämättä\\nkeväällä."
                  LSL13b-caseload: Rekrytointi käynnissä.
                """, file: "m.yaml")
        #expect(m.reasons[.assessmentCompletion] == "Kaksi sosiaalityöntekijän virkaa oli täyttämättä\nkeväällä.")
        #expect(m.reasons[.caseload] == "Rekrytointi käynnissä.")
        #expect(throws: ReportError.self) {
            try ResponseMetadata.parse(
                yaml: "kind: avi-response\nlanguage: fi\norganisation: { name: O }\nreasons: { LSL13a-assigned: x }\n",
                file: "m.yaml")
        }
    }

    @Test func reasonPrintedUnderItsTableOnly() throws {
        let md = try ReportFixture.render(
            .aviResponse, .fi, format: .markdown, previous: nil,
            metadata: Self.metadata(reasons: [.assessmentCompletion: "Virkoja\noli täyttämättä."]))
        #expect(md.components(separatedBy: "Selvitys syistä: Virkoja oli täyttämättä.").count == 2)
        let html = try ReportFixture.render(
            .aviResponse, .en, format: .html, previous: nil,
            metadata: Self.metadata(reasons: [.caseload: "Recruiting <now>."]))
        #expect(html.contains("Reasons given: Recruiting &lt;now&gt;."))
    }

    @Test func previousVersion1IsNamedAsTheOldBasis() throws {
        var old = ReportFixture.previousFindings
        old.schema = Findings.version1Schema
        let md = try ReportFixture.render(.omavalvonta, .fi, format: .markdown, previous: old)
        #expect(md.contains("laskettu ennen nykyistä"))
        let current = try ReportFixture.render(.omavalvonta, .fi, format: .markdown, previous: ReportFixture.previousFindings)
        #expect(!current.contains("laskettu ennen nykyistä"))
    }
}

extension Version2ReportTests {
    @Test func urgencyTableHasTheUrgentOnlyRowTheDutyAndTheRecordingGap() throws {
        var e = ReportFixture.evaluation()
        e.findings.deadlines += [
            .init(
                rule: "LSL26-urgency", service: "lastensuojelu", region: "*", met: 40, late: 2, overdue: 8, pending: 0,
                urgentOnly: OutcomeCounts(met: 9, late: 1)),
            .init(
                rule: "LSL26-urgency", service: "lastensuojelu", region: "JKL", met: 40, late: 2, overdue: 8, pending: 0,
                urgentOnly: OutcomeCounts(met: 9, late: 1)),
        ]
        let day = CalendarDate(year: 2024, month: 3, day: 1)!
        e.items += (0..<8).map { i in
            DeadlineItem(
                rule: "LSL26-urgency", service: .lastensuojelu, region: "JKL", caseId: "U\(i)", clockStart: day,
                deadline: day.adding(days: 1), done: nil, outcome: .overdue, unrecorded: i < 6)
        }
        let md = try ReportFixture.render(.aviResponse, .fi, format: .markdown, evaluation: e)
        // 9 of 10 prints 90,0 % only with 1 late: the share that would give the hidden count away is withheld.
        #expect(md.contains("| Joista kiireelliseksi merkityt | 9 | \\<\u{00A0}5 | 0 | 0 | .. |"))
        #expect(md.contains("lakisääteinen velvollisuus jokaisessa lastensuojeluasiassa (LSL 26 § 1 mom.)"))
        #expect(md.contains("arvioinnin päivämäärä puuttuu kokonaan: 6;"))
        #expect(md.contains("Taulukossa ovat asiat, joiden määräaika alkoi kulua tarkastelujaksolla."))
        let sv = try ReportFixture.render(.aviResponse, .sv, format: .html, evaluation: e)
        #expect(sv.contains("Varav märkta brådskande"))
    }

    @Test func completionTableNamesTHLsBasis() throws {
        var e = ReportFixture.evaluation()
        e.findings.period.basis = ["SHL36-complete-3m": "completed", "*": "clock-start"]
        let md = try ReportFixture.render(.aviResponse, .en, format: .markdown, evaluation: e)
        let completion = try #require(md.range(of: "Service-needs assessment completed within 3 months"))
        let after = md[completion.upperBound...]
        #expect(after.contains("assessments completed in the period and open assessments whose deadline fell in it"))
    }
}
