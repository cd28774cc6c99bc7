import Foundation
import Postgres

/// Writes a batch's outcomes in one statement (`unnest` of parallel arrays), each row guarded by
/// `status = 'sending' AND attempts = <our attempt>`: a row whose lease another run took over is left alone.
/// A `returned` row goes back to `queued` with the claim's attempt taken back.
struct NotificationCompletion {
    let outcomes: [NotificationOutcome]
    let now: Date

    /// Rows updated per new status; rows missing here lost their lease to another run.
    func run(on db: PostgresConnection) throws -> [NotificationOutcome.Status: Int] {
        guard !outcomes.isEmpty else { return [:] }
        let sorted = outcomes.sorted { $0.id < $1.id }  // one lock order for every run
        let ids = sorted.map(\.id)
        let attempts = sorted.map(\.attempt)
        let statuses = sorted.map(\.status.rawValue)
        let nextAttempts: [Date?] = sorted.map(\.nextAttemptAt)
        let errors: [String?] = sorted.map(\.lastError)
        let messageIDs: [String?] = sorted.map(\.messageID)
        let rows = try db.query("""
            WITH done AS (
                UPDATE notifications n
                   SET status = CASE o.status WHEN 'returned' THEN 'queued' ELSE o.status END,
                       attempts = n.attempts - CASE o.status WHEN 'returned' THEN 1 ELSE 0 END,
                       sent_at = CASE WHEN o.status = 'sent' THEN \(now) END,
                       provider_message_id = COALESCE(o.message_id, n.provider_message_id),
                       last_error = CASE WHEN o.status = 'sent' THEN NULL ELSE o.last_error END,
                       next_attempt_at = COALESCE(o.next_attempt_at, \(now)),
                       lease_expires_at = NULL,
                       updated_at = \(now)
                  FROM unnest(\(ids)::bigint[], \(attempts)::bigint[], \(statuses)::text[], \(nextAttempts)::timestamptz[],
                              \(errors)::text[], \(messageIDs)::text[])
                       AS o(id, attempt, status, next_attempt_at, last_error, message_id)
                 WHERE n.id = o.id AND n.status = 'sending' AND n.attempts = o.attempt
                RETURNING o.status
            )
            SELECT status, count(*)::bigint AS n FROM done GROUP BY status
            """)
        var counts: [NotificationOutcome.Status: Int] = [:]
        for row in rows {
            if let status = NotificationOutcome.Status(rawValue: try row.decode("status")) {
                counts[status] = try row.decode("n")
            }
        }
        return counts
    }
}
