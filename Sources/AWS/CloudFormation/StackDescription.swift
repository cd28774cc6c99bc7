/// The part of `cloudformation:DescribeStacks` a deploy needs.
public struct StackDescription: Sendable, Equatable {
    public var stackName: String
    public var stackId: String?
    public var status: String
    public var statusReason: String?

    public init(stackName: String, stackId: String? = nil, status: String, statusReason: String? = nil) {
        self.stackName = stackName
        self.stackId = stackId
        self.status = status
        self.statusReason = statusReason
    }

    init(_ element: AWSXMLElement) {
        stackName = element.string("StackName") ?? ""
        stackId = element.string("StackId")
        status = element.string("StackStatus") ?? ""
        statusReason = element.string("StackStatusReason").flatMap { $0.isEmpty || $0 == "None" ? nil : $0 }
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

    public init(eventId: String, timestamp: String, logicalResourceId: String, resourceType: String, resourceStatus: String, resourceStatusReason: String? = nil) {
        self.eventId = eventId
        self.timestamp = timestamp
        self.logicalResourceId = logicalResourceId
        self.resourceType = resourceType
        self.resourceStatus = resourceStatus
        self.resourceStatusReason = resourceStatusReason
    }

    init(_ element: AWSXMLElement) {
        eventId = element.string("EventId") ?? ""
        timestamp = element.string("Timestamp") ?? ""
        logicalResourceId = element.string("LogicalResourceId") ?? ""
        resourceType = element.string("ResourceType") ?? ""
        resourceStatus = element.string("ResourceStatus") ?? ""
        resourceStatusReason = element.string("ResourceStatusReason").flatMap { $0.isEmpty || $0 == "None" ? nil : $0 }
    }

    public var isFailure: Bool { resourceStatus.hasSuffix("_FAILED") }
}
