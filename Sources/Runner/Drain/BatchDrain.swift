import Synchronization
import Logging
import Postgres

/// Drains a queue in batches for a job: claim, work each batch's items concurrently, write its outcomes, until
/// nothing is due, the deadline or a stop signal.
///
/// Up to `depth` batches are worked at once, and up to `prefetch` more are claimed ahead and held unstarted; a batch
/// claimed ahead starts as soon as one in flight finishes, before that one's outcomes are written, so the database
/// and the provider work side by side. On stop or deadline it claims nothing more, finishes and writes the batches
/// in flight, and releases the ones held ahead. `ProviderStop` judges each batch's calls: a refused token, or
/// `unavailableBatches` consecutive batches down, gives the run up. Then the batches in flight are cancelled, the
/// provider-level failures of every batch written since are given back, those held ahead are released, and the
/// run throws `ProviderStop.error` (exit 78 or 69), logged once.
public struct BatchDrain<Work: BatchWork>: Sendable {
    public let work: Work
    public let settings: DrainSettings

    public init(_ work: Work, settings: DrainSettings = DrainSettings()) {
        self.work = work
        self.settings = settings
    }

    /// Drains, then throws `JobInterruption` if the run was stopped or ran out of time (committed work stays).
    public func run(_ context: JobContext) async throws -> DrainSummary<Work.Totals> {
        try context.checkpoint()
        var state = DrainState<Work>()
        try await withThrowingTaskGroup(of: WorkedBatch.self) { group in
            while true {
                claim(&state, &group, context)
                guard let worked = try await group.next() else { break }
                state.inFlight -= 1
                state.batches += 1
                let givingBack = judge(worked, &state, context)
                if state.giveUp != nil { group.cancelAll() }
                let releasing = state.giveUp != nil || state.claimError != nil || context.shouldStop
                if !releasing { startReady(&state, &group, context) }
                let totals: Work.Totals
                do {
                    totals = try work.complete(worked.batch, worked.results, givingBack: givingBack, context)
                } catch {
                    // A failed claim comes first: in a dry run it aborted the transaction the completion then met.
                    throw state.claimError ?? error
                }
                state.totals.add(totals)
                if givingBack { state.givenBack += worked.results.count(where: { ProviderStop.givesBack(work.call(of: $0)?.error) }) }
                context.logger.debug("\(context.jobName) batch", metadata: totals.metadata.merging(["batch.number": "\(state.batches)"]) { $1 })
                // Released after the worked batch is written, so a failing release cannot lose those outcomes.
                if releasing {
                    do { try releaseReady(&state, context) } catch { throw state.claimError ?? error }
                }
            }
        }
        let summary = DrainSummary(totals: state.totals, batches: state.batches)
        if let stop = state.giveUp {
            let error = stop.error(givenBack: state.givenBack, items: Work.itemNoun)
            context.logger.error("\(Work.providerWording) failed the run", metadata: summary.metadata.merging(["error": "\(error)"]) { $1 })
            throw state.claimError ?? error
        }
        if let claimError = state.claimError { throw claimError }
        try context.checkpoint()
        return summary
    }

    /// A batch and its items' results, in claim order.
    struct WorkedBatch: Sendable {
        var batch: Work.Batch
        var results: [Work.ItemResult]
    }

    /// Fills the free in-flight slots, then the ahead slots, while the run may claim and more may be due.
    private func claim(_ state: inout DrainState<Work>, _ group: inout ThrowingTaskGroup<WorkedBatch, any Error>, _ context: JobContext) {
        do {
            while state.mayClaim(context), state.inFlight < settings.depth {
                guard let batch = try claimNext(ahead: false, &state, context) else { return }
                start(batch, &state, &group, context)
            }
            while state.mayClaim(context), state.ready.count < settings.prefetch {
                guard let batch = try claimNext(ahead: true, &state, context) else { return }
                state.ready.append(batch)
            }
        } catch {
            state.claimError = error
        }
    }

    private func claimNext(ahead: Bool, _ state: inout DrainState<Work>, _ context: JobContext) throws -> Work.Batch? {
        // A claim is only a lease: the first stop may cancel it (rolled back), unlike a completion.
        let batch = try context.database.cancellableOnStop { _ in try work.claim(ahead: ahead, context) }
        state.mayHaveMore = batch?.mayHaveMore ?? false
        return batch
    }

    /// `ProviderStop` over the batch's calls; records a give-up. True when the batch's provider-level failures go back.
    private func judge(_ worked: WorkedBatch, _ state: inout DrainState<Work>, _ context: JobContext) -> Bool {
        let verdict = ProviderStop.judge(worked.results.compactMap(work.call(of:)), stopping: context.shouldStop)
        state.downBatches = verdict == nil ? 0 : state.downBatches + 1
        if state.giveUp == nil, let verdict, verdict.fault == .unauthorized || state.downBatches >= settings.unavailableBatches {
            state.giveUp = verdict
        }
        return verdict != nil || state.giveUp != nil
    }

    private func startReady(_ state: inout DrainState<Work>, _ group: inout ThrowingTaskGroup<WorkedBatch, any Error>, _ context: JobContext) {
        while state.inFlight < settings.depth, !state.ready.isEmpty {
            start(state.ready.removeFirst(), &state, &group, context)
        }
    }

    private func releaseReady(_ state: inout DrainState<Work>, _ context: JobContext) throws {
        while let batch = state.ready.first {
            try work.release(batch, context)
            state.ready.removeFirst()
            context.logger.debug("released a batch claimed ahead, unstarted", metadata: ["\(Work.itemNoun).released": "\(batch.items.count)"])
        }
    }

    private func start(_ batch: Work.Batch, _ state: inout DrainState<Work>, _ group: inout ThrowingTaskGroup<WorkedBatch, any Error>, _ context: JobContext) {
        state.inFlight += 1
        let work = work
        // Off the job's own executor (the database's thread): collecting results must not wait behind a statement.
        group.addTask(executorPreference: context.http.executor) { await Self.process(batch, work, context) }
    }

    static var workersPerSlot: Int { 4 }

    /// Works the batch's items with a few workers per HTTP slot, each taking the next unworked item: a task per worker,
    /// not per item (creating and scheduling a task per item showed in the drain's profile). More workers than slots,
    /// so that an item backing off (a 429's Retry-After) does not hold its slot idle: the others take it meanwhile.
    static func process(_ batch: Work.Batch, _ work: Work, _ context: JobContext) async -> WorkedBatch {
        let started = ContinuousClock.now
        let items = batch.items
        let cursor = ItemCursor()
        let workers = min(items.count, context.http.configuration.concurrency * Self.workersPerSlot)
        let worked = await withTaskGroup(of: [(Int, Work.ItemResult)].self) { group in
            for _ in 0..<workers {
                group.addTask(executorPreference: context.http.executor) {
                    var results: [(Int, Work.ItemResult)] = []
                    results.reserveCapacity(items.count / workers + 1)  // a worker's fair share: growing showed in the profile
                    while let index = cursor.next(below: items.count) {
                        results.append((index, await work.process(items[index], of: batch, started: started, context)))
                    }
                    return results
                }
            }
            // Each result into its item's slot: the cursor hands out every index once, so no sort is needed.
            var slots = [Work.ItemResult?](repeating: nil, count: items.count)
            for await results in group {
                for (index, result) in results { slots[index] = result }
            }
            return slots.compactMap { $0 }
        }
        return WorkedBatch(batch: batch, results: worked)
    }
}

/// Hands out item indexes to a batch's workers, each exactly once.
final class ItemCursor: Sendable {
    private let taken = Atomic<Int>(0)

    func next(below count: Int) -> Int? {
        let index = taken.add(1, ordering: .relaxed).oldValue
        return index < count ? index : nil
    }
}

/// The drain's bookkeeping across batches.
struct DrainState<Work: BatchWork> {
    var inFlight = 0
    /// Claimed ahead, unstarted, oldest first.
    var ready: [Work.Batch] = []
    var mayHaveMore = true
    var claimError: (any Error)?
    /// The verdict that gave the run up.
    var giveUp: ProviderStop?
    var downBatches = 0
    var givenBack = 0
    var totals = Work.Totals.zero
    var batches = 0

    func mayClaim(_ context: JobContext) -> Bool {
        mayHaveMore && claimError == nil && giveUp == nil && !context.shouldStop
    }
}
