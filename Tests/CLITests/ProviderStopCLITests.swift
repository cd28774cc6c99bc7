import Foundation
import Postgres
import Testing
import TestSupport

/// A refused token and a provider answering nothing usable, through the built binary: the exit code, the one error
/// line, the history row and the EMF line say what happened, and the backlog is left as it was.
@Suite(.serialized) struct ProviderStopCLITests {
    static let wrongToken = "rotated-away-token-9c1e"

    static func environment(_ fixture: CLIFixture, _ sandbox: SandboxProcess) -> [String: String] {
        let url = sandbox.baseURL.absoluteString
        return fixture.environment.merging([
            "EMAIL_API_URL": url, "EMAIL_API_TOKEN": wrongToken, "PUSH_API_URL": url, "PUSH_API_TOKEN": wrongToken,
            "PAYMENTS_API_URL": url, "PAYMENTS_API_TOKEN": wrongToken,
            "HTTP_RETRY_BASE_DELAY": "10ms", "HTTP_RETRY_MAX_DELAY": "50ms", "HTTP_MAX_ATTEMPTS": "2",
        ]) { $1 }
    }

    static func jsonLines(_ output: ProcessOutput) -> [[String: Any]] {
        output.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    @Test func processNotifications_401_exits78_namingTheTokenVariable_historyAndEMFSayFailed() async throws {
        let fixture = try CLIFixture()
        try ProcessNotificationsCLITests.insertBacklog(fixture, 12)
        let sandbox = try await SandboxProcess.start(["--token", "the-current-token"], timeout: .seconds(90))
        defer { sandbox.stop() }
        let output = try Executable.cronjob(["run", "process-notifications"], environment: Self.environment(fixture, sandbox))

        #expect(output.status == 78, "\(output.combined)")
        #expect(!output.combined.contains(Self.wrongToken) && !output.combined.contains("the-current-token"))
        let lines = Self.jsonLines(output)
        let ended = try #require(lines.last { ($0["message"] as? String)?.hasPrefix("run ended:") == true })
        let message = try #require(ended["message"] as? String)
        #expect(message.contains("provider credentials refused") && message.contains("EMAIL_API_TOKEN") && message.contains("EMAIL_API_URL"))
        let metrics = try #require(lines.last { $0["_aws"] != nil })
        #expect(metrics["ExitCode"] as? Int == 78 && metrics["Failed"] as? Int == 1 && metrics["status"] as? String == "failed")
        #expect(metrics["ItemsFailed"] as? Int == 0)
        let history = try #require(try fixture.history(job: "process-notifications").first)
        #expect(history.status == "failed" && history.exitCode == 78 && history.itemsFailed == 0 && history.finished)

        #expect(try fixture.count("SELECT count(*) FROM notifications WHERE status = 'queued' AND attempts = 0") == 12)
        #expect(try fixture.count("SELECT count(*) FROM notifications WHERE last_error LIKE '%HTTP 401%'") == 12)
        let db = try fixture.connect()
        defer { db.close() }
        let error = try db.queryFirst("SELECT error FROM cronjob_runs WHERE job = 'process-notifications'")?.decode(0, as: String?.self)
        #expect(error?.contains("EMAIL_API_TOKEN") == true)
    }

    @Test func syncPayments_everyAnswerMalformed_exits69_paymentsUntouchedAndNotCountedFailed() async throws {
        let fixture = try CLIFixture(seedArguments: ["--payments", "20", "--payouts", "0", "--notifications", "0"])
        let sandbox = try await SandboxProcess.start(["--malformed-rate", "1"], timeout: .seconds(90))
        defer { sandbox.stop() }
        let before = try fixture.count("SELECT (coalesce(sum(check_attempts), 0) * 1000 + count(*))::bigint FROM payments WHERE status = 'pending'")
        let output = try Executable.cronjob(["run", "sync-payments"], environment: Self.environment(fixture, sandbox).merging(
            ["PAYMENTS_API_TOKEN": "any"]) { $1 })

        #expect(output.status == 69, "\(output.combined)")
        #expect(try fixture.count("SELECT (coalesce(sum(check_attempts), 0) * 1000 + count(*))::bigint FROM payments WHERE status = 'pending'") == before)
        let metrics = try #require(Self.jsonLines(output).last { $0["_aws"] != nil })
        #expect(metrics["ExitCode"] as? Int == 69 && metrics["ItemsFailed"] as? Int == 0)
        let history = try #require(try fixture.history(job: "sync-payments").first)
        #expect(history.status == "failed" && history.exitCode == 69 && history.itemsFailed == 0)
    }
}
