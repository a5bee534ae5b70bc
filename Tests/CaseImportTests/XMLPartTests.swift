import CaseModel
import Foundation
import SampleGenerator
import Testing

@testable import CaseImport

/// Where a large XML file is cut (`XMLPartPlan`): only ever between two
/// cases, and only when the bytes before the cut can be given to a fresh parser.
@Suite struct XMLPartPlanTests {
    private func ancestors(_ text: String) -> XMLPartPlan.Ancestors? { XMLPartPlan.ancestors(Array(text.utf8)) }

    @Test func findsTheDeclarationRootAndCasesPastCommentsInstructionsAndOtherSections() throws {
        let text = """
            <?xml version="1.0" encoding="utf-8"?>
            <!-- <cases> in a comment --><?pi <cases>?>
            <ce:caseExport xmlns:ce="urn:valvonta:case-export:1" note='a > b'>
              <ce:regions><ce:region code="<!--" name="x"/></ce:regions>
              <ce:staff><![CDATA[ <ce:cases> ]]><ce:worker id="T1"/></ce:staff>
              <ce:cases/>
              <ce:cases count="2">
                <ce:case id="A1"/>
            """
        let found = try #require(ancestors(text))
        let bytes = Array(text.utf8)
        #expect(String(decoding: bytes[found.declaration], as: UTF8.self) == #"<?xml version="1.0" encoding="utf-8"?>"#)
        #expect(String(decoding: bytes[found.root], as: UTF8.self).hasPrefix("<ce:caseExport xmlns:ce="))
        #expect(String(decoding: bytes[found.root], as: UTF8.self).hasSuffix("note='a > b'>"))
        #expect(String(decoding: bytes[found.cases], as: UTF8.self) == #"<ce:cases count="2">"#)
        #expect(found.casePrefix == Array("ce:".utf8))
    }

    @Test func refusesWhatAFreshParserCouldNotContinue() {
        let rest = "<caseExport><cases>\n<case id=\"A\"/>\n"
        #expect(ancestors("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + rest) == nil)
        #expect(ancestors("<!DOCTYPE caseExport>" + rest) == nil)
        #expect(ancestors("<caseExport><regions>") == nil)  // cut off before cases
        #expect(ancestors("<caseExport/>") == nil)
        #expect(ancestors("<caseExport><cases/></caseExport>") == nil)
        #expect(ancestors("<caseExport><staff><cases>") == nil)  // not a child of the root
        #expect(ancestors("\u{FEFF}" + rest)?.declaration == 0..<0)
        #expect(ancestors(rest)?.casePrefix == [])
    }

    @Test func cutsOnlyAtACaseStartTagThatBeginsALine() {
        let window = Array("se id=\"A\">\n  <cases>\n<caseX/>\n  <case\n\t<case id=\"B\"/>\n".utf8)
        let at = XMLPartPlan.caseStart(in: window, casePrefix: [])
        #expect(at.map { String(decoding: window[$0...], as: UTF8.self).hasPrefix("<case\n\t<case id") } == true)
        #expect(XMLPartPlan.caseStart(in: window, casePrefix: Array("ce:".utf8)) == nil)
        #expect(XMLPartPlan.caseStart(in: Array("<case id=\"A\"/>".utf8), casePrefix: []) == nil)
    }

    @Test func countsNewlinesLikeAByteByByteCount() {
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, 7, 8, 9, 63, 64, 65, 1000] {
            let bytes = (0..<length).map { _ in [0x0A, 0x0B, 0x09, 0x8A, 0x00, 0xFF, 0x41][Int.random(in: 0..<7, using: &generator)] as UInt8 }
            let expected = bytes.filter { $0 == 0x0A }.count
            #expect(bytes.withUnsafeBytes { XMLPartPlan.newlines($0) } == expected, "length \(length)")
        }
    }
}

/// A file read in parts gives what one parser gives: the same export, or the
/// same problems in the same order, whatever the number of parts and wherever
/// the trouble stands relative to a cut.
@Suite struct XMLPartsReadTests {
    private enum Read: Equatable {
        case export(cases: [Case], rejected: [Rejection], warnings: [ImportWarning], workers: [Worker])
        case problems([String])
    }

    private func read(_ path: String, parts: Int, lenient: Bool = false) -> Read {
        let builder = ExportBuilder(options: ImportOptions(lenient: lenient))
        builder.readParts = parts
        XMLExportReader.read(path: path, into: builder)
        do {
            let e = try builder.finish()
            return .export(cases: e.cases, rejected: e.rejected, warnings: e.warnings, workers: e.workers)
        } catch let failure as ImportFailure {
            return .problems(failure.problems.map { "\($0.line ?? 0) \($0.field ?? "-") \($0.message)" })
        } catch {
            return .problems(["unexpected \(error)"])
        }
    }

    /// The sample, line by line, with `change` applied (it sees the index of the middle line).
    private func variant(_ lines: [String], _ name: String, _ change: (inout [String], Int) -> Void) throws -> String {
        var lines = lines
        change(&lines, lines.count / 2)
        return try xmlTemporary(name, lines.joined(separator: "\n"))
    }

    @Test func everyNumberOfPartsReadsAsOne() throws {
        let (scratch, _) = try generateSample(SampleConfiguration(cases: 2500, seed: 33), csv: false)
        let text = try String(contentsOfFile: scratch.file("export.xml"), encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let caseLines = lines.indices.filter { lines[$0].hasPrefix("    <case ") }
        func caseNear(_ i: Int) -> Int { caseLines.first { $0 >= i }! }

        var files: [(String, String)] = [("clean", scratch.file("export.xml"))]
        files.append(("bad values all through", try variant(lines, "spread.xml") { l, _ in
            for i in stride(from: 40, to: l.count, by: 211) where l[i].contains("date=\"") {
                l[i] = l[i].replacingOccurrences(of: "date=\"", with: "date=\"2024-13-")
            }
            for i in stride(from: 77, to: l.count, by: 307) where l[i].hasPrefix("    <case ") {
                l[i] = l[i].replacingOccurrences(of: "region=\"", with: "region=\"NOWHERE")
            }
        }))
        files.append(("a comment with a case start tag where the cut goes", try variant(lines, "comment.xml") { l, mid in
            l.insert("<!--\n    <case id=\"X\" region=\"JKL\" service=\"lastensuojelu\"/>\n-->", at: caseNear(mid))
        }))
        files.append(("an unclosed case before the cut", try variant(lines, "unclosed.xml") { l, mid in
            let end = (caseNear(mid)..<l.count).first { l[$0] == "    </case>" }!
            l[end] = ""
        }))
        files.append(("text and an instruction at the cut", try variant(lines, "text.xml") { l, mid in
            l.insert("stray text", at: caseNear(mid))
            l.insert("<?pi?>", at: caseNear(mid / 2))
        }))
        files.append(("a case id in two parts", try variant(lines, "duplicate.xml") { l, _ in
            let first = caseLines[3]
            let end = (first..<l.count).first { l[$0] == "    </case>" }!
            let close = l.lastIndex(of: "  </cases>")!
            l.insert(contentsOf: l[first...end], at: close)
        }))
        files.append(("a case id in the second and third of three parts", try variant(lines, "later.xml") { l, mid in
            let first = caseNear(mid + 20)
            let end = (first..<l.count).first { l[$0] == "    </case>" }!
            let close = l.lastIndex(of: "  </cases>")!
            l.insert(contentsOf: l[first...end], at: close)
        }))
        files.append(("a worker in two parts", try variant(lines, "worker.xml") { l, _ in
            let worker = l.first { $0.hasPrefix("    <worker ") }!
            l.insert("  <staff>\n\(worker)\n  </staff>", at: l.lastIndex(of: "  </cases>")! + 1)
        }))
        files.append(("a tag mismatch after the cut", try variant(lines, "mismatch.xml") { l, mid in
            let end = (caseNear(mid + 40)..<l.count).first { l[$0] == "    </case>" }!
            l[end] = "    </casex>"
        }))
        files.append(("too many attributes after the cut", try variant(lines, "attributes.xml") { l, mid in
            let attributes = (0..<300).map { "a\($0)=\"1\"" }.joined(separator: " ")
            l.insert("    <case id=\"Z\" region=\"JKL\" service=\"lastensuojelu\" \(attributes)/>", at: caseNear(mid + 60))
        }))
        files.append(("cut short after the cut", try variant(lines, "short.xml") { l, mid in
            l.removeSubrange((mid + 100)...)
        }))

        // The clean file is really cut: the test compares parts, not one part with itself.
        let size = try #require(try FileManager.default.attributesOfItem(atPath: files[0].1)[.size] as? Int)
        let bytes = Array(text.utf8)
        let plan = XMLPartPlan.make(read: { Array(bytes[$0..<min(bytes.count, $0 + $1)]) }, size: size, parts: 3,
                                     head: Array(bytes[..<XMLExportReader.chunkSize]))
        #expect(plan?.starts.count == 2)

        for (what, path) in files {
            let one = read(path, parts: 1)
            if what == "clean" {
                guard case .export(let cases, _, _, _) = one else { Issue.record("clean: \(one)"); continue }
                #expect(cases.count == 2500)
            } else if what != "bad values all through", what != "a comment with a case start tag where the cut goes" {
                guard case .problems(let p) = one, !p.isEmpty else { Issue.record("\(what): \(one)"); continue }
            }
            for parts in [2, 3, 5] {
                #expect(read(path, parts: parts) == one, "\(what), \(parts) parts")
            }
            #expect(read(path, parts: 3, lenient: true) == read(path, parts: 1, lenient: true), "\(what), lenient")
        }
    }
}

/// What an import gave, as one text to compare: the cases (their hash), the rejections and the
/// workers, or the problems in their order.
func outcome(of builder: ExportBuilder) -> String {
    do {
        let e = try builder.finish()
        return "\(e.cases.count) cases \(e.cases.hashValue) \(e.rejected.map { "\($0.location): \($0.reason)" }) \(e.workers.count)"
    } catch let failure as ImportFailure {
        return failure.problems.map(\.description).joined(separator: "\n")
    } catch {
        return "unexpected \(error)"
    }
}

/// A CSV folder's tables are read at once on several threads, each by a
/// builder of its own: the result must be the one of reading them in turn.
@Suite struct CSVParallelTablesTests {
    private func read(_ folder: String, threads: Int, partBytes: Int? = nil) -> String {
        let builder = ExportBuilder(options: ImportOptions())
        builder.readParts = threads
        builder.csvPartBytes = partBytes
        CSVExportReader.read(folder: folder, into: builder)
        return outcome(of: builder)
    }

    @Test func tablesReadAtOnceGiveWhatTablesReadInTurnGive() throws {
        let (scratch, _) = try generateSample(SampleConfiguration(cases: 1500, seed: 41), xml: false)
        let folder = scratch.file("csv")
        let clean = read(folder, threads: 1)
        func edit(_ table: String, _ change: (inout [String]) -> Void) throws {
            let path = (folder as NSString).appendingPathComponent(table)
            var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
            change(&lines)
            try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect(clean.hasPrefix("1500 cases"))
        for threads in [2, 3, 4] { #expect(read(folder, threads: threads) == clean) }
        // Large child tables in parts of a few kilobytes, read at once.
        for threads in [2, 3] { #expect(read(folder, threads: threads, partBytes: 3000) == clean) }

        // Child rows are found by their case whatever their order (rows in case order take a
        // shortcut past the case index): reversed, each case has the same meetings, reversed.
        let inOrder = try CaseImporter.load(paths: [folder])
        try edit("meetings.csv") { l in
            let rows = l.dropFirst().filter { !$0.isEmpty }
            l = [l[0]] + rows.reversed()
        }
        let reversed = try CaseImporter.load(paths: [folder])
        #expect(inOrder.cases.map(\.meetings.count).reduce(0, +) > 500)
        #expect(reversed.cases.map { $0.meetings.map(\.date) } == inOrder.cases.map { $0.meetings.map(\.date).reversed() })

        // Rejections from orphan rows in several child tables.
        for table in ["plans.csv", "meetings.csv", "referrals.csv"] {
            try edit(table) { l in
                for i in stride(from: 5, to: l.count - 1, by: 97) { l[i] = "NOCASE" + l[i][l[i].firstIndex(of: ";")!...] }
            }
        }
        let rejected = read(folder, threads: 1)
        #expect(rejected.contains("names unknown case NOCASE"))
        for threads in [2, 3] { #expect(read(folder, threads: threads) == rejected) }
        // Large child tables in parts of a few kilobytes, read at once.
        for threads in [2, 3] { #expect(read(folder, threads: threads, partBytes: 3000) == rejected) }

        // Fatal problems in many tables, past the list limit.
        for table in ["cases.csv", "assessments.csv", "meetings.csv", "workers.csv"] {
            try edit(table) { l in
                for i in stride(from: 3, to: l.count - 1, by: 3) { l[i] = l[i].replacingOccurrences(of: "20", with: "x0") }
            }
        }
        let broken = read(folder, threads: 1)
        #expect(broken.contains("more problems not listed"))
        #expect(Set(broken.split(separator: "\n").compactMap { $0.split(separator: ":").first }).count >= 4)
        for threads in [2, 3] { #expect(read(folder, threads: threads) == broken) }
        // Large child tables in parts of a few kilobytes, read at once.
        for threads in [2, 3] { #expect(read(folder, threads: threads, partBytes: 3000) == broken) }

        // A quoted cell with line breaks in every row: cuts fall inside cells, and the table is read in one piece.
        try edit("plans.csv") { l in
            for i in 1..<(l.count - 1) where !l[i].isEmpty { l[i] = l[i].replacingOccurrences(of: ";S", with: ";\"S\n\n") + "\"" }
        }
        let quoted = read(folder, threads: 1)
        #expect(quoted.contains("plans.csv"))
        for threads in [2, 3] { #expect(read(folder, threads: threads, partBytes: 3000) == quoted) }
    }
}

/// Child rows are attached to their cases by several threads, each a run of
/// cases; duplicate referral ids are still reported in file order.
@Suite struct CSVParallelAttachTests {
    @Test func duplicatesInEveryRunAreReportedInFileOrder() throws {
        let (scratch, _) = try generateSample(SampleConfiguration(cases: 9000, seed: 5), xml: false)
        let path = scratch.file("csv/referrals.csv")
        var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        #expect(lines.count > 9000)
        // A referral repeated right after itself, near the start, the middle and the end (cases of every run).
        for at in [lines.count - 10, lines.count / 2, 50, 20] { lines.insert(lines[at], at: at + 1) }
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try CaseImporter.load(paths: [scratch.file("csv")])
            Issue.record("the duplicates were not found")
        } catch let failure as ImportFailure {
            #expect(failure.problems.count == 4)
            #expect(failure.problems.allSatisfy { $0.field == "referral.id" && $0.source == "csv/referrals.csv" })
            #expect(failure.problems.allSatisfy { $0.message.hasPrefix("duplicate referral id") })
            #expect(failure.problems.map { $0.line ?? 0 } == failure.problems.map { $0.line ?? 0 }.sorted())
        }
    }
}

/// A pipe (`valvonta check <(zcat export.xml.gz)`) has no size and no
/// offsets: it is read in one part, from where the prolog scan stopped.
@Suite struct XMLPipeTests {
    @Test func aPipeIsReadLikeTheFile() throws {
        let (scratch, _) = try generateSample(SampleConfiguration(cases: 1500, seed: 7), csv: false)
        let file = scratch.file("export.xml")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        #expect(bytes.count > 2 * XMLExportReader.chunkSize)
        let fifo = scratch.file("pipe.xml")
        #expect(mkfifo(fifo, 0o600) == 0)
        // A reader that stops early must fail the test, not kill it with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let writer = Thread {
            let handle = FileHandle(forWritingAtPath: fifo)
            try? handle?.write(contentsOf: bytes)
            try? handle?.close()
        }
        writer.start()
        let fromPipe = try CaseImporter.load(paths: [fifo])
        let fromFile = try CaseImporter.load(paths: [file])
        #expect(fromPipe.cases.count == 1500)
        #expect(fromPipe.cases.map(\.id) == fromFile.cases.map(\.id))
        #expect(fromPipe.cases.map(\.referrals.count) == fromFile.cases.map(\.referrals.count))
        #expect(fromPipe.rejected.map(\.reason) == fromFile.rejected.map(\.reason))
    }
}
