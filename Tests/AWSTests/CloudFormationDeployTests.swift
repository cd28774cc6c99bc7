import Foundation
import Schedules
import Testing

/// The CloudFormation template deployed as a stack in the moto server.
@Suite struct CloudFormationDeployTests {
    @Test(arguments: CompileTarget.allCases)
    func template_stackReachesCreateComplete(target: CompileTarget) throws {
        let aws = try MotoAWS()
        let environment = EmulatorSchedule.uniqueName("cfn-\(target.rawValue)")
        let file = try EmulatorSchedule.file(environment: environment, aws: aws)
        let (directory, output) = try EmulatorSchedule.write(file, environment: environment, format: .cloudformation, target: target)
        let template = directory.appendingPathComponent(try #require(output.files.first).path)
        let stack = "cronjob-\(environment)"
        try aws.call([
            "cloudformation", "create-stack", "--stack-name", stack, "--template-body", "file://\(template.path)",
            "--capabilities", "CAPABILITY_NAMED_IAM",
        ])
        var status = ""
        for _ in 0..<60 {
            let stacks = try aws.call(["cloudformation", "describe-stacks", "--stack-name", stack])["Stacks"] as? [[String: Any]]
            status = stacks?.first?["StackStatus"] as? String ?? ""
            if !status.hasSuffix("_IN_PROGRESS") { break }
            usleep(500_000)
        }
        #expect(status == "CREATE_COMPLETE")

        // moto's CloudFormation keeps only part of a task definition (not its roles or network mode); the
        // aws-cli tests read those back. Here: every resource exists and is wired to the others.
        for job in output.plan.jobs {
            let described = try aws.call(["ecs", "describe-task-definition", "--task-definition", job.family])
            let definition = try #require(described["taskDefinition"] as? [String: Any])
            let container = (definition["containerDefinitions"] as? [[String: Any]])?.first
            #expect(container?["command"] as? [String] == job.command)
            #expect(container?["image"] as? String == output.plan.image)
            if target == .rules {
                let rule = try aws.call(["events", "describe-rule", "--name", job.triggerName])
                #expect(rule["ScheduleExpression"] as? String == job.job.schedule.text)
                #expect(rule["State"] as? String == (job.job.enabled ? "ENABLED" : "DISABLED"))
                let targets = try aws.call(["events", "list-targets-by-rule", "--rule", job.triggerName])["Targets"] as? [[String: Any]]
                let ecs = targets?.first?["EcsParameters"] as? [String: Any]
                #expect(ecs?["TaskDefinitionArn"] as? String == definition["taskDefinitionArn"] as? String)
                #expect(targets?.first?["RoleArn"] as? String == output.plan.names.roleArn(output.plan.invokeRole.name))
                #expect(targets?.first?["DeadLetterConfig"].map { sameJSON($0, ["Arn": output.plan.names.deadLetterQueueArn]) } == true)
            }
        }
        for role in [output.plan.executionRole, output.plan.invokeRole] {
            // moto's CloudFormation stores the document as a Python repr, so compare the statements it names.
            let policy = try aws.call(["iam", "get-role-policy", "--role-name", role.name, "--policy-name", role.name])
            let stored = String(describing: policy["PolicyDocument"] ?? "")
            for statement in role.policy?["Statement"]?.arrayValue ?? [] {
                let sid = try #require(statement["Sid"]?.stringValue)
                #expect(stored.contains(sid), "\(role.name) lacks \(sid)")
            }
        }
        let failureRule = try aws.call(["events", "describe-rule", "--name", output.plan.names.failureRuleName])
        #expect(failureRule["State"] as? String == "ENABLED")
        #expect(output.plan.jobs.last?.isWatchdog == true, "the fixture's watchdog was deployed with the jobs above")
        try MissedRunAlarmTests.expectStackAlarms(aws: aws, stack: stack, template: template, plan: output.plan)
    }
}
