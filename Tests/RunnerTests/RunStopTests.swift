import Foundation
import Runner
import Testing
import TestSupport

/// The run's statements: on their own thread, and ended by a stop, a forced stop or the deadline's cut-off as
/// `cancellableOnStop` says, with the outcome and the history row of a stopped run.
@Suite("Run statements and stops", .serialized)
struct RunStopTests {
    @Test func jobStatements_leaveEveryCooperativeThreadFree() async throws {
        let fixture = try RunnerFixture()
        defer { fixture.close() }
        let width = CooperativePool.width
        let runner = try fixture.runner(["TEST_STATEMENT": "SELECT pg_sleep(3)"])
        let started = ContinuousClock.now
        async let outcomes = withTaskGroup(of: RunOutcome.self, returning: [RunOutcome].self) { group in
            for _ in 0..<width {
                group.addTask { await runner.run(RunRequest(jobName: StatementJob.name, concurrency: .allow)) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        try await fixture.waitForStatement("pg_sleep(3)", count: width)
        let hold = await CooperativePool.parallelHold(.milliseconds(300))
        let during = started.duration(to: .now)
        #expect(try await outcomes.map(\.status) == Array(repeating: .succeeded, count: width))
        #expect(hold < .milliseconds(550), "the cooperative pool was held: \(width) parallel 300 ms holds took \(hold)")
        #expect(during < .seconds(3), "the probe ran while the job statements still blocked their threads")
    }

    @Test func firstStop_cancelsACancellableStatement_andRecordsTheRunAsStopped() async throws {
        let fixture = try RunnerFixture()
        defer { fixture.close() }
        let runner = try fixture.runner(["TEST_STATEMENT": "SELECT pg_sleep(30)", "TEST_CANCELLABLE": "1"])
        let stop = StopFlag()
        async let outcome = runner.run(RunRequest(jobName: StatementJob.name), stop: stop)
        try await fixture.waitForStatement("pg_sleep(30)")
        let stopped = ContinuousClock.now
        stop.raise(SIGTERM)
        let result = await outcome
        #expect(stopped.duration(to: .now) < .seconds(3))
        #expect(result.status == .stopped)
        #expect(result.exitCode == RunExitCode.sigterm)
        let row = try #require(try fixture.history())
        #expect(row.status == "stopped" && row.exitCode == 143 && row.finished)
        #expect(!fixture.log.contains("no longer waiting"), "the statement ended; the run did not abandon it")
    }

    @Test func firstStop_letsACompletionStatementFinish() async throws {
        let fixture = try RunnerFixture()
        defer { fixture.close() }
        let runner = try fixture.runner(["TEST_STATEMENT": "INSERT INTO done SELECT 1 FROM pg_sleep(1.5)"])
        let stop = StopFlag()
        let started = ContinuousClock.now
        async let outcome = runner.run(RunRequest(jobName: StatementJob.name), stop: stop)
        try await fixture.waitForStatement("pg_sleep(1.5)")
        stop.raise(SIGTERM)
        let result = await outcome
        #expect(started.duration(to: .now) >= .milliseconds(1500))
        #expect(result.status == .stopped && result.exitCode == RunExitCode.sigterm)
        #expect(try fixture.observer.queryFirst("SELECT count(*) FROM done")?.decode(0, as: Int.self) == 1)
        #expect(try fixture.history()?.status == "stopped")
    }

    @Test func forcedStop_cancelsAnyStatement_andClosesHistory() async throws {
        let fixture = try RunnerFixture()
        defer { fixture.close() }
        let runner = try fixture.runner(["TEST_STATEMENT": "INSERT INTO done SELECT 1 FROM pg_sleep(30)"])
        let stop = StopFlag()
        async let outcome = runner.run(RunRequest(jobName: StatementJob.name), stop: stop)
        try await fixture.waitForStatement("pg_sleep(30)")
        stop.raise(SIGTERM)
        try await Task.sleep(for: .milliseconds(300))
        let forced = ContinuousClock.now
        stop.force()
        let result = await outcome
        #expect(forced.duration(to: .now) < .seconds(3))
        #expect(result.status == .stopped && result.exitCode == RunExitCode.sigterm)
        let row = try #require(try fixture.history())
        #expect(row.status == "stopped" && row.exitCode == 143 && row.finished)
        try await fixture.waitForStatement("pg_sleep(30)", count: 0)
        #expect(try fixture.observer.queryFirst("SELECT count(*) FROM done")?.decode(0, as: Int.self) == 0)
    }

    @Test func deadlineCutOff_cancelsTheStatement_soTheRunIsNotAbandoned() async throws {
        let fixture = try RunnerFixture()
        defer { fixture.close() }
        let runner = try fixture.runner(["TEST_STATEMENT": "SELECT pg_sleep(30)", "CRONJOB_DRAIN_GRACE": "1s"])
        let started = ContinuousClock.now
        let result = await runner.run(RunRequest(jobName: StatementJob.name, timeout: .seconds(1)))
        let took = started.duration(to: .now)
        #expect(result.status == .deadlineReached && result.exitCode == RunExitCode.deadline)
        #expect(took >= .seconds(2) && took < .seconds(4), "cut off after the deadline and its grace: \(took)")
        #expect(fixture.log.contains("cancelling it"))
        #expect(!fixture.log.contains("no longer waiting"), "the cancelled statement ended; the run did not abandon it")
        #expect(try fixture.history()?.status == "deadline_reached")
    }
}
