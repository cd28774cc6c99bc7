/// The parts of a task definition that `invoke` and the emulator use; also the RegisterTaskDefinition input
/// (unknown keys of the compiled JSON are ignored).
public struct TaskDefinition: Codable, Sendable, Equatable {
    public var taskDefinitionArn: String?
    public var family: String
    public var revision: Int?
    /// ACTIVE or INACTIVE.
    public var status: String?
    public var containerDefinitions: [ContainerDefinition]
    public var cpu: String?
    public var memory: String?
    public var executionRoleArn: String?
    public var taskRoleArn: String?

    public init(family: String, containerDefinitions: [ContainerDefinition]) {
        self.family = family
        self.containerDefinitions = containerDefinitions
    }
}

public struct ContainerDefinition: Codable, Sendable, Equatable {
    public var name: String
    public var image: String?
    public var command: [String]?
    public var environment: [KeyValuePair]?
    public var secrets: [SecretPair]?
    public var logConfiguration: LogConfiguration?
    public var essential: Bool?
    /// Seconds between SIGTERM and SIGKILL when the task is stopped.
    public var stopTimeout: Int?

    public init(name: String, command: [String]? = nil, environment: [KeyValuePair]? = nil,
                logConfiguration: LogConfiguration? = nil, stopTimeout: Int? = nil) {
        self.name = name
        self.command = command
        self.environment = environment
        self.logConfiguration = logConfiguration
        self.stopTimeout = stopTimeout
    }
}

public struct KeyValuePair: Codable, Sendable, Equatable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

public struct SecretPair: Codable, Sendable, Equatable {
    public var name: String
    public var valueFrom: String
}

public struct LogConfiguration: Codable, Sendable, Equatable {
    public var logDriver: String
    public var options: [String: String]?

    public init(logDriver: String, options: [String: String]?) {
        self.logDriver = logDriver
        self.options = options
    }
}
