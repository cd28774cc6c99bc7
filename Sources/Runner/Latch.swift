import Synchronization

/// A value set once (later ones are ignored) that any number of tasks wait for without polling.
final class Latch<Value: Sendable>: Sendable {
    private struct State {
        var value: Value?
        var nextID: UInt64 = 0
        var waiters: [UInt64: CheckedContinuation<Value?, Never>] = [:]
    }

    private let state = Mutex(State())

    /// Sets the value and wakes every waiter; false when it was already set.
    @discardableResult
    func set(_ value: Value) -> Bool {
        let waiters = state.withLock { state -> [CheckedContinuation<Value?, Never>]? in
            guard state.value == nil else { return nil }
            state.value = value
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        waiters?.forEach { $0.resume(returning: value) }
        return waiters != nil
    }

    /// The value once set, however long that takes (the task's cancellation does not end the wait).
    var value: Value {
        get async { await wait(cancellable: false)! }
    }

    /// The value once set; nil when the task is cancelled first.
    func wait() async -> Value? { await wait(cancellable: true) }

    private func wait(cancellable: Bool) async -> Value? {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        let park = { [self] (continuation: CheckedContinuation<Value?, Never>) in
            let ready = state.withLock { state -> Value?? in
                if let value = state.value { return .some(value) }
                if cancellable, Task.isCancelled { return .some(nil) }
                state.waiters[id] = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
        guard cancellable else { return await withCheckedContinuation(park) }
        return await withTaskCancellationHandler {
            await withCheckedContinuation(park)
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume(returning: nil)
        }
    }
}
