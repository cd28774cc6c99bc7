import Runner

/// The tables the jobs expect: a ticket resale marketplace. Applied by `cronjob migrate --example-schema`.
///
/// Conventions every job relies on:
/// - Money is an integer amount of minor units (`bigint`, e.g. cents) next to an ISO 4217 `char(3)` currency.
/// - Times are `timestamptz`. Jobs write times from their injected clock, not `now()`, so tests can pin "now".
/// - Statuses are `text` with a CHECK constraint; every change is a guarded transition
///   (`UPDATE … SET status = 'approved' WHERE id = $1 AND status = 'pending'`), so a rerun or a concurrent
///   run changes nothing twice.
/// - Work queues (payments to check, payouts to request or poll, notifications to send) carry a
///   `next_*_at` column and a partial index on the due rows only. A claim sets that column to the lease
///   expiry, so one index finds both fresh work and work left by a killed run.
/// - Notifications are deduplicated by `dedupe_key` (`INSERT … ON CONFLICT (dedupe_key) DO NOTHING`).
///
/// Versions are never reused or edited once shipped: a change is a new migration appended to the list.
public enum ExampleSchema {
    /// In version order; the migration engine applies each one in its own transaction and records its version.
    public static let migrations: [Migration] = [
        Migration(version: 1, name: "marketplace", sql: marketplaceSQL),
        Migration(version: 2, name: "payments", sql: paymentsSQL),
        Migration(version: 3, name: "payouts", sql: payoutsSQL),
        Migration(version: 4, name: "notifications", sql: notificationsSQL),
    ]

    /// Every table the migrations create, parents before children (the order a seed fills them in).
    public static let tables = [
        "users", "events", "listings", "orders", "tickets", "payments", "payouts", "notifications",
    ]
}
