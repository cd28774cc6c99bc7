import Foundation
import Postgres
import Runner
import TestSupport
import Testing

/// `BatchDrain` with a scripted work type and real sleeps: overlap, order, stop, deadline, `ProviderStop`, errors.
/// The jobs' own suites prove the same against PostgreSQL and the provider sandbox.
@Suite("BatchDrain") struct BatchDrainTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    /// Runs a drain over `work` with a context on a real (empty) test database; `stopAfter` raises `signal` and
    /// `deadlineAfter` sets the deadline, both counted from when the drain starts.
    static func drain(
        _ work: ScriptedWork, _ settings: DrainSettings = DrainSettings(), log: RecordedLog = RecordedLog(),
        stopAfter: Duration? = nil, signal: Int32 = 15, deadlineAfter: Duration? = nil
    ) async throws -> DrainSummary<ScriptedWork.Totals> {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let stop = StopFlag()
        let deadline = deadlineAfter.map { Deadline(timeout: $0) } ?? .distant
        let context = JobContext.testing("widgets", database: connection, now: now, log: log, stop: stop, deadline: deadline)
        let stopper = Task {
            guard let stopAfter else { return }
            try await Task.sleep(for: stopAfter)
            stop.raise(signal)
        }
        defer { stopper.cancel() }
        return try await BatchDrain(work, settings: settings).run(context)
    }

    @Test func drain_laterItemsFinishFirst_resultsKeepClaimOrder() async throws {
        let record = DrainRecord(items: 7)
        var work = ScriptedWork(record: record)
        work.time = { .milliseconds(30 + 10 * ((3 - $0 % 3) % 3)) }  // a batch's items answer last to first
        let summary = try await Self.drain(work, DrainSettings(depth: 2))
        let completions = record.snapshot.completions.sorted { $0.batch < $1.batch }
        #expect(completions.map(\.items) == [[1, 2, 3], [4, 5, 6], [7]])
        #expect(summary.batches == 3 && summary.totals == .init(ok: 7, failed: 0))
        #expect(summary.metadata["batch.count"] == "3")
    }

    @Test(arguments: [(1, 0), (1, 1), (2, 0), (3, 1)])
    func drain_inFlightBatches_reachButNeverExceedTheDepth(depth: Int, prefetch: Int) async throws {
        let record = DrainRecord(items: 30)
        let work = ScriptedWork(record: record, time: { _ in .milliseconds(15) }, completionTime: .milliseconds(30))
        let summary = try await Self.drain(work, DrainSettings(depth: depth, prefetch: prefetch))
        let state = record.snapshot
        #expect(state.mostBatchesRunning == depth)
        #expect(summary.batches == 10 && state.completions.flatMap(\.items).sorted() == Array(1...30))
        #expect(state.aheadBatches.isEmpty == (prefetch == 0))
        #expect(state.releasedBatches.isEmpty)
        if prefetch > 0 {
            // The batch claimed ahead starts as soon as one in flight finishes, while that one is being written.
            let firstCompletion = try #require(state.events.firstIndex { $0.hasPrefix("complete") })
            #expect(try #require(state.events.firstIndex(of: "start \(depth + 1)")) < firstCompletion)
        }
    }

    @Test func stop_releasesTheBatchClaimedAhead_unprocessed_andFinishesTheOneInFlight() async throws {
        let record = DrainRecord(items: 30)
        let work = ScriptedWork(record: record, time: { _ in .milliseconds(300) })
        await #expect(throws: JobInterruption.stopped(signal: 15)) {
            _ = try await Self.drain(work, DrainSettings(prefetch: 1), stopAfter: .milliseconds(100))
        }
        let state = record.snapshot
        #expect(state.completions == [.init(batch: 1, items: [1, 2, 3], errors: [nil, nil, nil], givingBack: false)])
        #expect(state.aheadBatches == [2] && state.releasedBatches == [2] && !state.startedBatches.contains(2))
        #expect(state.batches == 2, "nothing claimed after the stop")
        #expect(state.events == ["start 1", "complete 1", "release 2"], "released only once the batch in flight is written")
    }

    @Test func deadline_releasesTheBatchClaimedAhead_andThrowsDeadlineReached() async throws {
        let record = DrainRecord(items: 30)
        let work = ScriptedWork(record: record, time: { _ in .milliseconds(300) })
        await #expect(throws: JobInterruption.deadlineReached) {
            _ = try await Self.drain(work, DrainSettings(prefetch: 1), deadlineAfter: .milliseconds(100))
        }
        let state = record.snapshot
        #expect(state.completions.map(\.batch) == [1] && state.completions[0].errors == [nil, nil, nil])
        #expect(state.releasedBatches == [2] && !state.startedBatches.contains(2) && state.batches == 2)
    }

    @Test func stop_withTwoBatchesInFlight_finishesBothAndClaimsNoMore() async throws {
        let record = DrainRecord(items: 30)
        let work = ScriptedWork(record: record, time: { _ in .milliseconds(300) })
        await #expect(throws: JobInterruption.stopped(signal: 2)) {
            _ = try await Self.drain(work, DrainSettings(depth: 2), stopAfter: .milliseconds(100), signal: 2)
        }
        let state = record.snapshot
        #expect(state.completions.map(\.batch).sorted() == [1, 2] && state.batches == 2)
        #expect(state.completions.allSatisfy { $0.errors.allSatisfy { $0 == nil } && !$0.givingBack }, "in-flight items finished, not cut")
    }

    /// One 401 among good answers gives up at once: the other batch in flight is cancelled, the one claimed ahead
    /// released, the refused item given back; 78, logged once.
    @Test func unauthorized_givesUpAtOnceWith78_cancelsInFlight_andGivesItemsBack() async throws {
        let record = DrainRecord(items: 30)
        var work = ScriptedWork(record: record)
        work.time = { $0 <= 3 ? .milliseconds(20) : .seconds(5) }
        work.answer = { $0 == 2 ? .status(401) : .ok }
        let log = RecordedLog()
        let started = ContinuousClock.now
        let error = await #expect(throws: JobError.self) {
            _ = try await Self.drain(work, DrainSettings(depth: 2, prefetch: 1), log: log)
        }
        #expect(ContinuousClock.now - started < .seconds(4), "the slow batch was cancelled, not waited for")
        #expect(error?.code == .providerUnauthorized)
        #expect(RunFailure.classify(try #require(error)).exitCode == 78)
        #expect(error?.message.contains("WIDGET_API_TOKEN") == true && error?.message.contains("1 claimed widgets given back") == true)
        let state = record.snapshot
        let completions = state.completions.sorted { $0.batch < $1.batch }
        #expect(completions.map(\.batch) == [1, 2] && completions.allSatisfy(\.givingBack))
        #expect(completions[1].errors == [.cancelled, .cancelled, .cancelled])
        #expect(state.releasedBatches == [3] && state.batches == 3)
        #expect(log.all.filter { $0.level == .error }.map(\.message) == ["widget provider failed the run"])
    }

    /// Outage batches are tolerated up to `unavailableBatches` in a row; a good batch resets the count; then 69.
    @Test func outage_toleratesConsecutiveBatches_thenGivesUpWith69() async throws {
        let record = DrainRecord(items: 30)
        var work = ScriptedWork(record: record)
        work.answer = { (7...9).contains($0) ? .ok : .status(503) }  // batch 3 is healthy
        let error = await #expect(throws: JobError.self) {
            _ = try await Self.drain(work, DrainSettings(prefetch: 1, unavailableBatches: 3))
        }
        #expect(error?.code == .providerUnavailable)
        #expect(RunFailure.classify(try #require(error)).exitCode == 69)
        #expect(error?.message.contains("WIDGET_API_URL") == true && error?.message.contains("15 claimed widgets given back") == true)
        let state = record.snapshot
        #expect(state.completions.map(\.batch) == [1, 2, 3, 4, 5, 6])
        #expect(state.completions.map(\.givingBack) == [true, true, false, true, true, true])
        #expect(state.releasedBatches == [7] && state.batches == 7)
    }

    @Test func loneFailureAmongGoodAnswers_isAnItemFailure() async throws {
        let record = DrainRecord(items: 6)
        var work = ScriptedWork(record: record)
        work.answer = { $0 == 2 ? .status(503) : $0 == 5 ? .malformed : $0 == 6 ? .noCall : .ok }
        let summary = try await Self.drain(work, DrainSettings(depth: 2))
        #expect(summary.totals == .init(ok: 3, failed: 3) && summary.batches == 2)
        #expect(record.snapshot.completions.allSatisfy { !$0.givingBack })
    }

    /// A failed claim while a batch is in flight: that batch is still written, then the claim's error is thrown.
    @Test func claimError_afterTheInFlightBatchIsCompleted_isThrown() async throws {
        let record = DrainRecord(items: 30)
        let work = ScriptedWork(record: record, failingClaim: 2)
        await #expect(throws: ScriptedFailure.claim) {
            _ = try await Self.drain(work, DrainSettings(prefetch: 1))
        }
        #expect(record.snapshot.completions.map(\.batch) == [1])
    }

    /// In a dry run a failed claim aborts the transaction, so the completion fails too: the claim's error is reported.
    @Test func claimError_winsOverTheCompletionErrorItCaused() async throws {
        let record = DrainRecord(items: 30)
        let work = ScriptedWork(record: record, failingClaim: 2, failingCompletion: 1)
        await #expect(throws: ScriptedFailure.claim) {
            _ = try await Self.drain(work, DrainSettings(depth: 2))
        }
    }

    @Test func completionError_isThrown() async throws {
        let record = DrainRecord(items: 30)
        let work = ScriptedWork(record: record, failingCompletion: 2)
        await #expect(throws: ScriptedFailure.completion) {
            _ = try await Self.drain(work)
        }
        #expect(record.snapshot.completions.map(\.batch) == [1] && record.snapshot.batches == 2)
    }

    @Test func nothingDue_drainsNothing() async throws {
        let record = DrainRecord(items: 0)
        let summary = try await Self.drain(ScriptedWork(record: record), DrainSettings(depth: 2, prefetch: 1))
        #expect(summary.batches == 0 && summary.totals == .zero && record.snapshot.claims == 1)
    }
}
