import Foundation
import Schedules
import Testing
import TestSupport

/// The aws-cli output applied with deploy.sh to the moto server, then read back field for field.
/// moto validates little: this proves the wiring and the CLI's own validation of every input file.
@Suite struct AWSCLIDeployTests {
    @Test func rules_deployTwice_readBack_andRunTask() throws {
        let aws = try MotoAWS()
        let environment = EmulatorSchedule.uniqueName("cli-rules")
        let file = try EmulatorSchedule.file(environment: environment, aws: aws)
        let (directory, output) = try EmulatorSchedule.write(file, environment: environment, format: .awsCLI, target: .rules)
        for _ in 1...2 {
            let run = try ExternalTool.run(["bash", "deploy.sh"], environment: aws.environment, directory: directory)
            #expect(run.status == 0, "deploy.sh failed:\n\(run.combined)")
        }
        let plan = output.plan
        for job in plan.jobs {
            let putRule = try EmulatorSchedule.contents(output, "events/\(job.job.name).put-rule.json") as? [String: Any]
            let rule = try aws.call(["events", "describe-rule", "--name", job.triggerName])
            for key in ["Name", "ScheduleExpression", "State", "Description"] {
                #expect(sameJSON(rule[key], putRule?[key]), "\(job.triggerName) \(key)")
            }
            #expect(rule["State"] as? String == (job.job.name == "check-payout" ? "DISABLED" : "ENABLED"))

            let putTargets = try EmulatorSchedule.contents(output, "events/\(job.job.name).put-targets.json") as? [String: Any]
            let targets = try aws.call(["events", "list-targets-by-rule", "--rule", job.triggerName])
            #expect(sameJSON(targets["Targets"], putTargets?["Targets"]), "targets of \(job.triggerName)")

            let registered = try EmulatorSchedule.contents(output, "ecs/\(job.job.name).register-task-definition.json")
            let described = try aws.call(["ecs", "describe-task-definition", "--task-definition", job.family])
            let definition = try #require(described["taskDefinition"] as? [String: Any])
            let expected = try #require(registered as? [String: Any])
            for key in ["family", "cpu", "memory", "networkMode", "requiresCompatibilities", "executionRoleArn", "taskRoleArn"] {
                #expect(sameJSON(definition[key], expected[key]), "\(job.family) \(key)")
            }
            #expect(definition["revision"] as? Int == 2, "a second deploy registers revision 2")
            let container = try #require((definition["containerDefinitions"] as? [[String: Any]])?.first)
            let expectedContainer = try #require((expected["containerDefinitions"] as? [[String: Any]])?.first)
            for (key, value) in expectedContainer {
                #expect(sameJSON(container[key], value), "\(job.family) container \(key)")
            }
        }

        let failureRule = try aws.call(["events", "describe-rule", "--name", plan.names.failureRuleName])
        let pattern = try jsonObject(try #require(failureRule["EventPattern"] as? String))
        #expect(sameJSON(pattern, try jsonObject(try #require(plan.failureAlarm).eventPattern.compactText)))

        let policy = try aws.call(["iam", "get-role-policy", "--role-name", plan.invokeRole.name, "--policy-name", plan.invokeRole.name])
        #expect(sameJSON(policy["PolicyDocument"], try jsonObject(try #require(plan.invokeRole.policy).compactText)))

        let queueURL = try aws.string(try aws.call(["sqs", "get-queue-url", "--queue-name", plan.names.deadLetterQueueName])["QueueUrl"], "QueueUrl")
        let attributes = try aws.call(["sqs", "get-queue-attributes", "--queue-url", queueURL, "--attribute-names", "All"])["Attributes"] as? [String: Any]
        let queuePolicy = try jsonObject(try #require(attributes?["Policy"] as? String))
        #expect(sameJSON(queuePolicy, try jsonObject(try #require(plan.deadLetterQueuePolicy).compactText)))
        #expect(attributes?["MessageRetentionPeriod"] as? String == "1209600")

        let groups = try aws.call(["logs", "describe-log-groups", "--log-group-name-prefix", plan.logGroupName])["logGroups"] as? [[String: Any]]
        #expect(groups?.first?["retentionInDays"] as? Int == plan.logRetentionDays)

        try MissedRunAlarmTests.expectAlarms(aws: aws, plan: plan)
        try runTask_withCompiledParameters_isAccepted(aws: aws, output: output)
    }

    /// What EventBridge would call when the rule fires: RunTask with the target's parameters and overrides.
    func runTask_withCompiledParameters_isAccepted(aws: MotoAWS, output: CompileOutput) throws {
        let job = try #require(output.plan.jobs.first { $0.job.name == "process-notifications" })
        // moto sizes a task from container-level memory (an EC2 notion) and fails without it, so the emulator
        // gets the compiled task definition plus that one field; every RunTask parameter below is as compiled.
        var registered = try #require(try EmulatorSchedule.contents(output, "ecs/\(job.job.name).register-task-definition.json") as? [String: Any])
        var containers = try #require(registered["containerDefinitions"] as? [[String: Any]])
        containers[0]["memory"] = job.job.memory
        registered["containerDefinitions"] = containers
        let patched = try TestEnvironment.workDirectory().appendingPathComponent("run-task-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: registered).write(to: patched)
        try aws.call(["ecs", "register-task-definition", "--cli-input-json", "file://\(patched.path)"])

        let putTargets = try EmulatorSchedule.contents(output, "events/\(job.job.name).put-targets.json") as? [String: Any]
        let target = try #require((putTargets?["Targets"] as? [[String: Any]])?.first)
        let ecs = try #require(target["EcsParameters"] as? [String: Any])
        let vpc = try #require((ecs["NetworkConfiguration"] as? [String: Any])?["awsvpcConfiguration"] as? [String: Any])
        let network: [String: Any] = [
            "awsvpcConfiguration": [
                "subnets": vpc["Subnets"] as Any, "securityGroups": vpc["SecurityGroups"] as Any,
                "assignPublicIp": vpc["AssignPublicIp"] as Any,
            ]
        ]
        let template = try #require((target["InputTransformer"] as? [String: Any])?["InputTemplate"] as? String)
        let overrides = template.replacing("<time>", with: "2025-03-01T12:05:00Z")
        let networkJSON = String(decoding: try JSONSerialization.data(withJSONObject: network), as: UTF8.self)
        let answer = try aws.call([
            "ecs", "run-task", "--cluster", try aws.string(target["Arn"], "Arn"),
            "--task-definition", try aws.string(ecs["TaskDefinitionArn"], "TaskDefinitionArn"),
            "--count", String(try #require(ecs["TaskCount"] as? Int)),
            "--launch-type", try aws.string(ecs["LaunchType"], "LaunchType"),
            "--platform-version", try aws.string(ecs["PlatformVersion"], "PlatformVersion"),
            "--propagate-tags", try aws.string(ecs["PropagateTags"], "PropagateTags"),
            "--enable-ecs-managed-tags",
            "--network-configuration", networkJSON,
            "--overrides", overrides,
        ])
        let tasks = try #require(answer["tasks"] as? [[String: Any]])
        #expect(tasks.count == job.job.parallelism)
        #expect((answer["failures"] as? [Any])?.isEmpty ?? true)
        let command = ((tasks.first?["overrides"] as? [String: Any])?["containerOverrides"] as? [[String: Any]])?.first?["command"] as? [String]
        #expect(command == job.command + ["--scheduled-at", "2025-03-01T12:05:00Z"])
    }

    @Test func scheduler_deployTwice_readsBackEverySchedule() throws {
        let aws = try MotoAWS()
        let environment = EmulatorSchedule.uniqueName("cli-sched")
        let file = try EmulatorSchedule.file(environment: environment, aws: aws)
        let (directory, output) = try EmulatorSchedule.write(file, environment: environment, format: .awsCLI, target: .scheduler)
        for _ in 1...2 {
            let run = try ExternalTool.run(["bash", "deploy.sh"], environment: aws.environment, directory: directory)
            #expect(run.status == 0, "deploy.sh failed:\n\(run.combined)")
        }
        for job in output.plan.jobs {
            let expected = try #require(try EmulatorSchedule.contents(output, "scheduler/\(job.job.name).schedule.json") as? [String: Any])
            let schedule = try aws.call(["scheduler", "get-schedule", "--group-name", output.plan.names.scheduleGroupName, "--name", job.triggerName])
            for key in ["Name", "GroupName", "Description", "ScheduleExpression", "ScheduleExpressionTimezone", "State", "FlexibleTimeWindow", "Target"] {
                #expect(sameJSON(schedule[key], expected[key]), "\(job.triggerName) \(key)")
            }
        }
        #expect(output.plan.jobs.contains { $0.isWatchdog })
        try MissedRunAlarmTests.expectAlarms(aws: aws, plan: output.plan)
    }
}
