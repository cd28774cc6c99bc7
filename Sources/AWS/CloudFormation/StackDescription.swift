/// The part of `cloudformation:DescribeStacks` a deploy needs.
public struct StackDescription: Sendable, Equatable {
    public var stackName: String
    public var stackId: String?
    public var status: String
    public var statusReason: String?

    init(_ element: AWSXMLElement) {
        stackName = element.value("StackName") ?? ""
        stackId = element.value("StackId")
        status = element.value("StackStatus") ?? ""
        statusReason = element.value("StackStatusReason")
    }

    /// A stack created by a `CREATE` change set that was never executed: the next change set is a `CREATE` too.
    public var isReviewOnly: Bool { status == "REVIEW_IN_PROGRESS" }

    /// No operation is running: the status ends in `_COMPLETE` or `_FAILED`.
    public var isSettled: Bool { status.hasSuffix("_COMPLETE") || status.hasSuffix("_FAILED") }

    /// The last operation succeeded.
    public var isSuccess: Bool { ["CREATE_COMPLETE", "UPDATE_COMPLETE", "IMPORT_COMPLETE"].contains(status) }
}

/// One `StackEvent`.
public struct StackEvent: Sendable, Equatable {
    public var eventId: String
    public var timestamp: String
    public var logicalResourceId: String
    public var resourceType: String
    public var resourceStatus: String
    public var resourceStatusReason: String?

    init(_ element: AWSXMLElement) {
        eventId = element.value("EventId") ?? ""
        timestamp = element.value("Timestamp") ?? ""
        logicalResourceId = element.value("LogicalResourceId") ?? ""
        resourceType = element.value("ResourceType") ?? ""
        resourceStatus = element.value("ResourceStatus") ?? ""
        resourceStatusReason = element.value("ResourceStatusReason")
    }

    public var isFailure: Bool { resourceStatus.hasSuffix("_FAILED") }
}
