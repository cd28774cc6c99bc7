import Foundation
import HTTP
import Logging
import Postgres

/// What a job gets to do its work: the database, settings, a logger, the clock, the deadline and stop flag.
public struct JobContext: Sendable {
    public let runID: UUID
    public let jobName: String
    /// The deployment environment name (`--env`), or `local`.
    public let environment: String
    /// Blocking calls, made on the run's database thread. Wrap claims and reads in `cancellableOnStop` so that a first
    /// stop ends them at once; completions outside it finish (only a forced stop or cancellation ends them).
    public let database: PostgresConnection
    /// Outbound HTTP for provider clients; in a dry run it records state-changing calls instead of sending them.
    public let http: HTTPClient
    public let configuration: Configuration
    public let logger: Logger
    public let clock: any WallClock
    public let deadline: Deadline
    public let stop: StopFlag
    public let isDryRun: Bool
    /// The EventBridge occurrence this run serves (`--scheduled-at`), when given.
    public let scheduledAt: Date?
    public let items: ItemCounter

    public init(
        runID: UUID = UUID(), jobName: String, environment: String, database: PostgresConnection,
        http: HTTPClient? = nil, configuration: Configuration, logger: Logger,
        clock: any WallClock = SystemClock(), deadline: Deadline, stop: StopFlag = StopFlag(),
        isDryRun: Bool = false, scheduledAt: Date? = nil, items: ItemCounter = ItemCounter()
    ) {
        self.runID = runID
        self.jobName = jobName
        self.environment = environment
        self.database = database
        self.http = http ?? HTTPClient(logger: logger)
        self.configuration = configuration
        self.logger = logger
        self.clock = clock
        self.deadline = deadline
        self.stop = stop
        self.isDryRun = isDryRun
        self.scheduledAt = scheduledAt
        self.items = items
    }

    /// The current wall-clock time from the injected clock.
    public var now: Date { clock.now() }

    /// True once a stop signal arrived or the deadline passed: stop claiming new work.
    public var shouldStop: Bool { stop.signal != nil || deadline.isExpired }

    /// Call between items or batches: throws `JobInterruption` when the run must wind down.
    public func checkpoint() throws(JobInterruption) {
        if let signal = stop.signal { throw .stopped(signal: signal) }
        if deadline.isExpired { throw .deadlineReached }
    }
}
