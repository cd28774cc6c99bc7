import Foundation
import Jobs
import Postgres

/// Fills the example schema with a realistic, deterministic marketplace (see `SeedOptions`).
///
/// Rows are generated as streams and written with COPY in chunks, so a million notifications take
/// seconds and a few megabytes. Everything runs in one transaction: a failed seed leaves nothing behind.
public struct Seeder: Sendable {
    public let options: SeedOptions
    /// Listings generated (and then written with their orders, payments, tickets, payouts) per COPY chunk.
    static let listingChunk = 10_000
    /// Bulk notifications per COPY.
    static let notificationChunk = 50_000

    public init(options: SeedOptions) throws(SeedError) {
        try options.validate()
        self.options = options
    }

    /// Writes the dataset; every time in it is relative to `now` (whole seconds), so it always has due work.
    public func run(on connection: PostgresConnection, now: Date) throws -> SeedSummary {
        let started = ContinuousClock.now
        let world = SeedWorld(plan: SeedPlan(options), seed: options.seed, now: Int(now.timeIntervalSince1970.rounded(.down)))
        let counts = try connection.transaction { db in
            try checkSchema(db)
            try prepareTables(db)
            let foreignKeys = try dropForeignKeys(db)
            let counts = try copyAll(world, into: db)
            try foreignKeys?.restore(on: db)
            for table in ExampleSchema.tables {
                // Later inserts by the jobs and the tests take ids after the seeded ones.
                try db.execute("SELECT setval(pg_get_serial_sequence(\(table), 'id'), COALESCE(max(id), 0) + 1, false) FROM \(identifier: table)")
            }
            try db.executeScript("ANALYZE " + ExampleSchema.tables.joined(separator: ", "))
            return counts
        }
        return try SeedSummary.measure(on: connection, options: options, rows: counts, now: now, duration: started.duration(to: .now))
    }

    /// Nil when the seeding role does not own the tables: the load then runs with the keys in place, slower.
    private func dropForeignKeys(_ db: PostgresConnection) throws -> SeedForeignKeys? {
        do {
            return try db.transaction { try SeedForeignKeys.drop(on: $0, tables: ExampleSchema.tables) }
        } catch let error as PostgresError where error.sqlState == .insufficientPrivilege {
            return nil
        }
    }

    private func checkSchema(_ db: PostgresConnection) throws {
        let row = try db.queryFirst("SELECT string_agg(t, ', ') AS missing FROM unnest(\(ExampleSchema.tables)) AS t WHERE to_regclass(t) IS NULL")
        if let missing = try row?.decode("missing", as: String?.self) {
            throw SeedError(.schemaMissing, "the example schema is missing (\(missing)): run `cronjob migrate --example-schema` first")
        }
    }

    private func prepareTables(_ db: PostgresConnection) throws {
        if options.replaceExisting {
            try db.executeScript("TRUNCATE " + ExampleSchema.tables.joined(separator: ", ") + " RESTART IDENTITY")
            return
        }
        for table in ExampleSchema.tables {
            let row = try db.queryFirst("SELECT EXISTS (SELECT 1 FROM \(identifier: table)) AS taken")
            if try row?.decode("taken", as: Bool.self) == true {
                throw SeedError(.notEmpty, "table \(table) already has rows: seed an empty database, or replace its data with --replace")
            }
        }
    }

    private func copyAll(_ world: SeedWorld, into db: PostgresConnection) throws -> [SeedSummary.TableCount] {
        let plan = world.plan
        var count: [String: Int] = [:]
        count["users"] = try db.copyIn("COPY \(SeedRows.users) FROM STDIN", rows: (1...plan.users).lazy.map { SeedRows.row(world.user($0)) })
        count["events"] = try db.copyIn("COPY \(SeedRows.events) FROM STDIN", rows: (1...plan.events).lazy.map { SeedRows.row(world.event($0)) })
        for start in stride(from: 1, through: plan.listings, by: Self.listingChunk) {
            let listings = (start...min(start + Self.listingChunk - 1, plan.listings)).map(world.listing)
            let orders = listings.lazy.flatMap { listing in listing.orders.lazy.map { (listing, $0) } }
            count["listings", default: 0] += try db.copyIn("COPY \(SeedRows.listings) FROM STDIN", rows: listings.lazy.map(SeedRows.row))
            count["orders", default: 0] += try db.copyIn("COPY \(SeedRows.orders) FROM STDIN", rows: orders.map { SeedRows.row($1, listing: $0) })
            count["tickets", default: 0] += try db.copyIn("COPY \(SeedRows.tickets) FROM STDIN", rows: orders.compactMap { SeedRows.ticketRow($1) })
            count["payments", default: 0] += try db.copyIn("COPY \(SeedRows.payments) FROM STDIN", rows: orders.map { SeedRows.paymentRow($1) })
            count["payouts", default: 0] += try db.copyIn("COPY \(SeedRows.payouts) FROM STDIN", rows: orders.compactMap { SeedRows.payoutRow($1, listing: $0) })
        }
        count["notifications"] = try copyNotifications(world, into: db)
        return ExampleSchema.tables.map { SeedSummary.TableCount(table: $0, rows: count[$0] ?? 0) }
    }

    /// Demo notifications (derived from the demo orders), then the bulk ones, numbered in that order.
    private func copyNotifications(_ world: SeedWorld, into db: PostgresConnection) throws -> Int {
        let plan = world.plan
        let ids = IDCounter()
        let statement = "COPY \(SeedRows.notifications) FROM STDIN"
        var total = 0
        for start in stride(from: 1, through: plan.demoListings, by: Self.listingChunk) {
            let listings = (start...min(start + Self.listingChunk - 1, plan.demoListings)).lazy.map(world.listing)
            let rows = listings.flatMap { world.notifications(for: $0) }.map { SeedRows.row($0, id: ids.next()) }
            total += try db.copyIn(statement, rows: rows)
        }
        for start in stride(from: 1, through: plan.bulkNotifications, by: Self.notificationChunk) {
            let indexes = start...min(start + Self.notificationChunk - 1, plan.bulkNotifications)
            total += try db.copyIn(statement, rows: indexes.lazy.map { SeedRows.row(world.bulkNotification($0), id: ids.next()) })
        }
        return total
    }
}

/// Hands out consecutive ids while a lazy row sequence is consumed.
private final class IDCounter {
    private var last = 0
    func next() -> Int {
        last += 1
        return last
    }
}
