import CaseImport
import CaseModel
import Testing

/// The builder, merger and linker fed directly with raw records, so the rules
/// about values and references are tested apart from either syntax.
@Suite struct BuilderTests {
    /// A small export written as raw records: one call per element.
    struct Feed {
        let builder = ExportBuilder(options: ImportOptions())
        var line = 1

        init(source: String = "a.xml", options: ImportOptions = ImportOptions(),
             header: [String: String] = [:]) {
            self.init(builder: ExportBuilder(options: options), source: source, header: header)
        }

        init(builder: ExportBuilder, source: String, header: [String: String] = [:]) {
            self.builderRef = builder
            builder.beginExport(source: source, syntax: .xml)
            var h = ["version": "1", "organisation": "Testin hyvinvointialue", "generated": "2024-06-01T06:00:00+03:00",
                     "periodStart": "2024-01-01", "periodEnd": "2024-05-31"]
            h.merge(header) { $1 }
            _ = builder.accept(Self.record(.export, line: 1, h))
        }
        let builderRef: ExportBuilder

        static func record(_ kind: RecordKind, line: Int, _ values: [String: String], parent: ParentRef? = nil) -> RawRecord {
            var r = RawRecord(kind: kind, line: line, parent: parent)
            for (k, v) in values { r[k] = v }
            return r
        }

        @discardableResult
        func add(_ kind: RecordKind, line: Int, _ values: [String: String], parent: Int? = nil) -> Int {
            builderRef.accept(Self.record(kind, line: line, values, parent: parent.map { .handle($0) }))
        }

        func finish() throws -> CaseExport {
            builderRef.endExport()
            return try builderRef.finish()
        }
    }

    func baseFeed(_ feed: Feed = Feed()) -> Feed {
        feed.add(.region, line: 3, ["code": "JKL", "name": "Jyväskylä"])
        feed.add(.worker, line: 6, ["id": "T1", "region": "JKL", "role": "sosiaalityontekija"])
        feed.add(.worker, line: 7, ["id": "T2", "region": "XXX", "role": "sosiaalityontekija"])
        return feed
    }

    @Test func readsTypedValues() throws {
        let feed = baseFeed()
        let c = feed.add(.case, line: 10, ["id": "A1", "region": "JKL", "service": "lastensuojelu", "birthYear": "2012"])
        feed.add(.referral, line: 11, ["id": "R1", "kind": "lastensuojeluilmoitus", "received": "2024-01-03",
                                       "decided": "2024-01-10", "outcome": "selvitys", "urgent": "1"], parent: c)
        feed.add(.clientship, line: 12, ["start": "2024-03-28"], parent: c)
        let p = feed.add(.post, line: 8, ["id": "V1", "fte": "1"])
        feed.add(.occupancy, line: 9, ["worker": "T1", "from": "2021-08-01", "fte": "0.5"], parent: p)
        let e = try feed.finish()
        #expect(e.header.generatedDate == CalendarDate(year: 2024, month: 6, day: 1))
        #expect(e.cases.count == 1)
        let a1 = try #require(e.cases.first)
        #expect(a1.birthYear == 2012)
        #expect(a1.referrals.first?.urgent == true)
        #expect(a1.referrals.first?.decided == CalendarDate(year: 2024, month: 1, day: 10))
        // a clientship without service takes its case's
        #expect(a1.clientships.first?.service == .lastensuojelu)
        #expect(e.posts.first?.fte == FTE(micros: 1_000_000))
        #expect(e.posts.first?.occupancies.first?.fte == FTE(micros: 500_000))
        // T2 names an unknown region
        #expect(e.workers.map(\.id) == ["T1"])
        #expect(e.rejected == [Rejection(location: SourceLocation(source: "a.xml", line: 7),
                                         reason: "worker T2 names unknown region XXX")])
    }

    @Test func rejectionsCascade() throws {
        let feed = baseFeed()
        let c = feed.add(.case, line: 20, ["id": "A1", "region": "JKL", "service": "lastensuojelu"])
        feed.add(.referral, line: 21, ["id": "R1", "kind": "hakemus", "received": "2024-02-01", "decided": "2024-01-10"], parent: c)
        feed.add(.assessment, line: 22, ["referral": "R1", "id": "P1"], parent: c)
        feed.add(.assessment, line: 23, ["referral": "R9"], parent: c)
        feed.add(.assignment, line: 24, ["worker": "T2", "from": "2024-01-01"], parent: c)
        feed.add(.assignment, line: 25, ["worker": "T9", "from": "2024-01-01"], parent: c)
        feed.add(.assignment, line: 26, ["worker": "T1", "from": "2024-03-01", "to": "2024-02-01"], parent: c)
        feed.add(.plan, line: 27, ["date": "2024-06-02"], parent: c)
        feed.add(.meeting, line: 28, ["date": "2024-06-01"], parent: c)
        let bad = feed.add(.case, line: 30, ["id": "B1", "region": "NOPE", "service": "tyoikaiset"])
        feed.add(.referral, line: 31, ["id": "R1", "kind": "hakemus", "received": "2024-02-01"], parent: bad)
        feed.add(.plan, line: 32, ["date": "2024-02-01", "id": "S1"], parent: bad)
        let e = try feed.finish()
        let rows = e.rejected.map { "\($0.location.line) \($0.reason)" }
        #expect(rows == [
            "7 worker T2 names unknown region XXX",
            "21 referral R1 of case A1: decided is before received",
            "22 assessment P1 of case A1 names referral R1, which was rejected",
            "23 assessment of case A1 names unknown referral R9",
            "24 assignment of case A1 names worker T2, which was rejected",
            "25 assignment of case A1 names unknown worker T9",
            "26 assignment of case A1: to is before from",
            "27 plan of case A1: date is after the export was generated (2024-06-01)",
            "30 case B1 names unknown region NOPE",
            "31 referral R1 of case B1: its case was rejected",
            "32 plan S1 of case B1: its case was rejected",
        ])
        let a1 = try #require(e.cases.first)
        #expect(e.cases.map(\.id) == ["A1"])
        #expect(a1.referrals.isEmpty && a1.assessments.isEmpty && a1.assignments.isEmpty && a1.plans.isEmpty)
        // an event on the export date itself is kept
        #expect(a1.meetings.count == 1)
    }

    @Test func syntaxErrorsAreFatalAndListedWithoutValues() {
        let feed = baseFeed()
        let c = feed.add(.case, line: 40, ["id": "A1", "region": "JKL", "service": "lastensuojelu", "birthYear": "20x2"])
        feed.add(.referral, line: 41, ["id": "R1", "kind": "soitto", "received": "2024-02-30"], parent: c)
        feed.add(.referral, line: 42, ["id": "R1", "kind": "hakemus", "received": "2024-02-01", "urgent": ""], parent: c)
        feed.add(.referral, line: 43, ["id": "R1", "kind": "hakemus", "received": "2024-02-01"], parent: c)
        feed.add(.case, line: 44, ["id": "A1", "region": "JKL", "service": "lastensuojelu"])
        feed.add(.plan, line: 45, [:], parent: c)
        #expect {
            try feed.finish()
        } throws: { error in
            guard let f = error as? ImportFailure else { return false }
            let lines = f.problems.map { "\($0.line ?? 0) \($0.field ?? "-")" }
            let text = f.errorDescription ?? ""
            return lines == ["40 case.birthYear", "41 referral.kind", "41 referral.received", "42 referral.urgent",
                             "45 plan.date"]
                && !text.contains("20x2") && !text.contains("soitto") && !text.contains("2024-02-30")
        }
    }

    @Test func identityCodeStopsWithoutEchoOrIsPseudonymised() throws {
        // 131052-308T is a valid henkilötunnus (the check-character example of DVV).
        let feed = baseFeed()
        feed.add(.case, line: 50, ["id": "131052-308T", "region": "JKL", "service": "lastensuojelu"])
        do {
            _ = try feed.finish()
            Issue.record("an identity code must stop the import")
        } catch let f as ImportFailure {
            #expect(f.problems.count == 1)
            #expect(f.problems.first?.line == 50 && f.problems.first?.field == "case.id")
            #expect(!(f.errorDescription ?? "").contains("131052"))
        }
        let keyed = baseFeed(Feed(options: ImportOptions(pseudonymiseKey: Array("secret".utf8))))
        keyed.add(.case, line: 50, ["id": " 131052-308t", "region": "JKL", "service": "lastensuojelu"])
        let e = try keyed.finish()
        let id = try #require(e.cases.first?.id)
        #expect(id.hasPrefix("ps-") && id.count == 27)
        #expect(id == IdentityCode.pseudonym(for: "131052-308T", key: Array("secret".utf8)))
    }

    @Test(arguments: [
        ("131052-308T", true), ("131052A308T", true), ("131052Q308T", false), ("131052-308U", false), ("310252-308T", false),
        ("010100+905F", IdentityCode.isValid("010100+905F")), ("290200A9000", false), ("abc", false),
    ])
    func identityCodeValidity(code: String, valid: Bool) {
        #expect(IdentityCode.isValid(code) == valid)
    }

    @Test func identityCodeCheckCharacter() {
        // DDMMYYNNN mod 31 indexes the check characters; 131052308 mod 31 = 25 → "T".
        #expect(IdentityCode.isValid("131052-308T"))
        #expect(IdentityCode.isValid("131052Y308T"))  // new 1900s sign
        #expect(IdentityCode.isValid("131052-308t"))
        #expect(!IdentityCode.isValid("131052-308"))
    }

    @Test func mergesIdenticalRecordsAndRefusesDifferingOnes() throws {
        let builder = ExportBuilder(options: ImportOptions())
        for (source, generated) in [("a.xml", "2024-06-02T06:00:00+03:00"), ("b.xml", "2024-06-01T23:30:00-01:00")] {
            let f = Feed(builder: builder, source: source, header: ["generated": generated])
            f.add(.region, line: 3, ["code": "JKL", "name": "Jyväskylä"])
            f.add(.worker, line: 4, ["id": "T1", "region": "JKL", "role": "johtava", "start": "2020-01-01"])
            let c = f.add(.case, line: 5, ["id": "A1", "region": "JKL", "service": "lastensuojelu"])
            f.add(.referral, line: 6, ["id": "R1", "kind": "hakemus", "received": "2024-02-01", "urgent": "false"], parent: c)
            f.add(.plan, line: 7, ["date": "2024-02-01"], parent: c)
            f.add(.plan, line: 8, ["date": "2024-03-01"], parent: c)
            builder.endExport()
        }
        let e = try builder.finish()
        #expect(e.cases.count == 1 && e.workers.count == 1 && e.regions.count == 1)
        // T is the earliest `generated` as an instant: b.xml's 2024-06-02T00:30Z is before a.xml's 03:00Z,
        // and its calendar date in its own offset is 2024-06-01.
        #expect(e.header.generated == "2024-06-01T23:30:00-01:00")
        #expect(e.header.generatedDate == CalendarDate(year: 2024, month: 6, day: 1))
        #expect(e.sources == ["a.xml", "b.xml"])

        let clash = ExportBuilder(options: ImportOptions())
        for (source, name) in [("a.xml", "Jyväskylä"), ("b.xml", "Jyvaskyla")] {
            let f = Feed(builder: clash, source: source)
            f.add(.region, line: 3, ["code": "JKL", "name": name])
            clash.endExport()
        }
        #expect {
            try clash.finish()
        } throws: { error in
            let d = (error as? ImportFailure)?.errorDescription ?? ""
            return d.contains("b.xml:3") && d.contains("a.xml:3") && d.contains("region JKL")
        }

        let other = ExportBuilder(options: ImportOptions())
        _ = Feed(builder: other, source: "a.xml"); other.endExport()
        _ = Feed(builder: other, source: "b.xml", header: ["organisation": "Toinen"]); other.endExport()
        #expect(throws: ImportFailure.self) { try other.finish() }
    }

    @Test func duplicateIdsInOneExportAreFatalEvenWhenIdentical() {
        let feed = baseFeed()
        feed.add(.region, line: 4, ["code": "JKL", "name": "Jyväskylä"])
        let c = feed.add(.case, line: 10, ["id": "A1", "region": "JKL", "service": "lastensuojelu"])
        feed.add(.referral, line: 11, ["id": "R1", "kind": "hakemus", "received": "2024-02-01"], parent: c)
        feed.add(.referral, line: 12, ["id": "R1", "kind": "hakemus", "received": "2024-02-01"], parent: c)
        feed.add(.case, line: 13, ["id": "A1", "region": "JKL", "service": "lastensuojelu"])
        feed.add(.worker, line: 14, ["id": "T1", "region": "JKL", "role": "sosiaalityontekija"])
        #expect {
            try feed.finish()
        } throws: { error in
            let p = (error as? ImportFailure)?.problems ?? []
            return p.map { "\($0.line ?? 0) \($0.field ?? "-")" } == ["4 region.code", "12 referral.id", "13 case.id", "14 worker.id"]
        }
    }
}
