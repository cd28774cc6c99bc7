import Foundation
import HTTP
@testable import Jobs
import Logging
import Postgres
import Runner
import Testing
import TestSupport

@Suite("check-payout against PostgreSQL and the provider sandbox", .serialized)
struct CheckPayoutTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)
    static let settings = CheckPayoutSettings(batchSize: 3, maxAttempts: 3, backoffBase: .seconds(60), backoffMax: .seconds(600))

    private func run(
        _ db: PostgresConnection, _ sandbox: SandboxProcess, at now: Date = now, settings: CheckPayoutSettings = settings
    ) async throws {
        let job = CheckPayout(settings: settings, endpoint: sandbox.endpoint)
        try await job.run(.providerTesting(CheckPayout.name, database: db, now: now, maxAttempts: 2))
    }

    @Test func run_requestsAvailablePayouts_thenPollsThemToPaidOrFailed() async throws {
        let sandbox = try await SandboxProcess.start([], timeout: .seconds(60))
        try await withSchemaDatabase { _, db in
            let fixture = ProviderJobFixture(db: db, now: Self.now)
            let world = try fixture.world(eventEndsIn: -3 * 86_400)
            let paid = try fixture.pendingPayout(world: world)
            let failed = try fixture.pendingPayout(world: world)
            let held = try fixture.pendingPayout(world: world, availableIn: 3600)  // hold period not over
            try await sandbox.configure(["payouts": ["payout-\(failed)": "failed"]])
            try await run(db, sandbox)
            for id in [paid, failed] {
                #expect(try fixture.text("SELECT status FROM payouts WHERE id = \(id)") == "requested")
                #expect(try fixture.text("SELECT provider_payout_id FROM payouts WHERE id = \(id)")?.hasPrefix("po_") == true)
                #expect(try fixture.int("SELECT attempts FROM payouts WHERE id = \(id)") == 1)
            }
            #expect(try fixture.text("SELECT status FROM payouts WHERE id = \(held)") == "pending")
            #expect(try fixture.int("SELECT attempts FROM payouts WHERE id = \(held)") == 0)

            let later = Self.now.addingTimeInterval(16 * 60)  // past the poll interval
            try await run(db, sandbox, at: later)
            #expect(try fixture.text("SELECT status FROM payouts WHERE id = \(paid)") == "paid")
            #expect(try fixture.text("SELECT status FROM payouts WHERE id = \(failed)") == "failed")
            #expect(try fixture.text("SELECT last_error FROM payouts WHERE id = \(failed)") == "payout failed: account_closed")
            let templates = try db.query("SELECT template FROM notifications ORDER BY template").map { try $0.decode(0, as: String.self) }
            #expect(templates == ["payout_failed", "payout_paid"])
            let stats = try await sandbox.stats()
            #expect(stats.count("POST /v1/payouts") == 2)
            #expect(stats.count("GET /v1/payouts/{id}") == 2)

            // An hour later the held payout's hold period is over: it alone is requested; nothing is done twice.
            try await run(db, sandbox, at: later.addingTimeInterval(3600))
            #expect(try fixture.text("SELECT status FROM payouts WHERE id = \(held)") == "requested")
            #expect(try fixture.int("SELECT count(*) FROM notifications") == 2)
            let after = try await sandbox.stats()
            #expect(after.count("POST /v1/payouts") == 3)
            #expect(after.count("GET /v1/payouts/{id}") == 2)
        }
    }

    @Test func run_failedRequests_backOff_thenGoOnHoldAfterMaxAttempts() async throws {
        let sandbox = try await SandboxProcess.start([], timeout: .seconds(60))
        try await withSchemaDatabase { _, db in
            let fixture = ProviderJobFixture(db: db, now: Self.now)
            let world = try fixture.world(eventEndsIn: -3 * 86_400)
            let broken = try fixture.pendingPayout(world: world)
            let healthy = try fixture.pendingPayout(world: world)
            try await sandbox.configure(["force_status": ["payout-\(broken)": 503]])
            var now = Self.now
            for attempt in 1...3 {
                if attempt > 1 {
                    // A healthy payout beside it each time: alone in its batch, the broken one would be an outage
                    // (given back uncounted, exit 69), not its own failure.
                    _ = try fixture.pendingPayout(world: world, availableIn: now.timeIntervalSince(Self.now) - 1)
                }
                try await run(db, sandbox, at: now)
                #expect(try fixture.int("SELECT attempts FROM payouts WHERE id = \(broken)") == attempt)
                let next = try #require(try db.queryFirst("SELECT next_attempt_at FROM payouts WHERE id = \(broken)")?.decode(0, as: Date.self))
                if attempt < 3 {
                    #expect(try fixture.text("SELECT status FROM payouts WHERE id = \(broken)") == "pending")
                    // base 60 s × 2^(attempt-1), equal jitter: between half and all of it.
                    let ceiling = 60.0 * pow(2, Double(attempt - 1))
                    #expect(next.timeIntervalSince(now) >= ceiling / 2 - 0.001 && next.timeIntervalSince(now) <= ceiling + 0.001)
                    now = next
                }
            }
            #expect(try fixture.text("SELECT status FROM payouts WHERE id = \(broken)") == "on_hold")
            #expect(try fixture.text("SELECT last_error FROM payouts WHERE id = \(broken)")?.contains("HTTP 503") == true)
            #expect(try fixture.text("SELECT status FROM payouts WHERE id = \(healthy)") == "requested")
        }
    }

    @Test func run_permanent4xx_putsThePayoutOnHoldWithTheError() async throws {
        let sandbox = try await SandboxProcess.start([], timeout: .seconds(60))
        try await withSchemaDatabase { _, db in
            let fixture = ProviderJobFixture(db: db, now: Self.now)
            let world = try fixture.world(eventEndsIn: -3 * 86_400)
            let refused = try fixture.pendingPayout(world: world)
            try await sandbox.configure(["force_status": ["payout-\(refused)": 422]])
            try await run(db, sandbox)
            #expect(try fixture.text("SELECT status FROM payouts WHERE id = \(refused)") == "on_hold")
            #expect(try fixture.text("SELECT last_error FROM payouts WHERE id = \(refused)")?.contains("HTTP 422") == true)
            #expect(try await sandbox.stats().count("POST /v1/payouts") == 1)
        }
    }

    @Test func run_providerDown_exits69_andGivesThePayoutBackUncounted() async throws {
        let sandbox = try await SandboxProcess.start(["--down", "503"], timeout: .seconds(60))
        try await withSchemaDatabase { _, db in
            let fixture = ProviderJobFixture(db: db, now: Self.now)
            let world = try fixture.world(eventEndsIn: -3 * 86_400)
            let payout = try fixture.pendingPayout(world: world)
            await #expect {
                try await run(db, sandbox)
            } throws: { error in
                (error as? JobError)?.code == .providerUnavailable
            }
            #expect(try fixture.text("SELECT status FROM payouts WHERE id = \(payout)") == "pending")
            #expect(try fixture.int("SELECT count(*) FROM payouts WHERE lease_expires_at IS NOT NULL") == 0)
            #expect(try fixture.text("SELECT last_error FROM payouts WHERE id = \(payout)")?.contains("503") == true)
            #expect(try fixture.int("SELECT attempts FROM payouts WHERE id = \(payout)") == 0)
        }
    }

    @Test func takeover_ofAnAbandonedLease_reusesTheIdempotencyKey_andCreatesOnePayout() async throws {
        let sandbox = try await SandboxProcess.start([], timeout: .seconds(60))
        try await withSchemaDatabase { _, db in
            let fixture = ProviderJobFixture(db: db, now: Self.now)
            let world = try fixture.world(eventEndsIn: -3 * 86_400)
            let id = try fixture.pendingPayout(world: world)
            // A run claims the payout, sends the POST, and is killed before it commits the answer.
            let lease = Self.now.addingTimeInterval(300)
            let claimed = try CheckPayoutClaim.claim(on: db, now: Self.now, lease: lease, limit: 10)
            #expect(claimed.map(\.id) == [id])
            let client = PayoutsClient(http: HTTPClient(logger: .init(label: "killed-run")), endpoint: sandbox.endpoint)
            let first = try await client.requestPayout(
                PayoutRequest(payoutID: "payout-\(id)", sellerID: "usr_\(world.seller)", amountMinor: 9500, currency: "USD"),
                idempotencyKey: "payout:\(claimed[0].orderID)")

            // While the lease holds, another run leaves it alone.
            try await run(db, sandbox, at: Self.now.addingTimeInterval(60))
            #expect(try await sandbox.stats().count("POST /v1/payouts") == 1)
            // After it expires, the next run takes it over with the same key and gets the same payout back.
            try await run(db, sandbox, at: Self.now.addingTimeInterval(301))
            let stats = try await sandbox.stats()
            #expect(stats.count(key: "payout:\(claimed[0].orderID)") == 2)
            #expect(try fixture.text("SELECT provider_payout_id FROM payouts WHERE id = \(id)") == first.id)
            #expect(try fixture.int("SELECT attempts FROM payouts WHERE id = \(id)") == 2)
            // A late completion by the killed run's lease changes nothing.
            let late = CheckPayoutCompletion(settings: Self.settings, now: Self.now, lease: lease)
            let result = try late.apply([.init(payout: claimed[0], outcome: .onHold(error: "late"))], on: db)
            #expect(result == .zero)
            #expect(try fixture.text("SELECT status FROM payouts WHERE id = \(id)") == "requested")
        }
    }

    @Test(arguments: [2, 8])
    func concurrentRuns_postOncePerIdempotencyKey(runs: Int) async throws {
        let sandbox = try await SandboxProcess.start(["--latency", "5-20"], timeout: .seconds(60))
        try await withSchemaDatabase { database, db in
            let fixture = ProviderJobFixture(db: db, now: Self.now)
            let world = try fixture.world(eventEndsIn: -3 * 86_400)
            var ids: [Int] = []
            for _ in 0..<40 { ids.append(try fixture.pendingPayout(world: world)) }
            let settings = CheckPayoutSettings(batchSize: 4)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<runs {
                    group.addTask {
                        let connection = try database.connect()
                        defer { connection.close() }
                        try await run(connection, sandbox, settings: settings)
                    }
                }
                try await group.waitForAll()
            }
            let stats = try await sandbox.stats()
            #expect(stats.count("POST /v1/payouts") == 40)
            let keys = try db.query("SELECT idempotency_key FROM payouts").map { try $0.decode(0, as: String.self) }
            #expect(keys.allSatisfy { stats.count(key: $0) == 1 })
            #expect(try fixture.int("SELECT count(*) FROM payouts WHERE status = 'requested' AND attempts = 1") == 40)
        }
    }
}
