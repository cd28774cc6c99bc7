import Foundation

/// Checks that catch what AWS would reject at deploy or fire time, run by `cronjob compile` on every plan.
/// Every problem is reported, not just the first.
public enum CompileChecks {
    public static func run(_ plan: DeploymentPlan) -> [CompileDiagnostic] {
        environmentProblems(plan) + plan.jobs.flatMap { jobProblems($0, in: plan) } + policyProblems(plan)
            + uniquenessProblems(plan)
    }

    static func environmentProblems(_ plan: DeploymentPlan) -> [CompileDiagnostic] {
        let subject = "environment \(plan.environment)"
        var problems: [CompileDiagnostic] = []
        let names = plan.names
        if !matches(names.account, #"^[0-9]{12}$"#) {
            problems.append(.error(subject, "account '\(names.account)' must be 12 digits"))
        }
        if !matches(names.region, #"^[a-z]{2}(-gov)?-[a-z]+-[0-9]$"#) {
            problems.append(.error(subject, "region '\(names.region)' is not an AWS region name (e.g. us-east-1)"))
        }
        if !matches(plan.environment, #"^[a-z0-9][a-z0-9-]*$"#) {
            problems.append(.error(subject, "environment names become resource names: use lowercase letters, digits and '-'"))
        }
        if plan.jobs.isEmpty { problems.append(.error(subject, "there are no jobs to compile")) }
        if !(1...16).contains(plan.launch.subnets.count) { problems.append(.error(subject, "subnets: 1 to 16 allowed")) }
        if plan.launch.securityGroups.count > 5 { problems.append(.error(subject, "security_groups: at most 5 allowed")) }
        if !AWSIdentifierShapes.logRetentionDays.contains(plan.logRetentionDays) {
            let allowed = AWSIdentifierShapes.logRetentionDays.map(String.init).joined(separator: ", ")
            problems.append(.error(subject, "log retention \(plan.logRetentionDays) days is not allowed (\(allowed))"))
        }
        if plan.target == .scheduler, TimeZone(identifier: plan.timeZone) == nil {
            problems.append(.error(subject, "time_zone '\(plan.timeZone)' is not an IANA time zone (e.g. America/Montevideo)"))
        }
        if !matches(plan.launch.platformVersion, #"^(LATEST|[0-9]+\.[0-9]+\.[0-9]+)$"#) {
            problems.append(.error(subject, "platform_version '\(plan.launch.platformVersion)' must be LATEST or like 1.4.0"))
        }
        let strategy = plan.launch.capacityProviderStrategy
        for item in strategy where !["FARGATE", "FARGATE_SPOT"].contains(item.capacityProvider) {
            problems.append(.error(subject, "capacity provider '\(item.capacityProvider)' is not FARGATE or FARGATE_SPOT"))
        }
        if !strategy.isEmpty, !strategy.contains(where: { $0.weight > 0 }) {
            problems.append(.error(subject, "capacity provider strategy needs a weight above 0"))
        }
        let plainNames = Set(plan.jobs.flatMap { $0.job.environment.keys })
        for secret in plan.secrets {
            if !matches(secret.arn, #"^arn:aws[a-z-]*:(secretsmanager|ssm):[a-z0-9-]+:[0-9]{12}:(secret:|parameter/)"#) {
                problems.append(.error(subject, "secret \(secret.name): '\(secret.arn)' is not a Secrets Manager or SSM parameter ARN"))
            }
            if plainNames.contains(secret.name) {
                problems.append(.error(subject, "\(secret.name) is both a secret and a plain variable"))
            }
        }
        return problems
    }

    static func jobProblems(_ plan: JobPlan, in deployment: DeploymentPlan) -> [CompileDiagnostic] {
        let job = plan.job
        let subject = "job \(job.name)"
        var problems: [CompileDiagnostic] = []
        if !FargateSizes.isValid(cpu: job.cpu, memory: job.memory) {
            problems.append(.error(subject, "cpu \(job.cpu) / memory \(job.memory) is not a Fargate size: \(FargateSizes.choices(cpu: job.cpu))"))
        }
        if !(2...120).contains(job.stopTimeoutSeconds) {
            problems.append(.error(subject, "stop timeout \(job.stopTimeoutSeconds)s: Fargate allows 2 to 120 seconds"))
        }
        if job.timeoutSeconds <= 0 { problems.append(.error(subject, "timeout must be positive")) }
        if !(1...10).contains(job.parallelism) {
            problems.append(.error(subject, "parallelism \(job.parallelism): RunTask starts 1 to 10 tasks"))
        }
        if !(0...185).contains(job.retries) {
            problems.append(.error(subject, "retries \(job.retries): EventBridge allows 0 to 185"))
        }
        if let window = job.flexibleWindowMinutes, !(1...1440).contains(window) {
            problems.append(.error(subject, "flexible window \(window) minutes: Scheduler allows 1 to 1440"))
        }
        for (name, limit) in [(plan.triggerName, 64), (plan.target.id, 64)] where name.count > limit || !matches(name, #"^[A-Za-z0-9._-]+$"#) {
            problems.append(.error(subject, "'\(name)' must be at most \(limit) characters of letters, digits, '.', '_' or '-'"))
        }
        if plan.family.count > 255 { problems.append(.error(subject, "task family '\(plan.family)' is longer than 255 characters")) }
        problems += overridesProblems(plan, subject: subject)
        return problems
    }

    /// The overrides must be valid JSON once AWS substitutes the time, and must name the container.
    static func overridesProblems(_ plan: JobPlan, subject: String) -> [CompileDiagnostic] {
        let target = plan.target
        let substituted = target.overrides.replacingOccurrences(of: target.timePlaceholder, with: "2025-01-01T00:00:00Z")
        guard target.overrides.contains(target.timePlaceholder) else {
            return [.error(subject, "input does not pass the scheduled time (\(target.timePlaceholder))")]
        }
        guard substituted.utf8.count <= 8192 else {
            return [.error(subject, "RunTask overrides exceed 8192 characters")]
        }
        guard
            let object = try? JSONSerialization.jsonObject(with: Data(substituted.utf8)) as? [String: Any],
            let overrides = object["containerOverrides"] as? [[String: Any]],
            let first = overrides.first, first["name"] as? String == plan.containerName,
            let command = first["command"] as? [String], command.last == "2025-01-01T00:00:00Z"
        else {
            return [.error(subject, "input template is not valid RunTask overrides JSON after substitution: \(substituted)")]
        }
        return []
    }

    /// No role may pass roles it does not own, start tasks it does not own or read other secrets.
    static func policyProblems(_ plan: DeploymentPlan) -> [CompileDiagnostic] {
        var problems: [CompileDiagnostic] = []
        for role in [plan.executionRole, plan.taskRole, plan.invokeRole] {
            for statement in role.policy?["Statement"]?.arrayValue ?? [] {
                let resources = values(statement["Resource"])
                for action in values(statement["Action"]) {
                    let tooBroad: [String]
                    switch action {
                    case "iam:PassRole", "sqs:SendMessage", "secretsmanager:GetSecretValue", "ssm:GetParameters",
                        "logs:PutLogEvents", "logs:CreateLogStream":
                        // Only the documented `:*` suffix of a log group ARN may be a wildcard.
                        tooBroad = resources.filter { $0.dropLast(action.hasPrefix("logs:") ? 2 : 0).contains("*") }
                    case "ecs:RunTask":
                        // A family with every revision (`family:*`) is fine; a wildcard family is not.
                        tooBroad = resources.filter { !$0.contains(":task-definition/") || $0.dropLast(2).contains("*") }
                    default:
                        tooBroad = []
                    }
                    if !tooBroad.isEmpty {
                        problems.append(.error("role \(role.name)", "\(action) must not be granted on \(tooBroad.joined(separator: ", "))"))
                    }
                }
            }
        }
        return problems
    }

    static func uniquenessProblems(_ plan: DeploymentPlan) -> [CompileDiagnostic] {
        var problems: [CompileDiagnostic] = []
        for (label, keys) in [
            ("target id", plan.jobs.map(\.target.id)), ("rule or schedule name", plan.jobs.map(\.triggerName)),
            ("resource name", plan.jobs.map(\.pascalName)),
        ] {
            var seen = Set<String>()
            for key in keys where !seen.insert(key).inserted {
                problems.append(.error("environment \(plan.environment)", "\(label) '\(key)' is used twice"))
            }
        }
        return problems
    }

    private static func values(_ value: JSONValue?) -> [String] {
        switch value {
        case .string(let text): [text]
        case .array(let items): items.compactMap(\.stringValue)
        default: []
        }
    }

    private static func matches(_ text: String, _ pattern: String) -> Bool {
        text.range(of: pattern, options: .regularExpression) != nil
    }
}
