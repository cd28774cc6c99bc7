import Foundation
import Schedules
import Testing

/// The CloudFormation template deployed as a stack in the moto server.
@Suite struct CloudFormationDeployTests {
    @Test(arguments: CompileTarget.allCases)
    func template_stackReachesCreateComplete(target: CompileTarget) throws {
        let aws = try MotoAWS()
        let environment = "cfn-\(target.rawValue)"
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

        for job in output.plan.jobs {
            let described = try aws.call(["ecs", "describe-task-definition", "--task-definition", job.family])
            let definition = described["taskDefinition"] as? [String: Any]
            #expect(definition?["executionRoleArn"] as? String == output.plan.names.roleArn(output.plan.executionRole.name))
            if target == .rules {
                let rule = try aws.call(["events", "describe-rule", "--name", job.triggerName])
                #expect(rule["ScheduleExpression"] as? String == job.job.schedule.text)
                let targets = try aws.call(["events", "list-targets-by-rule", "--rule", job.triggerName])["Targets"] as? [[String: Any]]
                let ecs = targets?.first?["EcsParameters"] as? [String: Any]
                #expect((ecs?["TaskDefinitionArn"] as? String)?.hasPrefix(output.plan.names.taskDefinitionArn(family: job.family)) == true)
            }
        }
        let role = try aws.call(["iam", "get-role", "--role-name", output.plan.invokeRole.name])
        #expect((role["Role"] as? [String: Any])?["RoleName"] as? String == output.plan.invokeRole.name)
    }
}
