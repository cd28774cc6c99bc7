/// Names and ARNs of everything compiled for one environment, in one place so that every format agrees.
/// Every name starts with `cronjob-<environment>`, so two environments can share an account.
public struct AWSNames: Sendable, Equatable {
    public let environment: String
    public let account: String
    public let region: String
    /// `aws`, `aws-cn` or `aws-us-gov`, from the region.
    public let partition: String
    public let clusterName: String
    public let clusterArn: String

    public init(environment: String, account: String, region: String, cluster: String) {
        self.environment = environment
        self.account = account
        self.region = region
        partition =
            region.hasPrefix("cn-") ? "aws-cn" : region.hasPrefix("us-gov-") ? "aws-us-gov" : "aws"
        if cluster.hasPrefix("arn:"), let slash = cluster.lastIndex(of: "/") {
            clusterName = String(cluster[cluster.index(after: slash)...])
            clusterArn = cluster
        } else {
            clusterName = cluster
            clusterArn = "arn:\(partition):ecs:\(region):\(account):cluster/\(cluster)"
        }
    }

    public var prefix: String { "cronjob-\(environment)" }

    public func family(job: String) -> String { "\(prefix)-\(job)" }
    /// The EventBridge rule or Scheduler schedule that fires `job`.
    public func triggerName(job: String) -> String { "\(prefix)-\(job)" }
    public var executionRoleName: String { "\(prefix)-execution" }
    public var taskRoleName: String { "\(prefix)-task" }
    public func invokeRoleName(_ target: CompileTarget) -> String {
        target == .rules ? "\(prefix)-events" : "\(prefix)-scheduler"
    }
    public var deadLetterQueueName: String { "\(prefix)-dead-letters" }
    public var failureRuleName: String { "\(prefix)-task-failures" }
    public var scheduleGroupName: String { prefix }

    public func roleArn(_ name: String) -> String { "arn:\(partition):iam::\(account):role/\(name)" }
    /// The family's ARN without a revision: RunTask then starts the latest ACTIVE revision.
    public func taskDefinitionArn(family: String) -> String {
        "arn:\(partition):ecs:\(region):\(account):task-definition/\(family)"
    }
    public func ruleArn(_ name: String) -> String { "arn:\(partition):events:\(region):\(account):rule/\(name)" }
    public var deadLetterQueueArn: String { "arn:\(partition):sqs:\(region):\(account):\(deadLetterQueueName)" }
    public var deadLetterQueueURL: String {
        let domain = partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com"
        return "https://sqs.\(region).\(domain)/\(account)/\(deadLetterQueueName)"
    }
    /// The ARN CloudFormation's `Fn::GetAtt LogGroup.Arn` returns (with `:*`), which also covers its streams.
    public func logGroupArn(_ name: String) -> String { "arn:\(partition):logs:\(region):\(account):log-group:\(name):*" }
    public var scheduleGroupArn: String {
        "arn:\(partition):scheduler:\(region):\(account):schedule-group/\(scheduleGroupName)"
    }
    /// Tasks this cluster starts (for `ecs:TagResource` at RunTask time).
    public var clusterTasksArn: String { "arn:\(partition):ecs:\(region):\(account):task/\(clusterName)/*" }
}
