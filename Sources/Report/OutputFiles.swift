import Foundation

/// The files of one `report` run, written as one set (docs/security.md,
/// "Outputs"): a reader of the folder sees the previous run's files or this
/// run's, never a mixture, and a failed run replaces nothing.
///
/// 1. The folder is created if missing (and removed again if the run fails).
/// 2. The folder is locked (`flock` on the folder itself): a second run
///    writing into it waits, up to `lockWait` seconds, then stops with a
///    message; a staging folder left by a killed run is removed.
/// 3. Every file is written into a staging folder inside it, each `fsync`ed,
///    then the staging folder.
/// 4. The files are renamed into place, after the previous version of each
///    is hard-linked into the staging folder; if a rename fails, the ones
///    done are undone from those links. Then the folder is `fsync`ed and the
///    staging folder removed.
/// Every failure is a `ReportError` naming the path and the system's reason.
public struct OutputSet {
    public let folder: String
    public let files: [(name: String, contents: [UInt8])]

    /// The prefix of staging folders, so that one left behind is recognised.
    static let stagingPrefix = ".valvonta-staging-"

    public init(folder: String, files: [(name: String, contents: [UInt8])]) {
        self.folder = folder
        self.files = files
    }

    /// Writes the set. `onWait` is called once if another run holds the lock.
    public func write(lockWait: Double = 30, onWait: () -> Void = {}) throws {
        let created = try Self.makeFolders(folder)
        var done = false
        defer {
            if !done { for dir in created.reversed() { _ = rmdir(dir) } }
        }
        let dir = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dir >= 0 else { throw Self.failure(folder, errno) }
        defer { close(dir) }  // also releases the lock
        try lock(dir, wait: lockWait, onWait: onWait)
        removeStaleStaging()
        var template = Array((folder + "/" + Self.stagingPrefix + "XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw Self.failure(folder, errno) }
        let staging = String(cString: made)
        defer { Self.removeTree(staging) }
        for file in files {
            try Self.writeSynced(file.contents, to: staging + "/" + file.name, shownAs: path(file.name))
        }
        try Self.sync(staging)
        try replace(from: staging)
        guard fsync(dir) == 0 || errno == EINVAL else { throw Self.failure(folder, errno) }
        done = true
    }

    func path(_ name: String) -> String { folder + "/" + name }

    /// Waits for the folder's lock, polling, so that a run that cannot get it stops instead of hanging.
    func lock(_ dir: Int32, wait: Double, onWait: () -> Void) throws {
        let deadline = Date().addingTimeInterval(wait)
        var told = false
        while flock(dir, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR else { throw Self.failure(folder, code) }
            if code == EWOULDBLOCK {
                if Date() >= deadline { throw ReportError.outputLocked(path: folder) }
                if !told {
                    onWait()
                    told = true
                }
                usleep(50_000)
            }
        }
    }

    /// A staging folder left by a run that was killed (this run holds the lock, so no other run owns one).
    func removeStaleStaging() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(Self.stagingPrefix) { Self.removeTree(path(name)) }
    }

    /// Renames each staged file into place; on a failure, puts back what was there.
    func replace(from staging: String) throws {
        // First every check that can be made before anything is replaced.
        for file in files {
            var info = stat()
            if lstat(path(file.name), &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
                throw Self.failure(path(file.name), EISDIR)
            }
        }
        var previous: [String: String] = [:]  // name -> its old version, linked into staging
        for file in files {
            let backup = staging + "/.previous-" + file.name
            if link(path(file.name), backup) == 0 { previous[file.name] = backup }
        }
        var replaced: [String] = []
        for file in files {
            if rename(staging + "/" + file.name, path(file.name)) != 0 {
                let code = errno
                for name in replaced.reversed() {
                    _ = previous[name].map { rename($0, path(name)) } ?? unlink(path(name))
                }
                throw Self.failure(path(file.name), code)
            }
            replaced.append(file.name)
        }
    }

    /// `mkdir -p`, returning the folders it created (outermost first).
    static func makeFolders(_ folder: String) throws -> [String] {
        var missing: [String] = []
        let top = URL(fileURLWithPath: folder).standardizedFileURL.path
        func failure(_ dir: String, _ code: Int32) -> ReportError { Self.failure(dir == top ? folder : dir, code) }
        var current = top
        while true {
            var info = stat()
            if stat(current, &info) == 0 {
                guard (info.st_mode & S_IFMT) == S_IFDIR else { throw failure(current, ENOTDIR) }
                break
            }
            guard errno == ENOENT else { throw failure(current, errno) }
            missing.append(current)
            let parent = (current as NSString).deletingLastPathComponent
            if parent == current || parent.isEmpty { break }
            current = parent
        }
        var created: [String] = []
        for dir in missing.reversed() {
            guard mkdir(dir, 0o777) == 0 || errno == EEXIST else {
                let code = errno
                for made in created.reversed() { _ = rmdir(made) }
                throw failure(dir, code)
            }
            created.append(dir)
        }
        return created
    }

    static func writeSynced(_ bytes: [UInt8], to file: String, shownAs shown: String) throws {
        let fd = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw failure(shown, errno) }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress.map { $0 + offset }, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure(shown, errno)
            }
            offset += n
        }
        guard fsync(fd) == 0 else { throw failure(shown, errno) }
    }

    static func sync(_ folder: String) throws {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(folder, errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 || errno == EINVAL else { throw failure(folder, errno) }
    }

    static func removeTree(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

    static func failure(_ path: String, _ code: Int32) -> ReportError {
        .cannotWrite(path: path, reason: String(cString: strerror(code)))
    }
}

/// write(2), named apart from the methods called `write`.
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int { write(fd, bytes, count) }

/// Writing one file atomically: the text goes to a temporary file in the same
/// directory, which is then renamed over the target, so a reader never sees
/// half a file and a failed write leaves the previous file intact. (`report`
/// writes its outputs as an `OutputSet`.)
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        let temp = dir + "/." + url.lastPathComponent + ".tmp-" + String(ProcessInfo.processInfo.processIdentifier)
        _ = unlink(temp)
        try OutputSet.writeSynced(Array(text.utf8), to: temp, shownAs: path)
        guard rename(temp, path) == 0 else {
            let code = errno
            _ = unlink(temp)
            throw OutputSet.failure(path, code)
        }
    }
}

/// The templates a command uses (docs/templates.md, "Which templates are used"):
/// the folder `--templates DIR` names, else the folder in the environment's
/// `VALVONTA_TEMPLATES`, else the set built into the binary. So an installed or
/// copied binary needs nothing beside it, and never picks up a `templates/`
/// folder because of where it was started.
public enum TemplateLocator {
    public static let environmentKey = "VALVONTA_TEMPLATES"

    public static func templates(option: String?, environment: [String: String]) throws -> TemplateSet {
        if let option { return try TemplateSet(directory: option) }
        if let dir = environment[environmentKey], !dir.isEmpty {
            do {
                return try TemplateSet(directory: dir)
            } catch {
                throw ReportError.templatesNotFound(searched: [dir + " (from \(environmentKey))"])
            }
        }
        return .builtIn
    }
}
