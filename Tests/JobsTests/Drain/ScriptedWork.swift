import Foundation
import HTTP
import Logging
import Runner
import Synchronization

/// A small `BatchWork` for drain tests: numbered items (1, 2, … in claim order) from an in-memory queue, each one a
/// real sleep and then a scripted answer; it records what the drain asked of it.
struct ScriptedWork: BatchWork {
    static let itemNoun = "widgets"
    static let providerWording = "widget provider"
    static let provider = ProviderIdentity(name: "widget", urlVariable: "WIDGET_API_URL", tokenVariable: "WIDGET_API_TOKEN")

    /// How an item's call ends.
    enum Answer: Sendable, Equatable { case ok, status(Int), malformed, noCall }

    struct Batch: DrainBatch {
        var number: Int
        var items: [Int]
        var mayHaveMore: Bool
        var ahead: Bool
    }

    struct Result: Sendable {
        var item: Int
        var error: HTTPClientError?
        var called = true
    }

    struct Totals: DrainTotals, Equatable {
        var ok = 0, failed = 0
        static let zero = Totals()
        mutating func add(_ other: Totals) {
            ok += other.ok
            failed += other.failed
        }
        var metadata: Logger.Metadata { ["widgets.ok": "\(ok)", "widgets.failed": "\(failed)"] }
    }

    let record: DrainRecord
    var batchSize = 3
    /// How long item `n` takes.
    var time: @Sendable (Int) -> Duration = { _ in .milliseconds(20) }
    var answer: @Sendable (Int) -> Answer = { _ in .ok }
    /// How long a completion blocks its thread, like a database statement.
    var completionTime: Duration = .zero
    /// The claim (1-based, counting every claim) that throws.
    var failingClaim: Int?
    /// The batch whose completion throws.
    var failingCompletion: Int?

    func claim(ahead: Bool, _ context: JobContext) throws -> Batch? {
        try record.claim(size: batchSize, ahead: ahead, failing: failingClaim)
    }

    func process(_ item: Int, of batch: Batch, started: ContinuousClock.Instant, _ context: JobContext) async -> Result {
        record.itemStarted(batch.number)
        defer { record.itemFinished(batch.number) }
        do {
            try await Task.sleep(for: time(item))
        } catch {
            return Result(item: item, error: Self.failure(.cancelled))
        }
        switch answer(item) {
        case .ok: return Result(item: item)
        case .status(let code): return Result(item: item, error: Self.failure(.status(code)))
        case .malformed: return Result(item: item, error: Self.failure(.decoding))
        case .noCall: return Result(item: item, called: false)
        }
    }

    func call(of result: Result) -> ProviderStop.Call? {
        result.called ? .init(provider: Self.provider, error: result.error) : nil
    }

    func complete(_ batch: Batch, _ results: [Result], givingBack: Bool, _ context: JobContext) throws -> Totals {
        if batch.number == failingCompletion { throw ScriptedFailure.completion }
        if completionTime > .zero { Thread.sleep(forTimeInterval: Double(completionTime / .milliseconds(1)) / 1000) }
        record.completed(.init(batch: batch.number, items: results.map(\.item), errors: results.map(\.error?.kind), givingBack: givingBack))
        let failed = results.count(where: { $0.error != nil || !$0.called })
        return Totals(ok: results.count - failed, failed: failed)
    }

    func release(_ batch: Batch, _ context: JobContext) throws {
        record.released(batch)
    }

    static func failure(_ kind: HTTPClientError.Kind) -> HTTPClientError {
        HTTPClientError(kind: kind, method: .get, target: "127.0.0.1:1/v1/widgets", detail: "")
    }
}

enum ScriptedFailure: Error, Equatable { case claim, completion }

/// What a `ScriptedWork` saw, shared with its concurrent items.
final class DrainRecord: Sendable {
    struct Completion: Sendable, Equatable {
        var batch: Int
        var items: [Int]
        var errors: [HTTPClientError.Kind?]
        var givingBack: Bool
    }

    struct State {
        var queue: [Int]
        var claims = 0
        var batches = 0
        var aheadBatches: [Int] = []
        var running: [Int: Int] = [:]
        var mostBatchesRunning = 0
        var startedBatches: Set<Int> = []
        var completions: [Completion] = []
        var releasedBatches: [Int] = []
        /// `start 2`, `complete 1`, `release 3`, in the order they happened.
        var events: [String] = []
    }

    private let state: Mutex<State>

    init(items: Int) { state = Mutex(State(queue: (0..<items).map { $0 + 1 })) }

    var snapshot: State { state.withLock { $0 } }

    func claim(size: Int, ahead: Bool, failing: Int?) throws -> ScriptedWork.Batch? {
        try state.withLock { state in
            state.claims += 1
            if state.claims == failing { throw ScriptedFailure.claim }
            let items = Array(state.queue.prefix(size))
            guard !items.isEmpty else { return nil }
            state.queue.removeFirst(items.count)
            state.batches += 1
            if ahead { state.aheadBatches.append(state.batches) }
            return .init(number: state.batches, items: items, mayHaveMore: items.count == size, ahead: ahead)
        }
    }

    func itemStarted(_ batch: Int) {
        state.withLock {
            $0.running[batch, default: 0] += 1
            if $0.startedBatches.insert(batch).inserted { $0.events.append("start \(batch)") }
            $0.mostBatchesRunning = max($0.mostBatchesRunning, $0.running.count)
        }
    }

    func itemFinished(_ batch: Int) {
        state.withLock {
            $0.running[batch, default: 0] -= 1
            if $0.running[batch] == 0 { $0.running[batch] = nil }
        }
    }

    func completed(_ completion: Completion) {
        state.withLock {
            $0.completions.append(completion)
            $0.events.append("complete \(completion.batch)")
        }
    }

    func released(_ batch: ScriptedWork.Batch) {
        state.withLock {
            $0.releasedBatches.append(batch.number)
            $0.events.append("release \(batch.number)")
            $0.queue.insert(contentsOf: batch.items, at: 0)
        }
    }
}
