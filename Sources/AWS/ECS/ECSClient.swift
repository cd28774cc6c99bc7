/// The ECS and CloudWatch Logs calls `cronjob invoke` makes, typed.
public struct AWSClients: Sendable {
    public let ecs: AWSJSONClient
    public let logs: AWSJSONClient

    public init(ecs: AWSJSONClient, logs: AWSJSONClient) {
        self.ecs = ecs
        self.logs = logs
    }

    public func runTask(_ request: RunTaskRequest) async throws(AWSError) -> RunTaskResponse {
        try await ecs.call("RunTask", request)
    }

    public func describeTasks(_ request: DescribeTasksRequest) async throws(AWSError) -> DescribeTasksResponse {
        try await ecs.call("DescribeTasks", request)
    }

    public func stopTask(_ request: StopTaskRequest) async throws(AWSError) -> StopTaskResponse {
        try await ecs.call("StopTask", request)
    }

    public func describeTaskDefinition(_ request: DescribeTaskDefinitionRequest) async throws(AWSError) -> TaskDefinitionResponse {
        try await ecs.call("DescribeTaskDefinition", request)
    }

    public func registerTaskDefinition(_ definition: TaskDefinition) async throws(AWSError) -> TaskDefinitionResponse {
        try await ecs.call("RegisterTaskDefinition", definition)
    }

    public func getLogEvents(_ request: GetLogEventsRequest) async throws(AWSError) -> GetLogEventsResponse {
        try await logs.call("GetLogEvents", request)
    }
}
