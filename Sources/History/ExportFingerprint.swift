import Crypto
import Foundation

/// The export's fingerprint (docs/history.md, "Fingerprint"): `sha256:` and the
/// hex SHA-256 of its bytes. One XML file: the digest of the file, as
/// `sha256sum` prints it. A CSV folder: the digest of its regular files in
/// name order, each as its name, a NUL, its size in decimal, a NUL and its bytes.
/// Several exports merged: the digest of their digests, sorted, so the order on
/// the command line does not matter.
public enum ExportFingerprint {
    public static func of(paths: [String]) throws -> String {
        let digests = try paths.map(digest(path:))
        if digests.count == 1 { return "sha256:" + digests[0] }
        var h = SHA256()
        for d in digests.sorted() { h.update(data: Data((d + "\n").utf8)) }
        return "sha256:" + hex(h.finalize())
    }

    static func digest(path: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw HistoryError.cannotRead(file: path, reason: "no such file or folder")
        }
        var h = SHA256()
        if isDirectory.boolValue {
            let names: [String]
            do { names = try FileManager.default.contentsOfDirectory(atPath: path).sorted() } catch {
                throw HistoryError.cannotRead(file: path, reason: "the folder cannot be listed")
            }
            for name in names {
                let file = (path as NSString).appendingPathComponent(name)
                var dir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: file, isDirectory: &dir), !dir.boolValue else { continue }
                let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
                h.update(data: Data(name.utf8) + Data([0]) + Data(String(size).utf8) + Data([0]))
                try stream(file, into: &h)
            }
        } else {
            try stream(path, into: &h)
        }
        return hex(h.finalize())
    }

    /// Reads the file in 1 MiB chunks: an export may be hundreds of megabytes.
    private static func stream(_ path: String, into h: inout SHA256) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw HistoryError.cannotRead(file: path, reason: "cannot be opened")
        }
        defer { try? handle.close() }
        while true {
            let chunk: Data?
            do { chunk = try handle.read(upToCount: 1 << 20) } catch {
                throw HistoryError.cannotRead(file: path, reason: "read failed")
            }
            guard let chunk, !chunk.isEmpty else { return }
            h.update(data: chunk)
        }
    }

    /// The fingerprint of a findings file loaded by `history import`: no export is at hand.
    public static func ofFindingsFile(_ data: Data) -> String {
        "findings-sha256:" + hex(SHA256.hash(data: data))
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
