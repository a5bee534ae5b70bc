import CaseImport
import CaseModel
import Foundation
import Report
import Rules
import StrictYAML
import Yams

/// Fuzz harness for the two importers and the YAML reader (docs/security.md, "Fuzzing").
///
/// Built by `fuzz/run.sh` with `-sanitize=fuzzer,address -DFUZZING`: then
/// libFuzzer's own `main` runs and calls `LLVMFuzzerTestOneInput`, and the
/// importer is chosen by `VALVONTA_FUZZ_IMPORTER`. A plain `swift build`
/// builds the same checks as a replay tool, so an input the fuzzer saved can
/// be run again without sanitizers or under the debugger: `ImportFuzz xml|csv|yaml FILE...`.
///
/// The property checked for every input, in strict mode without a key and in
/// lenient mode with a pseudonymisation key:
/// - the import returns or throws `ImportFailure`, nothing else (a crash or a
///   hang is found by libFuzzer itself; `-timeout` in the script);
/// - no problem, rejection or warning message holds an identity code that the
///   input holds (any 11 bytes of the input that `IdentityCode.isValid`
///   accepts), in any letter case;
/// - with the key, the model read holds none of them either.
/// For `yaml`, the bytes are one YAML file, read by the strict reader and by
/// the three readers built on it (settings, metadata, labels):
/// - each returns or throws its own error type, nothing else;
/// - no message holds an identity code the input holds, and a message's line
///   and column lie inside the file;
/// - a file the strict reader accepts, Yams (libyaml) composes to the same
///   tree: same structure, same text and style of every scalar and key.
/// A violated property stops the process with `abort()`, which libFuzzer
/// reports as a crash and saves the input.
enum Harness {
    enum Importer: String { case xml, csv, yaml }

    /// The tables a CSV input is split into, in this order, at each line `%%`.
    static let csvTables = [
        "export", "regions", "cases", "workers", "posts", "occupancies", "referrals",
        "assessments", "clientships", "assignments", "plans", "meetings",
    ]

    static let scratch: URL = {
        let shm = URL(fileURLWithPath: "/dev/shm")
        let base = FileManager.default.fileExists(atPath: shm.path) ? shm : FileManager.default.temporaryDirectory
        let dir = base.appendingPathComponent("valvonta-fuzz-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }()

    static let key = Array("fuzz-key-0123456789".utf8)

    static func run(_ importer: Importer, _ bytes: [UInt8]) {
        let path: String
        switch importer {
        case .yaml:
            YAMLHarness.run(bytes)
            return
        case .xml:
            path = scratch.appendingPathComponent("export.xml").path
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        case .csv:
            path = writeCSVFolder(bytes)
        }
        let codes = identityCodes(in: bytes)
        check(path: path, options: ImportOptions(), codes: codes)
        check(path: path, options: ImportOptions(lenient: true, pseudonymiseKey: key), codes: codes)
    }

    /// Splits `bytes` at each line `%%` into the tables of `csvTables`; a
    /// thirteenth part and beyond become `extra<n>.csv`. Missing parts are missing files.
    static func writeCSVFolder(_ bytes: [UInt8]) -> String {
        let folder = scratch.appendingPathComponent("csv")
        try? FileManager.default.removeItem(at: folder)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var parts: [[UInt8]] = [[]]
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0A, i + 3 < bytes.count, bytes[i + 1] == 0x25, bytes[i + 2] == 0x25, bytes[i + 3] == 0x0A {
                parts[parts.count - 1].append(0x0A)
                parts.append([])
                i += 4
                continue
            }
            parts[parts.count - 1].append(bytes[i])
            i += 1
        }
        for (n, part) in parts.enumerated() {
            let name = n < csvTables.count ? csvTables[n] : "extra\(n)"
            _ = FileManager.default.createFile(
                atPath: folder.appendingPathComponent(name + ".csv").path, contents: Data(part))
        }
        return folder.path
    }

    /// Every 11-byte run of the input that is a valid identity code, upper-cased.
    static func identityCodes(in bytes: [UInt8]) -> Set<String> {
        var found: Set<String> = []
        guard bytes.count >= 11 else { return found }
        for start in 0...(bytes.count - 11) {
            let window = bytes[start..<(start + 11)]
            // Cheap filter: six digits first.
            guard window.prefix(6).allSatisfy({ $0 >= 48 && $0 <= 57 }) else { continue }
            let s = String(decoding: window, as: UTF8.self)
            if IdentityCode.isValid(s) { found.insert(s.uppercased()) }
        }
        return found
    }

    static func check(path: String, options: ImportOptions, codes: Set<String>) {
        var texts: [String] = []
        do {
            let export = try CaseImporter.load(paths: [path], options: options)
            texts += export.rejected.map { "\($0.location) \($0.reason)" }
            texts += export.warnings.map { "\($0.location) \($0.message)" }
            if options.pseudonymiseKey != nil, !codes.isEmpty {
                expectNoWholeValue(codes, in: String(reflecting: export))
            }
        } catch let failure as ImportFailure {
            guard !failure.problems.isEmpty else { fail("an ImportFailure without problems") }
            texts.append(failure.errorDescription ?? "")
        } catch {
            fail("an error that is not an ImportFailure: \(type(of: error))")
        }
        guard !codes.isEmpty else { return }
        let all = texts.joined(separator: "\n").uppercased()
        for code in codes where all.contains(code) {
            fail("an identity code of the input appears in the output (\(options.lenient ? "lenient" : "strict"))")
        }
    }

    /// With a key, no string of the model is a code (trimmed, any case).
    /// A code inside a longer value (an id `X131052-308T`) is not a code by
    /// the spec's whole-value rule, so only `"code"` with blanks around counts.
    static func expectNoWholeValue(_ codes: Set<String>, in model: String) {
        let u = Array(model.uppercased().utf8)
        let blanks: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]
        for code in codes {
            let c = Array(code.utf8)
            var i = 0
            while i + c.count <= u.count {
                if u[i] == c[0], Array(u[i..<(i + c.count)]) == c {
                    var l = i - 1
                    var r = i + c.count
                    while l >= 0, blanks.contains(u[l]) { l -= 1 }
                    while r < u.count, blanks.contains(u[r]) { r += 1 }
                    if l >= 0, r < u.count, u[l] == 0x22, u[r] == 0x22 {
                        fail("an identity code is in the model read with a pseudonymisation key")
                    }
                }
                i += 1
            }
        }
    }

    static func fail(_ what: String) -> Never {
        FileHandle.standardError.write(Data("ImportFuzz property violated: \(what)\n".utf8))
        abort()
    }
}

#if FUZZING
    /// The importer under test, from `VALVONTA_FUZZ_IMPORTER` (`xml`, `csv` or `yaml`):
    /// libFuzzer owns `main` and the command line.
    let fuzzImporter: Harness.Importer = {
        let name = ProcessInfo.processInfo.environment["VALVONTA_FUZZ_IMPORTER"] ?? "xml"
        guard let importer = Harness.Importer(rawValue: name) else {
            Harness.fail("VALVONTA_FUZZ_IMPORTER must be xml, csv or yaml")
        }
        return importer
    }()

    /// libFuzzer's target: one input, both checks.
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        Harness.run(fuzzImporter, bytes)
        return 0
    }

    @_silgen_name("LLVMFuzzerRunDriver")
    func LLVMFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<Int32>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
    ) -> Int32

    /// SwiftPM links an executable with `--defsym main=ImportFuzz_main`, which
    /// wins over libFuzzer's `main`; this one hands the command line to libFuzzer.
    @_cdecl("ImportFuzz_main")
    public func importFuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
        var count = argc
        var vector = argv
        return LLVMFuzzerRunDriver(&count, &vector) { data, size in fuzzOne(data, size) }
    }
#else
    /// Replays saved inputs through the same checks: `ImportFuzz xml|csv|yaml FILE_OR_DIR...`.
    @main
    struct ImportFuzz {
        static func main() {
            let args = CommandLine.arguments
            guard args.count >= 2, let importer = Harness.Importer(rawValue: args[1]) else {
                FileHandle.standardError.write(Data("usage: ImportFuzz xml|csv|yaml FILE_OR_FOLDER...\n".utf8))
                exit(2)
            }
            var count = 0
            for path in args.dropFirst(2) {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
                let files =
                    isDirectory.boolValue
                    ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map {
                        path + "/" + $0
                    }
                    : [path]
                for file in files {
                    guard let data = FileManager.default.contents(atPath: file) else { continue }
                    Harness.run(importer, Array(data))
                    count += 1
                }
            }
            print("replayed \(count) inputs through the \(importer.rawValue) importer: the property holds")
        }
    }
#endif
