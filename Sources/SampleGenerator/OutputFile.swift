import CaseModel
import Foundation

/// A file written through a 1 MB buffer, with the few appends the writers
/// need done on bytes (dates and numbers never become Strings).
final class OutputFile {
    let path: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private static let flushSize = 1 << 20

    init(path: String) throws {
        self.path = path
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else {
            throw SampleGeneratorError.cannotWrite(path: path, reason: "the file cannot be created")
        }
        self.handle = handle
        buffer.reserveCapacity(OutputFile.flushSize + 4096)
    }

    @inline(__always) func append(_ s: String) {
        buffer.append(contentsOf: s.utf8)
    }

    @inline(__always) func append(byte: UInt8) { buffer.append(byte) }

    /// `YYYY-MM-DD`.
    func append(_ d: CalendarDate) {
        let (y, m, day) = d.components
        appendDigits(y, width: 4)
        buffer.append(UInt8(ascii: "-"))
        appendDigits(m, width: 2)
        buffer.append(UInt8(ascii: "-"))
        appendDigits(day, width: 2)
    }

    func append(_ n: Int) { appendDigits(n, width: 1) }

    /// A prefix letter and a number padded with zeros to `width` digits.
    func appendID(_ prefix: UInt8, _ n: Int, width: Int) {
        buffer.append(prefix)
        appendDigits(n, width: width)
    }

    private func appendDigits(_ value: Int, width: Int) {
        var v = value
        if v < 0 {
            buffer.append(UInt8(ascii: "-"))
            v = -v
        }
        var count = 1
        var t = v
        while t >= 10 {
            t /= 10
            count += 1
        }
        let total = max(count, width)
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: total))
        var i = start + total - 1
        repeat {
            buffer[i] = UInt8(48 + v % 10)
            v /= 10
            i -= 1
        } while v > 0
    }

    func flushIfFull() throws {
        if buffer.count >= OutputFile.flushSize { try flushBuffer() }
    }

    private func flushBuffer() throws {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw SampleGeneratorError.cannotWrite(path: path, reason: "the disk refused the data")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flushBuffer()
        do { try handle.close() } catch {
            throw SampleGeneratorError.cannotWrite(path: path, reason: "the file could not be closed")
        }
    }
}
