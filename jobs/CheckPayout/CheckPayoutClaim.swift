import Foundation
import Postgres

/// A payout claimed by this run. The claim set `lease_expires_at` (the claim's token) and `next_attempt_at` to the
/// lease expiry before any call, so a killed run's payout is taken over after it, with the same idempotency key.
struct ClaimedPayout: Sendable, Equatable {
    var id: Int
    var sellerID: Int
    var orderID: Int
    var amountMinor: Int64
    var currency: String
    /// `pending` (to request) or `requested` (to poll).
    var status: String
    /// Requests made so far, this one included when pending.
    var attempts: Int
    var providerPayoutID: String?
    var idempotencyKey: String

    var isRequest: Bool { status == "pending" }
}

/// Claims the next due payouts in one short statement, probing `payouts_due_idx`: pending payouts that became
/// available, requested payouts whose poll is due, and both kinds left leased by a killed run.
enum CheckPayoutClaim {
    static func claim(on db: PostgresConnection, now: Date, lease: Date, limit: Int) throws -> [ClaimedPayout] {
        try db.query("""
            UPDATE payouts
               SET lease_expires_at = \(lease), next_attempt_at = \(lease), updated_at = \(now),
                   attempts = attempts + CASE WHEN status = 'pending' THEN 1 ELSE 0 END
             WHERE id = ANY(ARRAY(
                       SELECT id FROM payouts
                        WHERE status IN ('pending', 'requested') AND next_attempt_at <= \(now)
                          AND (status = 'requested' OR available_at <= \(now))
                        ORDER BY next_attempt_at, id
                        LIMIT \(limit)
                        FOR UPDATE SKIP LOCKED))
               AND status IN ('pending', 'requested')
            RETURNING id, seller_id, order_id, amount_minor, currency, status, attempts, provider_payout_id, idempotency_key
            """).map { row in
            ClaimedPayout(
                id: try row.decode("id"), sellerID: try row.decode("seller_id"), orderID: try row.decode("order_id"),
                amountMinor: try row.decode("amount_minor"), currency: try row.decode("currency"),
                status: try row.decode("status"), attempts: try row.decode("attempts"),
                providerPayoutID: try row.decode("provider_payout_id"), idempotencyKey: try row.decode("idempotency_key"))
        }
    }
}
