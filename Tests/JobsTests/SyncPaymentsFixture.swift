import Foundation
import HTTP
import Logging
import Postgres
import Runner
import TestSupport

/// Rows and contexts for the sync-payments and check-payout tests, against a real sandbox.
struct ProviderJobFixture {
    let db: PostgresConnection
    let now: Date

    /// A buyer, a seller and an event ending `eventEndsIn` from now.
    func world(eventEndsIn: TimeInterval = 7 * 86_400) throws -> (seller: Int, buyer: Int, event: Int) {
        let tag = UUID().uuidString.prefix(8).lowercased()
        let seller = try id("INSERT INTO users (email, display_name) VALUES (\("s\(tag)@example.com"), 'Seller') RETURNING id")
        let buyer = try id("INSERT INTO users (email, display_name) VALUES (\("b\(tag)@example.com"), 'Buyer') RETURNING id")
        let ends = now.addingTimeInterval(eventEndsIn)
        let event = try id("""
            INSERT INTO events (name, venue, city, starts_at, ends_at) VALUES ('Show', 'Arena', 'Montevideo',
            \(ends.addingTimeInterval(-10_800)), \(ends)) RETURNING id
            """)
        return (seller, buyer, event)
    }

    /// A reserved listing, its pending order and a pending payment created `age` ago; returns (payment, order, listing).
    func pendingPayment(
        _ providerID: String, world: (seller: Int, buyer: Int, event: Int), age: TimeInterval = 60
    ) throws -> (payment: Int, order: Int, listing: Int) {
        let created = now.addingTimeInterval(-age)
        let listing = try id("""
            INSERT INTO listings (seller_id, event_id, section, price_minor, currency, status)
            VALUES (\(world.seller), \(world.event), 'Campo', 10000, 'USD', 'reserved') RETURNING id
            """)
        let order = try id("""
            INSERT INTO orders (buyer_id, listing_id, status, subtotal_minor, fee_minor, total_minor, currency, created_at)
            VALUES (\(world.buyer), \(listing), 'pending_payment', 10000, 1000, 11000, 'USD', \(created)) RETURNING id
            """)
        let payment = try id("""
            INSERT INTO payments (order_id, provider_payment_id, amount_minor, currency, created_at, next_check_at)
            VALUES (\(order), \(providerID), 11000, 'USD', \(created), \(created)) RETURNING id
            """)
        return (payment, order, listing)
    }

    /// A paid order and its pending payout available at `availableIn` from now; returns the payout id.
    func pendingPayout(world: (seller: Int, buyer: Int, event: Int), availableIn: TimeInterval = -60) throws -> Int {
        let listing = try id("""
            INSERT INTO listings (seller_id, event_id, section, price_minor, currency, status)
            VALUES (\(world.seller), \(world.event), 'Campo', 10000, 'USD', 'sold') RETURNING id
            """)
        let order = try id("""
            INSERT INTO orders (buyer_id, listing_id, status, subtotal_minor, fee_minor, total_minor, currency, paid_at)
            VALUES (\(world.buyer), \(listing), 'paid', 10000, 1000, 11000, 'USD', \(now.addingTimeInterval(-86_400))) RETURNING id
            """)
        let available = now.addingTimeInterval(availableIn)
        return try id("""
            INSERT INTO payouts (seller_id, order_id, amount_minor, currency, available_at, next_attempt_at, idempotency_key)
            VALUES (\(world.seller), \(order), 9500, 'USD', \(available), \(available), \("payout:\(order)")) RETURNING id
            """)
    }

    func text(_ query: PostgresQuery) throws -> String? {
        try db.queryFirst(query)?.decode(0, as: String?.self)
    }

    func int(_ query: PostgresQuery) throws -> Int {
        try db.queryFirst(query)?.decode(0, as: Int.self) ?? -1
    }

    private func id(_ query: PostgresQuery) throws -> Int {
        guard let row = try db.queryFirst(query) else { throw NoRowReturned() }
        return try row.decode("id", as: Int.self)
    }
}

struct NoRowReturned: Error {}

extension JobContext {
    /// A context pinned to `now` whose HTTP client retries quickly (the tests wait for Retry-After, not backoff).
    static func providerTesting(
        _ job: String, database: PostgresConnection, now: Date, log: RecordedLog = RecordedLog(),
        mode: HTTPClientMode = .live, maxAttempts: Int = 3, requestTimeout: Duration = .seconds(5)
    ) -> JobContext {
        let logger = Logger(label: "jobs-tests") { _ in RecordingLogHandler(log: log) }
        let http = HTTPClient(
            configuration: HTTPClientConfiguration(
                concurrency: 8, requestTimeout: requestTimeout,
                retry: HTTPRetryPolicy(maxAttempts: maxAttempts, baseDelay: .milliseconds(10), maxDelay: .milliseconds(50), budget: .seconds(15))),
            mode: mode, logger: logger)
        return JobContext(
            jobName: job, environment: "test", database: database, http: http, configuration: Configuration(),
            logger: logger, clock: FixedClock(now), deadline: .distant, isDryRun: mode != .live)
    }
}

extension SandboxProcess {
    /// The endpoint the provider clients take (the sandbox runs without a token check).
    var endpoint: ProviderEndpoint { ProviderEndpoint(baseURL: baseURL, token: BearerToken("test-token")) }
}
