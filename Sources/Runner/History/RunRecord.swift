import Foundation

/// One row of `cronjob_runs`.
public struct RunRecord: Sendable, Equatable {
    public var id: UUID
    public var job: String
    public var environment: String
    /// `schedule` when EventBridge passed `--scheduled-at`, else `manual`.
    public var trigger: String
    public var scheduledAt: Date?
    public var startedAt: Date
    public var finishedAt: Date?
    public var status: RunStatus
    public var exitCode: Int32?
    public var itemsOK: Int
    public var itemsFailed: Int
    public var error: String?
    public var ecsTaskARN: String?
    public var version: String
    public var host: String?
    /// Past this moment a row still `running` is dead (start + timeout + drain grace); nil on rows written before it existed.
    public var lostAfter: Date?

    public init(
        id: UUID, job: String, environment: String, trigger: String, scheduledAt: Date?, startedAt: Date,
        finishedAt: Date? = nil, status: RunStatus, exitCode: Int32? = nil, itemsOK: Int = 0, itemsFailed: Int = 0,
        error: String? = nil, ecsTaskARN: String? = nil, version: String, host: String? = nil, lostAfter: Date? = nil
    ) {
        self.id = id
        self.job = job
        self.environment = environment
        self.trigger = trigger
        self.scheduledAt = scheduledAt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.status = status
        self.exitCode = exitCode
        self.itemsOK = itemsOK
        self.itemsFailed = itemsFailed
        self.error = error
        self.ecsTaskARN = ecsTaskARN
        self.version = version
        self.host = host
        self.lostAfter = lostAfter
    }
}
