/// The rule that turns ECS "task stopped" events of these jobs into a readable SNS message.
enum TaskFailureAlarm {
    static func plan(names: AWSNames, families: [String], topicArn: String) -> FailureAlarmPlan {
        // A trailing colon keeps `cronjob-prod-sync` from matching `cronjob-prod-sync-payments`.
        let definitions = families.map { JSONValue.object(["prefix": .string(names.taskDefinitionArn(family: $0) + ":")]) }
        let pattern: JSONValue = [
            "source": ["aws.ecs"],
            "detail-type": ["ECS Task State Change"],
            "detail": [
                "clusterArn": .strings([names.clusterArn]),
                "lastStatus": ["STOPPED"],
                "taskDefinitionArn": .array(definitions),
                "$or": [
                    ["containers": ["exitCode": [["anything-but": 0]]]],
                    ["stopCode": ["TaskFailedToStart"]],
                ],
            ],
        ]
        let paths = [
            "group": "$.detail.group",
            "exitCode": "$.detail.containers[0].exitCode",
            "stopCode": "$.detail.stopCode",
            "reason": "$.detail.stoppedReason",
            "task": "$.detail.taskArn",
            "time": "$.time",
        ]
        // A quoted template yields a JSON string: SNS subscribers get one readable line.
        let template = "\"cronjob \(names.environment): <group> stopped at <time> with exit code <exitCode> "
            + "(stop code <stopCode>: <reason>). Task: <task>\""
        return FailureAlarmPlan(
            ruleName: names.failureRuleName,
            description: "Failed or unstartable cronjob tasks in \(names.environment) to the alarm topic.", topicArn: topicArn, eventPattern: pattern,
            inputPathsMap: paths, inputTemplate: template
        )
    }
}
