import Foundation
import Postgres
import Runner
import Testing
import TestSupport

/// `cronjob run <job> --dry-run` end to end: the real job code against a seeded database and the sandbox, then
/// everything undone.
@Suite("cronjob run --dry-run of the provider jobs", .serialized)
struct DryRunTests {
    static let token = "dry-run-secret-token-4f2a"
    static let tables = ["users", "events", "listings", "orders", "tickets", "payments", "payouts", "notifications", "cronjob_runs"]

    private func environment(_ fixture: CLIFixture, _ sandbox: SandboxProcess) -> [String: String] {
        fixture.environment.merging([
            "PAYMENTS_API_URL": sandbox.baseURL.absoluteString, "PAYMENTS_API_TOKEN": Self.token,
            "PAYOUTS_API_URL": sandbox.baseURL.absoluteString, "PAYOUTS_API_TOKEN": Self.token,
            "HTTP_RETRY_BASE_DELAY": "10ms",
        ]) { $1 }
    }

    /// One md5 per table over every row's text, so any change anywhere shows.
    private func checksums(_ fixture: CLIFixture) throws -> [String: String] {
        let db = try fixture.connect()
        defer { db.close() }
        var sums: [String: String] = [:]
        for table in Self.tables {
            sums[table] = try db.queryFirst(PostgresQuery(
                unsafeSQL: "SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM \(table) t"))?.decode(0, as: String.self)
        }
        return sums
    }

    private func plan(_ output: ProcessOutput) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        return try #require(object, "stdout is not a JSON object: \(output.stdout) \(output.stderr)")
    }

    private func changes(_ plan: [String: Any]) -> [String: [String: Int]] {
        var result: [String: [String: Int]] = [:]
        for entry in plan["tables"] as? [[String: Any]] ?? [] {
            guard let table = entry["table"] as? String else { continue }
            result[table] = ["inserted": entry["inserted"] as? Int ?? -1, "updated": entry["updated"] as? Int ?? -1,
                             "deleted": entry["deleted"] as? Int ?? -1]
        }
        return result
    }

    @Test func syncPayments_dryRunJSON_changesNothing_sendsNoWrite_andPlansWhatTheRealRunDoes() async throws {
        let fixture = try CLIFixture(seedArguments: ["--payments", "12", "--payouts", "0", "--notifications", "0"])
        let sandbox = try await SandboxProcess.start(["--payment-default", "approved"], timeout: .seconds(60))
        let due = try fixture.count("SELECT count(*) FROM payments WHERE status = 'pending' AND next_check_at <= now()")
        #expect(due >= 12)
        let before = try checksums(fixture)

        let output = try Executable.cronjob(["run", "sync-payments", "--dry-run", "--json"], environment: environment(fixture, sandbox))
        let plan = try plan(output)
        #expect(output.status == 0)
        #expect(try checksums(fixture) == before)
        #expect(try fixture.count("SELECT count(*) FROM cronjob_runs") == 0)
        let stats = try await sandbox.stats()
        #expect(stats.count("GET /v1/payments/{id}") == due)
        #expect(stats.routes.filter { $0.key.hasPrefix("POST") }.values.reduce(0, +) == 0)

        // Every due payment is claimed and then approved (two updates), with its order, listing, ticket, payout and
        // the buyer's and seller's notifications.
        let tables = changes(plan)
        #expect(tables["payments"] == ["inserted": 0, "updated": 2 * due, "deleted": 0])
        #expect(tables["orders"] == ["inserted": 0, "updated": due, "deleted": 0])
        #expect(tables["listings"] == ["inserted": 0, "updated": due, "deleted": 0])
        #expect(tables["tickets"] == ["inserted": due, "updated": 0, "deleted": 0])
        #expect(tables["payouts"] == ["inserted": due, "updated": 0, "deleted": 0])
        #expect(tables["notifications"] == ["inserted": 2 * due, "updated": 0, "deleted": 0])
        let calls = plan["calls"] as? [[String: Any]] ?? []
        #expect(calls.count == due)
        #expect(calls.allSatisfy { $0["method"] as? String == "GET" && ($0["url"] as? String ?? "").contains("/v1/payments/") && $0["sent"] as? Bool == true })
        #expect(!output.combined.contains(Self.token))

        let real = try Executable.cronjob(["run", "sync-payments"], environment: environment(fixture, sandbox))
        #expect(Int(real.status) == plan["exit_code"] as? Int)
        #expect(try fixture.count("SELECT count(*) FROM payments WHERE status = 'approved' AND resolved_at > now() - interval '10 minutes'") == due)
        #expect(try fixture.count("SELECT count(*) FROM cronjob_runs") == 1)
    }

    @Test func syncPayments_dryRunOffline_sendsNothingAtAll_andTextPlanListsCalls() async throws {
        let fixture = try CLIFixture(seedArguments: ["--payments", "5", "--payouts", "0", "--notifications", "0"])
        let sandbox = try await SandboxProcess.start([], timeout: .seconds(60))
        let before = try checksums(fixture)
        let output = try Executable.cronjob(["run", "sync-payments", "--dry-run", "--offline"], environment: environment(fixture, sandbox))
        #expect(output.status == 0)
        #expect(output.stdout.contains("DRY RUN of sync-payments"))
        #expect(output.stdout.contains("recorded GET"))
        #expect(!output.combined.contains(Self.token))
        #expect(try checksums(fixture) == before)
        #expect(try await sandbox.stats().total == 0)
    }

    @Test func syncPayments_providerDown_planSays69_likeTheRealRun() async throws {
        let fixture = try CLIFixture(seedArguments: ["--payments", "3", "--payouts", "0", "--notifications", "0"])
        let sandbox = try await SandboxProcess.start(["--down", "503"], timeout: .seconds(60))
        let env = environment(fixture, sandbox).merging(["HTTP_MAX_ATTEMPTS": "2"]) { $1 }
        let before = try checksums(fixture)
        let dry = try Executable.cronjob(["run", "sync-payments", "--dry-run", "--json"], environment: env)
        let plan = try plan(dry)
        #expect(plan["exit_code"] as? Int == 69)
        #expect(try checksums(fixture) == before)
        let real = try Executable.cronjob(["run", "sync-payments"], environment: env)
        #expect(real.status == 69)
    }

    @Test func checkPayout_dryRun_recordsPostsWithoutSendingThem() async throws {
        let fixture = try CLIFixture(seedArguments: ["--payments", "0", "--payouts", "6", "--notifications", "0"])
        let sandbox = try await SandboxProcess.start([], timeout: .seconds(60))
        let before = try checksums(fixture)
        let output = try Executable.cronjob(["run", "check-payout", "--dry-run", "--json"], environment: environment(fixture, sandbox))
        let plan = try plan(output)
        #expect(output.status == 0)
        #expect(try checksums(fixture) == before)
        #expect(try fixture.count("SELECT count(*) FROM cronjob_runs") == 0)
        let stats = try await sandbox.stats()
        #expect(stats.count("POST /v1/payouts") == 0)
        let calls = plan["calls"] as? [[String: Any]] ?? []
        let posts = calls.filter { $0["method"] as? String == "POST" }
        #expect(posts.count >= 6)
        #expect(posts.allSatisfy { $0["sent"] as? Bool == false && ($0["idempotency_key"] as? String ?? "").hasPrefix("payout:") })
        #expect(calls.filter { $0["method"] as? String == "GET" }.count == stats.count("GET /v1/payouts/{id}"))
        #expect(!output.combined.contains(Self.token))

        let real = try Executable.cronjob(["run", "check-payout"], environment: environment(fixture, sandbox))
        #expect(Int(real.status) == plan["exit_code"] as? Int)
        #expect(try await sandbox.stats().count("POST /v1/payouts") == posts.count)
    }

    @Test func processNotifications_dryRun_recordsSendsWithoutSendingThem_realRunSendsTheSame() async throws {
        let fixture = try CLIFixture(seedArguments: ["--payments", "0", "--payouts", "0", "--notifications", "20"])
        let sandbox = try await SandboxProcess.start([], timeout: .seconds(60))
        let env = environment(fixture, sandbox).merging([
            "EMAIL_API_URL": sandbox.baseURL.absoluteString, "EMAIL_API_TOKEN": Self.token,
            "PUSH_API_URL": sandbox.baseURL.absoluteString, "PUSH_API_TOKEN": Self.token,
        ]) { $1 }
        let before = try checksums(fixture)
        let output = try Executable.cronjob(["run", "process-notifications", "--dry-run", "--json"], environment: env)
        let plan = try plan(output)
        #expect(output.status == 0, "\(output.stderr.suffix(500))")
        #expect(try checksums(fixture) == before)
        #expect(try fixture.count("SELECT count(*) FROM cronjob_runs") == 0)
        #expect(try await sandbox.stats().total == 0, "a dry run sends no message")
        let calls = plan["calls"] as? [[String: Any]] ?? []
        #expect(calls.count >= 20)
        #expect(calls.allSatisfy { $0["method"] as? String == "POST" && $0["sent"] as? Bool == false })
        #expect(Set(calls.compactMap { $0["idempotency_key"] as? String }).count == calls.count, "one key per notification")
        #expect((changes(plan)["notifications"]?["updated"] ?? 0) >= calls.count)
        #expect(!output.combined.contains(Self.token))

        let real = try Executable.cronjob(["run", "process-notifications"], environment: env)
        #expect(Int(real.status) == plan["exit_code"] as? Int)
        let stats = try await sandbox.stats()
        #expect(stats.count("POST /v1/messages") + stats.count("POST /v1/push") == calls.count,
                "the real run sends exactly what the dry run planned")
    }

    @Test func dryRun_whileARealRunHoldsTheLock_stillRuns() async throws {
        let fixture = try CLIFixture(seedArguments: ["--payments", "2", "--payouts", "0", "--notifications", "0"])
        let sandbox = try await SandboxProcess.start([], timeout: .seconds(60))
        let holder = try fixture.connect()
        defer { holder.close() }
        #expect(try holder.tryAdvisoryLock(AdvisoryLockKey.forJob("sync-payments")))
        let output = try Executable.cronjob(["run", "sync-payments", "--dry-run", "--json"], environment: environment(fixture, sandbox))
        #expect(output.status == 0)
        #expect(try plan(output)["job"] as? String == "sync-payments")
        #expect(try await sandbox.stats().count("GET /v1/payments/{id}") > 0)
        #expect(try fixture.count("SELECT count(*) FROM cronjob_runs") == 0)
    }
}
