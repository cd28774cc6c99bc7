import CompileFixtures
import Foundation
import Schedules
import Testing

@Suite struct CompilePlanTests {
    func plan(_ environment: String = "production", target: CompileTarget = .rules) throws -> DeploymentPlan {
        try DeploymentPlan.build(ScheduleFixtures.file(), environment: environment, target: target).plan
    }

    func statement(_ role: RolePlan, _ sid: String) throws -> JSONValue {
        let statements = try #require(role.policy?["Statement"]?.arrayValue)
        return try #require(statements.first { $0["Sid"]?.stringValue == sid })
    }

    @Test func invokeRole_runsOnlyTheseFamilies_inThisCluster() throws {
        let plan = try plan()
        let runTask = try statement(plan.invokeRole, "RunJobTasks")
        #expect(
            runTask["Resource"]?.arrayValue?.compactMap(\.stringValue) == [
                "arn:aws:ecs:sa-east-1:123456789012:task-definition/cronjob-production-check-payout:*",
                "arn:aws:ecs:sa-east-1:123456789012:task-definition/cronjob-production-notify-upload:*",
                "arn:aws:ecs:sa-east-1:123456789012:task-definition/cronjob-production-process-notifications:*",
                "arn:aws:ecs:sa-east-1:123456789012:task-definition/cronjob-production-sync-payments:*",
                "arn:aws:ecs:sa-east-1:123456789012:task-definition/cronjob-production-watchdog:*",
            ])
        #expect(
            runTask["Condition"]?["ArnEquals"]?["ecs:cluster"]
                == "arn:aws:ecs:sa-east-1:123456789012:cluster/revendiste-production")
    }

    @Test(arguments: CompileTarget.allCases)
    func invokeRole_passesOnlyTaskAndExecutionRoles(target: CompileTarget) throws {
        let plan = try plan(target: target)
        let pass = try statement(plan.invokeRole, "PassJobRoles")
        #expect(
            pass["Resource"] == .strings([
                "arn:aws:iam::123456789012:role/cronjob-production-execution",
                "arn:aws:iam::123456789012:role/cronjob-production-task",
            ]))
        #expect(pass["Condition"]?["StringEquals"]?["iam:PassedToService"] == "ecs-tasks.amazonaws.com")
        let principal = plan.invokeRole.trustPolicy["Statement"]?.arrayValue?.first?["Principal"]?["Service"]
        #expect(principal == (target == .rules ? "events.amazonaws.com" : "scheduler.amazonaws.com"))
    }

    @Test func executionRole_readsOnlyListedSecrets_andWritesOnlyItsLogGroup() throws {
        let plan = try plan()
        let secrets = try statement(plan.executionRole, "ReadJobSecrets")
        #expect(
            secrets["Resource"] == .strings([
                "arn:aws:secretsmanager:sa-east-1:123456789012:secret:production/aurora/cronjob-Qw3Er4",
                "arn:aws:secretsmanager:sa-east-1:123456789012:secret:production/payments-Mn7Bv6",
            ]))
        let parameters = try statement(plan.executionRole, "ReadJobParameters")
        #expect(parameters["Resource"] == "arn:aws:ssm:sa-east-1:123456789012:parameter/cronjob/production/push-api-key")
        let logs = try statement(plan.executionRole, "WriteJobLogs")
        #expect(logs["Resource"] == "arn:aws:logs:sa-east-1:123456789012:log-group:/ecs/cronjob-production:*")
        #expect(plan.taskRole.policy == nil)
    }

    @Test func onlyRegistryLogin_isGrantedOnStar() throws {
        let plan = try plan(target: .scheduler)
        for role in [plan.executionRole, plan.taskRole, plan.invokeRole] {
            for statement in role.policy?["Statement"]?.arrayValue ?? [] where statement["Resource"] == "*" {
                #expect(statement["Action"] == "ecr:GetAuthorizationToken", "role \(role.name)")
            }
        }
    }

    @Test(arguments: [(CompileTarget.rules, "<time>"), (.scheduler, "<aws.scheduler.scheduled-time>")])
    func overrides_areValidJSONAfterSubstitution(target: CompileTarget, placeholder: String) throws {
        for job in try plan(target: target).jobs {
            let text = job.target.overrides.replacingOccurrences(of: placeholder, with: "2025-03-01T12:00:00Z")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let overrides = try #require(object["containerOverrides"] as? [[String: Any]])
            #expect(overrides.first?["name"] as? String == "cronjob")
            let command = try #require(overrides.first?["command"] as? [String])
            #expect(command == job.job.command + ["--scheduled-at", "2025-03-01T12:00:00Z"])
            #expect(command.starts(with: job.isWatchdog ? ["status", "--env", "production"] : ["run", job.job.name, "--timeout"]))
        }
    }

    @Test func disabledJob_getsDisabledRule_andStagingUsesCapacityProviders() throws {
        let staging = try ScheduleCompiler.compile(ScheduleFixtures.file(), environment: "staging", format: .awsCLI, target: .rules)
        let rule = try #require(staging.files.first { $0.path == "events/check-payout.put-rule.json" })
        #expect(rule.contents.contains(#""State": "DISABLED""#))
        let targets = try #require(staging.files.first { $0.path == "events/sync-payments.put-targets.json" })
        #expect(targets.contents.contains(#""capacityProvider": "FARGATE_SPOT""#))
        #expect(!targets.contents.contains("LaunchType"))
    }

    @Test func secrets_appearOnlyAsValueFromARNs() throws {
        let output = try ScheduleCompiler.compile(ScheduleFixtures.file(), environment: "production", format: .cloudformation, target: .rules)
        let template = try #require(output.files.first).contents
        #expect(template.contains(#""ValueFrom": "arn:aws:secretsmanager:sa-east-1:123456789012:secret:production/payments-Mn7Bv6:token::""#))
        #expect(!template.contains(#""Name": "PAYMENTS_API_TOKEN",\#n                    "Value""#))
    }

    @Test func scheduler_defaultsToUTC_whenNoTimeZone() throws {
        #expect(try plan("production", target: .scheduler).timeZone == "UTC")
        #expect(try plan("staging", target: .scheduler).timeZone == "America/Montevideo")
    }

    @Test func failureAlarm_matchesNonZeroExitAndFailedStart_forTheseFamilies() throws {
        let alarm = try #require(try plan().failureAlarm)
        let detail = try #require(alarm.eventPattern["detail"])
        #expect(alarm.eventPattern["detail-type"] == ["ECS Task State Change"])
        #expect(detail["lastStatus"] == ["STOPPED"])
        #expect(detail["$or"] == [["containers": ["exitCode": [["anything-but": 0]]]], ["stopCode": ["TaskFailedToStart"]]])
        #expect(detail["taskDefinitionArn"]?.arrayValue?.count == 5, "four jobs and the watchdog, whose exit 1 must alarm")
        let sample = alarm.inputTemplate.replacing(/<[a-zA-Z]+>/, with: "x")
        #expect((try? JSONSerialization.jsonObject(with: Data(sample.utf8), options: .fragmentsAllowed)) as? String != nil)
    }

    @Test func unknownEnvironment_exits64_namingTheKnownOnes() {
        #expect {
            try DeploymentPlan.build(ScheduleFixtures.file(), environment: "qa", target: .rules)
        } throws: { error in
            let error = error as? CompileError
            return error?.exitCode == 64 && error?.description.contains("staging, production") == true
        }
    }
}

@Suite struct CompileWarningsTests {
    @Test func rules_warnAboutTimeZoneAndFlexibleWindow_schedulerDoesNot() throws {
        let rules = try DeploymentPlan.build(ScheduleFixtures.file(), environment: "staging", target: .rules).warnings
        #expect(rules.map(\.description).contains { $0.contains("time_zone America/Montevideo is ignored") })
        #expect(rules.map(\.description).contains("warning: job check-payout: the flexible window applies only to --target scheduler"))
        let scheduler = try DeploymentPlan.build(ScheduleFixtures.file(), environment: "staging", target: .scheduler).warnings
        #expect(scheduler.isEmpty)
    }

    @Test func missingAlarmTopic_warns_andDropsTheFailureRule() throws {
        var file = ScheduleFixtures.file()
        file.environments[1].alarmTopic = nil
        let (plan, warnings) = try DeploymentPlan.build(file, environment: "production", target: .rules)
        #expect(plan.failureAlarm == nil)
        #expect(warnings.filter { $0.subject == "environment production" }.map(\.message) == ["no alarm_topic: failed and unstartable runs will not alarm"])
    }
}
