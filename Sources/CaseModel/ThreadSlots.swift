import Foundation

/// One value per thread of a parallel loop (`DispatchQueue.concurrentPerform`),
/// each slot written by its own thread only. Plain memory rather than an array:
/// mutating one Swift array from several threads at once races on the array
/// itself, even when every thread touches another element.
public final class ThreadSlots<Value>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Value>

    public init(_ values: [Value]) {
        slots = .allocate(capacity: values.count)
        _ = slots.initialize(from: values)
    }

    public convenience init(count: Int, repeating value: Value) {
        self.init(Array(repeating: value, count: count))
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    /// Set by the slot's own thread; read once every thread is done.
    public subscript(_ k: Int) -> Value {
        get { slots[k] }
        set { slots[k] = newValue }
    }

    /// Changes a slot in place (no copy of the value), from the slot's own thread.
    public func update(_ k: Int, _ change: (inout Value) -> Void) { change(&slots[k]) }

    /// All the values, in slot order; read once every thread is done.
    public var values: [Value] { Array(slots) }
}

/// Indexes handed out to threads one at a time, in the given order (the largest piece of work
/// first, so that the threads finish together).
public final class IndexQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var pending: [Int]

    public init(_ order: [Int]) { pending = order }

    public func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        return pending.isEmpty ? nil : pending.removeFirst()
    }
}
