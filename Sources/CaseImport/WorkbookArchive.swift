import Foundation
import ZIPFoundation

/// Why a workbook's zip archive, or one of its parts, was not read.
struct WorkbookArchiveError: Error {
    /// The part (zip entry) concerned, nil for the archive as a whole.
    var part: String?
    var message: String
}

/// A workbook's zip archive (mapping.md, "Locations and privacy"): its parts
/// are read in chunks, never whole, each bounded while it is inflated. An
/// entry whose declared or actual size passes `maximumBytes`, or which
/// expands more than `maximumRatio` times its compressed size, is refused
/// (a zip bomb); so is an entry that inflates past the size it declares.
/// Parts are opened only by name, so external links, macros and embedded
/// objects are never inflated.
final class WorkbookArchive {
    static let maximumBytes: UInt64 = 1 << 30
    static let maximumRatio: UInt64 = 100
    /// How much is inflated at a time.
    static let chunkSize = 1 << 16

    private let url: URL
    /// Every entry's path, as stored.
    let paths: Set<String>
    /// Every entry's compressed size in bytes, by path (how much work reading it is).
    let sizes: [String: Int]

    init(path: String) throws(WorkbookArchiveError) {
        url = URL(fileURLWithPath: path)
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw WorkbookArchiveError(
                part: nil,
                message: "not a readable workbook (.xlsx is a zip archive; this one is damaged, encrypted, or another format such as .xls)")
        }
        var paths = Set<String>()
        var sizes: [String: Int] = [:]
        for entry in archive {
            paths.insert(entry.path)
            sizes[entry.path] = Int(clamping: entry.compressedSize)
        }
        self.paths = paths
        self.sizes = sizes
    }

    /// Streams the part's inflated bytes to `consumer`, chunk by chunk, within the limits.
    /// A part that is absent (or encrypted: the zip library does not list those) is an error.
    /// Each call reads through an archive of its own (an `Archive` reads through one file
    /// position), so that several threads can read sheets of one workbook at once.
    func read(_ part: String, consumer: (UnsafeRawBufferPointer) throws -> Void) throws(WorkbookArchiveError) {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw WorkbookArchiveError(part: part, message: "the workbook could not be read again (it changed or was removed while it was read)")
        }
        guard let entry = archive[part] else {
            throw WorkbookArchiveError(part: part, message: "the workbook has no readable part \(part) (missing or encrypted)")
        }
        guard entry.type == .file else { throw WorkbookArchiveError(part: part, message: "the part is not a file") }
        let declared = entry.uncompressedSize, compressed = entry.compressedSize
        if declared > Self.maximumBytes || (entry.isCompressed && declared > Self.maximumRatio * max(compressed, 1)) {
            throw bomb(part)
        }
        var total: UInt64 = 0
        do {
            _ = try archive.extract(entry, bufferSize: Self.chunkSize) { data in
                total += UInt64(data.count)
                if total > declared || total > Self.maximumBytes
                    || (entry.isCompressed && total > Self.maximumRatio * max(compressed, 1)) {
                    throw Self.bomb(part)
                }
                try data.withUnsafeBytes { try consumer($0) }
            }
        } catch let error as WorkbookArchiveError {
            throw error
        } catch {
            throw WorkbookArchiveError(part: part, message: "the part is damaged (it does not inflate to what the archive declares)")
        }
        if total != declared {
            throw WorkbookArchiveError(part: part, message: "the part is damaged (it does not inflate to what the archive declares)")
        }
    }

    private static func bomb(_ part: String) -> WorkbookArchiveError {
        WorkbookArchiveError(
            part: part,
            message: "the part expands past the limits (1 GiB, or 100 times its compressed size); it was not read")
    }

    private func bomb(_ part: String) -> WorkbookArchiveError { Self.bomb(part) }
}
