/// `ecs:DescribeTasks`.
public struct DescribeTasksRequest: Codable, Sendable {
    public var cluster: String
    public var tasks: [String]
    public init(cluster: String, tasks: [String]) {
        self.cluster = cluster
        self.tasks = tasks
    }
}

public struct DescribeTasksResponse: Codable, Sendable {
    public var tasks: [ECSTask]?
    public var failures: [ECSFailure]?
    public init(tasks: [ECSTask]?, failures: [ECSFailure]?) {
        self.tasks = tasks
        self.failures = failures
    }
}

/// `ecs:StopTask`: ECS sends SIGTERM, then SIGKILL after the container's stop timeout.
public struct StopTaskRequest: Codable, Sendable {
    public var cluster: String
    public var task: String
    public var reason: String?
    public init(cluster: String, task: String, reason: String?) {
        self.cluster = cluster
        self.task = task
        self.reason = reason
    }
}

public struct StopTaskResponse: Codable, Sendable {
    public var task: ECSTask?
    public init(task: ECSTask?) { self.task = task }
}

/// `ecs:DescribeTaskDefinition`: a family name alone means its latest ACTIVE revision.
public struct DescribeTaskDefinitionRequest: Codable, Sendable {
    public var taskDefinition: String
    public init(taskDefinition: String) { self.taskDefinition = taskDefinition }
}

/// The answer of DescribeTaskDefinition and RegisterTaskDefinition.
public struct TaskDefinitionResponse: Codable, Sendable {
    public var taskDefinition: TaskDefinition
    public init(taskDefinition: TaskDefinition) { self.taskDefinition = taskDefinition }
}
