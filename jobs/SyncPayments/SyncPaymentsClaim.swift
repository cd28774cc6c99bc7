import Foundation
import Postgres

/// A pending payment claimed by this run: its claim pushed `next_check_at` past the lease and bumped
/// `check_attempts`, which is the claim's token (a completion only applies while it still matches).
struct ClaimedPayment: Sendable, Equatable {
    var id: Int
    var providerPaymentID: String
    var checkAttempts: Int
    var createdAt: Date
}

/// Claims the next due pending payments in one short statement, probing `payments_due_idx`.
enum SyncPaymentsClaim {
    static func claim(on db: PostgresConnection, now: Date, lease: Date, limit: Int) throws -> [ClaimedPayment] {
        try db.query("""
            UPDATE payments
               SET next_check_at = \(lease), check_attempts = check_attempts + 1
             WHERE id = ANY(ARRAY(
                       SELECT id FROM payments
                        WHERE status = 'pending' AND next_check_at <= \(now)
                        ORDER BY next_check_at, id
                        LIMIT \(limit)
                        FOR UPDATE SKIP LOCKED))
               AND status = 'pending'
            RETURNING id, provider_payment_id, check_attempts, created_at
            """).map { row in
            ClaimedPayment(
                id: try row.decode("id"), providerPaymentID: try row.decode("provider_payment_id"),
                checkAttempts: try row.decode("check_attempts"), createdAt: try row.decode("created_at"))
        }
    }
}
