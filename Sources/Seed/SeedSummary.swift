import Foundation
import Postgres

/// What a seed wrote: rows per table, rows per status, and the work that is due now for each job.
public struct SeedSummary: Sendable, CustomStringConvertible {
    public struct TableCount: Sendable, Equatable {
        public var table: String
        public var rows: Int
    }

    /// Work the jobs find at `now`, counted with the same conditions the jobs use.
    public struct DueWork: Sendable, Equatable {
        /// Queued or leased notifications whose time came (process-notifications).
        public var notifications: Int
        /// Pending payments due for a status check (sync-payments).
        public var payments: Int
        /// Pending or requested payouts due for a request or a poll (check-payout).
        public var payouts: Int
        /// Paid orders without an uploaded ticket whose event starts within 72 hours (notify-upload).
        public var pendingUploads: Int
    }

    public var options: SeedOptions
    /// In the order the tables were filled.
    public var rows: [TableCount]
    /// Table name to status to rows, for the tables with a status column.
    public var statuses: [String: [String: Int]]
    public var due: DueWork
    public var duration: Duration

    public func rows(in table: String) -> Int { rows.first { $0.table == table }?.rows ?? 0 }

    public var description: String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        var lines = ["seeded \(rows.reduce(0) { $0 + $1.rows }) rows in \(String(format: "%.1f", seconds))s (seed \(options.seed), scale \(options.scale))"]
        for count in rows {
            let table = count.table.padding(toLength: 14, withPad: " ", startingAt: 0)
            let number = String(count.rows)
            var line = "  \(table)\(String(repeating: " ", count: max(1, 9 - number.count)))\(number)"
            if let byStatus = statuses[count.table] {
                line += "   " + byStatus.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            }
            lines.append(line)
        }
        lines.append(
            "due now: \(due.notifications) notifications, \(due.payments) payments, \(due.payouts) payouts, "
                + "\(due.pendingUploads) paid orders awaiting a ticket upload within 72h"
        )
        return lines.joined(separator: "\n")
    }

    static let statusTables = ["listings", "orders", "payments", "payouts", "notifications"]

    static func measure(
        on db: PostgresConnection, options: SeedOptions, rows: [TableCount], now: Date, duration: Duration
    ) throws -> SeedSummary {
        var statuses: [String: [String: Int]] = [:]
        for table in statusTables {
            for row in try db.query("SELECT status, count(*) AS n FROM \(identifier: table) GROUP BY status") {
                statuses[table, default: [:]][try row.decode("status", as: String.self)] = try row.decode("n", as: Int.self)
            }
        }
        let windowEnd = now.addingTimeInterval(72 * 3600)
        let row = try db.queryFirst("""
            SELECT
              (SELECT count(*) FROM notifications WHERE status IN ('queued', 'sending') AND next_attempt_at <= \(now)) AS notifications,
              (SELECT count(*) FROM payments WHERE status = 'pending' AND next_check_at <= \(now)) AS payments,
              (SELECT count(*) FROM payouts WHERE status IN ('pending', 'requested') AND next_attempt_at <= \(now)) AS payouts,
              (SELECT count(*) FROM events e JOIN listings l ON l.event_id = e.id JOIN orders o ON o.listing_id = l.id
                WHERE e.status = 'scheduled' AND e.starts_at > \(now) AND e.starts_at <= \(windowEnd) AND o.status = 'paid'
                  AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.order_id = o.id AND t.uploaded_at IS NOT NULL)) AS uploads
            """)
        let due = DueWork(
            notifications: try row?.decode("notifications", as: Int.self) ?? 0,
            payments: try row?.decode("payments", as: Int.self) ?? 0,
            payouts: try row?.decode("payouts", as: Int.self) ?? 0,
            pendingUploads: try row?.decode("uploads", as: Int.self) ?? 0
        )
        return SeedSummary(options: options, rows: rows, statuses: statuses, due: due, duration: duration)
    }
}
