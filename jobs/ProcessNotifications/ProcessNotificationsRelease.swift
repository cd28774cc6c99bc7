import Foundation
import Postgres

/// Gives claimed notifications that were never sent back to the queue in one statement: `queued`, due now, the
/// claim's attempt taken back. Fenced like the completion (`status = 'sending' AND attempts = <our attempt>`), so a
/// row another run took over meanwhile is left alone.
struct NotificationRelease {
    let notifications: [ClaimedNotification]
    let now: Date

    /// How many rows went back to the queue.
    func run(on db: PostgresConnection) throws -> Int {
        guard !notifications.isEmpty else { return 0 }
        let sorted = notifications.sorted { $0.id < $1.id }  // the completion's lock order
        let ids = sorted.map(\.id)
        let attempts = sorted.map(\.attempt)
        let rows = try db.query("""
            WITH released AS (
                UPDATE notifications n
                   SET status = 'queued', attempts = n.attempts - 1, next_attempt_at = \(now),
                       lease_expires_at = NULL, updated_at = \(now)
                  FROM unnest(\(ids)::bigint[], \(attempts)::bigint[]) AS r(id, attempt)
                 WHERE n.id = r.id AND n.status = 'sending' AND n.attempts = r.attempt
                RETURNING n.id
            )
            SELECT count(*)::bigint AS n FROM released
            """)
        return try rows.first?.decode("n") ?? 0
    }
}
