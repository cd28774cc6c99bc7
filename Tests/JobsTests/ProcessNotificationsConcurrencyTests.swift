import Foundation
import Postgres
import Runner
import Testing
@testable import Jobs

@Suite(.serialized) struct ProcessNotificationsConcurrencyTests {
    typealias Fixture = NotificationsFixture

    /// Concurrent runs, each on its own connection, over one backlog: every key reaches the provider exactly once.
    @Test(arguments: [2, 8])
    func run_concurrentRuns_sendEachKeyExactlyOnceAndDrainTheBacklog(runs: Int) async throws {
        try await withNotifications(sandbox: ["--latency", "1-4"]) { f, database in
            let ids = try f.backlog(600)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<runs {
                    group.addTask {
                        let connection = try database.connect()
                        defer { connection.close() }
                        try await f.run(["PROCESS_NOTIFICATIONS_BATCH_SIZE": "25"], on: connection)
                    }
                }
                try await group.waitForAll()
            }
            let stats = try await f.sandbox.stats()
            #expect(Set(stats.keys.keys) == Set(ids.map { "notification-\($0)" }))
            #expect(stats.keys.values.allSatisfy { $0 == 1 })
            #expect(stats.total == ids.count)
            #expect(try f.count(status: "sent") == ids.count)
            let distinct: Int = try f.db.queryFirst("SELECT count(DISTINCT provider_message_id) AS n FROM notifications")!.decode("n")
            #expect(distinct == ids.count)
        }
    }

    @Test func run_expiredLeases_areTakenOverAndLiveLeasesLeftAlone() async throws {
        try await withNotifications { f, _ in
            let user = try f.user("u")
            let abandoned = try f.notification(user: user, status: "sending", attempts: 1, lease: Fixture.now.addingTimeInterval(-1))
            let live = try f.notification(user: user, status: "sending", attempts: 1, lease: Fixture.now.addingTimeInterval(30))
            try await f.run()
            #expect(try f.row(abandoned).status == "sent" && f.row(abandoned).attempts == 2)
            #expect(try f.row(live) == Fixture.Row(
                status: "sending", attempts: 1, nextAttemptAt: Fixture.now.addingTimeInterval(30),
                leaseExpiresAt: Fixture.now.addingTimeInterval(30)))
        }
    }

    /// A run whose lease was taken over writes nothing over the new owner's outcome.
    @Test func completion_afterTakeover_leavesTheNewOwnersRowAlone() async throws {
        try await withNotifications { f, _ in
            let id = try f.notification(user: try f.user("u"))
            let first = try NotificationClaim(limit: 10, now: Fixture.now, leaseUntil: Fixture.now.addingTimeInterval(1)).run(on: f.db)
            let later = Fixture.now.addingTimeInterval(2)
            let second = try NotificationClaim(limit: 10, now: later, leaseUntil: later.addingTimeInterval(60)).run(on: f.db)
            #expect(first.map(\.attempt) == [1] && second.map(\.attempt) == [2])
            let stale = NotificationOutcome(id: id, attempt: 1, status: .dead, lastError: "stale")
            #expect(try NotificationCompletion(outcomes: [stale], now: later).run(on: f.db).isEmpty)
            #expect(try f.row(id).status == "sending" && f.row(id).attempts == 2)
            let current = NotificationOutcome(id: id, attempt: 2, status: .sent, messageID: "msg_1")
            #expect(try NotificationCompletion(outcomes: [current], now: later).run(on: f.db) == [.sent: 1])
        }
    }

    /// A batch claimed ahead and never sent goes back due now with its attempt taken back; a row another run took
    /// over in the meantime is left to its new owner.
    @Test func release_unsentBatch_requeuesWithTheAttemptTakenBackButSparesTakenOverRows() async throws {
        try await withNotifications { f, _ in
            let user = try f.user("u")
            let kept = try f.notification(user: user)
            let takenOver = try f.notification(user: user)
            let claimed = try NotificationClaim(limit: 10, now: Fixture.now, leaseUntil: Fixture.now.addingTimeInterval(1)).run(on: f.db)
            #expect(claimed.map(\.id).sorted() == [kept, takenOver].sorted())
            let later = Fixture.now.addingTimeInterval(2)
            try f.db.execute("UPDATE notifications SET attempts = 2, lease_expires_at = \(later), next_attempt_at = \(later) WHERE id = \(takenOver)")
            #expect(try NotificationRelease(notifications: claimed, now: later).run(on: f.db) == 1)
            #expect(try f.row(kept) == Fixture.Row(status: "queued", attempts: 0, nextAttemptAt: later, leaseExpiresAt: nil))
            #expect(try f.row(takenOver).status == "sending" && f.row(takenOver).attempts == 2)
        }
    }

    /// A batch claimed ahead waits for the batch in flight (here 2 × 1.2 s of a 3 s send window); its own sends
    /// still get a whole window, so a slow but healthy provider is not cut off or taken for down.
    @Test func run_slowProvider_batchClaimedAheadStillGetsAWholeSendWindow() async throws {
        try await withNotifications(sandbox: ["--latency", "1200"]) { f, _ in
            let ids = try f.backlog(4)
            try await f.run(["PROCESS_NOTIFICATIONS_BATCH_SIZE": "2", "HTTP_CONCURRENCY": "1", "PROCESS_NOTIFICATIONS_LEASE": "4s"])
            let rows = try ids.map(f.row)
            #expect(rows.allSatisfy { $0.status == "sent" && $0.attempts == 1 }, "\(rows)")
            #expect(try await f.sandbox.stats().total == 4)
        }
    }

    @Test func run_providerDown_releasesTheBatchAndThrowsProviderUnavailable() async throws {
        try await withNotifications(sandbox: ["--down", "503"]) { f, _ in
            let ids = try f.backlog(30)
            let error = await #expect(throws: JobError.self) {
                try await f.run(["HTTP_MAX_ATTEMPTS": "2", "PROCESS_NOTIFICATIONS_BATCH_SIZE": "10", "PROCESS_NOTIFICATIONS_MAX_ATTEMPTS": "1"])
            }
            #expect(error?.code == .providerUnavailable)
            // Only the first batch was tried; its rows are queued again, later, attempts not counted, not dead.
            let rows = try ids.map(f.row)
            let tried = rows.filter { $0.lastError != nil }
            #expect(tried.count == 10)
            #expect(tried.allSatisfy { $0.status == "queued" && $0.leaseExpiresAt == nil && $0.nextAttemptAt > Fixture.now })
            #expect(rows.allSatisfy { $0.status == "queued" && $0.attempts == 0 })
            #expect(try f.count(status: "sending") == 0 && f.count(status: "dead") == 0)
        }
    }

    @Test func run_stopSignalMidBatch_finishesTheBatchThenStops() async throws {
        try await withNotifications(sandbox: ["--latency", "200"]) { f, _ in
            let ids = try f.backlog(40)
            let stop = StopFlag()
            let stopper = Task {
                try await Task.sleep(for: .milliseconds(100))
                stop.raise(15)
            }
            await #expect(throws: JobInterruption.stopped(signal: 15)) {
                try await f.run(["PROCESS_NOTIFICATIONS_BATCH_SIZE": "10", "HTTP_CONCURRENCY": "10"], stop: stop)
            }
            _ = try await stopper.value
            let rows = try ids.map(f.row)
            #expect(rows.filter { $0.status == "sent" }.count == 10)
            #expect(rows.filter { $0.status == "queued" && $0.attempts == 0 }.count == 30)
            #expect(try f.count(status: "sending") == 0)
        }
    }
}
