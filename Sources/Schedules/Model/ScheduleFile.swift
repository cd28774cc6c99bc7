/// A decoded, validated schedules.yaml: defaults, deployment environments and jobs, in file order.
public struct ScheduleFile: Sendable, Equatable {
    /// Path as given on the command line; used in messages.
    public var path: String
    public var defaults: JobSettings
    public var environments: [DeploymentEnvironment]
    public var jobs: [JobSchedule]

    public init(path: String, defaults: JobSettings, environments: [DeploymentEnvironment], jobs: [JobSchedule]) {
        self.path = path
        self.defaults = defaults
        self.environments = environments
        self.jobs = jobs
    }

    public func environment(named name: String) -> DeploymentEnvironment? {
        environments.first { $0.name == name }
    }

    public func job(named name: String) -> JobSchedule? {
        jobs.first { $0.name == name }
    }
}
