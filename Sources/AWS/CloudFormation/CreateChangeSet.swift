/// `cloudformation:CreateChangeSet`: `CREATE` for a stack that does not exist yet, `UPDATE` otherwise.
public struct CreateChangeSetRequest: Sendable, Equatable {
    public enum ChangeSetType: String, Sendable { case create = "CREATE", update = "UPDATE" }

    public var stackName: String
    public var changeSetName: String
    public var changeSetType: ChangeSetType
    public var templateBody: String
    public var capabilities: [String] = ["CAPABILITY_NAMED_IAM"]
    public var description: String?
    public var roleArn: String?
    public var tags: [(key: String, value: String)] = []

    public init(stackName: String, changeSetName: String, changeSetType: ChangeSetType, templateBody: String) {
        self.stackName = stackName
        self.changeSetName = changeSetName
        self.changeSetType = changeSetType
        self.templateBody = templateBody
    }

    public static func == (left: Self, right: Self) -> Bool {
        var a = QueryForm(action: "", version: ""), b = QueryForm(action: "", version: "")
        left.add(to: &a)
        right.add(to: &b)
        return a == b
    }

    func add(to form: inout QueryForm) {
        form.add("StackName", stackName)
        form.add("ChangeSetName", changeSetName)
        form.add("ChangeSetType", changeSetType.rawValue)
        form.add("TemplateBody", templateBody)
        form.add("Capabilities", members: capabilities)
        form.add("Description", description)
        form.add("RoleARN", roleArn)
        form.add("Tags", structures: tags.map { [("Key", $0.key), ("Value", $0.value)] })
    }
}

public struct CreateChangeSetResponse: Sendable, Equatable {
    public var id: String
    public var stackId: String?
}
