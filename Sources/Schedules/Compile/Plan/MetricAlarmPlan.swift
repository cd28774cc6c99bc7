/// A CloudWatch metric alarm to the environment's alarm topic, in PutMetricAlarm's terms.
public struct MetricAlarmPlan: Sendable, Equatable {
    public var name: String
    public var description: String
    public var namespace: String
    public var metricName: String
    /// Name and value pairs, in this order.
    public var dimensions: [AlarmDimension]
    public var statistic: String
    public var periodSeconds: Int
    public var evaluationPeriods: Int
    public var threshold: Int
    public var comparisonOperator: String
    /// `breaching` for the "no successful run" alarms: a silent job is the very thing they watch for.
    public var treatMissingData: String
    public var topicArn: String
    /// Short key for file and resource names: `dead-letters`, `no-success-sync-payments`.
    public var key: String

    /// `DeadLetters`, `NoSuccessSyncPayments`: CloudFormation logical ids.
    public var pascalKey: String { key.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined() }
    /// `dead_letters`: Terraform resource names.
    public var snakeKey: String { key.replacingOccurrences(of: "-", with: "_") }
}

/// One metric dimension of an alarm.
public struct AlarmDimension: Sendable, Equatable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
