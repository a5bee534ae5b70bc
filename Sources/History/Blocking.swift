import Foundation

/// Runs async store work from a synchronous command and waits for it. The CLI's
/// commands are synchronous and run on the main thread, which is not one of the
/// cooperative pool's threads, so waiting there cannot starve the task it waits for.
public func waitFor<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        do { box.set(.success(try await body())) } catch { box.set(.failure(error)) }
        done.signal()
    }
    done.wait()
    return try box.get()
}

private final class ResultBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<T, Error>?
    func set(_ r: Result<T, Error>) {
        lock.lock()
        result = r
        lock.unlock()
    }
    func get() throws -> T {
        lock.lock()
        let r = result
        lock.unlock()
        guard let r else { throw CancellationError() }
        return try r.get()
    }
}
