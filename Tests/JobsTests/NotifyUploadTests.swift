import Foundation
import Jobs
import Seed
import Postgres
import Runner
import Testing

@Suite struct NotifyUploadTests {
    static let now = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
    static let hour: TimeInterval = 3600

    /// Runs notify-upload once at `time`; returns how many notifications the run counted as queued.
    @discardableResult
    static func run(_ db: PostgresConnection, at time: Date, _ environment: [String: String] = [:], log: RecordedLog = RecordedLog()) async throws -> Int {
        let job = try NotifyUpload(configuration: Configuration(environment))
        let context = JobContext.testing(NotifyUpload.name, database: db, now: time, log: log)
        try await job.run(context)
        return context.items.ok
    }

    /// The keys queued for one order (`upload-reminder:<id>:<n>`, `upload-escalation:<id>`, ...).
    static func keys(of order: Int, in fixture: MarketplaceFixture) throws -> [String] {
        try fixture.dedupeKeys().filter { $0.split(separator: ":").dropFirst().first == "\(order)" }
    }

    @Test func run_windowAndEscalationEdges_queueOnlyInside() async throws {
        try await withSchemaDatabase { _, db in
            let fixture = MarketplaceFixture(db: db, now: Self.now)
            let seller = try fixture.user("seller"), buyer = try fixture.user("buyer")
            let cases: [(String, TimeInterval, String?)] = [
                ("exactly at the window end", 72 * Self.hour, "upload-reminder:%d:1"),
                ("just inside the window", 72 * Self.hour - 1, "upload-reminder:%d:1"),
                ("just outside the window", 72 * Self.hour + 1, nil),
                ("starting right now", 0, nil),
                ("already started", -Self.hour, nil),
                ("starting in a second", 1, "upload-escalation:%d"),
                ("exactly at the escalation threshold", 6 * Self.hour, "upload-escalation:%d"),
                ("just before the escalation threshold", 6 * Self.hour + 1, "upload-reminder:%d:1"),
            ]
            var orders: [Int] = []
            for (label, offset, _) in cases {
                let event = try fixture.event(startingIn: offset, name: label)
                orders.append(try fixture.order(event: event, seller: seller, buyer: buyer))
            }
            let queued = try await Self.run(db, at: Self.now)
            for ((label, _, expected), order) in zip(cases, orders) {
                let want = expected.map { [$0.replacingOccurrences(of: "%d", with: "\(order)")] } ?? []
                #expect(try Self.keys(of: order, in: fixture) == want, "\(label)")
            }
            #expect(queued == cases.filter { $0.2 != nil }.count)
            let row = try db.queryFirst("""
                SELECT count(*) AS n FROM notifications
                WHERE user_id = \(seller) AND status = 'queued' AND channel = 'email' AND attempts = 0
                  AND next_attempt_at = \(Self.now) AND created_at = \(Self.now)
                """)
            #expect(try row?.decode("n", as: Int.self) == queued)
        }
    }

    @Test func run_overTheDays_spacesRemindersCapsThemAndEscalatesOnce() async throws {
        try await withSchemaDatabase { _, db in
            let fixture = MarketplaceFixture(db: db, now: Self.now)
            let event = try fixture.event(startingIn: 70 * Self.hour)
            let order = try fixture.order(event: event, seller: try fixture.user("seller"), buyer: try fixture.user("buyer"))
            let timeline: [(hours: Double, newKeys: [String])] = [
                (0, ["upload-reminder:\(order):1"]),
                (1, []),
                (11.99, []),
                (12, ["upload-reminder:\(order):2"]),
                (12.5, []),
                (24, ["upload-reminder:\(order):3"]),
                (36, []),  // three is the cap
                (63.9, []),
                (64, ["upload-escalation:\(order)"]),  // 6 h before the event
                (65, []),
                (69.9, []),
                (70, []),  // the event started
            ]
            var seen: [String] = []
            for step in timeline {
                let queued = try await Self.run(db, at: Self.now.addingTimeInterval(step.hours * Self.hour))
                let keys = try Self.keys(of: order, in: fixture)
                #expect(keys == (seen + step.newKeys).sorted(), "at +\(step.hours)h")
                #expect(queued == step.newKeys.count, "at +\(step.hours)h")
                seen = keys
            }
        }
    }

    @Test func run_settingsFromEnvironment_changeCapSpacingAndOpsCopy() async throws {
        try await withSchemaDatabase { _, db in
            let fixture = MarketplaceFixture(db: db, now: Self.now)
            let seller = try fixture.user("seller"), buyer = try fixture.user("buyer")
            let soon = try fixture.order(event: try fixture.event(startingIn: 2 * Self.hour), seller: seller, buyer: buyer)
            let later = try fixture.order(event: try fixture.event(startingIn: 20 * Self.hour), seller: seller, buyer: buyer)
            let environment = [
                "NOTIFY_UPLOAD_MAX_REMINDERS": "1", "NOTIFY_UPLOAD_REMINDER_INTERVAL": "1h",
                "NOTIFY_UPLOAD_ESCALATION_BEFORE": "3h", "NOTIFY_UPLOAD_OPS_EMAIL": "ops@example.com",
            ]
            #expect(try await Self.run(db, at: Self.now, environment) == 3)
            #expect(try await Self.run(db, at: Self.now.addingTimeInterval(2 * Self.hour), environment) == 0)
            #expect(try Self.keys(of: soon, in: fixture) == ["upload-escalation-ops:\(soon)", "upload-escalation:\(soon)"])
            #expect(try Self.keys(of: later, in: fixture) == ["upload-reminder:\(later):1"])
            let ops = try db.queryFirst("""
                SELECT user_id, recipient, template, payload->>'seller_id' AS seller FROM notifications
                WHERE dedupe_key = \("upload-escalation-ops:\(soon)")
                """)
            #expect(try ops?.decode("user_id", as: Int?.self) == nil)
            #expect(try ops?.decode("recipient", as: String.self) == "ops@example.com")
            #expect(try ops?.decode("template", as: String.self) == "ticket_upload_escalation_ops")
            #expect(try ops?.decode("seller", as: String.self) == "\(seller)")
        }
    }

    @Test func run_ordersNotOwedAReminder_getNothing() async throws {
        try await withSchemaDatabase { _, db in
            let fixture = MarketplaceFixture(db: db, now: Self.now)
            let seller = try fixture.user("seller"), buyer = try fixture.user("buyer")
            let event = try fixture.event(startingIn: 30 * Self.hour)
            let cancelledEvent = try fixture.event(startingIn: 30 * Self.hour, status: "cancelled")
            let owed = [
                try fixture.order(event: event, seller: seller, buyer: buyer, ticket: .notUploaded),
                try fixture.order(event: event, seller: seller, buyer: buyer, ticket: .none),
            ]
            let notOwed = [
                try fixture.order(event: event, seller: seller, buyer: buyer, ticket: .uploaded),
                try fixture.order(event: event, seller: seller, buyer: buyer, status: "cancelled", ticket: .none),
                try fixture.order(event: event, seller: seller, buyer: buyer, status: "expired", ticket: .none),
                try fixture.order(event: event, seller: seller, buyer: buyer, status: "refunded", ticket: .notUploaded),
                try fixture.order(event: event, seller: seller, buyer: buyer, status: "pending_payment", ticket: .none),
                try fixture.order(event: cancelledEvent, seller: seller, buyer: buyer, ticket: .notUploaded),
            ]
            #expect(try await Self.run(db, at: Self.now) == owed.count)
            for order in owed { #expect(try Self.keys(of: order, in: fixture) == ["upload-reminder:\(order):1"]) }
            for order in notOwed { #expect(try Self.keys(of: order, in: fixture) == [], "order \(order)") }
        }
    }

    @Test func run_smallBatchesOverTiedEventStarts_examineEveryOrderOnce() async throws {
        try await withSchemaDatabase { _, db in
            let fixture = MarketplaceFixture(db: db, now: Self.now)
            let seller = try fixture.user("seller"), buyer = try fixture.user("buyer")
            var orders: [Int] = []
            for _ in 0..<5 {
                let event = try fixture.event(startingIn: 24 * Self.hour)  // five events starting at the same instant
                for _ in 0..<4 { orders.append(try fixture.order(event: event, seller: seller, buyer: buyer)) }
            }
            let log = RecordedLog()
            #expect(try await Self.run(db, at: Self.now, ["NOTIFY_UPLOAD_BATCH_SIZE": "3"], log: log) == 20)
            #expect(try fixture.dedupeKeys() == orders.map { "upload-reminder:\($0):1" }.sorted())
            let summary = log.last("queued ticket upload reminders")
            #expect(summary?.metadata["orders.examined"] == "20")
            #expect(summary?.metadata["notifications.reminders"] == "20")
            #expect(summary?.metadata["batch.count"] == "7")
        }
    }

    @Test func run_twoConcurrentRuns_queueEachNotificationOnce() async throws {
        try await withSchemaDatabase { database, db in
            let fixture = MarketplaceFixture(db: db, now: Self.now)
            let seller = try fixture.user("seller"), buyer = try fixture.user("buyer")
            var reminderOrders = 0, escalationOrders = 0
            for index in 0..<12 {
                let startsIn = index < 3 ? Double(index + 1) * Self.hour : Double(10 + index * 4) * Self.hour
                let event = try fixture.event(startingIn: startsIn)
                for _ in 0..<25 { _ = try fixture.order(event: event, seller: seller, buyer: buyer) }
                if index < 3 { escalationOrders += 25 } else { reminderOrders += 25 }
            }
            let other = try database.connect()
            defer { other.close() }
            let environment = ["NOTIFY_UPLOAD_BATCH_SIZE": "7", "NOTIFY_UPLOAD_OPS_EMAIL": "ops@example.com"]
            // Two rounds 12 h apart: the second must queue reminder 2 once, not twice, and no new escalation.
            for (round, offset) in [(1, 0.0), (2, 12 * Self.hour)] {
                let time = Self.now.addingTimeInterval(offset)
                async let first = Self.run(db, at: time, environment)
                async let second = Self.run(other, at: time, environment)
                let (a, b) = try await (first, second)
                let expected = round == 1 ? reminderOrders + 2 * escalationOrders : reminderOrders
                #expect(a + b == expected, "round \(round): runs counted \(a) + \(b)")
            }
            let counts = try db.queryFirst("""
                SELECT count(*) AS total,
                       count(*) FILTER (WHERE dedupe_key LIKE 'upload-reminder:%:1') AS first,
                       count(*) FILTER (WHERE dedupe_key LIKE 'upload-reminder:%:2') AS second,
                       count(*) FILTER (WHERE dedupe_key LIKE 'upload-escalation%') AS escalations
                FROM notifications
                """)
            #expect(try counts?.decode("first", as: Int.self) == reminderOrders)
            #expect(try counts?.decode("second", as: Int.self) == reminderOrders)
            #expect(try counts?.decode("escalations", as: Int.self) == 2 * escalationOrders)
            #expect(try counts?.decode("total", as: Int.self) == 2 * reminderOrders + 2 * escalationOrders)
        }
    }

    @Test func run_stopOrDeadlineBeforeFirstBatch_queuesNothing() async throws {
        try await withSchemaDatabase { _, db in
            let fixture = MarketplaceFixture(db: db, now: Self.now)
            _ = try fixture.order(event: try fixture.event(startingIn: 24 * Self.hour), seller: try fixture.user("s"), buyer: try fixture.user("b"))
            let job = NotifyUpload(settings: NotifyUploadSettings())
            let stop = StopFlag()
            stop.raise(15)
            await #expect(throws: JobInterruption.stopped(signal: 15)) {
                try await job.run(.testing(NotifyUpload.name, database: db, now: Self.now, stop: stop))
            }
            await #expect(throws: JobInterruption.deadlineReached) {
                try await job.run(.testing(NotifyUpload.name, database: db, now: Self.now, deadline: Deadline(timeout: .zero)))
            }
            #expect(try fixture.dedupeKeys() == [])
        }
    }

    @Test func run_reminderPayload_describesOrderAndEvent() async throws {
        try await withSchemaDatabase { _, db in
            let fixture = MarketplaceFixture(db: db, now: Self.now)
            let event = try fixture.event(startingIn: 46 * Self.hour, name: "Candombe Eléctrico")
            let order = try fixture.order(event: event, seller: try fixture.user("s"), buyer: try fixture.user("b"))
            try await Self.run(db, at: Self.now)
            let row = try db.queryFirst("SELECT template, payload FROM notifications WHERE dedupe_key = \("upload-reminder:\(order):1")")
            struct Payload: Decodable, Equatable {
                var order_id: Int, event_id: Int, event_name: String, event_starts_at: String, reminder: Int, max_reminders: Int
            }
            #expect(try row?.decode("template", as: String.self) == "ticket_upload_reminder")
            let payload = try row?.decode("payload", as: PostgresJSON.self).decode(Payload.self)
            #expect(payload == Payload(
                order_id: order, event_id: event, event_name: "Candombe Eléctrico",
                event_starts_at: "2026-01-02T22:00:00Z", reminder: 1, max_reminders: 3
            ))
        }
    }

    @Test func run_onSeededMarketplace_remindsEveryPendingUploadOnce() async throws {
        try await withSchemaDatabase { _, db in
            let seeded = try Seeder(options: SeedOptions(seed: 9, pendingUploads: 300)).run(on: db, now: Self.now)
            let before = try db.queryFirst("SELECT count(*) AS n FROM notifications")?.decode("n", as: Int.self) ?? 0
            let queued = try await Self.run(db, at: Self.now)
            #expect(queued >= 300 && queued <= seeded.due.pendingUploads)
            let after = try db.queryFirst("SELECT count(*) AS n FROM notifications")?.decode("n", as: Int.self) ?? 0
            #expect(after - before == queued)
            #expect(try await Self.run(db, at: Self.now.addingTimeInterval(1800)) == 0)
            // Every paid order awaiting its ticket in the window has had its first reminder or its escalation.
            let unreminded = try db.queryFirst("""
                SELECT count(*) AS n FROM orders o JOIN listings l ON l.id = o.listing_id JOIN events e ON e.id = l.event_id
                WHERE o.status = 'paid' AND e.status = 'scheduled'
                  AND e.starts_at > \(Self.now) AND e.starts_at <= \(Self.now.addingTimeInterval(72 * Self.hour))
                  AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.order_id = o.id AND t.uploaded_at IS NOT NULL)
                  AND NOT EXISTS (SELECT 1 FROM notifications n
                                  WHERE n.dedupe_key IN ('upload-reminder:' || o.id || ':1', 'upload-escalation:' || o.id))
                """)
            #expect(try unreminded?.decode("n", as: Int.self) == 0)
        }
    }
}
