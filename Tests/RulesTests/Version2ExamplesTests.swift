import CaseModel
import Testing

@testable import Rules

/// rules.md "Version 2", "Examples" (T = Mon 16.6.2025, period 1.1.–16.6.2025,
/// `urgencyDays` 1), each one a test on the example as written.
@Suite struct Version2ExamplesTests {
    static let t = "2025-06-16"

    static func run(_ cases: [Case], workers: [Worker] = []) -> Evaluation {
        evaluate(Ex.export(cases, workers: workers, generated: t, period: ("2025-01-01", t)))
    }

    /// rule → service → outcome of each item of case `id`.
    static func outcomes(_ e: Evaluation, _ id: String) -> [String: String] {
        var out: [String: String] = [:]
        // The rules of Version 2 (SHL36-urgency, from "Every service", has its own examples).
        for item in e.items where item.caseId == id && item.rule != "SHL36-urgency" {
            out[item.rule] = "\(item.service.rawValue) \(item.outcome.rawValue)"
        }
        return out
    }

    @Test func example1ChildWelfareMatterInAFamilyCase() {
        let e = Self.run([
            Ex.child(
                "C1", .lapsiperheet,
                referrals: [Ex.referral(received: "2025-02-03", urgencyAssessed: "2025-02-03", decided: "2025-02-10")],
                assessments: [Ex.assessment(started: "2025-02-11", completed: "2025-04-30")])
        ])
        #expect(
            Self.outcomes(e, "C1") == [
                "LSL26-urgency": "lastensuojelu met", "LSL26-screening-7wd": "lastensuojelu met",
                "SHL36-start-7wd": "lastensuojelu met", "SHL36-complete-3m": "lastensuojelu met",
            ])
        #expect(
            e.findings.durations.filter { $0.region == "*" }
                == [.init(service: "lastensuojelu", region: "*", completed: 1, medianDays: 86, p90Days: 86)])
    }

    @Test func example2CompletedInThisPeriodReceivedInTheLast() {
        let e = Self.run(Self.example2)
        #expect(Self.outcomes(e, "C2") == ["SHL36-complete-3m": "lastensuojelu late"])
        #expect(e.items.first?.deadline.iso == "2025-02-04")
        // In the earlier period the referral's urgency, screening and start are counted, and not the completion.
        let earlier = evaluate(
            Ex.export(Self.example2, generated: Self.t), period: Ex.d("2024-10-01")...Ex.d("2024-12-31"))
        #expect(
            Self.outcomes(earlier, "C2") == [
                "LSL26-urgency": "lastensuojelu met", "LSL26-screening-7wd": "lastensuojelu met",
                "SHL36-start-7wd": "lastensuojelu met",
            ])
    }

    static let example2 = [
        Ex.child(
            "C2", referrals: [Ex.referral(received: "2024-11-04", urgencyAssessed: "2024-11-04", decided: "2024-11-06")],
            assessments: [Ex.assessment(started: "2024-11-05", completed: "2025-02-14")])
    ]

    @Test func example3NeverAssessedForUrgency() {
        let e = Self.run([Ex.child("C3", referrals: [Ex.referral(.pyyntoArvioida, received: "2025-05-02")])])
        #expect(Self.outcomes(e, "C3")["LSL26-urgency"] == "lastensuojelu overdue")
        let item = e.items.first { $0.rule == "LSL26-urgency" }
        #expect(item?.deadline.iso == "2025-05-03" && item?.unrecorded == true && item?.inSubset == false)
        let row = e.findings.deadlines.first { $0.rule == "LSL26-urgency" && $0.region == "*" }
        #expect(row?.overdue == 1 && row?.urgentOnly == OutcomeCounts.zero)
    }

    @Test func example4ContactMarkedChildWelfare() {
        let e = Self.run([
            Ex.child(
                "C4", .tyoikaiset,
                referrals: [
                    Ex.referral(
                        .yhteydenotto, received: "2025-06-13", urgent: true, urgencyAssessed: "2025-06-16",
                        childWelfare: true)
                ])
        ])
        #expect(
            Self.outcomes(e, "C4") == [
                "LSL26-urgency": "lastensuojelu late", "LSL26-screening-7wd": "lastensuojelu pending",
            ])
        let row = e.findings.deadlines.first { $0.rule == "LSL26-urgency" && $0.region == "*" }
        #expect(row?.urgentOnly == OutcomeCounts(late: 1))
    }

    @Test func example5SpecialSupportOnTheAssessment() {
        let own = Self.run([
            Ex.child(
                "C5", .lapsiperheet, referrals: [Ex.referral(.hakemus, received: "2025-03-03")],
                assessments: [Ex.assessment(started: "2025-03-06", specialSupport: true)])
        ])
        #expect(
            Self.outcomes(own, "C5") == [
                "SHL36-start-7wd": "lapsiperheet met", "SHL36-complete-3m": "lapsiperheet overdue",
            ])
        #expect(own.items.first { $0.rule == "SHL36-complete-3m" }?.deadline.iso == "2025-06-03")
        #expect(
            own.findings.backlog.first { $0.region == "*" }
                == .init(service: "lapsiperheet", region: "*", open: 1, notStarted: 0, overdue: 1, oldestDays: 105))
        let overridden = Self.run([
            Ex.child(
                "C5", .lapsiperheet, specialSupport: true, referrals: [Ex.referral(.hakemus, received: "2025-03-03")],
                assessments: [Ex.assessment(started: "2025-03-06", specialSupport: false)])
        ])
        #expect(overridden.items.allSatisfy { $0.rule == "SHL36-urgency" } && overridden.findings.backlog.isEmpty)
    }

    @Test func example6ChildrenByBirthYear() {
        let client = Ex.clientship(start: "2024-01-01", aftercare: true)
        let e = Self.run(
            [
                Ex.child("A", birthYear: 2008, clientships: [client], assignments: [Ex.assignment("W1", from: "2025-01-01")]),
                Ex.child("B", birthYear: 2007, clientships: [client], assignments: [Ex.assignment("W2", from: "2025-01-01")]),
            ], workers: [Ex.worker("W1"), Ex.worker("W2")])
        #expect(e.findings.caseload == [.init(worker: "W1", region: "A", children: 1, limit: 30)])
    }

    @Test func example7FirstPlan() {
        let e = Self.run([
            Ex.child("F1", clientships: [Ex.clientship(start: "2025-02-14")], plans: [Ex.plan("2025-03-10")]),
            Ex.child("F2", clientships: [Ex.clientship(start: "2025-06-02")]),
        ])
        #expect(
            e.firstPlans == [
                FirstPlanItem(caseId: "F1", region: "A", start: Ex.d("2025-02-14"), days: 24),
                FirstPlanItem(caseId: "F2", region: "A", start: Ex.d("2025-06-02"), days: nil),
            ])
        #expect(
            e.findings.firstPlan.first
                == .init(region: "*", started: 2, withPlan: 1, withoutPlan: 1, medianDays: 24, p90Days: 24))
    }
}

extension Version2ExamplesTests {
    /// `firstPlanDays` (30) marks the late first plans for the exceptions list; the law sets no number of days.
    @Test func firstPlansLaterThanTheSettingAreExceptions() {
        let e = Self.run([
            Ex.child("F1", clientships: [Ex.clientship(start: "2025-02-14")], plans: [Ex.plan("2025-03-10")]),
            Ex.child("F2", clientships: [Ex.clientship(start: "2025-03-01")], plans: [Ex.plan("2025-04-15")]),
            Ex.child("F3", clientships: [Ex.clientship(start: "2025-05-01")]),
            Ex.child("F4", clientships: [Ex.clientship(start: "2025-06-02")]),
        ])
        let late = FirstPlanRule.lateItems(e)
        #expect(late.map { "\($0.caseId) \($0.outcome.rawValue) \($0.deadline.iso)" } == [
            "F2 late 2025-03-31", "F3 overdue 2025-05-31",
        ])
        #expect(late.first?.daysLate(asOf: e.asOf) == 15)
        var strict = RuleSettings()
        strict.firstPlanDays = 20
        let e20 = evaluate(Self.example7, settings: strict)
        #expect(FirstPlanRule.lateItems(e20).map(\.caseId) == ["F1"])
    }

    static let example7 = Ex.export(
        [Ex.child("F1", clientships: [Ex.clientship(start: "2025-02-14")], plans: [Ex.plan("2025-03-10")])],
        generated: t, period: ("2025-01-01", t))
}
