import Foundation

/// One row of run history as `cronjob status` reads it (a plain copy of what `cronjob_runs` holds).
public struct ObservedRun: Sendable, Equatable {
    /// `running`, `succeeded`, `failed`, `skipped`, `duplicate`, `deadline_reached`, `stopped` or `lost`.
    public var status: String
    /// Manual runs (`cronjob run` by hand, `cronjob invoke`) never count as occurrences.
    public var isManual: Bool
    public var scheduledAt: Date?
    public var startedAt: Date

    public init(status: String, isManual: Bool, scheduledAt: Date?, startedAt: Date) {
        self.status = status
        self.isManual = isManual
        self.scheduledAt = scheduledAt
        self.startedAt = startedAt
    }

    /// Statuses that end a run without success, for the consecutive-failure count.
    public static let failureStatuses: Set<String> = ["failed", "deadline_reached", "stopped", "lost"]
    /// Statuses that say nothing of the job's health: another run held the lock, or the occurrence was served already.
    public static let neutralStatuses: Set<String> = ["skipped", "duplicate", "running"]
}

/// What the history says of one job, as read for `StatusEvaluator`.
public struct JobHistory: Sendable {
    /// Runs that started or were scheduled inside the window (and one interval before it), any order.
    public var runs: [ObservedRun]
    /// The earliest scheduled occurrence ever recorded: fire times before it predate the job's deployment.
    public var firstScheduledAt: Date?
    public var lastSuccess: ObservedRun?
    public var lastRun: ObservedRun?
    /// The latest scheduled runs that ended (no skip, duplicate or live run), most recent first.
    public var recentOutcomes: [ObservedRun]

    public init(runs: [ObservedRun], firstScheduledAt: Date?, lastSuccess: ObservedRun?, lastRun: ObservedRun?, recentOutcomes: [ObservedRun]) {
        self.runs = runs
        self.firstScheduledAt = firstScheduledAt
        self.lastSuccess = lastSuccess
        self.lastRun = lastRun
        self.recentOutcomes = recentOutcomes
    }
}
