/// How a `BatchDrain` overlaps batches and how much provider trouble it tolerates.
public struct DrainSettings: Sendable, Equatable {
    /// Batches whose items are worked at once; the HTTP client's limiter serves the oldest batch's calls first.
    public var depth: Int
    /// Batches claimed ahead and held unstarted while `depth` batches are in flight, so the next one starts without
    /// waiting for its claim; released unsent on stop, deadline or a provider stop.
    public var prefetch: Int
    /// Consecutive batches `ProviderStop` judges down (outage, malformed answers) before the run gives up (exit 69);
    /// a refused token (401/403) gives up at once (exit 78).
    public var unavailableBatches: Int

    public init(depth: Int = 1, prefetch: Int = 0, unavailableBatches: Int = 1) {
        precondition(depth >= 1 && prefetch >= 0 && unavailableBatches >= 1, "invalid drain settings")
        self.depth = depth
        self.prefetch = prefetch
        self.unavailableBatches = unavailableBatches
    }
}
