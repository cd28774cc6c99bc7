import Synchronization

/// Set once when SIGTERM or SIGINT arrives; jobs stop claiming work and drain.
public final class StopFlag: Sendable {
    private let value = Atomic<Int32>(0)

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

    /// A second signal: the run stops waiting for the job, closes its history and returns at once.
    public var isForced: Bool { forced.load(ordering: .acquiring) }

    public func force() { forced.store(true, ordering: .releasing) }

    private let forced = Atomic<Bool>(false)
}
