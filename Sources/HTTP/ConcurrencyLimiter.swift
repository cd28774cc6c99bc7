import Synchronization

/// An async semaphore: at most `limit` holders at once, waiters served first come first served.
/// Shared by every call of a run so the provider sees at most `limit` requests in flight.
public final class ConcurrencyLimiter: Sendable {
    fileprivate struct State {
        var available: Int
        var nextID: UInt64 = 0
        /// Unsafe continuations (a checked one allocates per wait, which showed in the drain's profile): each is taken
        /// out of `waiters` under the lock before it is resumed, so it is resumed exactly once.
        var waiters: [UInt64: UnsafeContinuation<Void, any Error>] = [:]
        var order: [UInt64] = []
        var head = 0
    }

    public let limit: Int
    private let state: Mutex<State>

    public init(limit: Int) {
        self.limit = max(1, limit)
        state = Mutex(State(available: max(1, limit)))
    }

    /// Waits for a slot. Throws `CancellationError` if the task is cancelled while waiting.
    public func acquire() async throws {
        if Task.isCancelled { throw CancellationError() }
        // A free slot and nobody queued: taken without suspending (a suspension per request showed in the profile).
        let id = state.withLock { state -> UInt64? in
            if state.available > 0, state.head == state.order.count {
                state.available -= 1
                return nil
            }
            state.nextID += 1
            return state.nextID
        }
        guard let id else { return }
        try await withTaskCancellationHandler {
            try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<Void, any Error>) in
                let outcome = state.withLock { state -> Result<Void, CancellationError>? in
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if state.available > 0 {
                        state.available -= 1
                        return .success(())
                    }
                    state.waiters[id] = continuation
                    state.order.append(id)
                    return nil
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            let continuation = state.withLock { $0.waiters.removeValue(forKey: id) }
            continuation?.resume(throwing: CancellationError())
        }
    }

    /// Frees a slot, handing it to the longest waiter if there is one.
    public func release() {
        let next = state.withLock { state -> UnsafeContinuation<Void, any Error>? in
            while state.head < state.order.count {
                let id = state.order[state.head]
                state.head += 1
                if let continuation = state.waiters.removeValue(forKey: id) {
                    state.compactIfNeeded()
                    return continuation
                }
            }
            state.compactIfNeeded()
            state.available += 1
            return nil
        }
        next?.resume()
    }

    /// Runs `body` holding a slot.
    public func withSlot<Result: Sendable>(_ body: () async throws -> Result) async throws -> Result {
        try await acquire()
        defer { release() }
        return try await body()
    }
}

extension ConcurrencyLimiter.State {
    /// Drops served entries so the queue does not grow for the whole run.
    fileprivate mutating func compactIfNeeded() {
        if head == order.count {
            order.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 1024 && head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
    }
}
