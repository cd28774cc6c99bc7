import Foundation

/// The one rule for runs that started and never finished: a `running` row older than its run's timeout plus the
/// drain grace (`CRONJOB_DRAIN_GRACE`) is dead, not live. The run itself cannot outlive that (the deadline cuts it
/// off, then the drain grace), so only a kill without a trace (SIGKILL, out of memory, a lost host) leaves it.
/// Used by `cronjob run` (a dead row must not block a redelivery of its occurrence) and `cronjob status` (`lost`).
public struct RunStaleness: Sendable, Equatable {
    /// The timeout assumed for rows that do not carry their own `lost_after` (written before it existed).
    public var fallbackTimeout: Duration
    public var drainGrace: Duration

    public init(fallbackTimeout: Duration, drainGrace: Duration) {
        self.fallbackTimeout = fallbackTimeout
        self.drainGrace = drainGrace
    }

    /// What a run records when it starts: past this moment, if it is still `running`, it is dead.
    public static func lostAfter(startedAt: Date, timeout: Duration, drainGrace: Duration) -> Date {
        startedAt.addingTimeInterval(timeout.seconds + drainGrace.seconds)
    }

    /// Seconds added to `started_at` for a row without `lost_after`.
    var fallbackSeconds: Double { fallbackTimeout.seconds + drainGrace.seconds }

    /// Whether `record` is a dead `running` row at `now`: the same rule as the SQL in `RunHistory.markLost`.
    public func isLost(_ record: RunRecord, at now: Date) -> Bool {
        guard record.status == .running else { return false }
        let limit = record.lostAfter ?? record.startedAt.addingTimeInterval(fallbackSeconds)
        return limit < now
    }
}
