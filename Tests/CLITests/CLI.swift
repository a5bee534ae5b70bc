import Foundation
import Testing
import ZIPFoundation

/// One run of the built `valvonta` binary.
struct CLIRun {
    var status: Int32
    var stdout: String
    var stderr: String
    var timedOut: Bool
    var seconds: Double
    /// Every file in the run's working directory afterwards (relative paths, sorted).
    var filesAfter: [String]
    /// Whether `out/` (where the tests let `report` write) exists afterwards.
    var outFolderAfter: Bool
    /// The text of every file written into `out/`.
    var outputs: [String: String]
    var arguments: [String]
}

/// Runs `valvonta` as a user would: a fresh working directory per test, the
/// input written there, output captured from both streams.
enum CLI {
    /// The executable: `VALVONTA_BIN`, or `valvonta` in the build products
    /// directory that holds the test bundle (`.build/debug/valvonta`).
    static let binary: String = {
        if let path = ProcessInfo.processInfo.environment["VALVONTA_BIN"] { return path }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        }
        // On macOS the bundle is `X.xctest/Contents/MacOS/X`: walk up to the products directory.
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("valvonta").path
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
            dir = dir.deletingLastPathComponent()
        }
        return "valvonta-binary-not-found"
    }()

    /// Runs the binary in `directory`; a run longer than `timeout` seconds is killed and marked.
    /// `environment` adds variables to the test's own.
    static func run(
        _ arguments: [String], in directory: URL, timeout: Double = 60, environment: [String: String] = [:],
        executable: String = binary
    ) throws -> CLIRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        // Streams go to files outside the working directory, so that a large
        // output cannot block the child and the directory listing stays the tool's own.
        let streams = FileManager.default.temporaryDirectory.appendingPathComponent("valvonta-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: streams, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: streams) }
        let out = streams.appendingPathComponent("stdout")
        let err = streams.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: out)
        let errHandle = try FileHandle(forWritingTo: err)
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        let start = Date()
        try process.run()
        var timedOut = false
        while process.isRunning {
            if Date().timeIntervalSince(start) > timeout {
                timedOut = true
                process.terminate()
                break
            }
            usleep(5000)
        }
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        let stdout = String(decoding: try Data(contentsOf: out), as: UTF8.self)
        let stderr = String(decoding: try Data(contentsOf: err), as: UTF8.self)
        return CLIRun(
            status: process.terminationStatus, stdout: stdout, stderr: stderr, timedOut: timedOut,
            seconds: Date().timeIntervalSince(start), filesAfter: Workspace.files(in: directory),
            outFolderAfter: FileManager.default.fileExists(atPath: directory.appendingPathComponent("out").path),
            outputs: Workspace.texts(in: directory.appendingPathComponent("out")), arguments: arguments)
    }
}

/// A fresh temporary working directory for one test.
struct Workspace {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("valvonta-cli-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
        return name
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String { try write(name, Array(text.utf8)) }

    func mkdir(_ name: String) throws {
        try FileManager.default.createDirectory(at: url.appendingPathComponent(name), withIntermediateDirectories: true)
    }

    /// Runs `valvonta` here.
    func run(_ arguments: [String], timeout: Double = 60, environment: [String: String] = [:]) throws -> CLIRun {
        try CLI.run(arguments, in: url, timeout: timeout, environment: environment)
    }

    /// Every regular file under `directory`, relative, sorted.
    static func files(in directory: URL) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: directory.path) else { return [] }
        var names: [String] = []
        while let name = e.nextObject() as? String {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(
                atPath: directory.appendingPathComponent(name).path, isDirectory: &isDirectory)
            if !isDirectory.boolValue { names.append(name) }
        }
        return names.sorted()
    }

    /// The text of every file under `directory`, by relative path; a `.docx` (a zip) as the text of
    /// its parts one after the other, so that what is looked for in the outputs is looked for in it too.
    static func texts(in directory: URL) -> [String: String] {
        var texts: [String: String] = [:]
        for name in files(in: directory) {
            if let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) {
                texts[name] = name.hasSuffix(".docx") ? unzipped(data) : String(decoding: data, as: UTF8.self)
            }
        }
        return texts
    }

    static func unzipped(_ data: Data) -> String {
        guard let archive = try? Archive(data: data, accessMode: .read) else { return "(not a zip)" }
        var text = ""
        for entry in archive {
            var bytes: [UInt8] = []
            _ = try? archive.extract(entry) { bytes.append(contentsOf: $0) }
            text += String(decoding: bytes, as: UTF8.self) + "\n"
        }
        return text
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// The repository's example response metadata, for `report`.
let exampleMetadata = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("docs/example-metadata.yaml").path

/// The commands that read exports, each before its export arguments; every
/// broken input is run through all of them. `report` writes into `out/`.
let readingCommands: [[String]] = [
    ["validate"], ["check"], ["check", "--format", "json"],
    ["report", "--metadata", exampleMetadata, "--out", "out", "--exceptions"],
]

// MARK: Fixtures

let cliFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

func fixtureText(_ name: String) -> String {
    (try? String(contentsOf: cliFixtures.appendingPathComponent(name), encoding: .utf8)) ?? ""
}

/// The valid base export with each `(needle, replacement)` applied once; a
/// missing needle is a test error, so a changed fixture cannot silently
/// make a test pass.
func variant(
    of text: String, _ replacements: [(String, String)],
    sourceLocation: SourceLocation = #_sourceLocation
) -> String {
    var s = text
    for (needle, replacement) in replacements {
        guard let r = s.range(of: needle) else {
            Issue.record("the fixture does not contain \(needle)", sourceLocation: sourceLocation)
            continue
        }
        s.replaceSubrange(r, with: replacement)
    }
    return s
}

/// The 1-based line on which `needle` first starts in `text`.
func line(of needle: String, in text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Int {
    guard let r = text.range(of: needle) else {
        Issue.record("\(needle) not found", sourceLocation: sourceLocation)
        return -1
    }
    return text[..<r.lowerBound].reduce(1) { $0 + ($1 == "\n" ? 1 : 0) }
}

// MARK: Assertions

/// What a crash, a Swift runtime trap or a sanitizer leaves on standard error.
let stackTraceMarkers = [
    "Fatal error", "Stack dump", "stack trace", "Backtrac", "backtrac", "Crash", "crashed", "💣",
    "SIGSEGV", "SIGILL", "SIGABRT", "Segmentation fault", "Illegal instruction", "#0 ",
    "at /", "AddressSanitizer", "Thread 0",
]

/// The run refused its input as a user should see it: exit 1 in time, no
/// stack trace, nothing on standard output, a message naming the place
/// (`source:line: field:`; `lines` lists the lines accepted, e.g. the first
/// and last line of a tag broken over lines; empty: any line or none) and
/// saying what was wrong, and none of the `absent` values anywhere (compared
/// without letter case).
func expectRefused(
    _ run: CLIRun, source: String, lines: [Int] = [], field: String? = nil,
    mentions: [String] = [], absent: [String] = [],
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(!run.timedOut, "timed out after \(run.seconds) s", sourceLocation: sourceLocation)
    #expect(
        run.status == 1, "exit status \(run.status); stderr: \(run.stderr.prefix(2000))", sourceLocation: sourceLocation
    )
    #expect(
        run.stdout.isEmpty, "a failed run printed a result: \(run.stdout.prefix(500))", sourceLocation: sourceLocation)
    let tail = field.map { ": \($0): " } ?? ": "
    let found = run.stderr.split(separator: "\n").contains { message in
        let m = message.drop { $0 == " " }
        guard m.hasPrefix(source) else { return false }
        var rest = m.dropFirst(source.count)
        if rest.hasPrefix(":"), let digits = Optional(rest.dropFirst().prefix { $0.isNumber }), !digits.isEmpty {
            if !lines.isEmpty, !lines.contains(Int(digits) ?? -1) { return false }
            rest = rest.dropFirst(1 + digits.count)
        } else if !lines.isEmpty {
            return false
        }
        return rest.hasPrefix(tail)
    }
    // No partial report: a failed run leaves no output folder and no file in one.
    #expect(
        !run.filesAfter.contains { $0.hasPrefix("out/") } && !run.outFolderAfter,
        "files left behind: \(run.filesAfter)", sourceLocation: sourceLocation)
    #expect(
        found,
        "no message at \(source):\(lines.map(String.init).joined(separator: "|"))\(tail) in: \(run.stderr.prefix(2000))",
        sourceLocation: sourceLocation)
    for m in mentions {
        #expect(
            run.stderr.contains(m), "stderr does not say \(m): \(run.stderr.prefix(2000))",
            sourceLocation: sourceLocation)
    }
    expectNoStackTrace(run, sourceLocation: sourceLocation)
    expectAbsent(absent, from: run, sourceLocation: sourceLocation)
}

/// `expectRefused` for the runs of every command.
func expectRefused(
    _ runs: [CLIRun], source: String, lines: [Int] = [], field: String? = nil,
    mentions: [String] = [], absent: [String] = [],
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(!runs.isEmpty, sourceLocation: sourceLocation)
    for run in runs {
        expectRefused(
            run, source: source, lines: lines, field: field, mentions: mentions, absent: absent,
            sourceLocation: sourceLocation)
    }
}

func expectRefused(
    _ runs: [CLIRun], source: String, line: Int, field: String? = nil,
    mentions: [String] = [], absent: [String] = [],
    sourceLocation: SourceLocation = #_sourceLocation
) {
    expectRefused(
        runs, source: source, lines: [line], field: field, mentions: mentions, absent: absent,
        sourceLocation: sourceLocation)
}

/// `expectRefused` at one line.
func expectRefused(
    _ run: CLIRun, source: String, line: Int, field: String? = nil,
    mentions: [String] = [], absent: [String] = [],
    sourceLocation: SourceLocation = #_sourceLocation
) {
    expectRefused(
        run, source: source, lines: [line], field: field, mentions: mentions, absent: absent,
        sourceLocation: sourceLocation)
}

func expectNoStackTrace(_ run: CLIRun, sourceLocation: SourceLocation = #_sourceLocation) {
    for marker in stackTraceMarkers where run.stderr.contains(marker) {
        Issue.record(
            "stderr looks like a crash (\(marker)): \(run.stderr.prefix(2000))", sourceLocation: sourceLocation)
    }
}

/// None of `values` in standard output, standard error or any file written (without letter case).
func expectAbsent(_ values: [String], from run: CLIRun, sourceLocation: SourceLocation = #_sourceLocation) {
    let out = run.stdout.lowercased()
    let err = run.stderr.lowercased()
    for v in values {
        #expect(!out.contains(v.lowercased()), "stdout shows \(v)", sourceLocation: sourceLocation)
        #expect(!err.contains(v.lowercased()), "stderr shows \(v)", sourceLocation: sourceLocation)
        for (name, text) in run.outputs {
            #expect(!text.lowercased().contains(v.lowercased()), "\(name) shows \(v)", sourceLocation: sourceLocation)
        }
    }
}

/// The count `validate` printed for a record type (`  referrals    3`).
func count(_ name: String, in stdout: String) -> Int? {
    for line in stdout.split(separator: "\n") {
        let parts = line.split(separator: " ", omittingEmptySubsequences: true)
        if parts.count == 2, parts[0] == name { return Int(parts[1]) }
    }
    return nil
}
