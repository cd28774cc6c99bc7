import Foundation
@testable import Jobs
import Postgres
import Runner
import Testing
import TestSupport

/// Provider-level failures (a refused token, a provider answering only malformed or HTML error pages) stop the run
/// and give the claimed items back uncounted; item-level answers stay item failures. Real PostgreSQL, real sandbox.
@Suite("provider-level failures stop the run; item-level ones do not", .serialized)
struct ProviderStopTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    @Test func processNotifications_tokenAnswered401_exits78_andLeavesEveryNotificationDueUncounted() async throws {
        try await withNotifications(sandbox: ["--token", "the-right-token"]) { f, _ in
            let user = try f.user("u", pushToken: "device-1")
            let ids = [
                try f.notification(user: user, attempts: 2), try f.notification(user: user),
                try f.notification(user: user, channel: "push", attempts: 5),
            ]
            let error = await #expect(throws: JobError.self) {
                try await f.run(["PROCESS_NOTIFICATIONS_MAX_ATTEMPTS": "3"])
            }
            #expect(error?.code == .providerUnauthorized)
            #expect(RunFailure.classify(try #require(error)).exitCode == 78)
            #expect(error?.message.contains("EMAIL_API_TOKEN") == true || error?.message.contains("PUSH_API_TOKEN") == true)
            #expect(error?.message.contains("the-right-token") == false)
            let rows = try ids.map(f.row)
            #expect(rows.map(\.attempts) == [2, 0, 5], "attempts unchanged")
            #expect(rows.allSatisfy { $0.status == "queued" && $0.leaseExpiresAt == nil && $0.lastError?.contains("HTTP 401") == true })
            #expect(try f.count(status: "dead") == 0 && f.count(status: "sending") == 0)
            #expect(try await f.sandbox.stats().count(status: 401) == 3)  // a refusal is not retried
        }
    }

    @Test func checkPayout_tokenAnswered403_exits78_andNoPayoutGoesOnHold() async throws {
        let sandbox = try await SandboxProcess.start([], timeout: .seconds(60))
        defer { sandbox.stop() }
        try await sandbox.configure(["token": "the-right-token", "token_status": 403])
        try await withSchemaDatabase { _, db in
            let fixture = ProviderJobFixture(db: db, now: Self.now)
            let world = try fixture.world(eventEndsIn: -3 * 86_400)
            let ids = [try fixture.pendingPayout(world: world), try fixture.pendingPayout(world: world)]
            let job = CheckPayout(settings: CheckPayoutSettings(batchSize: 10, maxAttempts: 1), endpoint: sandbox.endpoint)
            let error = await #expect(throws: JobError.self) {
                try await job.run(.providerTesting(CheckPayout.name, database: db, now: Self.now, maxAttempts: 2))
            }
            #expect(error?.code == .providerUnauthorized)
            #expect(RunFailure.classify(try #require(error)).exitCode == 78)
            #expect(error?.message.contains("PAYOUTS_API_TOKEN") == true && error?.message.contains("PAYOUTS_API_URL") == true)
            for id in ids {
                #expect(try fixture.text("SELECT status FROM payouts WHERE id = \(id)") == "pending")
                #expect(try fixture.int("SELECT attempts FROM payouts WHERE id = \(id)") == 0)
                #expect(try fixture.text("SELECT last_error FROM payouts WHERE id = \(id)")?.contains("HTTP 403") == true)
            }
            #expect(try fixture.int("SELECT count(*) FROM payouts WHERE lease_expires_at IS NOT NULL OR status = 'on_hold'") == 0)
        }
    }

    /// Every answer malformed (all five modes), or every answer a proxy's HTML 502 page: 69, nothing counted failed.
    @Test(arguments: [
        ["malformed_rate": 1, "malformed_modes": ["truncated", "wrong_types", "html", "error_body", "empty"]] as [String: any Sendable],
        ["error_rate": 1, "error_status": 502, "error_html": true],
    ])
    func syncPayments_everyAnswerBroken_exits69_andGivesThePaymentsBack(knobs: [String: any Sendable]) async throws {
        let sandbox = try await SandboxProcess.start([], timeout: .seconds(60))
        defer { sandbox.stop() }
        try await sandbox.configure(knobs)
        try await withSchemaDatabase { _, db in
            let fixture = ProviderJobFixture(db: db, now: Self.now)
            let world = try fixture.world()
            var payments: [Int] = []
            for index in 0..<5 { payments.append(try fixture.pendingPayment("pay_\(index)", world: world, age: 7200).payment) }
            let job = SyncPayments(settings: SyncPaymentsSettings(batchSize: 2), endpoint: sandbox.endpoint)
            let context = JobContext.providerTesting(SyncPayments.name, database: db, now: Self.now, maxAttempts: 2)
            let error = await #expect(throws: JobError.self) { try await job.run(context) }
            #expect(error?.code == .providerUnavailable)
            #expect(RunFailure.classify(try #require(error)).exitCode == 69)
            #expect(error?.message.contains("PAYMENTS_API_URL") == true)
            // Stale, yet not expired: the provider never said anything usable about them.
            #expect(try fixture.int("SELECT count(*) FROM payments WHERE status = 'pending' AND check_attempts = 0") == 5)
            #expect(try fixture.int("SELECT count(*) FROM orders WHERE status = 'pending_payment'") == 5)
            #expect(context.items.failed == 0)
            let tried = try fixture.int("SELECT count(*) FROM payments WHERE last_error IS NOT NULL")
            #expect(tried >= 2, "the first batch's payments carry the answer")
        }
    }

    /// 404 and 422 are about one payment; even a batch of nothing else does not stop the run.
    @Test func syncPayments_itemLevel404And422_stayItemFailures_andTheRunSucceeds() async throws {
        let sandbox = try await SandboxProcess.start([], timeout: .seconds(60))
        defer { sandbox.stop() }
        try await sandbox.configure([
            "force_status": ["pay_missing": 404, "pay_refused": 422, "pay_gone": 404, "pay_bad": 422],
            "payments": ["pay_ok": "approved"],
        ])
        try await withSchemaDatabase { _, db in
            let fixture = ProviderJobFixture(db: db, now: Self.now)
            let world = try fixture.world()
            let missing = try fixture.pendingPayment("pay_missing", world: world)
            let refused = try fixture.pendingPayment("pay_refused", world: world)
            let ok = try fixture.pendingPayment("pay_ok", world: world)
            let context = JobContext.providerTesting(SyncPayments.name, database: db, now: Self.now)
            try await SyncPayments(settings: SyncPaymentsSettings(batchSize: 10), endpoint: sandbox.endpoint).run(context)
            #expect(try fixture.text("SELECT last_error FROM payments WHERE id = \(missing.payment)")?.contains("HTTP 404") == true)
            #expect(try fixture.text("SELECT last_error FROM payments WHERE id = \(refused.payment)")?.contains("HTTP 422") == true)
            #expect(try fixture.int("SELECT check_attempts FROM payments WHERE id = \(refused.payment)") == 1)
            #expect(try fixture.text("SELECT status FROM payments WHERE id = \(ok.payment)") == "approved")
            #expect(context.items.failed == 2 && context.items.ok == 1)

            // A batch of nothing but item-level refusals is still not an outage.
            let gone = try fixture.pendingPayment("pay_gone", world: world)
            let bad = try fixture.pendingPayment("pay_bad", world: world)
            let second = JobContext.providerTesting(SyncPayments.name, database: db, now: Self.now)
            try await SyncPayments(settings: SyncPaymentsSettings(batchSize: 10), endpoint: sandbox.endpoint).run(second)
            #expect(second.items.failed == 2)
            #expect(try fixture.int("SELECT count(*) FROM payments WHERE id IN (\(gone.payment), \(bad.payment)) AND check_attempts = 1") == 2)
        }
    }

    /// One notification answered 404 and one 422 among good ones: those two are dead, the rest sent, no stop.
    @Test func processNotifications_item404And422AmongGoodOnes_areItemFailures() async throws {
        try await withNotifications { f, _ in
            let user = try f.user("u")
            let notFound = try f.notification(user: user)
            let refused = try f.notification(user: user)
            let fine = [try f.notification(user: user), try f.notification(user: user)]
            try await f.sandbox.configure(["force_status": ["notification-\(notFound)": 404, "notification-\(refused)": 422]])
            let context = try await f.run()
            #expect(try f.row(notFound).status == "dead" && f.row(notFound).lastError?.contains("HTTP 404") == true)
            #expect(try f.row(refused).status == "dead" && f.row(refused).lastError?.contains("HTTP 422") == true)
            #expect(try fine.map(f.row).allSatisfy { $0.status == "sent" })
            #expect(context.items.failed == 2 && context.items.ok == 2)
        }
    }
}
