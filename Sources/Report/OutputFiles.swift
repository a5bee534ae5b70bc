import Foundation

/// Writing outputs atomically: the text goes to a temporary file in the same
/// directory, which is then renamed over the target, so a reader never sees
/// half a report and a failed run leaves the previous file intact.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        let temp = dir + "/." + url.lastPathComponent + ".tmp-" + String(ProcessInfo.processInfo.processIdentifier)
        guard FileManager.default.createFile(atPath: temp, contents: Data(text.utf8)) else {
            throw ReportError.cannotWrite(path: path, reason: "the directory is not writable")
        }
        guard rename(temp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temp)
            throw ReportError.cannotWrite(path: path, reason: reason)
        }
    }
}

/// Finds the default templates directory at run time: a `templates/` folder
/// holding `html/` found by walking up from the executable (a SwiftPM build
/// lives in `<repo>/.build/<config>/valvonta`), then up from the current
/// directory, then `/usr/local/share/valvonta/templates` and
/// `/usr/share/valvonta/templates` for an installed copy.
public enum TemplateLocator {
    public static func find(executable: String, currentDirectory: String) throws -> String {
        var searched: [String] = []
        let exe = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for start in [exe, URL(fileURLWithPath: currentDirectory)] {
            var dir = start.standardizedFileURL
            while true {
                let candidate = dir.appendingPathComponent("templates")
                searched.append(candidate.path)
                if isTemplates(candidate.path) { return candidate.path }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        for fixed in ["/usr/local/share/valvonta/templates", "/usr/share/valvonta/templates"] {
            searched.append(fixed)
            if isTemplates(fixed) { return fixed }
        }
        throw ReportError.templatesNotFound(searched: Array(searched.prefix(4)) + ["…"])
    }

    static func isTemplates(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path + "/html", isDirectory: &isDir) && isDir.boolValue
    }
}
