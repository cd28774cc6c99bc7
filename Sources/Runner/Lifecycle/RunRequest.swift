import Foundation

/// What `cronjob run` was asked to do, after flags and schedules.yaml were resolved.
public struct RunRequest: Sendable {
    public enum Concurrency: String, Sendable, CaseIterable {
        case forbid
        case allow
    }

    public var jobName: String
    /// Deployment environment name recorded in history and logs (`--env`, else CRONJOB_ENV, else `local`).
    public var environment: String
    /// `--timeout`, else the schedule's, else the job's default.
    public var timeout: Duration?
    public var concurrency: Concurrency
    public var scheduledAt: Date?
    public var isDryRun: Bool
    /// Dry run only: answer GETs from the simulated responses too.
    public var isOffline: Bool

    public init(
        jobName: String, environment: String = "local", timeout: Duration? = nil, concurrency: Concurrency = .forbid,
        scheduledAt: Date? = nil, isDryRun: Bool = false, isOffline: Bool = false
    ) {
        self.jobName = jobName
        self.environment = environment
        self.timeout = timeout
        self.concurrency = concurrency
        self.scheduledAt = scheduledAt
        self.isDryRun = isDryRun
        self.isOffline = isOffline
    }
}
