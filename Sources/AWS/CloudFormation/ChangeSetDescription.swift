/// One page of `cloudformation:DescribeChangeSet`.
public struct ChangeSetDescription: Sendable, Equatable {
    /// `CREATE_PENDING`, `CREATE_IN_PROGRESS`, `CREATE_COMPLETE`, `DELETE_*` or `FAILED`.
    public var status: String
    public var statusReason: String?
    public var executionStatus: String?
    public var changes: [ResourceChange]
    public var nextToken: String?

    public init(status: String, statusReason: String? = nil, executionStatus: String? = nil, changes: [ResourceChange] = [], nextToken: String? = nil) {
        self.status = status
        self.statusReason = statusReason
        self.executionStatus = executionStatus
        self.changes = changes
        self.nextToken = nextToken
    }

    init(_ result: AWSXMLElement) {
        status = result.value("Status") ?? ""
        statusReason = result.value("StatusReason")
        executionStatus = result.value("ExecutionStatus")
        changes = result.members("Changes").compactMap { $0["ResourceChange"].map(ResourceChange.init) }
        nextToken = result.value("NextToken")
    }

    public var isFinished: Bool { status == "CREATE_COMPLETE" || status == "FAILED" }

    /// A FAILED change set whose reason says the template changes nothing: CloudFormation's "no changes".
    public var isEmptyFailure: Bool {
        guard status == "FAILED", let reason = statusReason?.lowercased() else { return false }
        return reason.contains("didn't contain changes") || reason.contains("contains no changes")
            || reason.contains("no updates are to be performed")
    }
}

/// One `ResourceChange` of a change set.
public struct ResourceChange: Sendable, Equatable, Codable {
    /// `Add`, `Modify`, `Remove`, `Import`, `Dynamic`.
    public var action: String
    public var logicalResourceId: String
    public var resourceType: String
    /// `True`, `False`, `Conditional` (absent in some emulators).
    public var replacement: String?
    /// The attributes or property names CloudFormation says change (`Details[].Target`).
    public var targets: [String]

    public init(action: String, logicalResourceId: String, resourceType: String, replacement: String? = nil, targets: [String] = []) {
        self.action = action
        self.logicalResourceId = logicalResourceId
        self.resourceType = resourceType
        self.replacement = replacement
        self.targets = targets
    }

    init(_ element: AWSXMLElement) {
        action = element.value("Action") ?? ""
        logicalResourceId = element.value("LogicalResourceId") ?? ""
        resourceType = element.value("ResourceType") ?? ""
        replacement = element.value("Replacement")
        var names: [String] = []
        for detail in element.members("Details") {
            guard let target = detail["Target"] else { continue }
            let name = target.value("Name") ?? target.value("Attribute") ?? ""
            if !name.isEmpty, !names.contains(name) { names.append(name) }
        }
        targets = names
    }
}
