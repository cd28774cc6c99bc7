extension AWSCLIRenderer {
    static func putRule(_ job: JobPlan) -> JSONValue { .object(TriggerMembers.rule(job)) }

    static func putTargets(_ job: JobPlan, plan: DeploymentPlan) -> JSONValue {
        ["Rule": .string(job.triggerName), "Targets": [TriggerMembers.target(job.target, .api(job, plan: plan))]]
    }

    /// Input of both `create-schedule` and `update-schedule` (the two take the same members).
    static func schedule(_ job: JobPlan, plan: DeploymentPlan) -> JSONValue {
        TriggerMembers.schedule(job, plan: plan, .api(job, plan: plan))
    }

    static func failureRule(_ alarm: FailureAlarmPlan, plan: DeploymentPlan) -> JSONValue {
        .object(TriggerMembers.failureRule(alarm, eventPattern: .string(alarm.eventPattern.compactText), tags: plan.tags))
    }

    static func failureTargets(_ alarm: FailureAlarmPlan, plan: DeploymentPlan) -> JSONValue {
        let target = TriggerMembers.failureTarget(alarm, deadLetterQueue: .string(plan.names.deadLetterQueueArn))
        return ["Rule": .string(alarm.ruleName), "Targets": [target]]
    }
}
