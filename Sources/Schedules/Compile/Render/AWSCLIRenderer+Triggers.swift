extension AWSCLIRenderer {
    static func putRule(_ job: JobPlan) -> JSONValue {
        .compact([
            "Name": .string(job.triggerName),
            "Description": CloudFormationRenderer.description(job),
            "ScheduleExpression": .string(job.job.schedule.text),
            "State": job.job.enabled ? "ENABLED" : "DISABLED",
            "Tags": tagList(job.tags),
        ])
    }

    static func putTargets(_ job: JobPlan, plan: DeploymentPlan) -> JSONValue {
        let target: JSONValue = [
            "Id": .string(job.targetId),
            "Arn": .string(plan.names.clusterArn),
            "RoleArn": .string(plan.names.roleArn(plan.invokeRole.name)),
            "EcsParameters": ecsParameters(job, plan: plan),
            "RetryPolicy": CloudFormationRenderer.retryPolicy(job),
            "DeadLetterConfig": ["Arn": .string(plan.names.deadLetterQueueArn)],
            "InputTransformer": ["InputPathsMap": ["time": "$.time"], "InputTemplate": .string(job.overridesTemplate)],
        ]
        return ["Rule": .string(job.triggerName), "Targets": [target]]
    }

    /// Input of both `create-schedule` and `update-schedule` (the two take the same members).
    static func schedule(_ job: JobPlan, plan: DeploymentPlan) -> JSONValue {
        let window: JSONValue =
            job.job.flexibleWindowMinutes.map { ["Mode": "FLEXIBLE", "MaximumWindowInMinutes": .int($0)] } ?? ["Mode": "OFF"]
        return .compact([
            "Name": .string(job.triggerName),
            "GroupName": .string(plan.names.scheduleGroupName),
            "Description": CloudFormationRenderer.description(job),
            "ScheduleExpression": .string(job.job.schedule.text),
            "ScheduleExpressionTimezone": .string(plan.timeZone),
            "FlexibleTimeWindow": window,
            "State": job.job.enabled ? "ENABLED" : "DISABLED",
            "Target": [
                "Arn": .string(plan.names.clusterArn),
                "RoleArn": .string(plan.names.roleArn(plan.invokeRole.name)),
                "EcsParameters": ecsParameters(job, plan: plan),
                "RetryPolicy": CloudFormationRenderer.retryPolicy(job),
                "DeadLetterConfig": ["Arn": .string(plan.names.deadLetterQueueArn)],
                "Input": .string(job.overridesTemplate),
            ],
        ])
    }

    /// The EventBridge and Scheduler APIs share these member names (`awsvpcConfiguration`, `capacityProvider`).
    static func ecsParameters(_ job: JobPlan, plan: DeploymentPlan) -> JSONValue {
        var parameters: [String: JSONValue] = [
            "TaskDefinitionArn": .string(plan.names.taskDefinitionArn(family: job.family)),
            "TaskCount": .int(job.job.parallelism),
            "NetworkConfiguration": [
                "awsvpcConfiguration": [
                    "Subnets": .strings(plan.subnets),
                    "SecurityGroups": .strings(plan.securityGroups),
                    "AssignPublicIp": plan.assignPublicIp ? "ENABLED" : "DISABLED",
                ]
            ],
            "PlatformVersion": .string(plan.platformVersion),
            "PropagateTags": "TASK_DEFINITION",
            "EnableECSManagedTags": true,
        ]
        if plan.capacityProviderStrategy.isEmpty {
            parameters["LaunchType"] = "FARGATE"
        } else {
            parameters["CapacityProviderStrategy"] = .array(
                plan.capacityProviderStrategy.map {
                    ["capacityProvider": .string($0.capacityProvider), "weight": .int($0.weight), "base": .int($0.base)]
                })
        }
        return .object(parameters)
    }

    static func failureRule(_ alarm: FailureAlarmPlan, plan: DeploymentPlan) -> JSONValue {
        [
            "Name": .string(alarm.ruleName),
            "Description": .string("Failed or unstartable cronjob tasks in \(plan.environment) to the alarm topic."),
            "EventPattern": .string(alarm.eventPattern.compactText),
            "State": "ENABLED",
            "Tags": tagList(plan.tags),
        ]
    }

    static func failureTargets(_ alarm: FailureAlarmPlan, plan: DeploymentPlan) -> JSONValue {
        let target: JSONValue = [
            "Id": "alarm-topic",
            "Arn": .string(alarm.topicArn),
            "InputTransformer": [
                "InputPathsMap": .object(alarm.inputPathsMap.mapValues(JSONValue.string)),
                "InputTemplate": .string(alarm.inputTemplate),
            ],
            "DeadLetterConfig": ["Arn": .string(plan.names.deadLetterQueueArn)],
        ]
        return ["Rule": .string(alarm.ruleName), "Targets": [target]]
    }
}
