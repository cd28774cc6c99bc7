/// `--cli-input-json` documents in the shapes of the AWS APIs, and a `deploy.sh` that applies them in order.
/// ARNs are literal (the CLI has no references); rules name the task family without a revision, so RunTask
/// starts the newest ACTIVE revision that `deploy.sh` registered.
enum AWSCLIRenderer {
    static func render(_ plan: DeploymentPlan) -> [CompiledFile] {
        var files: [CompiledFile] = [
            .json("logs/create-log-group.json", ["logGroupName": .string(plan.logGroupName), "tags": tagMap(plan.tags)]),
            .json(
                "logs/put-retention-policy.json",
                ["logGroupName": .string(plan.logGroupName), "retentionInDays": .int(plan.logRetentionDays)]
            ),
            // Created bare so that create-queue stays idempotent; attributes are (re)applied by set-queue-attributes.
            .json("sqs/create-queue.json", ["QueueName": .string(plan.names.deadLetterQueueName), "tags": tagMap(plan.tags)]),
            .json("sqs/set-queue-attributes.json", queueAttributes(plan)),
        ]
        for (key, role) in roles(plan) {
            files += roleFiles(key: key, role: role, tags: plan.tags)
        }
        for job in plan.jobs {
            files.append(.json("ecs/\(job.job.name).register-task-definition.json", .object(TaskDefinitionMembers.taskDefinition(job, plan: plan, .camel, .api(plan)))))
        }
        switch plan.target {
        case .rules:
            for job in plan.jobs {
                files.append(.json("events/\(job.job.name).put-rule.json", putRule(job)))
                files.append(.json("events/\(job.job.name).put-targets.json", putTargets(job, plan: plan)))
            }
        case .scheduler:
            files.append(
                .json(
                    "scheduler/create-schedule-group.json",
                    ["Name": .string(plan.names.scheduleGroupName), "Tags": .tagList(plan.tags)]
                ))
            for job in plan.jobs {
                files.append(.json("scheduler/\(job.job.name).schedule.json", schedule(job, plan: plan)))
            }
        }
        if let alarm = plan.failureAlarm {
            files.append(.json("events/task-failures.put-rule.json", failureRule(alarm, plan: plan)))
            files.append(.json("events/task-failures.put-targets.json", failureTargets(alarm, plan: plan)))
        }
        files += MetricAlarmRenderer.awsCLI(plan)
        files.append(CompiledFile(path: "deploy.sh", contents: DeployScript.render(plan), isExecutable: true))
        return files
    }

    /// The roles with the short key used in file names, in the order deploy.sh creates them.
    static func roles(_ plan: DeploymentPlan) -> [(String, RolePlan)] {
        [("execution", plan.executionRole), ("task", plan.taskRole), (invokeRoleKey(plan), plan.invokeRole)]
    }

    static func invokeRoleKey(_ plan: DeploymentPlan) -> String { plan.target == .rules ? "events" : "scheduler" }

    static func tagMap(_ tags: [String: String]) -> JSONValue { .object(tags.mapValues(JSONValue.string)) }

    static func queueAttributes(_ plan: DeploymentPlan) -> JSONValue {
        var attributes: [String: JSONValue] = [
            "MessageRetentionPeriod": .string(String(plan.deadLetterRetentionSeconds)),
            "SqsManagedSseEnabled": "true",
        ]
        if let policy = plan.deadLetterQueuePolicy { attributes["Policy"] = .string(policy.compactText) }
        // deploy.sh passes the URL that create-queue returned; this one documents where the queue lives.
        return ["QueueUrl": .string(plan.names.deadLetterQueueURL), "Attributes": .object(attributes)]
    }

    static func roleFiles(key: String, role: RolePlan, tags: [String: String]) -> [CompiledFile] {
        var files: [CompiledFile] = [
            .json(
                "iam/\(key).create-role.json",
                [
                    "RoleName": .string(role.name), "Description": .string(role.description),
                    "AssumeRolePolicyDocument": .string(role.trustPolicy.compactText), "Tags": .tagList(tags),
                ]
            ),
            .json(
                "iam/\(key).update-assume-role-policy.json",
                ["RoleName": .string(role.name), "PolicyDocument": .string(role.trustPolicy.compactText)]
            ),
        ]
        if let policy = role.policy {
            files.append(
                .json(
                    "iam/\(key).put-role-policy.json",
                    ["RoleName": .string(role.name), "PolicyName": .string(role.name), "PolicyDocument": .string(policy.compactText)]
                ))
        }
        return files
    }
}
