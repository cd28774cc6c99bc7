/// A decoded, validated schedules.yaml: defaults, deployment environments and jobs, in file order.
public struct ScheduleFile: Sendable, Equatable {
    /// Path as given on the command line; used in messages.
    public var path: String
    public var defaults: JobSettings
    public var environments: [DeploymentEnvironment]
    public var jobs: [JobSchedule]
    /// The optional `watchdog:` section: a schedule that runs `cronjob status` in each environment.
    public var watchdog: WatchdogSettings?

    public init(
        path: String, defaults: JobSettings, environments: [DeploymentEnvironment], jobs: [JobSchedule],
        watchdog: WatchdogSettings? = nil
    ) {
        self.path = path
        self.defaults = defaults
        self.environments = environments
        self.jobs = jobs
        self.watchdog = watchdog
    }

    public func environment(named name: String) -> DeploymentEnvironment? {
        environments.first { $0.name == name }
    }

    public func job(named name: String) -> JobSchedule? {
        jobs.first { $0.name == name }
    }
}
