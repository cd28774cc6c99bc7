import Foundation
import Postgres

/// Builds exactly the rows a notify-upload test needs, with explicit times.
struct MarketplaceFixture {
    enum Ticket { case none, notUploaded, uploaded }

    let db: PostgresConnection
    let now: Date

    func user(_ name: String) throws -> Int {
        try insert("INSERT INTO users (email, display_name, created_at) VALUES (\(name + "@example.com"), \(name), \(now)) RETURNING id")
    }

    func event(startingIn offset: TimeInterval, status: String = "scheduled", name: String = "Show") throws -> Int {
        let startsAt = now.addingTimeInterval(offset)
        return try insert("""
            INSERT INTO events (name, venue, city, starts_at, ends_at, status, created_at)
            VALUES (\(name), 'Arena', 'Montevideo', \(startsAt), \(startsAt.addingTimeInterval(10_800)), \(status), \(now))
            RETURNING id
            """)
    }

    /// A listing of `event` by `seller`, an order of it in `status` by `buyer`, and the ticket as asked.
    func order(event: Int, seller: Int, buyer: Int, status: String = "paid", ticket: Ticket = .notUploaded) throws -> Int {
        let listingStatus = ["paid": "sold", "pending_payment": "reserved"][status] ?? "on_sale"
        let listing = try insert("""
            INSERT INTO listings (seller_id, event_id, section, price_minor, currency, status, created_at, updated_at)
            VALUES (\(seller), \(event), 'Campo', 150000, 'UYU', \(listingStatus), \(now), \(now)) RETURNING id
            """)
        let paidAt: Date? = ["paid", "refunded"].contains(status) ? now.addingTimeInterval(-86_400) : nil
        let closedAt: Date? = ["cancelled", "expired", "refunded"].contains(status) ? now.addingTimeInterval(-3600) : nil
        let order = try insert("""
            INSERT INTO orders (buyer_id, listing_id, status, subtotal_minor, fee_minor, total_minor, currency,
                                created_at, updated_at, paid_at, closed_at)
            VALUES (\(buyer), \(listing), \(status), 150000, 15000, 165000, 'UYU', \(now), \(now), \(paidAt), \(closedAt))
            RETURNING id
            """)
        switch ticket {
        case .none: break
        case .notUploaded:
            try db.execute("INSERT INTO tickets (order_id, created_at) VALUES (\(order), \(now))")
        case .uploaded:
            try db.execute("""
                INSERT INTO tickets (order_id, file_key, uploaded_at, created_at)
                VALUES (\(order), 'tickets/x.pdf', \(now.addingTimeInterval(-60)), \(now))
                """)
        }
        return order
    }

    /// The dedupe keys queued so far, sorted.
    func dedupeKeys(like pattern: String = "%") throws -> [String] {
        try db.query("SELECT dedupe_key FROM notifications WHERE dedupe_key LIKE \(pattern) ORDER BY dedupe_key")
            .map { try $0.decode("dedupe_key", as: String.self) }
    }

    private func insert(_ query: PostgresQuery) throws -> Int {
        guard let row = try db.queryFirst(query) else { throw FixtureError() }
        return try row.decode("id", as: Int.self)
    }

    struct FixtureError: Error {}
}
