import Foundation
import Postgres

/// The reads of `cronjob status`: one job of one environment, bounded by time or count (indexes on job, started_at).
extension RunHistory {
    /// Runs that started, or were scheduled, in `from...through`.
    public func runs(job: String, environment: String, from: Date, through: Date) throws -> [RunRecord] {
        try connection.query("""
            SELECT \(unescaped: Self.columns) FROM cronjob_runs
             WHERE job = \(job) AND environment = \(environment)
               AND ((started_at >= \(from) AND started_at <= \(through)) OR (scheduled_at >= \(from) AND scheduled_at <= \(through)))
             ORDER BY started_at, id
            """).map(Self.record)
    }

    /// The latest run at or before `through`; with `status`, the latest of that status; with `scheduledOnly`, manual runs
    /// are left out.
    public func lastRun(job: String, environment: String, through: Date, status: RunStatus? = nil, scheduledOnly: Bool = false) throws -> RunRecord? {
        try connection.query("""
            SELECT \(unescaped: Self.columns) FROM cronjob_runs
             WHERE job = \(job) AND environment = \(environment) AND started_at <= \(through)
               AND (\(status?.rawValue)::text IS NULL OR status = \(status?.rawValue))
               AND (NOT \(scheduledOnly) OR trigger = 'schedule')
             ORDER BY started_at DESC, id LIMIT 1
            """).first.map(Self.record)
    }

    /// The earliest occurrence ever served (or attempted) by a scheduled run.
    public func firstScheduledAt(job: String, environment: String) throws -> Date? {
        try connection.queryFirst("""
            SELECT min(scheduled_at) AS first FROM cronjob_runs
             WHERE job = \(job) AND environment = \(environment) AND trigger = 'schedule'
            """)?.decode("first", as: Date?.self)
    }

    /// The latest scheduled runs that ended (neither skipped, duplicate nor still running), most recent first.
    public func recentOutcomes(job: String, environment: String, through: Date, limit: Int) throws -> [RunRecord] {
        try connection.query("""
            SELECT \(unescaped: Self.columns) FROM cronjob_runs
             WHERE job = \(job) AND environment = \(environment) AND trigger = 'schedule' AND started_at <= \(through)
               AND status NOT IN ('skipped', 'duplicate', 'running')
             ORDER BY started_at DESC, id LIMIT \(limit)
            """).map(Self.record)
    }
}
