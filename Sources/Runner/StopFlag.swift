import Postgres
import Synchronization

/// Set once when SIGTERM or SIGINT arrives; jobs stop claiming work and drain.
public final class StopFlag: Sendable {
    private let value = Atomic<Int32>(0)
    private let forced = Atomic<Bool>(false)
    private let forcedLatch = Latch<Void>()

    public init() {}

    /// The first signal received, or nil while the run may continue.
    public var signal: Int32? {
        let current = value.load(ordering: .acquiring)
        return current == 0 ? nil : current
    }

    /// Records `signal` if none was recorded yet; returns false when one already was.
    @discardableResult
    public func raise(_ signal: Int32) -> Bool {
        value.compareExchange(expected: 0, desired: signal, ordering: .acquiringAndReleasing).exchanged
    }

    /// A second signal: the run cancels the statement running, stops waiting for the job, closes its history and returns.
    public var isForced: Bool { forced.load(ordering: .acquiring) }

    public func force() {
        forced.store(true, ordering: .releasing)
        forcedLatch.set(())
    }

    /// Waits for the stop to be forced: true then; false when `deadline` comes first or the task is cancelled.
    func waitForForce(until deadline: ContinuousClock.Instant) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask { await self.forcedLatch.wait() != nil }
            group.addTask {
                try? await Task.sleep(until: deadline, clock: .continuous)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }

    /// The stop as the run's database connection sees it (`PostgresStop`).
    public var database: PostgresStop {
        PostgresStop(isRequested: { [self] in signal != nil }, isForced: { [self] in isForced })
    }
}
