import CaseModel
import Testing

@testable import Rules

@Suite struct RuleSettingsTests {
    @Test func defaults() throws {
        #expect(try RuleSettings.parse(yaml: "") == RuleSettings())
        #expect(try RuleSettings.parse(yaml: "# nothing set\n") == RuleSettings())
        let s = RuleSettings()
        #expect(s.evesAreHolidays && s.monthDeadlineRolls)
        #expect((s.urgencyDays, s.planReviewMonths, s.meetingIntervalDays, s.regionalGapPoints) == (1, 12, 90, 10))
    }

    @Test func everyKey() throws {
        let s = try RuleSettings.parse(
            yaml: """
                evesAreHolidays: false
                monthDeadlineRolls: false
                urgencyDays: 0
                planReviewMonths: 6
                meetingIntervalDays: 60
                regionalGapPoints: 7.5
                """)
        #expect(
            s
                == RuleSettings(
                    evesAreHolidays: false, monthDeadlineRolls: false, urgencyDays: 0,
                    planReviewMonths: 6, meetingIntervalDays: 60, regionalGapPoints: 7.5))
        #expect(try RuleSettings.parse(yaml: "regionalGapPoints: 12").regionalGapPoints == 12)
    }

    @Test func unknownKeyIsAnErrorNamingTheKey() {
        #expect(throws: RuleSettingsError.unknownKey("meetingIntervalDay")) {
            try RuleSettings.parse(yaml: "meetingIntervalDay: 30")
        }
        let message = RuleSettingsError.unknownKey("graceDays").errorDescription ?? ""
        #expect(message.contains("'graceDays'") && message.contains("meetingIntervalDays"))
    }

    @Test func badValuesNameTheKey() {
        #expect(throws: RuleSettingsError.invalid(key: "urgencyDays", expected: "a whole number")) {
            try RuleSettings.parse(yaml: "urgencyDays: soon")
        }
        #expect(throws: RuleSettingsError.invalid(key: "evesAreHolidays", expected: "true or false")) {
            try RuleSettings.parse(yaml: "evesAreHolidays: 3")
        }
        #expect(throws: RuleSettingsError.invalid(key: "meetingIntervalDays", expected: "a whole number ≥ 1")) {
            try RuleSettings.parse(yaml: "meetingIntervalDays: 0")
        }
        #expect(throws: RuleSettingsError.notAMapping) { try RuleSettings.parse(yaml: "- 1\n- 2") }
        #expect(throws: RuleSettingsError.self) { try RuleSettings.parse(yaml: "urgencyDays: [1,") }
    }

    @Test func missingFileNamesThePath() {
        #expect(throws: RuleSettingsError.unreadable(path: "/nonexistent/settings.yaml")) {
            try RuleSettings.load(path: "/nonexistent/settings.yaml")
        }
    }
}

@Suite struct ReportingPeriodTests {
    @Test(arguments: [
        ("2024H1", "2023-10-01", "2024-03-31"), ("2024H2", "2024-04-01", "2024-09-30"),
        ("2024T1", "2024-01-01", "2024-04-30"), ("2024T2", "2024-05-01", "2024-08-31"),
        ("2024t3", "2024-09-01", "2024-12-31"), ("2024Q1", "2024-01-01", "2024-03-31"),
        ("2024Q2", "2024-04-01", "2024-06-30"), ("2024Q3", "2024-07-01", "2024-09-30"),
        ("2024Q4", "2024-10-01", "2024-12-31"), ("2024", "2024-01-01", "2024-12-31"),
        ("2023Q1", "2023-01-01", "2023-03-31"),
        ("2024-01-01..2024-05-31", "2024-01-01", "2024-05-31"), ("2024-02-29..2024-02-29", "2024-02-29", "2024-02-29"),
    ])
    func parses(text: String, start: String, end: String) throws {
        let p = try ReportingPeriod.parse(text)
        #expect(p.start.iso == start && p.end.iso == end)
    }

    @Test(arguments: [
        "2024H3", "2024T4", "2024Q5", "24H1", "2024-05-31..2024-01-01", "2024-02-30..2024-03-01", "", "H1",
        "2024-01-01", "2024-01-01...2024-02-01",
    ])
    func refuses(text: String) {
        #expect(throws: ReportingPeriodError.self) { try ReportingPeriod.parse(text) }
    }

    @Test func previousPeriods() throws {
        func prev(_ s: String) throws -> String {
            let p = try ReportingPeriod.parse(s).previous
            return "\(p) \(p.start.iso)..\(p.end.iso)"
        }
        #expect(try prev("2024H1") == "2023H2 2023-04-01..2023-09-30")
        #expect(try prev("2024H2") == "2024H1 2023-10-01..2024-03-31")
        #expect(try prev("2024T1") == "2023T3 2023-09-01..2023-12-31")
        #expect(try prev("2024Q3") == "2024Q2 2024-04-01..2024-06-30")
        #expect(try prev("2024") == "2023 2023-01-01..2023-12-31")
        #expect(try prev("2024-03-01..2024-03-31") == "2024-01-30..2024-02-29 2024-01-30..2024-02-29")
    }
}

@Suite struct CaseloadLimitTests {
    @Test func limitsByDate() {
        #expect(CaseloadLimit.limit(on: Ex.d("2021-12-31")) == nil)
        #expect(CaseloadLimit.limit(on: Ex.d("2022-01-01")) == 35)
        #expect(CaseloadLimit.limit(on: Ex.d("2023-12-31")) == 35)
        #expect(CaseloadLimit.limit(on: Ex.d("2024-01-01")) == 30)
        #expect(CaseloadLimit.limit(on: Ex.d("2030-06-01")) == 30)
    }
}
