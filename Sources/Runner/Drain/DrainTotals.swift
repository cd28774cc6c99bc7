import Logging

/// What a job counts per batch and per run; the drain sums the batches.
public protocol DrainTotals: Sendable {
    static var zero: Self { get }
    mutating func add(_ other: Self)
    /// Dotted keys for the log: `payments.approved`.
    var metadata: Logger.Metadata { get }
}

/// What a drain did: the summed totals and how many batches were completed.
public struct DrainSummary<Totals: DrainTotals>: Sendable {
    public var totals: Totals
    public var batches: Int

    /// The totals' metadata and `batch.count`, for the job's one summary line.
    public var metadata: Logger.Metadata { totals.metadata.merging(["batch.count": "\(batches)"]) { $1 } }
}
