import Synchronization

/// Items a run completed and items that failed permanently; recorded in history and metrics.
public final class ItemCounter: Sendable {
    private let okCount = Atomic<Int>(0)
    private let failedCount = Atomic<Int>(0)

    public init() {}

    public var ok: Int { okCount.load(ordering: .relaxed) }
    public var failed: Int { failedCount.load(ordering: .relaxed) }

    public func succeeded(_ count: Int = 1) { okCount.add(count, ordering: .relaxed) }
    public func failed(_ count: Int = 1) { failedCount.add(count, ordering: .relaxed) }
}
