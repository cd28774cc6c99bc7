/// `ecs:RunTask` for one Fargate task in an awsvpc network.
public struct RunTaskRequest: Codable, Sendable {
    public var cluster: String
    public var taskDefinition: String
    public var count: Int = 1
    /// nil with a capacity provider strategy: ECS takes one or the other.
    public var launchType: String? = "FARGATE"
    public var capacityProviderStrategy: [CapacityProviderItem]?
    public var platformVersion: String?
    public var networkConfiguration: NetworkConfiguration?
    public var overrides: TaskOverride?
    /// Who started it (at most 36 characters), shown in the console and in DescribeTasks.
    public var startedBy: String?
    public var tags: [Tag]?
    public var propagateTags: String?
    public var enableECSManagedTags: Bool?
    /// Makes a retried RunTask start no second task (up to 64 characters).
    public var clientToken: String?

    public init(cluster: String, taskDefinition: String) {
        self.cluster = cluster
        self.taskDefinition = taskDefinition
    }
}

public struct RunTaskResponse: Codable, Sendable {
    public var tasks: [ECSTask]?
    public var failures: [ECSFailure]?

    public init(tasks: [ECSTask]?, failures: [ECSFailure]?) {
        self.tasks = tasks
        self.failures = failures
    }
}

/// One item of a RunTask capacity provider strategy (`FARGATE`, `FARGATE_SPOT`).
public struct CapacityProviderItem: Codable, Sendable, Equatable {
    public var capacityProvider: String
    public var weight: Int
    public var base: Int

    public init(capacityProvider: String, weight: Int, base: Int) {
        self.capacityProvider = capacityProvider
        self.weight = weight
        self.base = base
    }
}

public struct NetworkConfiguration: Codable, Sendable, Equatable {
    public var awsvpcConfiguration: AwsVpcConfiguration

    public init(subnets: [String], securityGroups: [String], assignPublicIp: Bool) {
        awsvpcConfiguration = AwsVpcConfiguration(
            subnets: subnets, securityGroups: securityGroups, assignPublicIp: assignPublicIp ? "ENABLED" : "DISABLED")
    }
}

public struct AwsVpcConfiguration: Codable, Sendable, Equatable {
    public var subnets: [String]
    public var securityGroups: [String]?
    public var assignPublicIp: String?
}

public struct TaskOverride: Codable, Sendable, Equatable {
    public var containerOverrides: [ContainerOverride]
    public init(containerOverrides: [ContainerOverride]) { self.containerOverrides = containerOverrides }
}

public struct ContainerOverride: Codable, Sendable, Equatable {
    public var name: String
    public var command: [String]?
    public var environment: [KeyValuePair]?
    public init(name: String, command: [String]? = nil, environment: [KeyValuePair]? = nil) {
        self.name = name
        self.command = command
        self.environment = environment
    }
}

public struct Tag: Codable, Sendable, Equatable {
    public var key: String
    public var value: String
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}
