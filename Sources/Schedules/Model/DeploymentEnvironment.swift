/// One entry under `environments:` (staging, production): where and how the tasks run.
public struct DeploymentEnvironment: Sendable, Equatable {
    public var name: String
    public var account: String?
    public var region: String?
    public var cluster: String?
    /// Container image, e.g. `123456789012.dkr.ecr.us-east-1.amazonaws.com/cronjob:1.4.2`.
    public var image: String?
    public var subnets: [String]
    public var securityGroups: [String]
    public var assignPublicIp: Bool
    /// Container secrets: environment variable name → Secrets Manager (or SSM) ARN, in file order.
    public var secrets: [SecretReference]
    public var logGroup: String?
    public var logRetentionDays: Int?
    /// SNS topic ARN that receives failed-run alarms.
    public var alarmTopic: String?
    /// Non-secret variables for every job's container (and for `cronjob run --env NAME`).
    public var variables: [String: String]
    /// Fargate platform version, default `LATEST`.
    public var platformVersion: String?
    /// IANA time zone for `--target scheduler` (EventBridge rules are always UTC).
    public var timeZone: String?
    /// Tags put on every resource and propagated to tasks.
    public var tags: [String: String]
    /// Capacity providers for the tasks (e.g. FARGATE_SPOT); empty means launch type FARGATE.
    public var capacityProviderStrategy: [CapacityProviderStrategyItem]

    public init(
        name: String, account: String? = nil, region: String? = nil, cluster: String? = nil, image: String? = nil,
        subnets: [String] = [], securityGroups: [String] = [], assignPublicIp: Bool = false,
        secrets: [SecretReference] = [], logGroup: String? = nil, logRetentionDays: Int? = nil,
        alarmTopic: String? = nil, variables: [String: String] = [:], platformVersion: String? = nil,
        timeZone: String? = nil, tags: [String: String] = [:],
        capacityProviderStrategy: [CapacityProviderStrategyItem] = []
    ) {
        self.name = name
        self.account = account
        self.region = region
        self.cluster = cluster
        self.image = image
        self.subnets = subnets
        self.securityGroups = securityGroups
        self.assignPublicIp = assignPublicIp
        self.secrets = secrets
        self.logGroup = logGroup
        self.logRetentionDays = logRetentionDays
        self.alarmTopic = alarmTopic
        self.variables = variables
        self.platformVersion = platformVersion
        self.timeZone = timeZone
        self.tags = tags
        self.capacityProviderStrategy = capacityProviderStrategy
    }
}

/// A container secret: the variable it becomes and the ARN it is read from at task start (never resolved here).
public struct SecretReference: Sendable, Equatable {
    public var name: String
    public var arn: String
    public init(name: String, arn: String) {
        self.name = name
        self.arn = arn
    }
}
