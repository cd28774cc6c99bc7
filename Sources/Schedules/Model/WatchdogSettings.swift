/// The `watchdog:` section of schedules.yaml: a fifth schedule per environment that runs `cronjob status --env NAME`
/// on the same cluster; its non-zero exit (a job is down) reaches the alarm topic through the task-failure rule.
public struct WatchdogSettings: Sendable, Equatable {
    /// The reserved name of its task definition and schedule (`cronjob-<env>-watchdog`); no job may use it.
    public static let name = "watchdog"
    public static let defaultSchedule = "rate(15 minutes)"
    public static let defaultTimeoutSeconds = 120

    public var schedule: ScheduleExpression
    public var timeoutSeconds: Int
    /// Per-environment switch, like a job's `enabled`.
    public var enabledByDefault: Bool
    public var enabledIn: [String: Bool]

    public init(
        schedule: ScheduleExpression, timeoutSeconds: Int = Self.defaultTimeoutSeconds, enabledByDefault: Bool = true,
        enabledIn: [String: Bool] = [:]
    ) {
        self.schedule = schedule
        self.timeoutSeconds = timeoutSeconds
        self.enabledByDefault = enabledByDefault
        self.enabledIn = enabledIn
    }

    public func isEnabled(in environment: String) -> Bool { enabledIn[environment] ?? enabledByDefault }
}
