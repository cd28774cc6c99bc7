import Foundation
import Testing
import TestSupport

/// Deadline and signals against a run that has real work left: 20,000 orders waiting for an upload reminder,
/// examined one per batch so that the run is still going when the deadline or the signal arrives.
@Suite("cronjob run deadline and signals", .serialized)
struct RunInterruptionTests {
    static let backlog = 20_000
    static let queuedReminders = "SELECT count(*) FROM notifications WHERE dedupe_key LIKE 'upload-%'"

    func slowFixture() throws -> CLIFixture {
        try CLIFixture(seedArguments: ["--pending-uploads", "\(Self.backlog)"])
    }

    func slowEnvironment(_ fixture: CLIFixture) -> [String: String] {
        fixture.environment.merging(["NOTIFY_UPLOAD_BATCH_SIZE": "1"]) { _, new in new }
    }

    @Test func deadline_exits124_keepsCommittedWork() throws {
        let fixture = try slowFixture()
        let before = try fixture.count(Self.queuedReminders)
        let output = try Executable.cronjob(["run", "notify-upload", "--timeout", "1s"], environment: slowEnvironment(fixture))
        #expect(output.status == 124, "\(output.stdout.suffix(600))")
        let run = try #require(try fixture.history(job: "notify-upload").first)
        #expect(run.status == "deadline_reached")
        #expect(run.exitCode == 124)
        #expect(run.itemsOK > 0)
        #expect(try fixture.count(Self.queuedReminders) - before == run.itemsOK,
                "what the run counted is exactly what it committed")
    }

    @Test(arguments: [(SIGTERM, Int32(143)), (SIGINT, Int32(130))])
    func signal_drainsAndExitsWithTheSignalCode(signal: Int32, expected: Int32) throws {
        let fixture = try slowFixture()
        let before = try fixture.count(Self.queuedReminders)
        let process = try Executable.start("cronjob", ["run", "notify-upload", "--timeout", "10m"], environment: slowEnvironment(fixture))
        let started = Date()
        while !process.stdoutSoFar.contains("run started") && Date().timeIntervalSince(started) < 30 { usleep(20_000) }
        usleep(500_000)
        process.signal(signal)
        let output = process.wait(timeout: 30)
        #expect(output.status == expected, "\(output.stdout.suffix(600))")
        #expect(!output.signalled, "the process exited by itself after draining")
        #expect(output.stdout.contains("stop signal received"))
        let run = try #require(try fixture.history(job: "notify-upload").first)
        #expect(run.status == "stopped")
        #expect(run.exitCode.map(Int32.init) == expected)
        #expect(run.finished)
        #expect(run.itemsOK > 0 && run.itemsOK < Self.backlog)
        #expect(try fixture.count(Self.queuedReminders) - before == run.itemsOK)
        let rest = try Executable.cronjob(["run", "notify-upload"], environment: fixture.environment)
        #expect(rest.status == 0)
        #expect(try fixture.count(Self.queuedReminders) - before >= Self.backlog, "the next run finishes the rest")
    }

    @Test func twoConcurrentForbidProcesses_oneRunsOneSkips() throws {
        let fixture = try slowFixture()
        let first = try Executable.start("cronjob", ["run", "notify-upload"], environment: slowEnvironment(fixture))
        let started = Date()
        while !first.stdoutSoFar.contains("run started") && Date().timeIntervalSince(started) < 30 { usleep(20_000) }
        let second = try Executable.cronjob(["run", "notify-upload"], environment: slowEnvironment(fixture))
        first.signal(SIGTERM)
        let firstOutput = first.wait(timeout: 30)
        #expect(second.status == 0)
        #expect(firstOutput.status == 143)
        #expect(try fixture.history(job: "notify-upload").map(\.status).sorted() == ["skipped", "stopped"])
    }
}
