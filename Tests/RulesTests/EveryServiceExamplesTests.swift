import CaseModel
import Testing

@testable import Rules

/// rules.md "Every service" and "Inflow, the queue's age and pace, staff turnover",
/// their examples as written (T = Mon 16.6.2025, period 1.1.–16.6.2025, `urgencyDays` 1).
@Suite struct EveryServiceExamplesTests {
    static let t = "2025-06-16"
    static let workers = [
        Ex.worker("W4", .sosiaaliohjaaja, service: .tyoikaiset), Ex.worker("W3", service: .tyoikaiset),
    ]

    static func run(_ cases: [Case], workers: [Worker] = workers) -> Evaluation {
        evaluate(Ex.export(cases, workers: workers, generated: t, period: ("2025-01-01", t)))
    }

    @Test func examples1And2Urgency() {
        let e = Self.run([
            Ex.child(
                "C1", .tyoikaiset, referrals: [Ex.referral(.hakemus, received: "2025-06-03", urgencyAssessed: "2025-06-03")]),
            Ex.child("C2", .tyoikaiset, referrals: [Ex.referral(.sosiaalihuoltoilmoitus, received: "2025-06-06")]),
        ])
        let row = e.findings.deadlines.first { $0.rule == "SHL36-urgency" && $0.region == "*" }
        #expect(row?.service == "tyoikaiset" && row?.met == 1 && row?.overdue == 1)
        let overdue = e.items.first { $0.caseId == "C2" }
        #expect(overdue?.deadline.iso == "2025-06-07" && overdue?.unrecorded == true)
    }

    @Test func examples3To5PersonalWorkerAndAssessor() {
        let adult = Ex.child(
            "C3", .tyoikaiset, birthYear: 1980, specialSupport: true,
            referrals: [Ex.referral(.hakemus, received: "2025-01-07")],
            assessments: [Ex.assessment(started: "2025-01-10", completed: "2025-05-20", worker: "W4")],
            clientships: [Ex.clientship(.tyoikaiset, start: "2025-02-01")],
            assignments: [Ex.assignment("W4", from: "2025-02-01")])
        let family = Ex.child("C5", .lapsiperheet, clientships: [Ex.clientship(.lapsiperheet, start: "2025-03-01")])
        let e = Self.run([adult, family])
        #expect(
            e.findings.personalWorker.filter { $0.region == "*" } == [
                .init(
                    service: "lapsiperheet", region: "*", active: 1, withoutWorker: 1, specialSupport: 0,
                    specialWithoutWorker: 0, specialWithoutSocialWorker: 0),
                .init(
                    service: "tyoikaiset", region: "*", active: 1, withoutWorker: 0, specialSupport: 1,
                    specialWithoutWorker: 0, specialWithoutSocialWorker: 1),
            ])
        #expect(
            e.findings.assessor == [
                .init(service: "tyoikaiset", region: "*", assessments: 1, bySocialWorker: 0, byOther: 1, noWorker: 0),
                .init(service: "tyoikaiset", region: "A", assessments: 1, bySocialWorker: 0, byOther: 1, noWorker: 0),
            ])
        // The adult's assessment is in no SHL36 deadline rule and not in the queue.
        #expect(!e.items.contains { $0.rule.hasPrefix("SHL36-") && $0.rule != "SHL36-urgency" })
        var paired = adult
        paired.assignments.append(Ex.assignment("W3", from: "2025-02-01"))
        let compliant = Self.run([paired])
        #expect(compliant.findings.personalWorker.first?.specialWithoutSocialWorker == 0)
        // Its workload: W4 and W3 each have one client; W4's limit is the working-age setting.
        #expect(compliant.findings.workload.map { "\($0.worker) \($0.clients) \($0.limit ?? -1)" } == ["W3 1 50", "W4 1 50"])
    }

    @Test func example6RepeatReferrals() {
        let e = Self.run([
            Ex.child(
                "C6", .lapsiperheet,
                referrals: [
                    Ex.referral(.sosiaalihuoltoilmoitus, id: "R1", received: "2025-02-10"),
                    Ex.referral(.yhteydenotto, id: "R2", received: "2025-04-03"),
                    Ex.referral(.hakemus, id: "R3", received: "2025-06-02"),
                ])
        ])
        #expect(e.findings.repeatReferrals.first == .init(service: "lapsiperheet", region: "*", cases: 1, withoutAssessment: 1))
    }

    @Test func inflowExample1AgeBands() {
        let e = Self.run(
            ["2025-05-20", "2025-03-16", "2025-03-17", "2024-12-16"].enumerated().map { i, day in
                Ex.child("C\(i)", referrals: [Ex.referral(received: day)], assessments: [Ex.assessment()])
            })
        #expect(
            e.findings.backlogAge.first
                == .init(service: "lastensuojelu", region: "*", under1m: 1, m1to3: 1, m3to6: 1, over6m: 1))
    }

    @Test func inflowExample2ClearsOn() {
        let t = Ex.d(Self.t)
        #expect(BacklogForecastMeasure.clearsOn(open: 40, received: 30, completed: 50, asOf: t)?.iso == "2025-12-15")
        #expect(BacklogForecastMeasure.clearsOn(open: 40, received: 50, completed: 30, asOf: t) == nil)
        #expect(BacklogForecastMeasure.clearsOn(open: 40, received: 30, completed: 30, asOf: t) == nil)
        // The 13 weeks are T − 90 … T: a referral of 18.3. is in, one of 17.3. is not.
        let e = Self.run([
            Ex.child("C1", referrals: [Ex.referral(received: "2025-03-18")], assessments: [Ex.assessment()]),
            Ex.child("C2", referrals: [Ex.referral(received: "2025-03-17")], assessments: [Ex.assessment()]),
        ])
        #expect(e.findings.backlogForecast == [.init(service: "lastensuojelu", open: 2, received13w: 1, completed13w: 0, clearsOn: nil)])
    }

    @Test func inflowExample3Turnover() {
        let e = Self.run(
            [],
            workers: [
                Ex.worker("W1", start: "2019-01-01", end: "2025-03-31"), Ex.worker("W2", start: "2025-01-01"),
                Ex.worker("W3", start: "2025-01-02"), Ex.worker("W9", end: "2025-06-16"),
            ])
        let all = e.findings.turnover.first { $0.region == "*" }
        // W1 left; W2 employed on the first day, not joined; W3 joined; W9 leaving on T is still employed on E.
        #expect(all == .init(service: "lastensuojelu", region: "*", role: "sosiaalityontekija", employedStart: 3, employedEnd: 3, joined: 1, left: 1))
        let before = evaluate(
            Ex.export([], workers: [Ex.worker("W1")], generated: Self.t, period: ("2025-07-01", "2025-12-31")))
        #expect(before.findings.turnover.isEmpty)
    }

    @Test func inflowByServiceRegionAndKind() {
        let e = Self.run([
            Ex.child(
                "C1", .lapsiperheet,
                referrals: [Ex.referral(received: "2025-02-03"), Ex.referral(.hakemus, id: "R2", received: "2025-03-03")])
        ])
        #expect(
            e.findings.inflow.map { "\($0.service) \($0.region) \($0.kind) \($0.received)" } == [
                "lapsiperheet * hakemus 1", "lapsiperheet A hakemus 1",
                "lastensuojelu * lastensuojeluilmoitus 1", "lastensuojelu A lastensuojeluilmoitus 1",
            ])
    }
}
