extension CloudFormationRenderer {
    static func rule(_ job: JobPlan, plan: DeploymentPlan) -> JSONValue {
        let target: JSONValue = [
            "Id": .string(job.targetId),
            "Arn": .string(plan.names.clusterArn),
            "RoleArn": arn(invokeRoleID(plan)),
            "EcsParameters": ecsParameters(job, plan: plan, vpcKey: "AwsVpcConfiguration"),
            "RetryPolicy": retryPolicy(job),
            "DeadLetterConfig": ["Arn": arn("DeadLetterQueue")],
            "InputTransformer": ["InputPathsMap": ["time": "$.time"], "InputTemplate": .string(job.overridesTemplate)],
        ]
        return resource(
            "AWS::Events::Rule",
            JSONValue.compact([
                "Name": .string(job.triggerName),
                "Description": description(job),
                "ScheduleExpression": .string(job.job.schedule.text),
                "State": job.job.enabled ? "ENABLED" : "DISABLED",
                "Targets": [target],
                "Tags": tags(job.tags),
            ]).objectEntries
        )
    }

    static func schedule(_ job: JobPlan, plan: DeploymentPlan) -> JSONValue {
        let window: JSONValue =
            job.job.flexibleWindowMinutes.map { ["Mode": "FLEXIBLE", "MaximumWindowInMinutes": .int($0)] } ?? ["Mode": "OFF"]
        let target: JSONValue = [
            "Arn": .string(plan.names.clusterArn),
            "RoleArn": arn(invokeRoleID(plan)),
            "EcsParameters": ecsParameters(job, plan: plan, vpcKey: "AwsvpcConfiguration"),
            "RetryPolicy": retryPolicy(job),
            "DeadLetterConfig": ["Arn": arn("DeadLetterQueue")],
            "Input": .string(job.overridesTemplate),
        ]
        return resource(
            "AWS::Scheduler::Schedule",
            JSONValue.compact([
                "Name": .string(job.triggerName),
                "GroupName": ref("ScheduleGroup"),
                "Description": description(job),
                "ScheduleExpression": .string(job.job.schedule.text),
                "ScheduleExpressionTimezone": .string(plan.timeZone),
                "FlexibleTimeWindow": window,
                "State": job.job.enabled ? "ENABLED" : "DISABLED",
                "Target": target,
            ]).objectEntries
        )
    }

    /// Events spells the VPC block `AwsVpcConfiguration`, Scheduler `AwsvpcConfiguration`.
    static func ecsParameters(_ job: JobPlan, plan: DeploymentPlan, vpcKey: String) -> JSONValue {
        var parameters: [String: JSONValue] = [
            "TaskDefinitionArn": ref("TaskDefinition\(job.pascalName)"),
            "TaskCount": .int(job.job.parallelism),
            "NetworkConfiguration": [
                vpcKey: [
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
                    ["CapacityProvider": .string($0.capacityProvider), "Weight": .int($0.weight), "Base": .int($0.base)]
                })
        }
        return .object(parameters)
    }

    static func retryPolicy(_ job: JobPlan) -> JSONValue {
        ["MaximumRetryAttempts": .int(job.job.retries), "MaximumEventAgeInSeconds": .int(job.maximumEventAgeSeconds)]
    }

    static func description(_ job: JobPlan) -> JSONValue? {
        job.job.description.isEmpty ? nil : .string(String(job.job.description.prefix(512)))
    }

    static func failureRule(_ alarm: FailureAlarmPlan, plan: DeploymentPlan) -> JSONValue {
        let target: JSONValue = [
            "Id": "alarm-topic",
            "Arn": .string(alarm.topicArn),
            "InputTransformer": [
                "InputPathsMap": .object(alarm.inputPathsMap.mapValues(JSONValue.string)),
                "InputTemplate": .string(alarm.inputTemplate),
            ],
            "DeadLetterConfig": ["Arn": arn("DeadLetterQueue")],
        ]
        return resource(
            "AWS::Events::Rule",
            [
                "Name": .string(alarm.ruleName),
                "Description": .string("Failed or unstartable cronjob tasks in \(plan.environment) to the alarm topic."),
                "EventPattern": alarm.eventPattern,
                "State": "ENABLED",
                "Targets": [target],
                "Tags": tags(plan.tags),
            ]
        )
    }
}
