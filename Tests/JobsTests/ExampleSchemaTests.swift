import Foundation
import Jobs
import Postgres
import Runner
import TestSupport
import Testing

@Suite struct ExampleSchemaTests {
    @Test func migrations_versionsAscendUniquelyWithoutTransactionControl() {
        let versions = ExampleSchema.migrations.map(\.version)
        #expect(versions == Array(1...versions.count))
        for migration in ExampleSchema.migrations {
            // The engine wraps each migration in its own transaction; a COMMIT inside would break that.
            let upper = migration.sql.uppercased()
            #expect(!upper.contains("COMMIT") && !upper.contains("BEGIN;"), "migration \(migration.version)")
        }
    }

    @Test func migrations_appliedTwice_secondPassAppliesNothing() async throws {
        try await withSchemaDatabase { _, db in
            #expect(try SchemaMigrator.apply(ExampleSchema.migrations, on: db) == [])
            let tables = try db.query("""
                SELECT table_name::text AS name FROM information_schema.tables
                WHERE table_schema = 'public' AND table_name <> 'test_schema_versions' ORDER BY 1
                """).map { try $0.decode("name", as: String.self) }
            #expect(tables == ExampleSchema.tables.sorted())
            let versions = try db.query("SELECT version FROM test_schema_versions ORDER BY 1").map { try $0.decode("version", as: Int.self) }
            #expect(versions == [1, 2, 3, 4])
        }
    }

    @Test func migrations_onFreshDatabase_applyEveryVersionOnce() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let db = try database.connect()
        defer { db.close() }
        #expect(try SchemaMigrator.apply(ExampleSchema.migrations, on: db) == [1, 2, 3, 4])
        #expect(try SchemaMigrator.apply(ExampleSchema.migrations, on: db) == [])
    }

    @Test func schema_everyTimeColumn_isTimestamptz() async throws {
        try await withSchemaDatabase { _, db in
            let wrong = try db.query("""
                SELECT table_name || '.' || column_name AS name FROM information_schema.columns
                WHERE table_schema = 'public' AND (column_name LIKE '%\\_at' OR data_type LIKE 'timestamp%')
                  AND data_type <> 'timestamp with time zone'
                """).map { try $0.decode("name", as: String.self) }
            #expect(wrong == [])
        }
    }

    @Test func schema_badValues_rejectedByConstraints() async throws {
        try await withSchemaDatabase { _, db in
            let fixture = MarketplaceFixture(db: db, now: Date(timeIntervalSince1970: 1_767_225_600))
            let seller = try fixture.user("seller"), buyer = try fixture.user("buyer")
            let event = try fixture.event(startingIn: 86_400)
            let order = try fixture.order(event: event, seller: seller, buyer: buyer)
            let listing = try db.queryFirst("SELECT listing_id FROM orders WHERE id = \(order)")?.decode("listing_id", as: Int.self) ?? 0
            let cases: [(PostgresQuery, SQLState, String)] = [
                ("UPDATE orders SET status = 'shipped' WHERE id = \(order)", .checkViolation, "orders_status_check"),
                ("UPDATE orders SET paid_at = NULL WHERE id = \(order)", .checkViolation, "orders_paid_at_check"),
                ("UPDATE listings SET currency = 'uy' WHERE id = \(listing)", .checkViolation, "listings_currency_check"),
                ("""
                 INSERT INTO orders (buyer_id, listing_id, status, subtotal_minor, total_minor, currency)
                 VALUES (\(buyer), \(listing), 'pending_payment', 150000, 150000, 'UYU')
                 """, .uniqueViolation, "orders_live_listing_key"),
                ("""
                 INSERT INTO payments (order_id, provider_payment_id, status, amount_minor, currency)
                 VALUES (\(order), 'p1', 'approved', 165000, 'UYU')
                 """, .checkViolation, "payments_resolved_at_check"),
                ("""
                 INSERT INTO notifications (channel, template, dedupe_key) VALUES ('email', 'x', 'k')
                 """, .checkViolation, "notifications_recipient_check"),
                ("""
                 INSERT INTO notifications (user_id, channel, template, dedupe_key, status) VALUES (\(seller), 'email', 'x', 'k', 'sending')
                 """, .checkViolation, "notifications_lease_check"),
                ("""
                 INSERT INTO payouts (seller_id, order_id, amount_minor, currency, status, available_at, next_attempt_at, idempotency_key)
                 VALUES (\(seller), \(order), 100, 'UYU', 'requested', now(), now(), 'payout:1')
                 """, .checkViolation, "payouts_requested_check"),
            ]
            for (statement, state, constraint) in cases {
                #expect {
                    try db.execute(statement)
                } throws: { error in
                    let error = error as? PostgresError
                    return error?.sqlState == state && error?.constraint == constraint
                }
            }
            try db.execute("INSERT INTO notifications (user_id, channel, template, dedupe_key) VALUES (\(seller), 'email', 'x', 'dup')")
            #expect {
                try db.execute("INSERT INTO notifications (user_id, channel, template, dedupe_key) VALUES (\(buyer), 'push', 'y', 'dup')")
            } throws: { ($0 as? PostgresError)?.sqlState == .uniqueViolation }
        }
    }
}
