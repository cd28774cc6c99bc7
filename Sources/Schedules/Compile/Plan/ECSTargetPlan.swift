/// What a job's EventBridge rule target or Scheduler schedule target starts, said once: the renderers only spell it.
/// ARNs are literal; a format that creates the resource in the same document (the task definition, the invoke
/// role, the dead-letter queue) refers to that resource instead.
public struct ECSTargetPlan: Sendable {
    /// How the occurrence's time reaches the overrides.
    public enum TimeSource: Sendable, Equatable {
        /// A rule target (named by its id): an input transformer reads these event paths into the placeholders.
        case inputTransformer(paths: [String: String])
        /// A schedule target: Scheduler replaces its context attribute in the input itself.
        case schedulerContext
    }

    /// Target id inside the rule (unique per rule; EventBridge allows 64 characters).
    public var id: String
    public var clusterArn: String
    /// The role EventBridge or Scheduler assumes to call RunTask.
    public var roleArn: String
    /// The family without a revision: RunTask starts its latest ACTIVE revision.
    public var taskDefinitionArn: String
    public var taskCount: Int
    public var launch: ECSTaskLaunch
    /// Tasks carry their task definition's tags.
    public var propagateTags: String
    public var enableECSManagedTags: Bool
    public var maximumRetryAttempts: Int
    /// How long EventBridge keeps retrying a RunTask that failed before dead-lettering the event.
    public var maximumEventAgeSeconds: Int
    public var deadLetterQueueArn: String
    /// RunTask overrides JSON with the occurrence-time placeholder (`<time>` or Scheduler's context attribute).
    public var overrides: String
    /// The placeholder inside `overrides` that AWS replaces with the scheduled time.
    public var timePlaceholder: String
    public var timeSource: TimeSource
}
