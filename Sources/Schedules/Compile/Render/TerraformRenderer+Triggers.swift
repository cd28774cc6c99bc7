extension TerraformRenderer {
    static func rules(_ plan: DeploymentPlan) -> JSONValue {
        var rules: [String: JSONValue] = [:]
        var targets: [String: JSONValue] = [:]
        for job in plan.jobs {
            rules[job.snakeName] = .compact([
                "name": literal(job.triggerName),
                "description": job.job.description.isEmpty ? nil : literal(String(job.job.description.prefix(512))),
                "schedule_expression": literal(job.job.schedule.text),
                "state": job.job.enabled ? "ENABLED" : "DISABLED",
                "tags": tags(job.tags),
            ])
            targets[job.snakeName] = [
                "rule": expression("aws_cloudwatch_event_rule.\(job.snakeName).name"),
                "target_id": literal(job.targetId),
                "arn": literal(plan.names.clusterArn),
                "role_arn": expression("aws_iam_role.events.arn"),
                "ecs_target": ecsParameters(job, plan: plan),
                "retry_policy": retryPolicy(job),
                "dead_letter_config": ["arn": expression("aws_sqs_queue.dead_letters.arn")],
                "input_transformer": ["input_paths": ["time": "$.time"], "input_template": literal(job.overridesTemplate)],
            ]
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
                "description": job.job.description.isEmpty ? nil : literal(String(job.job.description.prefix(512))),
                "schedule_expression": literal(job.job.schedule.text),
                "schedule_expression_timezone": literal(plan.timeZone),
                "state": job.job.enabled ? "ENABLED" : "DISABLED",
                "flexible_time_window": window,
                "target": [
                    "arn": literal(plan.names.clusterArn),
                    "role_arn": expression("aws_iam_role.scheduler.arn"),
                    "input": literal(job.overridesTemplate),
                    "ecs_parameters": ecsParameters(job, plan: plan),
                    "retry_policy": retryPolicy(job),
                    "dead_letter_config": ["arn": expression("aws_sqs_queue.dead_letters.arn")],
                ],
            ])
        }
        return [
            "aws_scheduler_schedule_group": ["cronjob": ["name": literal(plan.names.scheduleGroupName), "tags": tags(plan.tags)]],
            "aws_scheduler_schedule": .object(schedules),
        ]
    }

    /// `ecs_target` of an event target and `ecs_parameters` of a schedule share these arguments.
    static func ecsParameters(_ job: JobPlan, plan: DeploymentPlan) -> JSONValue {
        var parameters: [String: JSONValue] = [
            "task_definition_arn": expression("aws_ecs_task_definition.\(job.snakeName).arn"),
            "task_count": .int(job.job.parallelism),
            "platform_version": literal(plan.platformVersion),
            "propagate_tags": "TASK_DEFINITION",
            "enable_ecs_managed_tags": true,
            "network_configuration": [
                "subnets": literals(plan.subnets),
                "security_groups": literals(plan.securityGroups),
                "assign_public_ip": .bool(plan.assignPublicIp),
            ],
        ]
        if plan.capacityProviderStrategy.isEmpty {
            parameters["launch_type"] = "FARGATE"
        } else {
            parameters["capacity_provider_strategy"] = .array(
                plan.capacityProviderStrategy.map {
                    ["capacity_provider": literal($0.capacityProvider), "weight": .int($0.weight), "base": .int($0.base)]
                })
        }
        return .object(parameters)
    }

    static func retryPolicy(_ job: JobPlan) -> JSONValue {
        ["maximum_event_age_in_seconds": .int(job.maximumEventAgeSeconds), "maximum_retry_attempts": .int(job.job.retries)]
    }

    static func failureRule(_ alarm: FailureAlarmPlan, plan: DeploymentPlan) -> JSONValue {
        [
            "aws_cloudwatch_event_rule": [
                "task_failures": [
                    "name": literal(alarm.ruleName),
                    "description": literal("Failed or unstartable cronjob tasks in \(plan.environment) to the alarm topic."),
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
