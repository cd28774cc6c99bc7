/// The CloudFormation calls `cronjob diff` and `cronjob deploy` make, typed, over the Query protocol.
public struct CloudFormationClient: Sendable {
    public static let apiVersion = "2010-05-15"
    public let query: AWSQueryClient

    public init(query: AWSQueryClient) { self.query = query }

    public func createChangeSet(_ request: CreateChangeSetRequest) async throws(AWSError) -> CreateChangeSetResponse {
        var form = query.form("CreateChangeSet")
        request.add(to: &form)
        let result = try await query.call(form)
        return CreateChangeSetResponse(id: result.value("Id") ?? "", stackId: result.value("StackId"))
    }

    /// One page of a change set's description (`nextToken` from the previous page).
    public func describeChangeSet(stackName: String, changeSetName: String, nextToken: String? = nil) async throws(AWSError) -> ChangeSetDescription {
        var form = query.form("DescribeChangeSet")
        form.add("StackName", stackName)
        form.add("ChangeSetName", changeSetName)
        form.add("NextToken", nextToken)
        return ChangeSetDescription(try await query.call(form))
    }

    public func executeChangeSet(stackName: String, changeSetName: String) async throws(AWSError) {
        var form = query.form("ExecuteChangeSet")
        form.add("StackName", stackName)
        form.add("ChangeSetName", changeSetName)
        _ = try await query.call(form)
    }

    public func deleteChangeSet(stackName: String, changeSetName: String) async throws(AWSError) {
        var form = query.form("DeleteChangeSet")
        form.add("StackName", stackName)
        form.add("ChangeSetName", changeSetName)
        _ = try await query.call(form)
    }

    /// Deletes a stack; `cronjob` uses it only for the empty REVIEW_IN_PROGRESS stack a CREATE change set leaves.
    public func deleteStack(_ stackName: String) async throws(AWSError) {
        var form = query.form("DeleteStack")
        form.add("StackName", stackName)
        _ = try await query.call(form)
    }

    /// The stack, or nil when CloudFormation says it does not exist (`ValidationError ... does not exist`).
    public func describeStack(_ stackName: String) async throws(AWSError) -> StackDescription? {
        var form = query.form("DescribeStacks")
        form.add("StackName", stackName)
        do {
            let result = try await query.call(form)
            return result.members("Stacks").first.map(StackDescription.init)
        } catch {
            if error.code == "ValidationError", error.message.contains("does not exist") { return nil }
            throw error
        }
    }

    /// One page of the stack's events, newest first.
    public func describeStackEvents(stackName: String, nextToken: String? = nil) async throws(AWSError) -> (events: [StackEvent], nextToken: String?) {
        var form = query.form("DescribeStackEvents")
        form.add("StackName", stackName)
        form.add("NextToken", nextToken)
        let result = try await query.call(form)
        return (result.members("StackEvents").map(StackEvent.init), result.value("NextToken"))
    }

    /// The template the stack was last deployed with (`TemplateStage=Original`), as text.
    public func getTemplate(stackName: String) async throws(AWSError) -> String {
        var form = query.form("GetTemplate")
        form.add("StackName", stackName)
        form.add("TemplateStage", "Original")
        return try await query.call(form).value("TemplateBody") ?? ""
    }
}
