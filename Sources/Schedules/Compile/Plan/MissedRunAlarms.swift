import Foundation

/// The alarms for what the runner cannot see: a dead-letter queue that is not empty (a delivery that could not start
/// a task) and, per enabled job, no successful run in its longest gap plus its timeout plus its grace, on the
/// `Succeeded` metric the runs emit in Embedded Metric Format (namespace `Cronjobs`, dimensions Job and Environment).
/// Missing data breaches, so a job that never starts alarms even when the database and the watchdog are down.
enum MissedRunAlarms {
    static let namespace = "Cronjobs"
    /// PutMetricAlarm: Period × EvaluationPeriods at most 1 day for periods under an hour, at most 7 days otherwise.
    static let shortRange = 86_400
    static let longRange = 604_800

    static func plan(
        names: AWSNames, jobs: [ResolvedJob], target: CompileTarget, timeZone: TimeZone, topicArn: String, hasWatchdog: Bool
    ) -> (alarms: [MetricAlarmPlan], warnings: [CompileDiagnostic]) {
        var alarms = [deadLetters(names: names, topicArn: topicArn)]
        var warnings: [CompileDiagnostic] = []
        for job in jobs where job.enabled {
            guard let gap = job.schedule.maximumInterval(in: timeZone) else { continue }
            // A Scheduler flexible window may start the run that much later (StatusJobSpec widens the grace alike).
            let grace = StatusJobSpec(job, target: target).graceSeconds
            let needed = Int(gap.rounded(.up)) + job.timeoutSeconds + grace
            guard let (period, periods) = window(covering: needed) else {
                let fallback = hasWatchdog ? "rely on the watchdog" : "add a watchdog: section to cover it"
                warnings.append(.warning(
                    "job \(job.name)",
                    "its longest gap plus timeout and grace (\(DurationText.format(needed))) exceeds the 7 days a CloudWatch "
                        + "alarm can evaluate: no \"no successful run\" alarm; \(fallback)"))
                continue
            }
            alarms.append(MetricAlarmPlan(
                name: "\(names.prefix)-\(job.name)-no-success",
                description: "cronjob \(names.environment): \(job.name) had no successful run in \(DurationText.format(period * periods)) "
                    + "(its longest gap, timeout and grace). Run `cronjob status --env \(names.environment)`.",
                namespace: namespace, metricName: "Succeeded",
                dimensions: [AlarmDimension("Job", job.name), AlarmDimension("Environment", names.environment)],
                statistic: "Sum", periodSeconds: period, evaluationPeriods: periods, threshold: 1,
                comparisonOperator: "LessThanThreshold", treatMissingData: "breaching", topicArn: topicArn,
                key: "no-success-\(job.name)"
            ))
        }
        return (alarms, warnings)
    }

    /// The smallest whole window of 5-minute periods (up to a day) or hourly ones (up to 7 days) covering `seconds`.
    static func window(covering seconds: Int) -> (period: Int, periods: Int)? {
        if seconds <= shortRange { return (300, max(1, (seconds + 299) / 300)) }
        if seconds <= longRange { return (3_600, (seconds + 3_599) / 3_600) }
        return nil
    }

    static func deadLetters(names: AWSNames, topicArn: String) -> MetricAlarmPlan {
        MetricAlarmPlan(
            name: "\(names.prefix)-dead-letters",
            description: "cronjob \(names.environment): a scheduled delivery could not start its task and is in "
                + "\(names.deadLetterQueueName).",
            namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible",
            dimensions: [AlarmDimension("QueueName", names.deadLetterQueueName)], statistic: "Maximum", periodSeconds: 300,
            evaluationPeriods: 1, threshold: 0, comparisonOperator: "GreaterThanThreshold",
            treatMissingData: "notBreaching", topicArn: topicArn, key: "dead-letters"
        )
    }
}
