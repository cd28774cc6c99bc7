import Foundation
import Jobs
import Seed
import Postgres
import TestSupport
import Testing

@Suite struct SeederTests {
    static let now = Date(timeIntervalSince1970: 1_767_225_600)

    /// One md5 over every row of every table, in id order: equal checksums mean identical data.
    static func checksums(_ db: PostgresConnection) throws -> [String: String] {
        var sums: [String: String] = [:]
        for table in ExampleSchema.tables {
            let row = try db.queryFirst("SELECT md5(string_agg(t::text, ',' ORDER BY t.id)) AS sum FROM \(identifier: table) t")
            sums[table] = try row?.decode("sum", as: String?.self) ?? ""
        }
        return sums
    }

    @Test func seed_sameSeed_identicalRows_otherSeed_differentRows() async throws {
        try await withSchemaDatabase { _, db in
            let first = try Seeder(options: SeedOptions(seed: 11)).run(on: db, now: Self.now)
            let firstSums = try Self.checksums(db)
            let again = try Seeder(options: SeedOptions(seed: 11, replaceExisting: true)).run(on: db, now: Self.now)
            #expect(try Self.checksums(db) == firstSums)
            #expect(again.rows == first.rows)
            _ = try Seeder(options: SeedOptions(seed: 12, replaceExisting: true)).run(on: db, now: Self.now)
            let otherSums = try Self.checksums(db)
            for table in ExampleSchema.tables {
                #expect(otherSums[table] != firstSums[table], "\(table) did not change with the seed")
            }
        }
    }

    @Test func seed_demo_hasEveryStateAndDueWorkForEveryJob() async throws {
        try await withSchemaDatabase { _, db in
            let summary = try Seeder(options: SeedOptions(seed: 3)).run(on: db, now: Self.now)
            #expect(summary.rows(in: "users") == 400 && summary.rows(in: "events") == 60)
            #expect(Set(summary.statuses["orders", default: [:]].keys) == ["pending_payment", "paid", "cancelled", "expired", "refunded"])
            #expect(Set(summary.statuses["listings", default: [:]].keys) == ["on_sale", "reserved", "sold", "withdrawn"])
            #expect(Set(summary.statuses["payments", default: [:]].keys) == ["pending", "approved", "rejected", "cancelled", "expired"])
            #expect(Set(summary.statuses["payouts", default: [:]].keys) == ["pending", "requested", "paid", "failed", "on_hold"])
            #expect(Set(summary.statuses["notifications", default: [:]].keys) == ["queued", "sending", "sent", "dead"])
            #expect(summary.due.notifications >= 50 && summary.due.payments >= 20)
            #expect(summary.due.payouts >= 10 && summary.due.pendingUploads >= 10)
            let facts = try db.queryFirst("""
                SELECT
                  (SELECT count(*) FROM tickets WHERE uploaded_at IS NULL) AS not_uploaded,
                  (SELECT count(*) FROM tickets WHERE uploaded_at IS NOT NULL) AS uploaded,
                  (SELECT count(*) FROM payments WHERE status = 'pending' AND created_at < \(Self.now.addingTimeInterval(-7200))) AS stale,
                  (SELECT count(*) FROM events WHERE starts_at < \(Self.now)) AS past,
                  (SELECT count(*) FROM events WHERE starts_at > \(Self.now.addingTimeInterval(7 * 86_400))) AS far,
                  (SELECT count(*) FROM notifications WHERE status = 'sending' AND lease_expires_at < \(Self.now)) AS abandoned
                """)
            for column in ["not_uploaded", "uploaded", "stale", "past", "far", "abandoned"] {
                #expect(try facts?.decode(column, as: Int.self) ?? 0 > 0, "no \(column) rows")
            }
            #expect(summary.description.contains("due now: \(summary.due.notifications) notifications"))
        }
    }

    @Test func seed_volumeOptions_addExactlyThatMuchDueWork() async throws {
        try await withSchemaDatabase { _, db in
            let none = SeedOptions(seed: 5, notifications: 0, payments: 0, payouts: 0, pendingUploads: 0)
            let base = try Seeder(options: none).run(on: db, now: Self.now).due
            var more = none
            (more.notifications, more.payments, more.payouts, more.pendingUploads, more.replaceExisting) = (2500, 30, 20, 40, true)
            let due = try Seeder(options: more).run(on: db, now: Self.now).due
            #expect(due.notifications - base.notifications == 2500)
            #expect(due.payments - base.payments == 30)
            #expect(due.payouts - base.payouts == 20)
            #expect(due.pendingUploads - base.pendingUploads == 40)
        }
    }

    @Test func seed_afterLoad_keepsForeignKeysAndSequences_refusesSecondSeed() async throws {
        try await withSchemaDatabase { _, db in
            let foreignKeys: PostgresQuery = "SELECT count(*) AS n FROM pg_constraint WHERE contype = 'f' AND convalidated"
            let before = try db.queryFirst(foreignKeys)?.decode("n", as: Int.self)
            let summary = try Seeder(options: SeedOptions(seed: 1)).run(on: db, now: Self.now)
            #expect(try db.queryFirst(foreignKeys)?.decode("n", as: Int.self) == before)
            #expect {
                try db.execute("INSERT INTO notifications (user_id, channel, template, dedupe_key) VALUES (999999, 'email', 'x', 'k')")
            } throws: { ($0 as? PostgresError)?.sqlState == .foreignKeyViolation }
            #expect {
                try Seeder(options: SeedOptions(seed: 1)).run(on: db, now: Self.now)
            } throws: { ($0 as? SeedError)?.code == .notEmpty }
            let id = try db.queryFirst("INSERT INTO users (email, display_name) VALUES ('new@example.com', 'New') RETURNING id")?
                .decode("id", as: Int.self)
            #expect(id == summary.rows(in: "users") + 1)
        }
    }

    @Test func seed_roleThatDoesNotOwnTheTables_seedsWithKeysInPlace() async throws {
        try await withSchemaDatabase { database, db in
            let role = "seeder_" + database.name.suffix(12)
            try db.executeScript("""
                CREATE ROLE \(role) LOGIN PASSWORD 'seed-pw';
                GRANT SELECT, INSERT, TRUNCATE ON ALL TABLES IN SCHEMA public TO \(role);
                GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO \(role);
                """)
            defer { _ = try? db.executeScript("DROP OWNED BY \(role); DROP ROLE \(role)") }
            guard var url = URLComponents(string: database.url) else { throw SeedError(.invalidOption, "bad test URL") }
            (url.user, url.password) = (role, "seed-pw")
            let limited = try PostgresConnection.connect(PostgresConfiguration(source: .url(url.string ?? "")))
            defer { limited.close() }
            let foreignKeys: PostgresQuery = "SELECT count(*) AS n FROM pg_constraint WHERE contype = 'f'"
            let before = try db.queryFirst(foreignKeys)?.decode("n", as: Int.self)
            let summary = try Seeder(options: SeedOptions(seed: 2)).run(on: limited, now: Self.now)
            #expect(summary.rows(in: "orders") > 0)
            #expect(try db.queryFirst(foreignKeys)?.decode("n", as: Int.self) == before)
        }
    }

    @Test func seed_withoutSchema_saysToMigrateFirst() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let db = try database.connect()
        defer { db.close() }
        #expect {
            try Seeder(options: SeedOptions()).run(on: db, now: Self.now)
        } throws: { error in
            (error as? SeedError)?.code == .schemaMissing && "\(error)".contains("migrate --example-schema")
        }
    }
}
