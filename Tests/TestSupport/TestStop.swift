import Postgres
import Synchronization

/// A stop a test raises by hand, as the runner's `StopFlag` does on SIGTERM (request) and a second signal (force).
public final class TestStop: Sendable {
    private let requested = Atomic<Bool>(false)
    private let forced = Atomic<Bool>(false)

    public init() {}

    public func request() { requested.store(true, ordering: .releasing) }
    public func force() { forced.store(true, ordering: .releasing) }

    public var database: PostgresStop {
        PostgresStop(isRequested: { self.requested.load(ordering: .acquiring) }, isForced: { self.forced.load(ordering: .acquiring) })
    }
}
