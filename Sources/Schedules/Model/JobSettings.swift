/// Settings a job may set and `defaults` may supply; nil means "not set here".
public struct JobSettings: Sendable, Equatable {
    /// Fargate task CPU units (256, 512, 1024, 2048, 4096, 8192, 16384).
    public var cpu: Int?
    /// Fargate task memory in MiB; must be a valid pair with `cpu`.
    public var memory: Int?
    /// Run deadline in seconds (passed to the container as `--timeout`).
    public var timeoutSeconds: Int?
    public var concurrency: ConcurrencyPolicy?
    /// Tasks started per firing (ECS TaskCount).
    public var parallelism: Int?
    /// EventBridge retry attempts when the target cannot be invoked.
    public var retries: Int?
    /// ECS stop timeout in seconds (SIGTERM → SIGKILL), at most 120 on Fargate.
    public var stopTimeoutSeconds: Int?
    /// Extra environment variables for the container (non-secret).
    public var environment: [String: String]
    /// EventBridge Scheduler flexible time window in minutes (`--target scheduler`); nil means off.
    public var flexibleWindowMinutes: Int?
    /// How long after a fire time a run may take to start before `cronjob status` calls the occurrence missed.
    public var graceSeconds: Int?
    /// Consecutive failed runs after which `cronjob status` calls the job down.
    public var failureThreshold: Int?

    public init(
        cpu: Int? = nil, memory: Int? = nil, timeoutSeconds: Int? = nil, concurrency: ConcurrencyPolicy? = nil,
        parallelism: Int? = nil, retries: Int? = nil, stopTimeoutSeconds: Int? = nil, environment: [String: String] = [:],
        flexibleWindowMinutes: Int? = nil, graceSeconds: Int? = nil, failureThreshold: Int? = nil
    ) {
        self.cpu = cpu
        self.memory = memory
        self.timeoutSeconds = timeoutSeconds
        self.concurrency = concurrency
        self.parallelism = parallelism
        self.retries = retries
        self.stopTimeoutSeconds = stopTimeoutSeconds
        self.environment = environment
        self.flexibleWindowMinutes = flexibleWindowMinutes
        self.graceSeconds = graceSeconds
        self.failureThreshold = failureThreshold
    }
}

/// What happens when a run starts while another run of the same job is still going.
public enum ConcurrencyPolicy: String, Sendable, Equatable, CaseIterable {
    /// Take a per-job advisory lock; a second run records `skipped` and exits 0.
    case forbid
    /// Runs proceed side by side; row claims keep them apart.
    case allow
}
