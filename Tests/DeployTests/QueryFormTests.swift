import Testing

@testable import AWS

/// The Query protocol's request body: Action, Version, members and structures, percent-encoding.
@Suite struct QueryFormTests {
    @Test func form_actionVersionFirst_thenParametersInOrder() {
        var form = QueryForm(action: "DescribeStacks", version: "2010-05-15")
        form.add("StackName", "cronjob-prod")
        form.add("NextToken", nil)
        #expect(form.encoded == "Action=DescribeStacks&Version=2010-05-15&StackName=cronjob-prod")
    }

    @Test func form_lists_areNumberedMembersFromOne() {
        var form = QueryForm(action: "A", version: "1")
        form.add("Capabilities", members: ["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"])
        form.add("Parameters", structures: [[("ParameterKey", "Image"), ("ParameterValue", "repo:1")]])
        form.add("Empty", members: [])
        #expect(form.fields.map(\.name) == [
            "Action", "Version", "Capabilities.member.1", "Capabilities.member.2",
            "Parameters.member.1.ParameterKey", "Parameters.member.1.ParameterValue",
        ])
    }

    @Test func escape_keepsUnreserved_percentEncodesTheRest() {
        #expect(QueryForm.escape("aZ09-_.~") == "aZ09-_.~")
        #expect(QueryForm.escape("a b&c=d/e+f") == "a%20b%26c%3Dd%2Fe%2Bf")
        #expect(QueryForm.escape("{\"k\":\"é\"}\n") == "%7B%22k%22%3A%22%C3%A9%22%7D%0A")
    }

    @Test func createChangeSet_form_namesTypeTemplateAndCapability() {
        var request = CreateChangeSetRequest(stackName: "cronjob-prod", changeSetName: "cs-1", changeSetType: .update, templateBody: "{}")
        request.tags = [(key: "project", value: "cronjobs")]
        var form = QueryForm(action: "CreateChangeSet", version: CloudFormationClient.apiVersion)
        request.add(to: &form)
        #expect(form.encoded == """
            Action=CreateChangeSet&Version=2010-05-15&StackName=cronjob-prod&ChangeSetName=cs-1&ChangeSetType=UPDATE\
            &TemplateBody=%7B%7D&Capabilities.member.1=CAPABILITY_NAMED_IAM\
            &Tags.member.1.Key=project&Tags.member.1.Value=cronjobs
            """)
    }
}
