import Foundation
import Testing
import TestSupport

/// A second SIGTERM while sends are still in flight: the runner stops waiting for them, but the run's history row
/// is still closed (`stopped`, 143) and the metrics line still written; the executable alone ends the process.
@Suite("Second stop signal", .serialized)
struct SecondSignalTests {
    @Test func secondSignal_closesHistoryAndWritesMetrics_thenExits143() async throws {
        let fixture = try CLIFixture()
        try ProcessNotificationsCLITests.insertBacklog(fixture, 20)
        let sandbox = try await SandboxProcess.start(["--latency", "30000"], timeout: .seconds(90))
        defer { sandbox.stop() }
        let env = ProcessNotificationsCLITests.environment(fixture, sandbox, ["HTTP_TIMEOUT": "60s", "CRONJOB_LOG_FORMAT": "json"])
        let process = try Executable.start("cronjob", ProcessNotificationsCLITests.run, environment: env)
        let clock = ContinuousClock()
        let giveUp = clock.now + .seconds(30)
        while try fixture.count("SELECT count(*) FROM notifications WHERE status = 'sending'") == 0, clock.now < giveUp {
            try await Task.sleep(for: .milliseconds(50))
        }
        try await Task.sleep(for: .milliseconds(300))
        process.signal(SIGTERM)
        try await Task.sleep(for: .milliseconds(500))
        let second = Date()
        process.signal(SIGTERM)
        let output = process.wait(timeout: 40)
        let seconds = Date().timeIntervalSince(second)
        #expect(output.status == 143, "\(output.combined.suffix(800))")
        #expect(!output.signalled)
        #expect(seconds < 5, "stopped \(seconds) s after the second signal; the sends take 30 s")
        let run = try #require(try fixture.history(job: "process-notifications").first)
        #expect(run.status == "stopped")
        #expect(run.exitCode == 143)
        #expect(run.finished)
        #expect(output.stdout.contains("\"_aws\""), "the Embedded Metric Format line was written")
    }
}
