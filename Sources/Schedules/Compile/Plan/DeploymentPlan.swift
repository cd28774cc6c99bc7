/// Everything `cronjob compile` emits for one environment, independent of the output format.
/// Built by `DeploymentPlan.build`, checked by `CompileChecks`, printed by the renderers.
public struct DeploymentPlan: Sendable {
    public var environment: String
    public var target: CompileTarget
    public var names: AWSNames
    public var image: String
    /// Capacity, platform version and network of every task, scheduled or invoked.
    public var launch: ECSTaskLaunch
    /// IANA zone for Scheduler schedules; rules are always UTC.
    public var timeZone: String
    /// Tags on every resource that takes tags (environment tags plus `cronjob:environment`).
    public var tags: [String: String]
    public var logGroupName: String
    public var logRetentionDays: Int
    public var deadLetterRetentionSeconds: Int
    /// Container secrets sorted by variable name; only ARNs, never values.
    public var secrets: [SecretReference]
    public var executionRole: RolePlan
    public var taskRole: RolePlan
    /// The role EventBridge (rules) or EventBridge Scheduler assumes to start tasks.
    public var invokeRole: RolePlan
    /// Resource policy of the dead-letter queue (rules only: Scheduler sends with its role).
    public var deadLetterQueuePolicy: JSONValue?
    /// Jobs sorted by name, so that reordering schedules.yaml changes nothing.
    public var jobs: [JobPlan]
    /// Nil when the environment names no alarm topic.
    public var failureAlarm: FailureAlarmPlan?
    /// Dead letters and "no successful run" per job, to the alarm topic; empty without one.
    public var alarms: [MetricAlarmPlan] = []
}

/// An IAM role with its trust policy and at most one inline policy.
public struct RolePlan: Sendable {
    public var name: String
    public var description: String
    public var trustPolicy: JSONValue
    /// Inline policy named like the role; nil for a role that needs no permissions.
    public var policy: JSONValue?
}

/// One job's task definition and the trigger that starts it.
public struct JobPlan: Sendable {
    public var job: ResolvedJob
    public var family: String
    public var triggerName: String
    /// The container's name, which the overrides must repeat.
    public var containerName: String
    /// `ResolvedJob.command`: what a manual RunTask of the task definition runs.
    public var command: [String]
    public var tags: [String: String]
    /// What the rule or schedule starts.
    public var target: ECSTargetPlan

    /// The watchdog (`cronjob status`), not a job: no alarm of its own, not in the status spec.
    public var isWatchdog: Bool { job.commandOverride != nil }

    /// `SyncPayments` for `sync-payments`: CloudFormation logical ids are alphanumeric.
    public var pascalName: String {
        job.name.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
    /// The rule's or schedule's description: at most 512 characters, nil when the job has none.
    public var triggerDescription: String? { job.description.isEmpty ? nil : String(job.description.prefix(512)) }
    public var triggerState: String { job.enabled ? "ENABLED" : "DISABLED" }

    /// `sync_payments` for `sync-payments`: Terraform resource names.
    public var snakeName: String { job.name.split(separator: "-", omittingEmptySubsequences: false).joined(separator: "_") }
}

/// The rule that sends failed runs of these jobs to the environment's SNS topic.
public struct FailureAlarmPlan: Sendable {
    public var ruleName: String
    public var description: String
    public var topicArn: String
    public var eventPattern: JSONValue
    public var inputPathsMap: [String: String]
    public var inputTemplate: String
}
