import CaseModel
import Foundation
import Testing

@testable import Report
@testable import Rules

/// `valvonta thl mitoitus`: the counting day and the LSL 13 b § figures on it,
/// on a hand-worked export.
@Suite struct THLStaffingRatioTests {
    /// The latest second Tuesday of April or October on or before the export's date.
    @Test(arguments: [
        ("2026-10-20", "2026-10-13"), ("2026-10-13", "2026-10-13"), ("2026-10-12", "2026-04-14"),
        ("2026-04-14", "2026-04-14"), ("2026-04-13", "2025-10-14"), ("2026-01-05", "2025-10-14"),
        ("2024-10-08", "2024-10-08"), ("2024-10-07", "2024-04-09"), ("2025-04-08", "2025-04-08"),
        ("2025-12-31", "2025-10-14"),
    ])
    func theCountingDayIsTheLatestSecondTuesdayOfAprilOrOctober(generated: String, day: String) {
        #expect(THLCountingDay.latest(onOrBefore: Ex.d(generated)) == Ex.d(day))
        #expect(THLCountingDay.isCountingDay(Ex.d(day)))
    }

    @Test func onlySecondTuesdaysOfAprilAndOctoberAreCountingDays() {
        // 1.10.2024 and 1.4.2025 are Tuesdays: their second Tuesdays are the 8th.
        #expect(THLCountingDay.secondTuesday(year: 2024, month: 10) == Ex.d("2024-10-08"))
        #expect(THLCountingDay.secondTuesday(year: 2025, month: 4) == Ex.d("2025-04-08"))
        for day in ["2026-10-06", "2026-10-20", "2026-04-15", "2026-05-12"] {
            #expect(!THLCountingDay.isCountingDay(Ex.d(day)), "\(day)")
        }
    }

    /// W1 exactly at the limit (30), W2 over it (31), W3 a social instructor with
    /// two children, W4 responsible only for a young adult in aftercare; one child
    /// unassigned, one clientship ended before the counting day, and one child
    /// assigned to W1 only from 16.4., after the counting day 14.4.2026.
    static var export: CaseExport {
        let since = Ex.clientship(start: "2025-01-01")
        func assigned(_ id: Int, _ worker: String?, from: String = "2025-01-01") -> Case {
            Ex.child(
                String(format: "C%03d", id), clientships: [since],
                assignments: worker.map { [Ex.assignment($0, from: from)] } ?? [])
        }
        var cases = (1...30).map { assigned($0, "W1") } + (31...61).map { assigned($0, "W2") }
        cases += [assigned(62, "W3"), assigned(63, "W3"), assigned(64, nil)]
        cases.append(
            Ex.child(
                "C065", birthYear: 2007, clientships: [Ex.clientship(start: "2025-01-01", aftercare: true)],
                assignments: [Ex.assignment("W4", from: "2025-01-01")]))
        cases.append(
            Ex.child(
                "C066", clientships: [Ex.clientship(start: "2025-01-01", end: "2026-03-01")],
                assignments: [Ex.assignment("W1", from: "2025-01-01", to: "2026-03-01")]))
        cases.append(
            Ex.child(
                "C067", clientships: [Ex.clientship(start: "2026-04-01")],
                assignments: [Ex.assignment("W1", from: "2026-04-16")]))
        return Ex.export(
            cases,
            workers: [
                Ex.worker("W1"), Ex.worker("W2"), Ex.worker("W3", .sosiaaliohjaaja), Ex.worker("W4", region: "B"),
            ],
            generated: "2026-04-20", period: ("2026-01-01", "2026-04-19"))
    }

    static func form(asOf: String? = nil, export: CaseExport = export) -> THLForm {
        let day = asOf.map { Ex.d($0) } ?? THLCountingDay.latest(onOrBefore: export.header.generatedDate)
        return THLForm(
            .mitoitus, evaluation: evaluate(export, asOf: day), asOfBasis: asOf == nil ? .countingDay : .option,
            header: export.header)
    }

    static func values(_ form: THLForm) -> [String: Int?] {
        Dictionary(uniqueKeysWithValues: zip(form.collection.fields.map(\.id), form.values.map(\.count)))
    }

    @Test func onTheDefaultCountingDayAWorkerAtTheLimitIsNotOverIt() {
        let form = Self.form()
        #expect(form.asOf == Ex.d("2026-04-14") && form.asOfBasis == .countingDay)
        #expect(form.period == nil)
        #expect(
            Self.values(form) == [
                "clients": 66, "responsibleWorkers": 3, "overLimit": 1, "limit": 30, "childrenInCaseloads": 63,
                "unassigned": 2,
            ])
        #expect(form.notes == [THLNote(.unassigned, count: 2), THLNote(.unqualified, count: 2)])
    }

    @Test func onTheExportsOwnDateTheSameWorkerIsOverIt() {
        let form = Self.form(asOf: "2026-04-20")
        #expect(
            Self.values(form) == [
                "clients": 66, "responsibleWorkers": 3, "overLimit": 2, "limit": 30, "childrenInCaseloads": 64,
                "unassigned": 1,
            ])
        #expect(form.notes.first == THLNote(.notCountingDay))
    }

    @Test func beforeTheLimitExistedTheFormSaysSoInsteadOfACount() {
        let form = Self.form(asOf: "2021-10-12")
        guard case .unavailable(let why)? = form.value("overLimit") else {
            Issue.record("overLimit is a count before 2022")
            return
        }
        #expect(why.en.contains("No statutory limit"))
        #expect(form.value("limit")?.count == nil)
        #expect(form.notes.contains(THLNote(.noLimit)))
        #expect(form.notes.contains(THLNote(.beforeExport, date: Ex.d("2026-01-01"))))
    }

    @Test func theFiguresAreTheLSL13bRulesTallies() {
        let e = evaluate(Self.export, asOf: Ex.d("2026-04-14"))
        let form = THLForm(.mitoitus, evaluation: e, asOfBasis: .countingDay, header: Self.export.header)
        #expect(form.value("responsibleWorkers")?.count == CaseloadRule.tally(e).counted)
        #expect(form.value("overLimit")?.count == CaseloadRule.tally(e).failing)
        #expect(form.value("clients")?.count == ResponsibleWorkerRule.tally(e).counted)
        #expect(form.value("unassigned")?.count == ResponsibleWorkerRule.tally(e).failing)
        #expect(e.findings.caseload.map(\.children) == [30, 31, 2])
    }
}
