import CaseImport
import CaseModel
import Foundation
import SampleGenerator
import Testing

/// What the sample holds for each reading of rules.md "Version 2", counted on
/// the imported model of an export generated as `sample-data/regenerate.sh`
/// generates the shipped one (3 000 cases, seed 2025, T = 1.1.2026).
struct Version2Profile {
    /// Referrals that are child welfare matters by kind (`lastensuojeluilmoitus`,
    /// `pyynto-arvioida`) or by `childWelfare=true`, in `lapsiperheet` cases.
    var familyChildWelfareMatters = 0
    /// Of those, another kind marked `childWelfare=true`.
    var familyMarkedMatters = 0
    /// Assessments of child welfare matters in `lapsiperheet` cases.
    var familyChildWelfareAssessments = 0
    /// Marked matters (another kind, `childWelfare=true`) in `lastensuojelu` cases.
    var childWelfareCaseMarkedMatters = 0
    /// Assessments whose own `specialSupport` differs from their case's flag.
    var ownSpecialSupportTrue = 0, ownSpecialSupportFalse = 0
    var childWelfareMatters = 0, urgentMatters = 0
    /// Child welfare matters by urgency lag in days: 0, 1, 2–4, no date.
    var urgencyLag = [0, 0, 0, 0]
    /// Of the matters with no date, those received at least five days before T
    /// (a recorded date would be there by then: none was recorded at all).
    var urgencyNeverRecorded = 0
    /// Active `lastensuojelu` aftercare clientships on T by T.year − birthYear.
    var aftercareMinors = 0, aftercareEighteen = 0, aftercareOlder = 0
    /// Active `lastensuojelu` children of T.year − birthYear = 18 not in aftercare.
    var eighteenNotAftercare = 0
    /// Workers with an assignment covering T to an active `lastensuojelu` client,
    /// none of whom is a child by Version 2's caseload reading.
    var workersWithOnlyAdults = 0
    /// Family-work (`lapsiperheet`) workers with an assignment covering T.
    var familyWorkersAssigned = 0

    init(_ export: CaseExport) {
        let t = export.header.generatedDate
        let childWelfareKinds: Set<ReferralKind> = [.lastensuojeluilmoitus, .pyyntoArvioida]
        let service = Dictionary(uniqueKeysWithValues: export.workers.map { ($0.id, $0.service) })
        var counted: [String: Int] = [:]
        var familyWorkers: Set<String> = []
        for c in export.cases {
            var matters: Set<String> = []
            for r in c.referrals where r.childWelfare || childWelfareKinds.contains(r.kind) {
                matters.insert(r.id)
                childWelfareMatters += 1
                if r.urgent { urgentMatters += 1 }
                let marked = r.childWelfare && !childWelfareKinds.contains(r.kind)
                if c.service == .lapsiperheet {
                    familyChildWelfareMatters += 1
                    if marked { familyMarkedMatters += 1 }
                } else if c.service == .lastensuojelu && marked {
                    childWelfareCaseMarkedMatters += 1
                }
                if let assessed = r.urgencyAssessed {
                    let lag = assessed.days(since: r.received)
                    urgencyLag[min(lag, 2)] += 1
                } else {
                    urgencyLag[3] += 1
                    if t.days(since: r.received) >= 5 { urgencyNeverRecorded += 1 }
                }
            }
            for a in c.assessments {
                if c.service == .lapsiperheet && matters.contains(a.referral) { familyChildWelfareAssessments += 1 }
                if a.specialSupport == true && !c.specialSupport { ownSpecialSupportTrue += 1 }
                if a.specialSupport == false && c.specialSupport { ownSpecialSupportFalse += 1 }
            }
            let active = c.clientships.filter {
                $0.service == .lastensuojelu && $0.start <= t && ($0.end.map { $0 > t } ?? true)
            }
            let age = c.birthYear.map { t.year - $0 }
            for s in active {
                switch (age, s.aftercare) {
                case (.some(...17), true): aftercareMinors += 1
                case (.some(18), true): aftercareEighteen += 1
                case (.some(18), false): eighteenNotAftercare += 1
                case (.some, true): aftercareOlder += 1
                default: break
                }
            }
            let child = active.contains { s in age.map { $0 <= 17 || ($0 == 18 && !s.aftercare) } ?? !s.aftercare }
            let clientOfAnyService = c.clientships.contains { $0.start <= t && ($0.end.map { $0 > t } ?? true) }
            for a in c.assignments where a.from <= t && (a.to.map { $0 >= t } ?? true) {
                if !active.isEmpty { counted[a.worker, default: 0] += child ? 1 : 0 }
                if clientOfAnyService && service[a.worker] == .lapsiperheet { familyWorkers.insert(a.worker) }
            }
        }
        workersWithOnlyAdults = counted.values.filter { $0 == 0 }.count
        familyWorkersAssigned = familyWorkers.count
    }
}

@Suite("Sample generator: Version 2")
struct SampleVersion2Tests {
    @Test(
        "the sample has child welfare matters in family cases, assessments' own special support, urgency lags, aftercare minors and adults"
    )
    func exercisesVersion2() throws {
        let export = try ShippedSample.export.get()
        #expect(export.rejected.isEmpty)
        let p = Version2Profile(export)
        let figures: [String: Int] = [
            "familyChildWelfareMatters": p.familyChildWelfareMatters, "familyMarkedMatters": p.familyMarkedMatters,
            "familyChildWelfareAssessments": p.familyChildWelfareAssessments,
            "childWelfareCaseMarkedMatters": p.childWelfareCaseMarkedMatters,
            "ownSpecialSupportTrue": p.ownSpecialSupportTrue, "ownSpecialSupportFalse": p.ownSpecialSupportFalse,
            "childWelfareMatters": p.childWelfareMatters, "urgentMatters": p.urgentMatters,
            "urgencySameDay": p.urgencyLag[0], "urgencyNextDay": p.urgencyLag[1], "urgencyLater": p.urgencyLag[2],
            "urgencyNoDate": p.urgencyLag[3], "urgencyNeverRecorded": p.urgencyNeverRecorded,
            "aftercareMinors": p.aftercareMinors, "aftercareEighteen": p.aftercareEighteen,
            "eighteenNotAftercare": p.eighteenNotAftercare, "aftercareOlder": p.aftercareOlder,
            "workersWithOnlyAdults": p.workersWithOnlyAdults, "familyWorkersAssigned": p.familyWorkersAssigned,
        ]
        // Figures of this sample, also counted from its XML by an independent script when written.
        let expected: [String: Int] = [
            // 153 of the 2 057 child welfare matters are in family social work cases (32 of them
            // contacts or notifications marked childWelfare), 83 of them assessed.
            "childWelfareMatters": 2057, "familyChildWelfareMatters": 153, "familyMarkedMatters": 32,
            "familyChildWelfareAssessments": 83, "childWelfareCaseMarkedMatters": 56,
            // Own flags of family and (since "Every service") working-age assessments.
            "ownSpecialSupportTrue": 74, "ownSpecialSupportFalse": 22,
            // Urgency of every child welfare matter: mostly the same day; 72 without a date, of
            // which 38 (1.8 %) were received five or more days before T: never recorded.
            "urgentMatters": 202, "urgencySameDay": 1458, "urgencyNextDay": 430, "urgencyLater": 97,
            "urgencyNoDate": 72, "urgencyNeverRecorded": 38,
            "aftercareMinors": 8, "aftercareEighteen": 1, "eighteenNotAftercare": 5, "aftercareOlder": 18,
            "workersWithOnlyAdults": 3, "familyWorkersAssigned": 21,
        ]
        for (name, value) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(figures[name] == value, Comment(rawValue: name))
        }
    }

    @Test("the new attributes are written only when they say something")
    func attributesOnlyWhenGiven() throws {
        let (scratch, _) = try generateSample(SampleConfiguration(cases: 600, seed: 11))
        let xml = try parseXML(scratch.file("export.xml"))
        let referrals = xml.elements.filter { $0.name == "referral" }
        let assessments = xml.elements.filter { $0.name == "assessment" }
        #expect(referrals.contains { $0.attributes["childWelfare"] == "true" })
        #expect(!referrals.contains { $0.attributes["childWelfare"].map { $0 != "true" } ?? false })
        #expect(assessments.contains { $0.attributes["specialSupport"] == "true" })
        #expect(assessments.contains { $0.attributes["specialSupport"] == "false" })
        #expect(assessments.filter { $0.attributes["specialSupport"] != nil }.count < assessments.count / 5)
        let csv = scratch.file("csv")
        #expect(
            try readCSV(csv, "referrals").filter { $0["childWelfare"] == "true" }.count
                == referrals.filter { $0.attributes["childWelfare"] == "true" }.count)
        #expect(
            try readCSV(csv, "assessments").filter { $0["specialSupport"] != nil }.count
                == assessments.filter { $0.attributes["specialSupport"] != nil }.count)
    }
}
