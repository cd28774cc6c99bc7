import Foundation

/// One job's line of `cronjob status`.
public struct JobStatus: Sendable, Equatable {
    public enum State: String, Sendable, CaseIterable {
        /// Ran when due, and its last runs did not all fail.
        case up
        /// A fire time passed without a run, but it is still inside the job's grace.
        case late
        /// A fire time passed its grace without a run since, or the last `failure_threshold` runs failed.
        case down
        /// Disabled in this environment.
        case paused
        /// No scheduled run recorded yet.
        case new
    }

    public var name: String
    public var schedule: String
    public var state: State
    /// Why the job is down or late, one short clause each.
    public var reasons: [String]
    public var lastSuccess: Date?
    public var lastRun: ObservedRun?
    public var consecutiveFailures: Int
    public var windowStart: Date
    /// Occurrences expected in the window (cron: exact fire times; rate: nil, its phase is not known).
    public var expected: Int?
    /// Occurrences that never started, past their grace (cron: exact; rate: gaps longer than interval + grace).
    public var missed: [Date]
    public var lost: Int
    public var failed: Int
    public var deadlines: Int
    public var skipped: Int
    public var duplicates: Int
    public var manual: Int

    public init(name: String, schedule: String, state: State, windowStart: Date) {
        self.name = name
        self.schedule = schedule
        self.state = state
        self.reasons = []
        self.consecutiveFailures = 0
        self.windowStart = windowStart
        self.missed = []
        self.lost = 0
        self.failed = 0
        self.deadlines = 0
        self.skipped = 0
        self.duplicates = 0
        self.manual = 0
    }
}
