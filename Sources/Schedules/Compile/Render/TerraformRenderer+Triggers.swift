extension TerraformRenderer {
    static func rules(_ plan: DeploymentPlan) -> JSONValue {
        var rules: [String: JSONValue] = [:]
        var targets: [String: JSONValue] = [:]
        for job in plan.jobs {
            rules[job.snakeName] = .compact([
                "name": literal(job.triggerName),
                "description": job.triggerDescription.map(literal),
                "schedule_expression": literal(job.job.schedule.text),
                "state": literal(job.triggerState),
                "tags": tags(job.tags),
            ])
            var target = target(job, plan: plan)
            target["rule"] = expression("aws_cloudwatch_event_rule.\(job.snakeName).name")
            targets[job.snakeName] = .object(target)
        }
        return ["aws_cloudwatch_event_rule": .object(rules), "aws_cloudwatch_event_target": .object(targets)]
    }

    static func schedules(_ plan: DeploymentPlan) -> JSONValue {
        var schedules: [String: JSONValue] = [:]
        for job in plan.jobs {
            let window: JSONValue =
                job.job.flexibleWindowMinutes.map { ["mode": "FLEXIBLE", "maximum_window_in_minutes": .int($0)] }
                ?? ["mode": "OFF"]
            schedules[job.snakeName] = .compact([
                "name": literal(job.triggerName),
                "group_name": expression("aws_scheduler_schedule_group.cronjob.name"),
                "description": job.triggerDescription.map(literal),
                "schedule_expression": literal(job.job.schedule.text),
                "schedule_expression_timezone": literal(plan.timeZone),
                "state": literal(job.triggerState),
                "flexible_time_window": window,
                "target": .object(target(job, plan: plan)),
            ])
        }
        return [
            "aws_scheduler_schedule_group": ["cronjob": ["name": literal(plan.names.scheduleGroupName), "tags": tags(plan.tags)]],
            "aws_scheduler_schedule": .object(schedules),
        ]
    }

    /// The job's `ECSTargetPlan`: an `aws_cloudwatch_event_target` (`ecs_target`, `input_transformer`) but its rule,
    /// or a schedule's `target` block (`ecs_parameters`, `input`).
    static func target(_ job: JobPlan, plan: DeploymentPlan) -> [String: JSONValue] {
        let target = job.target
        var members: [String: JSONValue] = [
            "arn": literal(target.clusterArn),
            "role_arn": expression("aws_iam_role.\(AWSCLIRenderer.invokeRoleKey(plan)).arn"),
            "retry_policy": [
                "maximum_event_age_in_seconds": .int(target.maximumEventAgeSeconds),
                "maximum_retry_attempts": .int(target.maximumRetryAttempts),
            ],
            "dead_letter_config": ["arn": expression("aws_sqs_queue.dead_letters.arn")],
        ]
        let parameters = ecsParameters(target, taskDefinition: expression("aws_ecs_task_definition.\(job.snakeName).arn"))
        switch target.timeSource {
        case .inputTransformer(let paths):
            members["target_id"] = literal(target.id)
            members["ecs_target"] = parameters
            members["input_transformer"] = [
                "input_paths": .object(paths.mapValues(literal)), "input_template": literal(target.overrides),
            ]
        case .schedulerContext:
            members["ecs_parameters"] = parameters
            members["input"] = literal(target.overrides)
        }
        return members
    }

    /// `ecs_target` of an event target and `ecs_parameters` of a schedule share these arguments.
    static func ecsParameters(_ target: ECSTargetPlan, taskDefinition: JSONValue) -> JSONValue {
        let launch = target.launch
        var parameters: [String: JSONValue] = [
            "task_definition_arn": taskDefinition,
            "task_count": .int(target.taskCount),
            "platform_version": literal(launch.platformVersion),
            "propagate_tags": literal(target.propagateTags),
            "enable_ecs_managed_tags": .bool(target.enableECSManagedTags),
            "network_configuration": [
                "subnets": literals(launch.subnets),
                "security_groups": literals(launch.securityGroups),
                "assign_public_ip": .bool(launch.assignPublicIp),
            ],
        ]
        switch launch.capacity {
        case .launchType(let type):
            parameters["launch_type"] = literal(type)
        case .strategy(let items):
            parameters["capacity_provider_strategy"] = .array(
                items.map { ["capacity_provider": literal($0.capacityProvider), "weight": .int($0.weight), "base": .int($0.base)] })
        }
        return .object(parameters)
    }

    static func failureRule(_ alarm: FailureAlarmPlan, plan: DeploymentPlan) -> JSONValue {
        [
            "aws_cloudwatch_event_rule": [
                "task_failures": [
                    "name": literal(alarm.ruleName),
                    "description": literal(alarm.description),
                    "event_pattern": literal(alarm.eventPattern.compactText),
                    "state": "ENABLED",
                    "tags": tags(plan.tags),
                ]
            ],
            "aws_cloudwatch_event_target": [
                "task_failures": [
                    "rule": expression("aws_cloudwatch_event_rule.task_failures.name"),
                    "target_id": "alarm-topic",
                    "arn": literal(alarm.topicArn),
                    "input_transformer": [
                        "input_paths": .object(alarm.inputPathsMap.mapValues(literal)),
                        "input_template": literal(alarm.inputTemplate),
                    ],
                    "dead_letter_config": ["arn": expression("aws_sqs_queue.dead_letters.arn")],
                ]
            ],
        ]
    }
}
