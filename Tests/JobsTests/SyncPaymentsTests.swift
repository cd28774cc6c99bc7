import Foundation
import HTTP
import Jobs
import Postgres
import Runner
import Testing
import TestSupport

@Suite("sync-payments against PostgreSQL and the provider sandbox", .serialized)
struct SyncPaymentsTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)
    static let settings = SyncPaymentsSettings(batchSize: 2)

    private func run(_ db: PostgresConnection, _ sandbox: SandboxProcess, settings: SyncPaymentsSettings = settings, maxAttempts: Int = 3) async throws {
        let job = SyncPayments(settings: settings, endpoint: sandbox.endpoint)
        try await job.run(.providerTesting(SyncPayments.name, database: db, now: Self.now, maxAttempts: maxAttempts))
    }

    @Test func run_eachProviderStatus_appliesItsTransition() async throws {
        let sandbox = try await SandboxProcess.start([], timeout: .seconds(60))
        try await withSchemaDatabase { _, db in
            let fixture = ProviderJobFixture(db: db, now: Self.now)
            let world = try fixture.world()
            try await sandbox.configure(["payments": ["pay_a": "approved", "pay_r": "rejected", "pay_c": "cancelled",
                                                      "pay_p": "pending", "pay_old": "pending"]])
            let approved = try fixture.pendingPayment("pay_a", world: world)
            let rejected = try fixture.pendingPayment("pay_r", world: world)
            let cancelled = try fixture.pendingPayment("pay_c", world: world)
            let pending = try fixture.pendingPayment("pay_p", world: world)
            let stale = try fixture.pendingPayment("pay_old", world: world, age: 3600)
            try await run(db, sandbox)

            let table: [(ids: (payment: Int, order: Int, listing: Int), payment: String, order: String, listing: String)] = [
                (approved, "approved", "paid", "sold"), (rejected, "rejected", "cancelled", "on_sale"),
                (cancelled, "cancelled", "cancelled", "on_sale"), (pending, "pending", "pending_payment", "reserved"),
                (stale, "expired", "expired", "on_sale"),
            ]
            for row in table {
                #expect(try fixture.text("SELECT status FROM payments WHERE id = \(row.ids.payment)") == row.payment)
                #expect(try fixture.text("SELECT status FROM orders WHERE id = \(row.ids.order)") == row.order)
                #expect(try fixture.text("SELECT status FROM listings WHERE id = \(row.ids.listing)") == row.listing)
            }
            #expect(try fixture.int("SELECT count(*) FROM tickets WHERE order_id = \(approved.order)") == 1)
            #expect(try fixture.int("SELECT count(*) FROM tickets") == 1)
            // The payout is available the hold period after the event ends, under the order's idempotency key.
            let payout = try #require(try db.queryFirst("""
                SELECT amount_minor, available_at = e.ends_at + interval '48 hours' AS on_time, idempotency_key, p.status
                  FROM payouts p JOIN orders o ON o.id = p.order_id JOIN listings l ON l.id = o.listing_id
                  JOIN events e ON e.id = l.event_id WHERE p.order_id = \(approved.order)
                """))
            #expect(try payout.decode("amount_minor", as: Int.self) == 9500)
            #expect(try payout.decode("on_time", as: Bool.self))
            #expect(try payout.decode("idempotency_key", as: String.self) == "payout:\(approved.order)")
            #expect(try payout.decode("status", as: String.self) == "pending")
            let keys = try db.query("SELECT dedupe_key FROM notifications ORDER BY dedupe_key").map { try $0.decode(0, as: String.self) }
            #expect(keys == [
                "payment-approved:\(approved.order)", "payment-failed:\(rejected.order)", "payment-failed:\(cancelled.order)",
                "payment-failed:\(stale.order)", "ticket-sold:\(approved.order)",
            ].sorted())
            // Still pending and young: checked again after the recheck interval.
            let recheck = try #require(try db.queryFirst("SELECT next_check_at, check_attempts FROM payments WHERE id = \(pending.payment)"))
            #expect(try recheck.decode("next_check_at", as: Date.self) == Self.now.addingTimeInterval(120))
            #expect(try recheck.decode("check_attempts", as: Int.self) == 1)

            // A second run finds nothing due and changes nothing twice.
            let before = try fixture.int("SELECT count(*) FROM notifications") + fixture.int("SELECT count(*) FROM payouts")
            try await run(db, sandbox)
            #expect(try fixture.int("SELECT count(*) FROM notifications") + fixture.int("SELECT count(*) FROM payouts") == before)
            #expect(try await sandbox.stats().count("GET /v1/payments/{id}") == 5)
        }
    }

    @Test func run_5xxThenSuccess_andThrottledWithRetryAfter_areRetriedByTheClient() async throws {
        let sandbox = try await SandboxProcess.start([], timeout: .seconds(60))
        try await withSchemaDatabase { _, db in
            let fixture = ProviderJobFixture(db: db, now: Self.now)
            let world = try fixture.world()
            try await sandbox.configure(["payments": ["pay_1": "approved"], "error_next": 2])
            let first = try fixture.pendingPayment("pay_1", world: world)
            try await run(db, sandbox)
            #expect(try fixture.text("SELECT status FROM payments WHERE id = \(first.payment)") == "approved")
            #expect(try await sandbox.stats().count(status: 503) == 2)

            try await sandbox.configure(["payments": ["pay_2": "rejected"], "throttle_next": 1, "retry_after": 1])
            let second = try fixture.pendingPayment("pay_2", world: world)
            let clock = ContinuousClock()
            let started = clock.now
            try await run(db, sandbox)
            #expect(clock.now - started >= .seconds(1))
            #expect(try fixture.text("SELECT status FROM payments WHERE id = \(second.payment)") == "rejected")
            #expect(try await sandbox.stats().count(status: 429) == 1)
        }
    }

    @Test func run_permanent404_recordedOnTheRow_thenExpiresWhenStale() async throws {
        let sandbox = try await SandboxProcess.start([], timeout: .seconds(60))
        try await withSchemaDatabase { _, db in
            let fixture = ProviderJobFixture(db: db, now: Self.now)
            let world = try fixture.world()
            try await sandbox.configure(["force_status": ["pay_young": 404, "pay_stale": 404], "payments": ["pay_ok": "approved"]])
            let young = try fixture.pendingPayment("pay_young", world: world)
            let stale = try fixture.pendingPayment("pay_stale", world: world, age: 7200)
            _ = try fixture.pendingPayment("pay_ok", world: world)
            try await run(db, sandbox)
            #expect(try fixture.text("SELECT status FROM payments WHERE id = \(young.payment)") == "pending")
            #expect(try fixture.text("SELECT last_error FROM payments WHERE id = \(young.payment)")?.contains("HTTP 404") == true)
            #expect(try fixture.text("SELECT status FROM payments WHERE id = \(stale.payment)") == "expired")
            #expect(try fixture.text("SELECT status FROM orders WHERE id = \(stale.order)") == "expired")
            #expect(try await sandbox.stats().count(status: 404) == 2)  // permanent: not retried
        }
    }

    @Test func run_providerDown_exits69AndReschedules() async throws {
        let sandbox = try await SandboxProcess.start(["--down", "503"], timeout: .seconds(60))
        try await withSchemaDatabase { _, db in
            let fixture = ProviderJobFixture(db: db, now: Self.now)
            let world = try fixture.world()
            let payment = try fixture.pendingPayment("pay_x", world: world, age: 7200)
            await #expect {
                try await run(db, sandbox, maxAttempts: 2)
            } throws: { error in
                (error as? JobError)?.code == .providerUnavailable
            }
            // A stale payment is not expired while the provider cannot say it was not approved.
            #expect(try fixture.text("SELECT status FROM payments WHERE id = \(payment.payment)") == "pending")
            #expect(try fixture.text("SELECT last_error FROM payments WHERE id = \(payment.payment)")?.contains("503") == true)
            #expect(try db.queryFirst("SELECT next_check_at FROM payments WHERE id = \(payment.payment)")?.decode(0, as: Date.self)
                == Self.now.addingTimeInterval(120))
        }
    }

    @Test func run_timeout_isTransientAndRecorded() async throws {
        let sandbox = try await SandboxProcess.start(["--latency", "1500"], timeout: .seconds(60))
        try await withSchemaDatabase { _, db in
            let fixture = ProviderJobFixture(db: db, now: Self.now)
            let world = try fixture.world()
            let payment = try fixture.pendingPayment("pay_slow", world: world)
            let job = SyncPayments(settings: Self.settings, endpoint: sandbox.endpoint)
            await #expect(throws: JobError.self) {
                try await job.run(.providerTesting(SyncPayments.name, database: db, now: Self.now, maxAttempts: 1, requestTimeout: .milliseconds(300)))
            }
            #expect(try fixture.text("SELECT last_error FROM payments WHERE id = \(payment.payment)")?.contains("timeout") == true)
        }
    }

    @Test func claim_usesThePartialIndex() async throws {
        try await withSchemaDatabase { _, db in
            try db.executeScript("SET enable_seqscan = off")
            let plan = try db.query("""
                EXPLAIN SELECT id FROM payments WHERE status = 'pending' AND next_check_at <= now()
                ORDER BY next_check_at, id LIMIT 100 FOR UPDATE SKIP LOCKED
                """).map { try $0.decode(0, as: String.self) }.joined(separator: "\n")
            #expect(plan.contains("payments_due_idx"))
        }
    }
}
