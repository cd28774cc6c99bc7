import Foundation
import Postgres

/// Reads and writes `cronjob_runs`. Callers treat every error here as "history unavailable": it never blocks a job.
public struct RunHistory: Sendable {
    public enum Claim: Sendable, Equatable {
        case started
        /// Another run already holds or completed this occurrence.
        case duplicate
    }

    let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Inserts the `running` row. With a scheduled occurrence, the partial unique index makes a second
    /// delivery insert nothing, which is reported as `.duplicate`.
    /// A dead `running` row of the same occurrence (`staleness`) is marked `lost` first, so it never blocks a redelivery.
    public func begin(_ record: RunRecord, staleness: RunStaleness) throws -> Claim {
        if let scheduledAt = record.scheduledAt {
            try markLost(job: record.job, environment: record.environment, scheduledAt: scheduledAt,
                         staleness: staleness, at: record.startedAt)
        }
        let rows = try connection.query("""
            INSERT INTO cronjob_runs (id, job, environment, trigger, scheduled_at, started_at, status, version, ecs_task_arn,
                                      host, lost_after)
            VALUES (\(record.id), \(record.job), \(record.environment), \(record.trigger), \(record.scheduledAt),
                    \(record.startedAt), 'running', \(record.version), \(record.ecsTaskARN), \(record.host), \(record.lostAfter))
            ON CONFLICT (job, environment, scheduled_at)
                WHERE scheduled_at IS NOT NULL AND status IN ('running', 'succeeded') DO NOTHING
            RETURNING id
            """)
        return rows.isEmpty ? .duplicate : .started
    }

    /// Marks `lost` the job's `running` rows that are dead at `now` by the one rule of `RunStaleness` (only those of
    /// one occurrence when `scheduledAt` is given). Returns their ids. `finished_at` stays NULL: nobody saw the end.
    @discardableResult
    public func markLost(
        job: String, environment: String, scheduledAt: Date? = nil, staleness: RunStaleness, at now: Date
    ) throws -> [UUID] {
        try connection.query("""
            UPDATE cronjob_runs
               SET status = 'lost',
                   error = 'no end recorded: still running past its timeout plus the drain grace (killed without a trace)'
             WHERE job = \(job) AND environment = \(environment) AND status = 'running'
               AND (\(scheduledAt)::timestamptz IS NULL OR scheduled_at = \(scheduledAt))
               AND COALESCE(lost_after, started_at + \(staleness.fallbackSeconds) * interval '1 second') < \(now)
            RETURNING id
            """).map { try $0.decode("id", as: UUID.self) }
    }

    /// Inserts a finished row in one go (skipped and duplicate runs).
    public func insertFinished(_ record: RunRecord) throws {
        try connection.execute("""
            INSERT INTO cronjob_runs (id, job, environment, trigger, scheduled_at, started_at, finished_at, status,
                                      exit_code, items_ok, items_failed, error, version, ecs_task_arn, host)
            VALUES (\(record.id), \(record.job), \(record.environment), \(record.trigger), \(record.scheduledAt),
                    \(record.startedAt), \(record.finishedAt), \(record.status.rawValue), \(record.exitCode.map(Int.init)),
                    \(record.itemsOK), \(record.itemsFailed), \(record.error), \(record.version), \(record.ecsTaskARN), \(record.host))
            """)
    }

    public func finish(
        id: UUID, status: RunStatus, exitCode: Int32, itemsOK: Int, itemsFailed: Int, error: String?, finishedAt: Date
    ) throws {
        try connection.execute("""
            UPDATE cronjob_runs
               SET status = \(status.rawValue), exit_code = \(Int(exitCode)), items_ok = \(itemsOK),
                   items_failed = \(itemsFailed), error = \(error), finished_at = \(finishedAt)
             WHERE id = \(id)
            """)
    }

    /// Most recent first.
    public func recent(job: String?, environment: String? = nil, limit: Int) throws -> [RunRecord] {
        let rows = try connection.query("""
            SELECT id, job, environment, trigger, scheduled_at, started_at, finished_at, status, exit_code,
                   items_ok, items_failed, error, ecs_task_arn, version, host, lost_after
              FROM cronjob_runs
             WHERE (\(job)::text IS NULL OR job = \(job)) AND (\(environment)::text IS NULL OR environment = \(environment))
             ORDER BY started_at DESC, id
             LIMIT \(limit)
            """)
        return try rows.map(Self.record)
    }

    static let columns = """
        id, job, environment, trigger, scheduled_at, started_at, finished_at, status, exit_code,
        items_ok, items_failed, error, ecs_task_arn, version, host, lost_after
        """

    static func record(_ row: PostgresRow) throws -> RunRecord {
        RunRecord(
            id: try row.decode("id"), job: try row.decode("job"), environment: try row.decode("environment"),
            trigger: try row.decode("trigger"), scheduledAt: try row.decode("scheduled_at"),
            startedAt: try row.decode("started_at"), finishedAt: try row.decode("finished_at"),
            status: RunStatus(rawValue: try row.decode("status", as: String.self)) ?? .failed,
            exitCode: try row.decode("exit_code", as: Int?.self).map { Int32($0) },
            itemsOK: try row.decode("items_ok"), itemsFailed: try row.decode("items_failed"),
            error: try row.decode("error"), ecsTaskARN: try row.decode("ecs_task_arn"),
            version: try row.decode("version"), host: try row.decode("host"), lostAfter: try row.decode("lost_after")
        )
    }
}
