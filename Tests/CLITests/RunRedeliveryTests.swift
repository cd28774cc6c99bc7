import Foundation
import Postgres
import Testing
import TestSupport

/// Issue 15 defect 3: a run killed without a trace must not block its occurrence forever. A `running` row older than
/// its timeout plus the drain grace is dead (`lost`); a live one still makes a second delivery `duplicate`.
@Suite("cronjob run redelivery after a killed run", .serialized)
struct RunRedeliveryTests {
    static let occurrence = "2026-11-22T10:00:00Z"

    func environment(_ fixture: CLIFixture) -> [String: String] {
        fixture.environment.merging(["NOTIFY_UPLOAD_BATCH_SIZE": "1", "CRONJOB_DRAIN_GRACE": "1s"]) { _, new in new }
    }

    @Test func killedRun_blocksWhileLive_thenIsLostAndTheRedeliveryRuns() throws {
        let fixture = try CLIFixture(seedArguments: ["--pending-uploads", "3000"])
        let arguments = ["run", "notify-upload", "--scheduled-at", Self.occurrence, "--timeout", "2s"]
        let first = try Executable.start("cronjob", arguments, environment: environment(fixture))
        let started = Date()
        while !first.stdoutSoFar.contains("run started") && Date().timeIntervalSince(started) < 30 { usleep(20_000) }
        first.signal(SIGKILL)
        let killed = first.wait(timeout: 10)
        #expect(killed.signalled, "the first run was killed with SIGKILL")
        #expect(try fixture.history(job: "notify-upload").map(\.status) == ["running"])

        // Still inside 2s timeout + 1s drain grace: the killed run might be alive, so this is a duplicate.
        let early = try Executable.cronjob(arguments, environment: environment(fixture))
        #expect(early.status == 0)
        #expect(try fixture.history(job: "notify-upload").map(\.status).sorted() == ["duplicate", "running"])

        while Date().timeIntervalSince(started) < 4 { usleep(100_000) }
        let redelivery = try Executable.cronjob(arguments, environment: environment(fixture))
        let statuses = try fixture.history(job: "notify-upload").map(\.status)
        #expect(redelivery.status == 124 || redelivery.status == 0, "\(redelivery.stdout.suffix(400))")
        #expect(statuses.sorted() == ["duplicate", "lost", statuses[0]].sorted())
        #expect(["deadline_reached", "succeeded"].contains(statuses[0]), "the redelivery ran: \(statuses)")
        #expect(try fixture.history(job: "notify-upload")[0].itemsOK > 0, "and did work")
        #expect(try fixture.count("SELECT count(*) FROM cronjob_runs WHERE status = 'lost' AND lost_after IS NOT NULL") == 1)
    }

    @Test func oldRunningRowWithoutLostAfter_usesTheRunsTimeout() throws {
        let fixture = try CLIFixture()
        let connection = try fixture.connect()
        defer { connection.close() }
        let scheduled = try #require(ISO8601DateFormatter().date(from: Self.occurrence))
        // A row from before lost_after existed, started an hour ago: dead for a 4m timeout, alive for a 2h one.
        try connection.execute("""
            INSERT INTO cronjob_runs (id, job, environment, trigger, scheduled_at, started_at, status, version)
            VALUES (\(UUID()), 'notify-upload', 'local', 'schedule', \(scheduled), now() - interval '1 hour', 'running', 'test')
            """)
        let live = try Executable.cronjob(["run", "notify-upload", "--scheduled-at", Self.occurrence, "--timeout", "2h"],
                                          environment: fixture.environment)
        #expect(live.status == 0)
        #expect(try fixture.history(job: "notify-upload").map(\.status).sorted() == ["duplicate", "running"])
        let dead = try Executable.cronjob(["run", "notify-upload", "--scheduled-at", Self.occurrence, "--timeout", "4m"],
                                          environment: fixture.environment)
        #expect(dead.status == 0)
        #expect(try fixture.history(job: "notify-upload").map(\.status).sorted() == ["duplicate", "lost", "succeeded"])
    }
}
