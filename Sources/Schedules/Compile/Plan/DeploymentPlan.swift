/// Everything `cronjob compile` emits for one environment, independent of the output format.
/// Built by `DeploymentPlan.build`, checked by `CompileChecks`, printed by the renderers.
public struct DeploymentPlan: Sendable {
    public var environment: String
    public var target: CompileTarget
    public var names: AWSNames
    public var image: String
    public var subnets: [String]
    public var securityGroups: [String]
    public var assignPublicIp: Bool
    /// Empty means launch type FARGATE.
    public var capacityProviderStrategy: [CapacityProviderStrategyItem]
    public var platformVersion: String
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
    /// Target id inside the rule (unique per rule; EventBridge allows 64 characters).
    public var targetId: String
    /// The container's name, which the overrides must repeat.
    public var containerName: String
    /// `ResolvedJob.command`: what a manual RunTask of the task definition runs.
    public var command: [String]
    /// RunTask overrides JSON with the occurrence-time placeholder (`<time>` or Scheduler's context attribute).
    public var overridesTemplate: String
    /// The placeholder inside `overridesTemplate` that AWS replaces with the scheduled time.
    public var timePlaceholder: String
    public var maximumEventAgeSeconds: Int
    public var tags: [String: String]

    /// The watchdog (`cronjob status`), not a job: no alarm of its own, not in the status spec.
    public var isWatchdog: Bool { job.commandOverride != nil }

    /// `SyncPayments` for `sync-payments`: CloudFormation logical ids are alphanumeric.
    public var pascalName: String {
        job.name.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
    /// `sync_payments` for `sync-payments`: Terraform resource names.
    public var snakeName: String { job.name.split(separator: "-", omittingEmptySubsequences: false).joined(separator: "_") }
}

/// The rule that sends failed runs of these jobs to the environment's SNS topic.
public struct FailureAlarmPlan: Sendable {
    public var ruleName: String
    public var topicArn: String
    public var eventPattern: JSONValue
    public var inputPathsMap: [String: String]
    public var inputTemplate: String
}
