/// The metric alarms (`DeploymentPlan.alarms`) in each output format: one PutMetricAlarm shape, three spellings.
enum MetricAlarmRenderer {
    /// `AWS::CloudWatch::Alarm` resources by logical id (`AlarmDeadLetters`, `AlarmNoSuccessSyncPayments`).
    static func cloudFormation(_ plan: DeploymentPlan) -> [String: JSONValue] {
        var resources: [String: JSONValue] = [:]
        for alarm in plan.alarms {
            var properties = putMetricAlarm(alarm).objectEntries
            properties["Dimensions"] = .array(alarm.dimensions.map { ["Name": .string($0.name), "Value": .string($0.value)] })
            resources["Alarm\(alarm.pascalKey)"] = CloudFormationRenderer.resource("AWS::CloudWatch::Alarm", properties)
        }
        return resources
    }

    /// `cloudwatch/<key>.put-metric-alarm.json` for `aws cloudwatch put-metric-alarm --cli-input-json`.
    static func awsCLI(_ plan: DeploymentPlan) -> [CompiledFile] {
        plan.alarms.map { .json(cliPath($0), putMetricAlarm($0)) }
    }

    static func cliPath(_ alarm: MetricAlarmPlan) -> String { "cloudwatch/\(alarm.key).put-metric-alarm.json" }

    /// The deploy.sh lines that apply them (put-metric-alarm creates or replaces).
    static func deployLines(_ plan: DeploymentPlan) -> [String] {
        plan.alarms.flatMap { alarm in
            ["", "echo \"alarm \(alarm.name)\"", "aws_ cloudwatch put-metric-alarm --cli-input-json file://\(cliPath(alarm))"]
        }
    }

    /// `aws_cloudwatch_metric_alarm` resources; nil without alarms.
    static func terraform(_ plan: DeploymentPlan) -> JSONValue? {
        guard !plan.alarms.isEmpty else { return nil }
        let literal = TerraformRenderer.literal
        let alarms = plan.alarms.map { alarm -> (String, JSONValue) in
            (alarm.snakeKey, [
                "alarm_name": literal(alarm.name), "alarm_description": literal(alarm.description),
                "namespace": literal(alarm.namespace), "metric_name": literal(alarm.metricName),
                "dimensions": .object(Dictionary(uniqueKeysWithValues: alarm.dimensions.map { ($0.name, literal($0.value)) })),
                "statistic": literal(alarm.statistic), "period": .int(alarm.periodSeconds),
                "evaluation_periods": .int(alarm.evaluationPeriods), "datapoints_to_alarm": .int(alarm.evaluationPeriods),
                "threshold": .int(alarm.threshold), "comparison_operator": literal(alarm.comparisonOperator),
                "treat_missing_data": literal(alarm.treatMissingData), "alarm_actions": [literal(alarm.topicArn)],
                "tags": TerraformRenderer.tags(plan.tags),
            ])
        }
        return ["aws_cloudwatch_metric_alarm": .object(Dictionary(uniqueKeysWithValues: alarms))]
    }

    /// PutMetricAlarm's request in API spelling (also CloudFormation's property names, but for Dimensions' type).
    static func putMetricAlarm(_ alarm: MetricAlarmPlan) -> JSONValue {
        [
            "AlarmName": .string(alarm.name), "AlarmDescription": .string(alarm.description),
            "Namespace": .string(alarm.namespace), "MetricName": .string(alarm.metricName),
            "Dimensions": .array(alarm.dimensions.map { ["Name": .string($0.name), "Value": .string($0.value)] }),
            "Statistic": .string(alarm.statistic), "Period": .int(alarm.periodSeconds),
            "EvaluationPeriods": .int(alarm.evaluationPeriods), "DatapointsToAlarm": .int(alarm.evaluationPeriods),
            "Threshold": .int(alarm.threshold), "ComparisonOperator": .string(alarm.comparisonOperator),
            "TreatMissingData": .string(alarm.treatMissingData), "AlarmActions": [.string(alarm.topicArn)],
        ]
    }
}
