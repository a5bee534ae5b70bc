import Foundation
import Testing

@testable import Report

/// A run's outputs land as one set, or not at all (issue 22).
@Suite struct OutputSetTests {
    func folder() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("valvonta-out-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    func set(_ dir: String, _ tag: String) -> OutputSet {
        OutputSet(
            folder: dir,
            files: ["report.html", "report.md", "findings.json"].map { ($0, Array("\(tag) \($0)".utf8)) })
    }

    func contents(_ dir: String) -> [String: String] {
        var out: [String: String] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] {
            out[name] = (try? String(contentsOfFile: dir + "/" + name, encoding: .utf8)) ?? "<folder>"
        }
        return out
    }

    @Test func aSetReplacesTheLastAndLeavesNothingElse() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let dir = root + "/a/b/out"
        try set(dir, "one").write()
        try set(dir, "two").write()
        #expect(
            contents(dir) == [
                "report.html": "two report.html", "report.md": "two report.md", "findings.json": "two findings.json",
            ])
    }

    @Test func aFailureReplacesNothingAndLeavesNoStaging() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try set(dir, "old").write()
        // The last file cannot be put in place: a folder stands there.
        try FileManager.default.removeItem(atPath: dir + "/findings.json")
        try FileManager.default.createDirectory(atPath: dir + "/findings.json", withIntermediateDirectories: false)
        #expect(throws: ReportError.cannotWrite(path: dir + "/findings.json", reason: "Is a directory")) {
            try set(dir, "new").write()
        }
        #expect(contents(dir) == ["report.html": "old report.html", "report.md": "old report.md", "findings.json": "<folder>"])
    }

    @Test func aFolderCreatedForAFailedRunIsRemovedAgain() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let bad = OutputSet(folder: root + "/new/out", files: [("sub/report.md", [0x61])])
        #expect(throws: ReportError.self) { try bad.write() }
        #expect(contents(root).isEmpty)
    }

    @Test func aFileWhereTheFolderShouldBeIsOneMessage() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = FileManager.default.createFile(atPath: root + "/out", contents: Data("x".utf8))
        #expect(throws: ReportError.cannotWrite(path: root + "/out", reason: "Not a directory")) {
            try set(root + "/out", "x").write()
        }
        #expect(ReportError.cannotWrite(path: "out", reason: "Not a directory").errorDescription == "cannot write out: Not a directory")
    }

    @Test func aSecondWriterWaitsThenStops() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fd = open(dir, O_RDONLY | O_DIRECTORY)
        #expect(fd >= 0 && flock(fd, LOCK_EX) == 0)
        var waited = false
        #expect(throws: ReportError.outputLocked(path: dir)) {
            try set(dir, "x").write(lockWait: 0.3) { waited = true }
        }
        #expect(waited && contents(dir).isEmpty)
        close(fd)
        try set(dir, "x").write(lockWait: 0.3)
        #expect(contents(dir).count == 3)
    }

    @Test func aStagingFolderLeftByAKilledRunIsRemoved() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(
            atPath: dir + "/" + OutputSet.stagingPrefix + "abc123/x", withIntermediateDirectories: true)
        try set(dir, "x").write()
        #expect(contents(dir).keys.sorted() == ["findings.json", "report.html", "report.md"])
    }
}
