import Foundation
import Grammar
import Postgres

/// A notification leased by this run: what to send, where, and the attempt number that fences its completion.
struct ClaimedNotification: Sendable, Equatable {
    var id: Int
    /// The attempt this claim is (attempts after the claim's increment); the completion only applies while the
    /// row still has it, so a run whose lease was taken over cannot overwrite the new owner's outcome.
    var attempt: Int
    var channel: String
    var template: String
    /// The explicit recipient, else the user's email (email) or push token (push); nil when there is none.
    var address: String?
    /// The payload's top-level values as strings (non-strings as their JSON text).
    var data: [String: String]

    /// Stable for the row, so a retry, a takeover and a rerun all reuse it and the provider sends once.
    var idempotencyKey: String { "notification-" + String(id) }
}

/// One claim: leases up to `limit` due notifications (queued and due, or `sending` with an expired lease) in one
/// statement. Due rows come from `notifications_due_idx` (`next_attempt_at, id` over queued/sending rows) and are
/// locked with SKIP LOCKED, so concurrent runs claim disjoint rows; the lease sets `next_attempt_at` to its
/// expiry, so the same index finds the row again only once the lease ran out.
struct NotificationClaim {
    let limit: Int
    let now: Date
    let leaseUntil: Date

    func run(on db: PostgresConnection) throws -> [ClaimedNotification] {
        try db.query(query).map { row in
            let dataText: String = try row.decode("data")
            let data = FlatJSONObject(dataText.utf8)?.textMembers ?? [:]  // the query flattens every value to text
            return ClaimedNotification(
                id: try row.decode("id"), attempt: try row.decode("attempts"), channel: try row.decode("channel"),
                template: try row.decode("template"), address: try row.decode("address"), data: data)
        }
    }

    var query: PostgresQuery {
        """
        WITH claimed AS (
            UPDATE notifications n
               SET status = 'sending', attempts = n.attempts + 1, lease_expires_at = \(leaseUntil),
                   next_attempt_at = \(leaseUntil), updated_at = \(now)
             WHERE n.id = ANY (ARRAY(
                       SELECT d.id FROM notifications d
                        WHERE d.status IN ('queued', 'sending') AND d.next_attempt_at <= \(now)
                        ORDER BY d.next_attempt_at, d.id
                        LIMIT \(limit)
                          FOR UPDATE SKIP LOCKED))
               AND n.status IN ('queued', 'sending') AND n.next_attempt_at <= \(now)
            RETURNING n.id, n.user_id, n.recipient, n.channel, n.template, n.payload, n.attempts
        )
        SELECT c.id, c.attempts, c.channel, c.template,
               COALESCE(c.recipient, CASE c.channel WHEN 'email' THEN u.email ELSE u.push_token END) AS address,
               COALESCE((SELECT jsonb_object_agg(p.key, CASE jsonb_typeof(p.value) WHEN 'string' THEN p.value #>> '{}'
                                                                             ELSE p.value::text END)
                           FROM jsonb_each(c.payload) p), '{}'::jsonb)::text AS data
          FROM claimed c
          LEFT JOIN users u ON u.id = c.user_id
         ORDER BY c.id
        """
    }
}
