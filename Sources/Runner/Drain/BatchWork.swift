/// A batch a `BatchWork` claimed: its items in claim order, and whether more may be due after it.
public protocol DrainBatch: Sendable {
    associatedtype Item: Sendable
    var items: [Item] { get }
    /// False when the claim found fewer items than it asked for: the drain claims no further batch.
    var mayHaveMore: Bool { get }
}

/// What a job tells `BatchDrain`: how to claim a batch, work one of its items, and write the batch's outcomes.
/// The drain does the rest (overlap, stop, deadline, `ProviderStop`), the same way for every job.
public protocol BatchWork: Sendable {
    associatedtype Batch: DrainBatch
    associatedtype ItemResult: Sendable
    associatedtype Totals: DrainTotals

    /// The items' plural noun, for errors: `payments`.
    static var itemNoun: String { get }
    /// Who fails the run when `ProviderStop` stops it, for the log: `payment provider`.
    static var providerWording: String { get }

    /// Claims the next batch; nil when nothing is due. `ahead`: the batch waits, unstarted, for a batch in flight.
    func claim(ahead: Bool, _ context: JobContext) throws -> Batch?
    /// Works one item (typically one provider call), concurrently with the batch's other items. `started`: when the
    /// batch's work began (a batch claimed ahead starts later than it was claimed).
    func process(_ item: Batch.Item, of batch: Batch, started: ContinuousClock.Instant, _ context: JobContext) async -> ItemResult
    /// The provider call an item made, for `ProviderStop`; nil when it made none.
    func call(of result: ItemResult) -> ProviderStop.Call?
    /// Writes every outcome of the batch (results in claim order) in one statement. `givingBack`: `ProviderStop`
    /// judged the run's provider failed, so items whose call failed at the provider level go back to the queue,
    /// their attempt not counted.
    func complete(_ batch: Batch, _ results: [ItemResult], givingBack: Bool, _ context: JobContext) throws -> Totals
    /// Gives a batch that was claimed and never started back to the queue, due now, its attempt not counted.
    func release(_ batch: Batch, _ context: JobContext) throws
}
