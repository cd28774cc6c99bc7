/// A job with defaults applied for one environment: everything a compiler or the listing needs.
public struct ResolvedJob: Sendable, Equatable {
    public var name: String
    public var schedule: ScheduleExpression
    public var description: String
    public var cpu: Int
    public var memory: Int
    public var timeoutSeconds: Int
    public var concurrency: ConcurrencyPolicy
    public var parallelism: Int
    public var retries: Int
    public var stopTimeoutSeconds: Int
    public var enabled: Bool
    /// Environment variables for the container: environment variables, then defaults, then the job's own (last wins).
    public var environment: [String: String]
    /// Scheduler flexible time window in minutes; nil means off (exact time).
    public var flexibleWindowMinutes: Int? = nil
    /// See `JobSettings.graceSeconds`.
    public var graceSeconds: Int = ScheduleFile.defaultGraceSeconds
    /// See `JobSettings.failureThreshold`.
    public var failureThreshold: Int = ScheduleFile.defaultFailureThreshold
    /// Replaces `run JOB ...` (the watchdog runs `status`).
    public var commandOverride: [String]? = nil

    /// The container command, e.g. `["run", "sync-payments", "--timeout", "4m", "--concurrency", "forbid"]`.
    public var command: [String] {
        commandOverride ?? ["run", name, "--timeout", "\(timeoutSeconds)s", "--concurrency", concurrency.rawValue]
    }
}

extension ScheduleFile {
    /// Built-in values used when neither the job nor `defaults` sets a field.
    /// A fire time is not missed while a run may still be starting (a Fargate task takes up to a minute or two).
    public static let defaultGraceSeconds = 300
    public static let defaultFailureThreshold = 3

    public static let builtInDefaults = JobSettings(
        cpu: 256, memory: 512, timeoutSeconds: 300, concurrency: .forbid,
        parallelism: 1, retries: 2, stopTimeoutSeconds: 60
    )

    public func resolve(_ job: JobSchedule, in environment: DeploymentEnvironment) -> ResolvedJob {
        let fallback = Self.builtInDefaults
        let settings = job.settings
        var variables = environment.variables
        variables.merge(defaults.environment) { _, new in new }
        variables.merge(settings.environment) { _, new in new }
        // Runs record it and their metrics carry it; status and the missed-run alarms look runs up by it.
        variables["CRONJOB_ENV"] = environment.name
        return ResolvedJob(
            name: job.name,
            schedule: job.schedule,
            description: job.description,
            cpu: settings.cpu ?? defaults.cpu ?? fallback.cpu!,
            memory: settings.memory ?? defaults.memory ?? fallback.memory!,
            timeoutSeconds: settings.timeoutSeconds ?? defaults.timeoutSeconds ?? fallback.timeoutSeconds!,
            concurrency: settings.concurrency ?? defaults.concurrency ?? fallback.concurrency!,
            parallelism: settings.parallelism ?? defaults.parallelism ?? fallback.parallelism!,
            retries: settings.retries ?? defaults.retries ?? fallback.retries!,
            stopTimeoutSeconds: settings.stopTimeoutSeconds ?? defaults.stopTimeoutSeconds ?? fallback.stopTimeoutSeconds!,
            enabled: job.isEnabled(in: environment.name),
            environment: variables,
            flexibleWindowMinutes: settings.flexibleWindowMinutes ?? defaults.flexibleWindowMinutes,
            graceSeconds: settings.graceSeconds ?? defaults.graceSeconds ?? Self.defaultGraceSeconds,
            failureThreshold: settings.failureThreshold ?? defaults.failureThreshold ?? Self.defaultFailureThreshold
        )
    }
}
