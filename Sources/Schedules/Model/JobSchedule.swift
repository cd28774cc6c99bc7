/// One entry under `jobs:` in schedules.yaml.
public struct JobSchedule: Sendable, Equatable {
    /// kebab-case job name; must match a registered job.
    public var name: String
    public var schedule: ScheduleExpression
    public var description: String
    public var settings: JobSettings
    /// Whether the job is enabled when an environment is not listed in `enabledIn`.
    public var enabledByDefault: Bool
    /// Per-environment override of `enabledByDefault`.
    public var enabledIn: [String: Bool]

    public init(
        name: String, schedule: ScheduleExpression, description: String, settings: JobSettings,
        enabledByDefault: Bool = true, enabledIn: [String: Bool] = [:]
    ) {
        self.name = name
        self.schedule = schedule
        self.description = description
        self.settings = settings
        self.enabledByDefault = enabledByDefault
        self.enabledIn = enabledIn
    }

    public func isEnabled(in environment: String) -> Bool {
        enabledIn[environment] ?? enabledByDefault
    }
}
