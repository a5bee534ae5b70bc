import Foundation
import Testing

/// The rejectable classes leave the record out with its location and reason,
/// and the run goes on: everything else is counted exactly.
@Suite struct RejectionTests {
    let base = fixtureText("xml/base.xml")

    @Test func rejectedRecordsAreListedAndNothingElseIsLost() throws {
        let text = variant(
            of: base,
            [
                // An event after the export (generated 2024-06-01) and an end before its start, in case A2.
                (
                    #"<referral id="R1" kind="hakemus" received="2024-02-01"/>"#,
                    #"<referral id="R1" kind="hakemus" received="2024-02-01"/>"# + "\n"
                        + #"      <referral id="R2" kind="hakemus" received="2024-06-02"/>"# + "\n"
                        + #"      <clientship start="2024-03-01" end="2024-02-01"/>"# + "\n"
                        + #"      <assignment worker="T999" from="2024-03-01"/>"#
                ),
                // An unknown region: the case and, cascading, its referral.
                (
                    #"<case id="A3""#,
                    #"<case id="A4" region="NOPE" service="tyoikaiset">"# + "\n"
                        + #"      <referral id="R1" kind="yhteydenotto" received="2024-03-01"/>"# + "\n"
                        + "    </case>\n    " + #"<case id="A3""#
                ),
                // A meeting after the export in A1.
                (
                    #"<meeting date="2024-05-02" worker="T001" withChild="true"/>"#,
                    #"<meeting date="2024-05-02" worker="T001" withChild="true"/>"# + "\n"
                        + #"      <meeting date="2024-07-01" worker="T001"/>"#
                ),
            ])
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.write("export.xml", text)
        let run = try ws.run(["validate", "export.xml"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        expectNoStackTrace(run)
        let expected = [
            "export.xml:\(line(of: #"received="2024-06-02""#, in: text)): referral R2 of case A2: received is after the export was generated (2024-06-01)",
            "export.xml:\(line(of: #"end="2024-02-01""#, in: text)): clientship of case A2: end is before start",
            "export.xml:\(line(of: "T999", in: text)): assignment of case A2 names unknown worker T999",
            "export.xml:\(line(of: "NOPE", in: text)): case A4 names unknown region NOPE",
            "export.xml:\(line(of: "NOPE", in: text) + 1): referral R1 of case A4: its case was rejected",
            "export.xml:\(line(of: "2024-07-01", in: text)): meeting of case A1: date is after the export was generated (2024-06-01)",
        ]
        #expect(run.stdout.contains("rejected: \(expected.count) records left out"), "\(run.stdout)")
        for e in expected { #expect(run.stdout.contains("  " + e), "missing \(e) in \(run.stdout)") }
        // Everything of the base export is still there, to the record.
        let counts = [
            "regions": 2, "workers": 2, "posts": 1, "occupancies": 1, "cases": 3, "referrals": 3,
            "assessments": 1, "clientships": 1, "assignments": 1, "plans": 1, "meetings": 1,
        ]
        for (name, n) in counts { #expect(count(name, in: run.stdout) == n, "\(name) in \(run.stdout)") }
        #expect(run.stdout.contains("JKL Jyväskylä: cases 0 / 1 / 1; workers 1"))
        #expect(run.stdout.contains("AANE Äänekoski: cases 1 / 0 / 0; workers 1"))
    }

    @Test func aRejectedWorkerCascadesToWhatNamesIt() throws {
        let text = variant(of: base, [(#"<worker id="T001" region="JKL""#, #"<worker id="T001" region="NOWHERE""#)])
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.write("export.xml", text)
        let run = try ws.run(["validate", "export.xml"])
        #expect(run.status == 0, "\(run.stderr)")
        // The worker, its occupancy, the assessment, assignment and meeting that name it.
        #expect(run.stdout.contains("rejected: 5 records left out"), "\(run.stdout)")
        #expect(
            run.stdout.contains("export.xml:\(line(of: "NOWHERE", in: text)): worker T001 names unknown region NOWHERE")
        )
        for (name, n) in [
            "workers": 1, "occupancies": 0, "assessments": 0, "assignments": 0, "meetings": 0,
            "cases": 3, "referrals": 3, "plans": 1, "clientships": 1, "posts": 1,
        ] {
            #expect(count(name, in: run.stdout) == n, "\(name) in \(run.stdout)")
        }
    }
}
