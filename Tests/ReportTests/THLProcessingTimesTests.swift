import CaseModel
import Foundation
import Testing

@testable import Report
@testable import Rules

/// `valvonta thl kasittelyajat` on hand-worked exports: every figure below is
/// worked out from rules.md (working days, 3 months, THL's completion basis),
/// not read back from the program.
@Suite struct THLProcessingTimesTests {
    static let h1 = ReportingPeriod.preset(.halfYear(1), year: 2026)  // 1.10.2025–31.3.2026

    /// Eleven cases, T = Fri 10.4.2026 (after Easter: Good Friday 3.4., Easter Monday 6.4.).
    static var export: CaseExport {
        Ex.export(
            [
                // Screening decided 8.10. (deadline 13.10.), started 9.10., completed 15.12.2025 (deadline 2.1.2026).
                Ex.child(
                    "K01",
                    referrals: [
                        Ex.referral(received: "2025-10-02", urgencyAssessed: "2025-10-02", decided: "2025-10-08")
                    ],
                    assessments: [Ex.assessment(started: "2025-10-09", completed: "2025-12-15")]),
                // Screening deadline 21.1. (decided 23.1.: late); started 30.1.: late; 3 months: 12.4. is a Sunday → 13.4. ≥ T: pending.
                Ex.child(
                    "K02", region: "B",
                    referrals: [
                        Ex.referral(received: "2026-01-12", urgencyAssessed: "2026-01-12", decided: "2026-01-23")
                    ],
                    assessments: [Ex.assessment(started: "2026-01-30")]),
                // Special support (the case's): not started, 7th working day 11.2. < T: later, no start date recorded;
                // 3 months: 2.5. is a Saturday → 4.5. ≥ T: pending.
                Ex.child(
                    "K03", .lapsiperheet, specialSupport: true,
                    referrals: [Ex.referral(.hakemus, received: "2026-02-02")],
                    assessments: [Ex.assessment()]),
                // Received before the half-year; 3 months: 1.11.2025 is a Saturday → 3.11.; completed 1.12.: late, in H1.
                Ex.child(
                    "K04", region: "B",
                    referrals: [
                        Ex.referral(
                            .pyyntoArvioida, received: "2025-08-01", urgencyAssessed: "2025-08-01",
                            decided: "2025-08-05")
                    ],
                    assessments: [Ex.assessment(started: "2025-08-05", completed: "2025-12-01")]),
                // Received before the half-year, deadline 15.12.2025 inside it, still open on T: overdue.
                Ex.child(
                    "K05",
                    referrals: [
                        Ex.referral(received: "2025-09-15", urgencyAssessed: "2025-09-15", decided: "2025-09-17")
                    ],
                    assessments: [Ex.assessment(started: "2025-09-18")]),
                // Special support on the assessment only: started 5.11. (met), completed 20.1.2026 (deadline 3.2.: met).
                Ex.child(
                    "K06", .lapsiperheet, region: "B", referrals: [Ex.referral(.hakemus, received: "2025-11-03")],
                    assessments: [Ex.assessment(started: "2025-11-05", completed: "2026-01-20", specialSupport: true)]),
                // A family case without special support: in no SHL 36 § deadline.
                Ex.child(
                    "K07", .lapsiperheet, referrals: [Ex.referral(.hakemus, received: "2025-11-03")],
                    assessments: [Ex.assessment(started: "2025-12-01", completed: "2026-03-01")]),
                // Received Mon 30.3.2026: 7th working day 10.4. = T (Easter skipped): pending start and screening;
                // no urgency assessment recorded, deadline 31.3. < T: overdue with no date.
                Ex.child("K08", referrals: [Ex.referral(received: "2026-03-30")], assessments: [Ex.assessment()]),
                // Completed 15.1.2026 with no start date: start overdue (19.11.2025) with no date; completion met (10.2.).
                Ex.child(
                    "K09", region: "B",
                    referrals: [
                        Ex.referral(received: "2025-11-10", urgencyAssessed: "2025-11-10", decided: "2025-11-12")
                    ],
                    assessments: [Ex.assessment(completed: "2026-01-15")]),
                // Received 25.3., 7th working day 7.4. (Easter skipped), started 8.4. after the half-year: late.
                Ex.child(
                    "K10",
                    referrals: [
                        Ex.referral(received: "2026-03-25", urgencyAssessed: "2026-03-25", decided: "2026-03-26")
                    ],
                    assessments: [Ex.assessment(started: "2026-04-08")]),
                // A contact marked as a child welfare matter in a family case: counted as a child welfare matter;
                // completed on its deadline day 2.3.2026: met.
                Ex.child(
                    "K11", .lapsiperheet,
                    referrals: [
                        Ex.referral(
                            .yhteydenotto, received: "2025-12-01", urgencyAssessed: "2025-12-01", decided: "2025-12-03",
                            childWelfare: true)
                    ],
                    assessments: [Ex.assessment(started: "2025-12-04", completed: "2026-03-02")]),
            ], generated: "2026-04-10", period: ("2025-10-01", "2026-03-31"),
            rejected: [Rejection(location: SourceLocation(source: "example.xml", line: 9), reason: "an example")])
    }

    static func form(
        _ export: CaseExport = export, period: ReportingPeriod = h1, asOf: String? = nil,
        reasons: [RuleID: String] = [:]
    ) -> THLForm {
        let e = evaluate(export, asOf: asOf.map { Ex.d($0) }, period: period.range)
        return THLForm(
            .kasittelyajat, evaluation: e, period: period, asOfBasis: asOf == nil ? .exportDate : .option,
            header: export.header, reasons: reasons)
    }

    static func values(_ form: THLForm) -> [String: Int?] {
        Dictionary(uniqueKeysWithValues: zip(form.collection.fields.map(\.id), form.values.map(\.count)))
    }

    @Test func theHalfYearsFiguresAsWorkedOut() {
        let v = Self.values(Self.form())
        let expected: [String: Int] = [
            "start.inTime.all": 3, "start.inTime.childWelfare": 2, "start.inTime.specialSupport": 1,
            "start.later.all": 4, "start.later.childWelfare": 3, "start.later.specialSupport": 1,
            "start.pending.all": 1, "start.pending.childWelfare": 1, "start.pending.specialSupport": 0,
            "complete.inTime.all": 4, "complete.inTime.childWelfare": 3, "complete.inTime.specialSupport": 1,
            "complete.later.all": 1, "complete.later.childWelfare": 1, "complete.later.specialSupport": 0,
            "complete.overdueOpen.all": 1, "complete.overdueOpen.childWelfare": 1,
            "complete.overdueOpen.specialSupport": 0,
            "complete.pendingOpen.all": 4, "complete.pendingOpen.childWelfare": 3,
            "complete.pendingOpen.specialSupport": 1,
            "screening.inTime": 4, "screening.later": 1, "screening.pending": 1,
        ]
        #expect(v.count == expected.count)
        for (id, n) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(v[id] == n, "\(id): \(String(describing: v[id] ?? nil)), expected \(n)")
        }
    }

    @Test func theCommentNotesRecordingGapsRejectionsAndOnlyThisCollectionsReasons() {
        let form = Self.form(reasons: [.assessmentCompletion: "Virkoja oli täyttämättä.", .caseload: "Ei tähän."])
        #expect(
            form.notes == [
                THLNote(.rejected, count: 1), THLNote(.startUnrecorded, count: 2),
                THLNote(.urgencyUnrecorded, count: 1),
                THLNote(.reason, rule: .assessmentCompletion, text: "Virkoja oli täyttämättä."),
            ])
        #expect(form.asOf == Ex.d("2026-04-10") && form.asOfBasis == .exportDate)
    }

    /// Issue 17: an assessment pending on 30.9. and completed on 1.10. belongs to the
    /// next half-year's completions; one whose deadline passed on 15.9. is open past
    /// its deadline on 30.9. and completed late in the next half-year.
    @Test func anAssessmentPendingOnTheLastDayAndCompletedTheNextBelongsToTheNextHalfYear() {
        let export = Ex.export(
            [
                // Received Mon 3.8.2026: started 6.8. (met); 3 months: Tue 3.11.2026; completed Thu 1.10.
                Ex.child(
                    "B1",
                    referrals: [
                        Ex.referral(received: "2026-08-03", urgencyAssessed: "2026-08-03", decided: "2026-08-05")
                    ],
                    assessments: [Ex.assessment(started: "2026-08-06", completed: "2026-10-01")]),
                // Received Mon 15.6.2026: started 17.6. (met; Midsummer Eve 19.6.); 3 months: Tue 15.9.; completed 1.10.
                Ex.child(
                    "B2",
                    referrals: [
                        Ex.referral(received: "2026-06-15", urgencyAssessed: "2026-06-15", decided: "2026-06-16")
                    ],
                    assessments: [Ex.assessment(started: "2026-06-17", completed: "2026-10-01")]),
            ], generated: "2027-04-10", period: ("2026-04-01", "2027-03-31"))
        let h2 = ReportingPeriod.preset(.halfYear(2), year: 2026)
        let next = ReportingPeriod.preset(.halfYear(1), year: 2027)
        let onLastDay = Self.values(Self.form(export, period: h2, asOf: "2026-09-30"))
        #expect(onLastDay["start.inTime.childWelfare"] == 2)
        #expect(onLastDay["complete.pendingOpen.childWelfare"] == 1)
        #expect(onLastDay["complete.overdueOpen.childWelfare"] == 1)
        #expect(onLastDay["complete.inTime.childWelfare"] == 0 && onLastDay["complete.later.childWelfare"] == 0)
        // Seen after the half-year, both completions lie outside it: in no completion figure of 2026H2.
        let after = Self.values(Self.form(export, period: h2, asOf: "2026-10-15"))
        #expect(after["start.inTime.childWelfare"] == 2)
        for measure in ["inTime", "later", "overdueOpen", "pendingOpen"] {
            #expect(after["complete.\(measure).all"] == 0, "complete.\(measure).all")
        }
        let nextHalf = Self.values(Self.form(export, period: next, asOf: "2027-04-10"))
        #expect(nextHalf["complete.inTime.childWelfare"] == 1)
        #expect(nextHalf["complete.later.childWelfare"] == 1)
        #expect(nextHalf["start.inTime.all"] == 0 && nextHalf["start.later.all"] == 0)
    }

    @Test func aHalfYearNotOverOrNotBegunSaysSo() {
        let running = Self.form(asOf: "2026-03-16")
        #expect(running.notes.first == THLNote(.notEnded, date: Ex.d("2026-03-31")))
        #expect(running.asOfBasis == .option)
        let early = Self.form(asOf: "2025-09-30")
        #expect(early.notes.first == THLNote(.notBegun, date: Ex.d("2025-10-01")))
        for value in early.values {
            guard case .unavailable(let why) = value else {
                Issue.record("a figure of a half-year not begun: \(value)")
                continue
            }
            #expect(why.fi.contains("ei ollut alkanut"))
        }
    }

    @Test func aPeriodThatIsNotAHalfYearOrBeginsBeforeTheExportIsNoted() throws {
        let quarter = try ReportingPeriod.parse("2026Q1")
        #expect(Self.form(period: quarter).notes.contains(THLNote(.notHalfYear)))
        #expect(!Self.form().notes.contains(THLNote(.notHalfYear)))
        let explicit = try ReportingPeriod.parse("2025-10-01..2026-03-31")
        #expect(!Self.form(period: explicit).notes.contains(THLNote(.notHalfYear)))
        var late = Self.export
        late.header.periodStart = Ex.d("2026-01-01")
        #expect(Self.form(late).notes.contains(THLNote(.beforeExport, date: Ex.d("2026-01-01"))))
    }
}
