import CompileFixtures
import Foundation
import Schedules
import Testing

/// The "missed runs" alarms and the watchdog, read back from the emulator after each format created them.
/// CloudFormation and aws-cli deploys call `expectAlarms` (CloudFormationDeployTests, AWSCLIDeployTests);
/// Terraform cannot run here, so its `aws_cloudwatch_metric_alarm` resources are created with put-metric-alarm.
@Suite struct MissedRunAlarmTests {
    /// Every planned alarm exists with its metric, window and action, and nothing else of this environment does.
    static func expectAlarms(aws: MotoAWS, plan: DeploymentPlan, checkMissingData: Bool = true) throws {
        let described = try aws.call(["cloudwatch", "describe-alarms", "--alarm-name-prefix", "\(plan.names.prefix)-"])
        let alarms = (described["MetricAlarms"] as? [[String: Any]]) ?? []
        #expect(Set(alarms.compactMap { $0["AlarmName"] as? String }) == Set(plan.alarms.map(\.name)))
        #expect(plan.alarms.contains { $0.metricName == "ApproximateNumberOfMessagesVisible" })
        #expect(plan.alarms.filter { $0.metricName == "Succeeded" }.count == plan.jobs.filter { !$0.isWatchdog && $0.job.enabled }.count)
        for expected in plan.alarms {
            let alarm = try #require(alarms.first { $0["AlarmName"] as? String == expected.name }, "\(expected.name)")
            #expect(alarm["MetricName"] as? String == expected.metricName)
            #expect(alarm["Namespace"] as? String == expected.namespace)
            #expect(alarm["Period"] as? Int == expected.periodSeconds)
            #expect(alarm["EvaluationPeriods"] as? Int == expected.evaluationPeriods)
            #expect(alarm["AlarmActions"] as? [String] == [expected.topicArn])
            if checkMissingData { #expect(alarm["TreatMissingData"] as? String == expected.treatMissingData, "\(expected.name)") }
            let dimensions = (alarm["Dimensions"] as? [[String: Any]])?.compactMap { $0["Value"] as? String }
            #expect(dimensions.map(Set.init) == Set(expected.dimensions.map(\.value)))
        }
    }

    /// moto's CloudFormation accepts `AWS::CloudWatch::Alarm` (the stack reaches CREATE_COMPLETE) but creates nothing
    /// behind it and does not list it: create each alarm from its template properties (PutMetricAlarm's own field
    /// names, so the API validates them) and read them back.
    static func expectStackAlarms(aws: MotoAWS, stack: String, template: URL, plan: DeploymentPlan) throws {
        let resources = try #require((try jsonObject(String(contentsOf: template, encoding: .utf8)) as? [String: Any])?["Resources"] as? [String: [String: Any]])
        for alarm in plan.alarms {
            let properties = try #require(resources["Alarm\(alarm.pascalKey)"]?["Properties"])
            let input = template.deletingLastPathComponent().appendingPathComponent("\(alarm.key).json")
            try JSONSerialization.data(withJSONObject: properties).write(to: input)
            try aws.call(["cloudwatch", "put-metric-alarm", "--cli-input-json", "file://\(input.path)"])
        }
        try expectAlarms(aws: aws, plan: plan)
    }

    @Test(arguments: CompileTarget.allCases)
    func terraform_alarmsAreCreatable_andTheWatchdogRunsStatus(target: CompileTarget) throws {
        let aws = try MotoAWS()
        let environment = EmulatorSchedule.uniqueName("tf-\(target.rawValue)")
        let file = try EmulatorSchedule.file(environment: environment, aws: aws)
        let (_, output) = try EmulatorSchedule.write(file, environment: environment, format: .terraform, target: target)
        let resources = try #require((try EmulatorSchedule.contents(output, "metric-alarms.tf.json") as? [String: Any])?["resource"] as? [String: Any])
        let alarms = try #require(resources["aws_cloudwatch_metric_alarm"] as? [String: [String: Any]])
        #expect(alarms.count == output.plan.alarms.count)
        for (_, alarm) in alarms {
            let dimensions = (alarm["dimensions"] as? [String: String] ?? [:]).sorted { $0.key < $1.key }
                .map { "Name=\($0.key),Value=\($0.value)" }
            try aws.call([
                "cloudwatch", "put-metric-alarm", "--alarm-name", try aws.string(alarm["alarm_name"], "alarm_name"),
                "--alarm-description", try aws.string(alarm["alarm_description"], "alarm_description"),
                "--namespace", try aws.string(alarm["namespace"], "namespace"),
                "--metric-name", try aws.string(alarm["metric_name"], "metric_name"),
                "--statistic", try aws.string(alarm["statistic"], "statistic"),
                "--period", "\(try #require(alarm["period"] as? Int))",
                "--evaluation-periods", "\(try #require(alarm["evaluation_periods"] as? Int))",
                "--datapoints-to-alarm", "\(try #require(alarm["datapoints_to_alarm"] as? Int))",
                "--threshold", "\(try #require(alarm["threshold"] as? Int))",
                "--comparison-operator", try aws.string(alarm["comparison_operator"], "comparison_operator"),
                "--treat-missing-data", try aws.string(alarm["treat_missing_data"], "treat_missing_data"),
                "--alarm-actions", try aws.string((alarm["alarm_actions"] as? [String])?.first, "alarm_actions"),
                "--dimensions",
            ] + dimensions)
        }
        try Self.expectAlarms(aws: aws, plan: output.plan)

        let ecs = try #require((try EmulatorSchedule.contents(output, "ecs.tf.json") as? [String: Any])?["resource"] as? [String: Any])
        let watchdog = try #require((ecs["aws_ecs_task_definition"] as? [String: Any])?["watchdog"] as? [String: Any])
        let containers = try jsonObject(try aws.string(watchdog["container_definitions"], "container_definitions")) as? [[String: Any]]
        let command = containers?.first?["command"] as? [String]
        #expect(command.map { Array($0.prefix(3)) } == ["status", "--env", environment])
        let variables = containers?.first?["environment"] as? [[String: String]]
        let spec = try #require(variables?.first { $0["name"] == StatusSpec.variable }?["value"])
        #expect(try StatusSpec(json: spec).jobs.map(\.name) == ["check-payout", "notify-upload", "process-notifications", "sync-payments"])
        let triggers = try #require((try EmulatorSchedule.contents(output, "schedules.tf.json") as? [String: Any])?["resource"] as? [String: Any])
        let kind = target == .rules ? "aws_cloudwatch_event_rule" : "aws_scheduler_schedule"
        #expect((triggers[kind] as? [String: Any])?["watchdog"] != nil, "the watchdog has its \(kind)")
    }

    @Test func longGap_warnsAndRelieOnTheWatchdog() throws {
        var file = ScheduleFixtures.file()
        let index = try #require(file.jobs.firstIndex { $0.name == "notify-upload" })
        file.jobs[index].schedule = try ScheduleExpression(parsing: "cron(0 10 1 * ? *)")
        let output = try ScheduleCompiler.compile(file, environment: "production", format: .cloudformation, target: .rules)
        #expect(!output.plan.alarms.contains { $0.name.hasSuffix("notify-upload-no-success") })
        #expect(output.warnings.map(\.description).contains { $0.contains("job notify-upload: its longest gap") && $0.contains("rely on the watchdog") })
    }
}
