import Foundation

/// The parts of an ECS task that `invoke` reads (DescribeTasks, RunTask, StopTask answers).
public struct ECSTask: Codable, Sendable, Equatable {
    public var taskArn: String
    public var clusterArn: String?
    public var taskDefinitionArn: String?
    /// PROVISIONING, PENDING, ACTIVATING, RUNNING, DEACTIVATING, STOPPING, DEPROVISIONING, STOPPED.
    public var lastStatus: String?
    public var desiredStatus: String?
    /// TaskFailedToStart, EssentialContainerExited, UserInitiated, ServiceSchedulerInitiated, SpotInterruption, ...
    public var stopCode: String?
    public var stoppedReason: String?
    public var startedBy: String?
    public var containers: [ECSContainer]?
    public var createdAt: Double?
    public var startedAt: Double?
    public var stoppedAt: Double?

    public init(taskArn: String, clusterArn: String? = nil, taskDefinitionArn: String? = nil, lastStatus: String? = nil,
                desiredStatus: String? = nil, stopCode: String? = nil, stoppedReason: String? = nil, startedBy: String? = nil,
                containers: [ECSContainer]? = nil, createdAt: Double? = nil, startedAt: Double? = nil, stoppedAt: Double? = nil) {
        self.taskArn = taskArn
        self.clusterArn = clusterArn
        self.taskDefinitionArn = taskDefinitionArn
        self.lastStatus = lastStatus
        self.desiredStatus = desiredStatus
        self.stopCode = stopCode
        self.stoppedReason = stoppedReason
        self.startedBy = startedBy
        self.containers = containers
        self.createdAt = createdAt
        self.startedAt = startedAt
        self.stoppedAt = stoppedAt
    }

    /// The id at the end of the ARN (`arn:...:task/cluster/<id>`), which the awslogs stream name ends with.
    public var taskId: String { String(taskArn.split(separator: "/").last ?? Substring(taskArn)) }

    public var isStopped: Bool { lastStatus == "STOPPED" }
}

public struct ECSContainer: Codable, Sendable, Equatable {
    public var name: String
    public var lastStatus: String?
    public var exitCode: Int?
    public var reason: String?

    public init(name: String, lastStatus: String? = nil, exitCode: Int? = nil, reason: String? = nil) {
        self.name = name
        self.lastStatus = lastStatus
        self.exitCode = exitCode
        self.reason = reason
    }
}

/// One entry of `failures` in RunTask and DescribeTasks answers.
public struct ECSFailure: Codable, Sendable, Equatable {
    public var arn: String?
    public var reason: String?
    public var detail: String?

    public init(arn: String? = nil, reason: String? = nil, detail: String? = nil) {
        self.arn = arn
        self.reason = reason
        self.detail = detail
    }
}
