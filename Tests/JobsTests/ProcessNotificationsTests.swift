import Foundation
import HTTP
import Postgres
import Runner
import Testing
@testable import Jobs

/// Serialized: each test starts its own sandbox (the per-key stats must be its own), one at a time.
@Suite(.serialized) struct ProcessNotificationsTests {
    typealias Fixture = NotificationsFixture
    static let now = Fixture.now

    @Test func run_dueNotifications_areSentOnceWithTheirKeyAndMarkedSent() async throws {
        try await withNotifications { f, _ in
            let buyer = try f.user("buyer", pushToken: "device-token-1")
            let email = try f.notification(user: buyer)
            let push = try f.notification(user: buyer, channel: "push")
            let ops = try f.notification(user: nil, recipient: "ops@example.com")
            let later = try f.notification(user: buyer, due: Self.now.addingTimeInterval(60))
            let context = try await f.run()

            for id in [email, push, ops] {
                let row = try f.row(id)
                #expect(row.status == "sent" && row.attempts == 1 && row.sentAt == Self.now && row.leaseExpiresAt == nil)
                #expect(row.messageID?.isEmpty == false && row.lastError == nil)
            }
            #expect(try f.row(push).messageID?.hasPrefix("push_") == true)
            #expect(try f.row(email).messageID?.hasPrefix("msg_") == true)
            #expect(try f.row(later) == Fixture.Row(status: "queued", attempts: 0, nextAttemptAt: Self.now.addingTimeInterval(60)))
            let stats = try await f.sandbox.stats()
            #expect(stats.keys == ["notification-\(email)": 1, "notification-\(push)": 1, "notification-\(ops)": 1])
            #expect(stats.count("POST /v1/push") == 1 && stats.count("POST /v1/messages") == 2)
            #expect(context.items.ok == 3 && context.items.failed == 0)
        }
    }

    @Test func run_transientFailure_requeuesWithBackoffAndLastError() async throws {
        try await withNotifications { f, _ in
            let user = try f.user("u")
            let failing = try f.notification(user: user, attempts: 2)
            let fine = try f.notification(user: user)
            try await f.sandbox.configure(["force_status": ["notification-\(failing)": 503]])
            let context = try await f.run(["HTTP_MAX_ATTEMPTS": "1"])

            let row = try f.row(failing)
            // Third attempt: 30 s · 2² = 120 s ceiling, equal jitter keeps it within [60 s, 120 s].
            #expect(row.status == "queued" && row.attempts == 3 && row.leaseExpiresAt == nil && row.sentAt == nil)
            #expect(row.nextAttemptAt >= Self.now.addingTimeInterval(60) && row.nextAttemptAt <= Self.now.addingTimeInterval(120))
            #expect(row.lastError?.contains("HTTP 503") == true)
            #expect(try f.row(fine).status == "sent")
            #expect(context.items.ok == 1 && context.items.failed == 1)
        }
    }

    @Test(arguments: [(404, "HTTP 404"), (422, "HTTP 422"), (400, "HTTP 400")])
    func run_permanentStatus_marksDeadWithLastError(status: Int, expected: String) async throws {
        try await withNotifications { f, _ in
            let id = try f.notification(user: try f.user("u"))
            try await f.sandbox.configure(["force_status": ["notification-\(id)": status]])
            let context = try await f.run()
            let row = try f.row(id)
            #expect(row.status == "dead" && row.attempts == 1 && row.leaseExpiresAt == nil && row.sentAt == nil)
            #expect(row.lastError?.contains(expected) == true)
            #expect(try await f.sandbox.stats().count(key: "notification-\(id)") == 1)  // a 4xx is not retried
            #expect(context.items.failed == 1)
        }
    }

    /// One malformed answer among good ones is that notification's failure (a whole batch of them is the
    /// provider's: `ProviderStopTests`).
    @Test(arguments: ["truncated", "wrong_types", "html", "error_body", "empty"])
    func run_malformedAnswer_isRecordedOnTheRow(mode: String) async throws {
        try await withNotifications { f, _ in
            let user = try f.user("u")
            let ids = [try f.notification(user: user), try f.notification(user: user)]
            try await f.sandbox.configure(["malformed_next": 1, "malformed_modes": [mode]])
            try await f.run()
            let rows = try ids.map(f.row)
            let dead = rows.filter { $0.status == "dead" }
            #expect(dead.count == 1 && dead.allSatisfy { $0.attempts == 1 && $0.lastError?.hasPrefix("malformed response") == true })
            #expect(rows.filter { $0.status == "sent" }.count == 1)
        }
    }

    @Test func run_noAddress_marksDeadWithoutCallingTheProvider() async throws {
        try await withNotifications { f, _ in
            let id = try f.notification(user: try f.user("no-app"), channel: "push")
            try await f.run()
            #expect(try f.row(id).status == "dead")
            #expect(try f.row(id).lastError == "the user has no push token")
            #expect(try await f.sandbox.stats().total == 0)
        }
    }

    @Test func run_lastAttemptFailsTransiently_marksDead() async throws {
        try await withNotifications { f, _ in
            let user = try f.user("u")
            let failing = try f.notification(user: user, attempts: 7)
            let fine = try f.notification(user: user)
            try await f.sandbox.configure(["force_status": ["notification-\(failing)": 500]])
            try await f.run(["HTTP_MAX_ATTEMPTS": "2"])
            let row = try f.row(failing)
            #expect(row.status == "dead" && row.attempts == 8 && row.lastError?.hasPrefix("gave up after 8 attempts") == true)
            #expect(try f.row(fine).status == "sent")
            #expect(try await f.sandbox.stats().count(key: "notification-\(failing)") == 2)
        }
    }

    @Test func run_5xxThenSuccess_isSentOnTheRetryWithTheSameKey() async throws {
        try await withNotifications { f, _ in
            let id = try f.notification(user: try f.user("u"))
            try await f.sandbox.configure(["error_next": 2, "error_status": 502])
            try await f.run()
            #expect(try f.row(id).status == "sent" && f.row(id).attempts == 1)
            let stats = try await f.sandbox.stats()
            #expect(stats.count(key: "notification-\(id)") == 3 && stats.count(status: 502) == 2 && stats.count(status: 200) == 1)
        }
    }

    @Test func run_429WithRetryAfter_waitsThenSends() async throws {
        try await withNotifications { f, _ in
            let id = try f.notification(user: try f.user("u"))
            try await f.sandbox.configure(["throttle_next": 1, "retry_after": 1])
            let started = ContinuousClock.now
            try await f.run()
            #expect(ContinuousClock.now - started >= .seconds(1))
            #expect(try f.row(id).status == "sent")
            #expect(try await f.sandbox.stats().count(status: 429) == 1)
        }
    }

    @Test func run_timeouts_requeueTheRow() async throws {
        try await withNotifications { f, _ in
            let user = try f.user("u")
            let slow = try f.notification(user: user)
            try await f.sandbox.configure(["latency_ms": 400])
            await #expect(throws: JobError.self) {
                try await f.run(["HTTP_TIMEOUT": "100ms", "HTTP_MAX_ATTEMPTS": "2"])
            }
            let row = try f.row(slow)
            // Alone in its batch, its timeouts are the provider's: given back, the attempt not counted.
            #expect(row.status == "queued" && row.attempts == 0 && row.lastError?.contains("timeout") == true)
            #expect(row.nextAttemptAt > Self.now)
        }
    }
}
