/// The IAM documents of a deployment, with literal ARNs so that a reviewer sees exactly what is granted.
enum IAMPolicies {
    static let version: JSONValue = "2012-10-17"

    static func trust(service: String, conditions: JSONValue? = nil) -> JSONValue {
        let statement = JSONValue.compact([
            "Effect": "Allow",
            "Principal": ["Service": .string(service)],
            "Action": "sts:AssumeRole",
            "Condition": conditions,
        ])
        return ["Version": version, "Statement": [statement]]
    }

    /// ECS tasks may assume the role only on behalf of this account's ECS (confused-deputy guard).
    static func ecsTasksTrust(_ names: AWSNames) -> JSONValue {
        trust(
            service: "ecs-tasks.amazonaws.com",
            conditions: [
                "ArnLike": ["aws:SourceArn": .string("arn:\(names.partition):ecs:\(names.region):\(names.account):*")],
                "StringEquals": ["aws:SourceAccount": .string(names.account)],
            ]
        )
    }

    static func invokeTrust(_ names: AWSNames, target: CompileTarget) -> JSONValue {
        switch target {
        case .rules:
            return trust(service: "events.amazonaws.com")
        case .scheduler:
            // Scheduler documents aws:SourceAccount for its execution roles.
            return trust(
                service: "scheduler.amazonaws.com",
                conditions: ["StringEquals": ["aws:SourceAccount": .string(names.account)]]
            )
        }
    }

    /// Pull the image, write the job logs, read the listed secrets; nothing else.
    static func execution(_ names: AWSNames, image: String, logGroup: String, secrets: [SecretReference]) -> JSONValue {
        var statements: [JSONValue] = [
            statement("WriteJobLogs", ["logs:CreateLogStream", "logs:PutLogEvents"], [names.logGroupArn(logGroup)])
        ]
        let secretArns = unique(secrets.map(\.arn).filter { $0.contains(":secretsmanager:") }.map(secretResource))
        if !secretArns.isEmpty {
            statements.append(statement("ReadJobSecrets", ["secretsmanager:GetSecretValue"], secretArns))
        }
        let parameterArns = unique(secrets.map(\.arn).filter { $0.contains(":ssm:") })
        if !parameterArns.isEmpty {
            statements.append(statement("ReadJobParameters", ["ssm:GetParameters"], parameterArns))
        }
        if let repository = ecrRepositoryArn(image: image, partition: names.partition) {
            statements.append(
                statement(
                    "PullJobImage",
                    ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
                    [repository]
                )
            )
            // GetAuthorizationToken has no resource-level permissions: AWS requires "*" here.
            statements.append(statement("AuthenticateToRegistry", ["ecr:GetAuthorizationToken"], ["*"]))
        }
        return ["Version": version, "Statement": .array(statements)]
    }

    /// Run only these task definitions, only in this cluster, and pass only their two roles to ECS.
    static func invoke(_ names: AWSNames, target: CompileTarget, families: [String]) -> JSONValue {
        let families = families.map { names.taskDefinitionArn(family: $0) + ":*" }
        var statements: [JSONValue] = [
            statement(
                "RunJobTasks", ["ecs:RunTask"], families,
                condition: ["ArnEquals": ["ecs:cluster": .string(names.clusterArn)]]
            ),
            statement(
                "PassJobRoles", ["iam:PassRole"],
                [names.roleArn(names.executionRoleName), names.roleArn(names.taskRoleName)],
                condition: ["StringEquals": ["iam:PassedToService": "ecs-tasks.amazonaws.com"]]
            ),
            // RunTask with propagated tags needs TagResource on the new task.
            statement(
                "TagJobTasks", ["ecs:TagResource"], [names.clusterTasksArn],
                condition: ["StringEquals": ["ecs:CreateAction": "RunTask"]]
            ),
        ]
        if target == .scheduler {
            // Scheduler delivers dead letters with its execution role, not through a queue policy.
            statements.append(statement("SendDeadLetters", ["sqs:SendMessage"], [names.deadLetterQueueArn]))
        }
        return ["Version": version, "Statement": .array(statements)]
    }

    /// EventBridge may send dead letters only from this deployment's rules.
    static func deadLetterQueue(_ names: AWSNames, ruleNames: [String]) -> JSONValue {
        let statement = statement(
            "EventBridgeDeadLetters", ["sqs:SendMessage"], [names.deadLetterQueueArn],
            condition: ["ArnEquals": ["aws:SourceArn": .strings(ruleNames.map(names.ruleArn))]],
            principal: ["Service": "events.amazonaws.com"]
        )
        return ["Version": version, "Statement": [statement]]
    }

    static func statement(
        _ sid: String, _ actions: [String], _ resources: [String], condition: JSONValue? = nil,
        principal: JSONValue? = nil
    ) -> JSONValue {
        .compact([
            "Sid": .string(sid),
            "Effect": "Allow",
            "Principal": principal,
            "Action": actions.count == 1 ? .string(actions[0]) : .strings(actions),
            "Resource": resources.count == 1 ? .string(resources[0]) : .strings(resources),
            "Condition": condition,
        ])
    }

    /// `arn:aws:secretsmanager:r:a:secret:name-AbCdEf:json-key::` → the secret itself (7 fields).
    static func secretResource(_ arn: String) -> String {
        let fields = arn.split(separator: ":", omittingEmptySubsequences: false)
        return fields.count > 7 ? fields.prefix(7).joined(separator: ":") : arn
    }

    /// `123456789012.dkr.ecr.us-east-1.amazonaws.com/cronjob:1.4.2` → the repository ARN; nil for other registries.
    static func ecrRepositoryArn(image: String, partition: String) -> String? {
        guard let slash = image.firstIndex(of: "/") else { return nil }
        let host = image[..<slash].split(separator: ".")
        guard host.count >= 6, host[1] == "dkr", host[2] == "ecr" else { return nil }
        var repository = String(image[image.index(after: slash)...])
        if let at = repository.firstIndex(of: "@") { repository = String(repository[..<at]) }
        if let colon = repository.lastIndex(of: ":") { repository = String(repository[..<colon]) }
        return "arn:\(partition):ecr:\(host[3]):\(host[0]):repository/\(repository)"
    }

    private static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
