/// A job's rule or schedule with its `ECSTargetPlan`, and the task-failure rule, in the members that the EventBridge
/// and Scheduler APIs (the aws-cli input) and CloudFormation share. They differ only in the capitalisation of two
/// blocks and in whether the task definition, the role, the dead-letter queue and the schedule group are literal or
/// references: the `Spelling`.
enum TriggerMembers {
    struct Spelling {
        /// `awsvpcConfiguration` (both APIs), `AwsVpcConfiguration` (CloudFormation's rules), `AwsvpcConfiguration`
        /// (CloudFormation's schedules).
        var vpcConfiguration: String
        /// Capacity provider items: `CapacityProvider`, `Weight`, `Base` in CloudFormation; camelCase in the APIs.
        var capitalizedCapacityProviders: Bool
        var taskDefinition: JSONValue
        var role: JSONValue
        var deadLetterQueue: JSONValue
        var scheduleGroup: JSONValue

        /// The APIs' spelling, with literal ARNs and names (the CLI has no references).
        static func api(_ job: JobPlan, plan: DeploymentPlan) -> Spelling {
            Spelling(
                vpcConfiguration: "awsvpcConfiguration", capitalizedCapacityProviders: false,
                taskDefinition: .string(job.target.taskDefinitionArn), role: .string(job.target.roleArn),
                deadLetterQueue: .string(job.target.deadLetterQueueArn), scheduleGroup: .string(plan.names.scheduleGroupName))
        }
    }

    /// An EventBridge rule without its targets: `put-rule`'s input, CloudFormation's properties but `Targets`.
    static func rule(_ job: JobPlan) -> [String: JSONValue] {
        JSONValue.compact([
            "Name": .string(job.triggerName),
            "Description": job.triggerDescription.map(JSONValue.string),
            "ScheduleExpression": .string(job.job.schedule.text),
            "State": .string(job.triggerState),
            "Tags": .tagList(job.tags),
        ]).objectEntries
    }

    /// A Scheduler schedule: CloudFormation's properties and the input of `create-schedule` and `update-schedule`.
    static func schedule(_ job: JobPlan, plan: DeploymentPlan, _ spelling: Spelling) -> JSONValue {
        let window: JSONValue =
            job.job.flexibleWindowMinutes.map { ["Mode": "FLEXIBLE", "MaximumWindowInMinutes": .int($0)] } ?? ["Mode": "OFF"]
        return .compact([
            "Name": .string(job.triggerName),
            "GroupName": spelling.scheduleGroup,
            "Description": job.triggerDescription.map(JSONValue.string),
            "ScheduleExpression": .string(job.job.schedule.text),
            "ScheduleExpressionTimezone": .string(plan.timeZone),
            "FlexibleTimeWindow": window,
            "State": .string(job.triggerState),
            "Target": target(job.target, spelling),
        ])
    }

    /// A rule's target (`Id`, `InputTransformer`) or a schedule's (`Input`).
    static func target(_ target: ECSTargetPlan, _ spelling: Spelling) -> JSONValue {
        var members: [String: JSONValue] = [
            "Arn": .string(target.clusterArn),
            "RoleArn": spelling.role,
            "EcsParameters": ecsParameters(target, spelling),
            "RetryPolicy": [
                "MaximumRetryAttempts": .int(target.maximumRetryAttempts),
                "MaximumEventAgeInSeconds": .int(target.maximumEventAgeSeconds),
            ],
            "DeadLetterConfig": ["Arn": spelling.deadLetterQueue],
        ]
        switch target.timeSource {
        case .inputTransformer(let paths):
            members["Id"] = .string(target.id)
            members["InputTransformer"] = [
                "InputPathsMap": .object(paths.mapValues(JSONValue.string)), "InputTemplate": .string(target.overrides),
            ]
        case .schedulerContext:
            members["Input"] = .string(target.overrides)
        }
        return .object(members)
    }

    static func ecsParameters(_ target: ECSTargetPlan, _ spelling: Spelling) -> JSONValue {
        let launch = target.launch
        var parameters: [String: JSONValue] = [
            "TaskDefinitionArn": spelling.taskDefinition,
            "TaskCount": .int(target.taskCount),
            "NetworkConfiguration": [
                spelling.vpcConfiguration: [
                    "Subnets": .strings(launch.subnets),
                    "SecurityGroups": .strings(launch.securityGroups),
                    "AssignPublicIp": .string(launch.assignPublicIpValue),
                ]
            ],
            "PlatformVersion": .string(launch.platformVersion),
            "PropagateTags": .string(target.propagateTags),
            "EnableECSManagedTags": .bool(target.enableECSManagedTags),
        ]
        switch launch.capacity {
        case .launchType(let type):
            parameters["LaunchType"] = .string(type)
        case .strategy(let items):
            let capitalized = spelling.capitalizedCapacityProviders
            parameters["CapacityProviderStrategy"] = .array(
                items.map {
                    [
                        capitalized ? "CapacityProvider" : "capacityProvider": .string($0.capacityProvider),
                        capitalized ? "Weight" : "weight": .int($0.weight),
                        capitalized ? "Base" : "base": .int($0.base),
                    ]
                })
        }
        return .object(parameters)
    }

    /// The task-failure rule without its targets; the event pattern is an object in CloudFormation, a string in the API.
    static func failureRule(_ alarm: FailureAlarmPlan, eventPattern: JSONValue, tags: [String: String]) -> [String: JSONValue] {
        [
            "Name": .string(alarm.ruleName),
            "Description": .string(alarm.description),
            "EventPattern": eventPattern,
            "State": "ENABLED",
            "Tags": .tagList(tags),
        ]
    }

    /// The alarm topic as the task-failure rule's target.
    static func failureTarget(_ alarm: FailureAlarmPlan, deadLetterQueue: JSONValue) -> JSONValue {
        [
            "Id": "alarm-topic",
            "Arn": .string(alarm.topicArn),
            "InputTransformer": [
                "InputPathsMap": .object(alarm.inputPathsMap.mapValues(JSONValue.string)),
                "InputTemplate": .string(alarm.inputTemplate),
            ],
            "DeadLetterConfig": ["Arn": deadLetterQueue],
        ]
    }
}
