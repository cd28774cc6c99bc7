import Foundation
import Testing

@testable import AWS

/// The small XML reader on AWS answers: nesting, lists, entities, CDATA, namespaces, and bad input.
@Suite struct XMLReaderTests {
    @Test func parse_describeChangeSet_readsStatusAndChanges() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <DescribeChangeSetResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
              <DescribeChangeSetResult>
                <Status>CREATE_COMPLETE</Status><ExecutionStatus>AVAILABLE</ExecutionStatus><Parameters/>
                <Changes>
                  <member><Type>Resource</Type><ResourceChange><Action>Modify</Action>
                    <LogicalResourceId>RuleSyncPayments</LogicalResourceId><ResourceType>AWS::Events::Rule</ResourceType>
                    <Replacement>False</Replacement>
                    <Details><member><Target><Attribute>Properties</Attribute><Name>ScheduleExpression</Name></Target></member></Details>
                  </ResourceChange></member>
                  <member><Type>Resource</Type><ResourceChange><Action>Add</Action>
                    <LogicalResourceId>TaskDefinitionA</LogicalResourceId><ResourceType>AWS::ECS::TaskDefinition</ResourceType>
                  </ResourceChange></member>
                </Changes>
                <NextToken>page-2</NextToken>
              </DescribeChangeSetResult>
            </DescribeChangeSetResponse>
            """
        let root = try XMLReader.parse(xml)
        #expect(root.name == "DescribeChangeSetResponse")
        let description = ChangeSetDescription(try #require(root["DescribeChangeSetResult"]))
        #expect(description.status == "CREATE_COMPLETE")
        #expect(description.nextToken == "page-2")
        #expect(description.changes == [
            ResourceChange(action: "Modify", logicalResourceId: "RuleSyncPayments", resourceType: "AWS::Events::Rule",
                           replacement: "False", targets: ["ScheduleExpression"]),
            ResourceChange(action: "Add", logicalResourceId: "TaskDefinitionA", resourceType: "AWS::ECS::TaskDefinition"),
        ])
    }

    @Test func parse_entitiesCDATAAndPrefixes_decoded() throws {
        let root = try XMLReader.parse(#"<a:R xmlns:a="x"><!-- c --><T>{&quot;k&quot;: &lt;1&gt; &amp; &#65;&#x42;&apos;}</T><C><![CDATA[<raw> & ]]></C></a:R>"#)
        #expect(root.name == "R")
        #expect(root.value("T") == "{\"k\": <1> & AB'}")
        #expect(root.value("C") == "<raw> & ")
    }

    @Test func parse_emptyChangeSetFailure_isNoChanges() throws {
        let root = try XMLReader.parse("""
            <R><DescribeChangeSetResult><Status>FAILED</Status>
            <StatusReason>The submitted information didn't contain changes. Submit different information to create a change set.</StatusReason>
            </DescribeChangeSetResult></R>
            """)
        let description = ChangeSetDescription(try #require(root["DescribeChangeSetResult"]))
        #expect(description.isEmptyFailure)
        #expect(!ChangeSetDescription(status: "FAILED", statusReason: "Template format error").isEmptyFailure)
    }

    @Test func parse_stackEvents_membersAndNoneReason() throws {
        let root = try XMLReader.parse("""
            <R><DescribeStackEventsResult><StackEvents>
            <member><EventId>2</EventId><Timestamp>2026-12-04T16:00:02Z</Timestamp><LogicalResourceId>LogGroup</LogicalResourceId>
            <ResourceType>AWS::Logs::LogGroup</ResourceType><ResourceStatus>CREATE_FAILED</ResourceStatus>
            <ResourceStatusReason>already exists</ResourceStatusReason></member>
            <member><EventId>1</EventId><LogicalResourceId>s</LogicalResourceId><ResourceStatus>CREATE_COMPLETE</ResourceStatus>
            <ResourceStatusReason>None</ResourceStatusReason></member>
            </StackEvents><NextToken>t</NextToken></DescribeStackEventsResult></R>
            """)
        let events = try #require(root["DescribeStackEventsResult"]).members("StackEvents").map(StackEvent.init)
        #expect(events.map(\.eventId) == ["2", "1"])
        #expect(events[0].isFailure && events[0].resourceStatusReason == "already exists")
        #expect(events[1].resourceStatusReason == nil)
    }

    @Test(arguments: ["", "<a>", "<a></b>", "<a>x</a><b/>", "<a>&bogus;</a>", "<a b=c/>", "text", "<a>&#xFFFFFFFF;</a>"])
    func parse_malformed_throwsNeverTraps(xml: String) {
        #expect(throws: XMLReader.Failure.self) { try XMLReader.parse(xml) }
    }

    @Test func parse_deepNesting_refused() {
        let xml = String(repeating: "<a>", count: 200) + String(repeating: "</a>", count: 200)
        #expect(throws: XMLReader.Failure.self) { try XMLReader.parse(xml) }
    }
}
