import Foundation

/// Phase timings for measuring a run: with `VALVONTA_TRACE` set in the
/// environment, `trace` writes the seconds since the first call and a label
/// to standard error (e.g. `3.412 parsed`); without it, it does nothing.
/// Labels name phases and counts, never a value read from an export.
public func trace(_ label: @autoclosure () -> String) {
    guard PhaseClock.enabled else { return }
    let seconds = Date().timeIntervalSince(PhaseClock.start)
    FileHandle.standardError.write(Data((String(format: "%.3f", seconds) + " " + label() + "\n").utf8))
}

private enum PhaseClock {
    static let enabled = ProcessInfo.processInfo.environment["VALVONTA_TRACE"] != nil
    static let start = Date()
}
