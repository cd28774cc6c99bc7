import Foundation

/// A value guarded by a lock. NSLock rather than `Mutex`, which needs macOS 15 while the package supports 14.
final class HTTPLockedValue<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) {
        self.value = value
    }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
