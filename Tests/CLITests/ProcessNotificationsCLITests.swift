import Foundation
import Postgres
import Testing
import TestSupport

/// process-notifications through the built binary: SIGKILL mid-run and takeover, the deadline, a provider outage.
@Suite(.serialized) struct ProcessNotificationsCLITests {
    static func insertBacklog(_ fixture: CLIFixture, _ count: Int) throws {
        let db = try fixture.connect()
        defer { db.close() }
        try db.execute("""
            WITH u AS (INSERT INTO users (email, display_name) VALUES ('cli@example.com', 'cli') RETURNING id)
            INSERT INTO notifications (user_id, channel, template, dedupe_key, status, next_attempt_at)
            SELECT u.id, 'email', 'order_paid', 'cli:' || g, 'queued', now() - interval '1 minute'
              FROM u, generate_series(1, \(count)) g
            """)
    }

    static func environment(_ fixture: CLIFixture, _ sandbox: SandboxProcess, _ extra: [String: String] = [:]) -> [String: String] {
        fixture.environment.merging([
            "EMAIL_API_URL": sandbox.baseURL.absoluteString, "EMAIL_API_TOKEN": "t",
            "PUSH_API_URL": sandbox.baseURL.absoluteString, "PUSH_API_TOKEN": "t",
            "HTTP_RETRY_BASE_DELAY": "20ms", "HTTP_RETRY_MAX_DELAY": "100ms",
        ].merging(extra) { $1 }) { $1 }
    }

    static let run = ["run", "process-notifications", "--concurrency", "allow"]

    @Test func run_killedMidBatch_leavesLeasesTheNextRunTakesOverAfterExpiry() async throws {
        let fixture = try CLIFixture()
        try Self.insertBacklog(fixture, 60)
        let sandbox = try await SandboxProcess.start(["--latency", "300"], timeout: .seconds(90))
        defer { sandbox.stop() }
        let env = Self.environment(fixture, sandbox, [
            "PROCESS_NOTIFICATIONS_BATCH_SIZE": "20", "PROCESS_NOTIFICATIONS_LEASE": "4s", "HTTP_CONCURRENCY": "5",
        ])
        let victim = try Executable.start("cronjob", Self.run, environment: env)
        // Let it finish at least one batch and be in the middle of another.
        let clock = ContinuousClock()
        let giveUp = clock.now + .seconds(30)
        while try fixture.count("SELECT count(*) FROM notifications WHERE status = 'sent'") < 20, clock.now < giveUp {
            try await Task.sleep(for: .milliseconds(50))
        }
        try await Task.sleep(for: .milliseconds(400))
        victim.signal(SIGKILL)
        #expect(victim.wait(timeout: 10).signalled)

        let leased = try fixture.count("SELECT count(*) FROM notifications WHERE status = 'sending' AND lease_expires_at > now()")
        #expect(leased > 0, "the kill left live leases")
        let abandonedIDs = try fixture.connect().query(
            "SELECT id FROM notifications WHERE status = 'sending'").map { "notification-\(try $0.decode("id", as: Int.self))" }

        // Right away: the live leases are not touched; everything else is drained.
        let early = try Executable.cronjob(Self.run, environment: env)
        #expect(early.status == 0, "\(early.combined)")
        #expect(try fixture.count("SELECT count(*) FROM notifications WHERE status = 'sending'") == leased)

        // Until every lease expired: 4 s, or 7 s for a batch claimed ahead (one 3 s send window longer).
        let leasesEnd = clock.now + .seconds(15)
        while try fixture.count("SELECT count(*) FROM notifications WHERE lease_expires_at > now()") > 0, clock.now < leasesEnd {
            try await Task.sleep(for: .milliseconds(100))
        }
        let late = try Executable.cronjob(Self.run, environment: env)
        #expect(late.status == 0, "\(late.combined)")
        #expect(try fixture.count("SELECT count(*) FROM notifications WHERE status = 'sent'") == 60)
        #expect(try fixture.count("SELECT count(DISTINCT provider_message_id) FROM notifications") == 60)

        // Only a request in flight at the kill may be repeated, under the same key, and the provider answers
        // it with the same message (a replay); every other key was sent exactly once.
        let stats = try await sandbox.stats()
        #expect(stats.keys.count == 60)
        for (key, count) in stats.keys {
            #expect(count == 1 || (count == 2 && abandonedIDs.contains(key)), "\(key) sent \(count) times")
        }
    }

    @Test func run_deadline_exits124AndLeavesNoLeases() async throws {
        let fixture = try CLIFixture()
        try Self.insertBacklog(fixture, 200)
        let sandbox = try await SandboxProcess.start(["--latency", "100"], timeout: .seconds(90))
        defer { sandbox.stop() }
        let output = try Executable.cronjob(
            Self.run + ["--timeout", "2s"],
            environment: Self.environment(fixture, sandbox, ["PROCESS_NOTIFICATIONS_BATCH_SIZE": "10", "HTTP_CONCURRENCY": "2"]))
        #expect(output.status == 124, "\(output.combined)")
        let sent = try fixture.count("SELECT count(*) FROM notifications WHERE status = 'sent'")
        #expect(sent > 0 && sent < 200)
        #expect(try fixture.count("SELECT count(*) FROM notifications WHERE status = 'sending'") == 0)
        #expect(try fixture.history(job: "process-notifications").first?.exitCode == 124)
    }

    @Test func run_sandboxDown_exits69AfterReleasingTheBatch() async throws {
        let fixture = try CLIFixture()
        try Self.insertBacklog(fixture, 30)
        let sandbox = try await SandboxProcess.start(["--down", "close"], timeout: .seconds(90))
        defer { sandbox.stop() }
        let output = try Executable.cronjob(
            Self.run, environment: Self.environment(fixture, sandbox, ["PROCESS_NOTIFICATIONS_BATCH_SIZE": "10", "HTTP_MAX_ATTEMPTS": "2"]))
        #expect(output.status == 69, "\(output.combined)")
        #expect(try fixture.count("SELECT count(*) FROM notifications WHERE status = 'sending'") == 0)
        #expect(try fixture.count("""
            SELECT count(*) FROM notifications
             WHERE status = 'queued' AND attempts = 0 AND next_attempt_at > now() AND last_error IS NOT NULL
            """) == 10)
        #expect(try fixture.count("SELECT count(*) FROM notifications WHERE attempts = 0 AND last_error IS NULL") == 20)
    }
}
