/// How an environment's tasks start on ECS, the same for its schedules and for `cronjob invoke`: Fargate or a
/// capacity provider strategy, the platform version and the awsvpc network.
public struct ECSTaskLaunch: Sendable, Equatable {
    /// ECS takes a launch type or a capacity provider strategy, never both.
    public enum Capacity: Sendable, Equatable {
        case launchType(String)
        case strategy([CapacityProviderStrategyItem])
    }

    public var capacity: Capacity
    public var platformVersion: String
    public var subnets: [String]
    public var securityGroups: [String]
    public var assignPublicIp: Bool

    public init(
        capacity: Capacity, platformVersion: String, subnets: [String], securityGroups: [String], assignPublicIp: Bool
    ) {
        self.capacity = capacity
        self.platformVersion = platformVersion
        self.subnets = subnets
        self.securityGroups = securityGroups
        self.assignPublicIp = assignPublicIp
    }

    /// The environment's settings, with the defaults for what it leaves out (launch type FARGATE, platform `LATEST`).
    public init(_ environment: DeploymentEnvironment) {
        self.init(
            capacity: environment.capacityProviderStrategy.isEmpty
                ? .launchType("FARGATE") : .strategy(environment.capacityProviderStrategy),
            platformVersion: environment.platformVersion ?? Self.defaultPlatformVersion,
            subnets: environment.subnets, securityGroups: environment.securityGroups,
            assignPublicIp: environment.assignPublicIp)
    }

    public static let defaultPlatformVersion = "LATEST"

    /// The capacity provider strategy, empty for a launch type.
    public var capacityProviderStrategy: [CapacityProviderStrategyItem] {
        if case .strategy(let items) = capacity { return items }
        return []
    }

    /// `ENABLED` or `DISABLED`, as ECS, EventBridge and Scheduler spell it.
    public var assignPublicIpValue: String { assignPublicIp ? "ENABLED" : "DISABLED" }
}
