import Foundation

/// `valvonta templates export DIR`: writes a set of template files (the built-in
/// one) into a folder, to be edited and used with `--templates DIR`.
public enum TemplateExport {
    /// Writes `files` (path below the folder → text) into `folder`, creating it and its
    /// subfolders. A folder that holds anything is refused unless `replacing`, so that
    /// edited templates are not overwritten by a slip; then the set's files replace the
    /// ones of the same name (each atomically) and every other file stays. Returns the
    /// number of files written.
    public static func write(_ files: [String: String], into folder: String, replacing: Bool) throws -> Int {
        var info = stat()
        if stat(folder, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else { throw OutputSet.failure(folder, ENOTDIR) }
            let present: [String]
            do {
                present = try FileManager.default.contentsOfDirectory(atPath: folder)
            } catch {
                throw ReportError.cannotRead(path: folder, reason: "cannot list the folder")
            }
            if !present.isEmpty && !replacing { throw ReportError.exportFolderNotEmpty(path: folder) }
        }
        _ = try OutputSet.makeFolders(folder)
        for name in files.keys.sorted() {
            guard let text = files[name] else { continue }
            let path = folder + "/" + name
            let parent = (path as NSString).deletingLastPathComponent
            _ = try OutputSet.makeFolders(parent)
            try AtomicFile.write(text, to: path)
        }
        return files.count
    }
}
