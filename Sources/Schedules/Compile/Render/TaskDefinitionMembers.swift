/// A job's task definition in the members that ECS's API (the aws-cli input, Terraform's `container_definitions`)
/// and CloudFormation share: the same names, camelCase in the API and PascalCase in CloudFormation (the awslogs
/// options keep theirs). The roles and the log group are literal in the API and references in CloudFormation.
enum TaskDefinitionMembers {
    enum Casing {
        case camel, pascal

        func callAsFunction(_ key: String) -> String {
            self == .camel ? key : key.prefix(1).uppercased() + key.dropFirst()
        }
    }

    struct References {
        var executionRole: JSONValue
        var taskRole: JSONValue
        var logGroup: JSONValue

        /// The API's literal ARNs and names.
        static func api(_ plan: DeploymentPlan) -> References {
            References(
                executionRole: .string(plan.names.roleArn(plan.executionRole.name)),
                taskRole: .string(plan.names.roleArn(plan.taskRole.name)), logGroup: .string(plan.logGroupName))
        }
    }

    static func taskDefinition(
        _ job: JobPlan, plan: DeploymentPlan, _ casing: Casing, _ references: References
    ) -> [String: JSONValue] {
        [
            casing("family"): .string(job.family),
            casing("cpu"): .string(String(job.job.cpu)),
            casing("memory"): .string(String(job.job.memory)),
            casing("networkMode"): "awsvpc",
            casing("requiresCompatibilities"): ["FARGATE"],
            casing("executionRoleArn"): references.executionRole,
            casing("taskRoleArn"): references.taskRole,
            casing("containerDefinitions"): [containerDefinition(job, plan: plan, casing, logGroup: references.logGroup)],
            casing("tags"): .tagList(job.tags, key: casing("key"), value: casing("value")),
        ]
    }

    static func containerDefinition(_ job: JobPlan, plan: DeploymentPlan, _ casing: Casing, logGroup: JSONValue) -> JSONValue {
        let variables = job.job.environment.sorted { $0.key < $1.key }
        return .compact([
            casing("name"): .string(job.containerName),
            casing("image"): .string(plan.image),
            casing("essential"): true,
            casing("command"): .strings(job.command),
            casing("environment"): variables.isEmpty
                ? nil : .array(variables.map { [casing("name"): .string($0.key), casing("value"): .string($0.value)] }),
            casing("secrets"): plan.secrets.isEmpty
                ? nil : .array(plan.secrets.map { [casing("name"): .string($0.name), casing("valueFrom"): .string($0.arn)] }),
            casing("logConfiguration"): [
                casing("logDriver"): "awslogs",
                casing("options"): [
                    "awslogs-group": logGroup,
                    "awslogs-region": .string(plan.names.region),
                    "awslogs-stream-prefix": .string(job.job.name),
                ],
            ],
            casing("stopTimeout"): .int(job.job.stopTimeoutSeconds),
        ])
    }
}
