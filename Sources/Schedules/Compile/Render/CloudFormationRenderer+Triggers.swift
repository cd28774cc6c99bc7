extension CloudFormationRenderer {
    static func rule(_ job: JobPlan, plan: DeploymentPlan) -> JSONValue {
        var properties = TriggerMembers.rule(job)
        properties["Targets"] = [TriggerMembers.target(job.target, triggerSpelling(job, plan: plan))]
        return resource("AWS::Events::Rule", properties)
    }

    static func schedule(_ job: JobPlan, plan: DeploymentPlan) -> JSONValue {
        resource("AWS::Scheduler::Schedule", TriggerMembers.schedule(job, plan: plan, triggerSpelling(job, plan: plan)).objectEntries)
    }

    /// References to this template's task definition, role, queue and schedule group; rules spell the VPC block
    /// `AwsVpcConfiguration`, Scheduler `AwsvpcConfiguration`.
    static func triggerSpelling(_ job: JobPlan, plan: DeploymentPlan) -> TriggerMembers.Spelling {
        TriggerMembers.Spelling(
            vpcConfiguration: plan.target == .rules ? "AwsVpcConfiguration" : "AwsvpcConfiguration",
            capitalizedCapacityProviders: true,
            taskDefinition: ref("TaskDefinition\(job.pascalName)"),
            role: arn(invokeRoleID(plan)),
            deadLetterQueue: arn("DeadLetterQueue"),
            scheduleGroup: ref("ScheduleGroup"))
    }

    static func failureRule(_ alarm: FailureAlarmPlan, plan: DeploymentPlan) -> JSONValue {
        var properties = TriggerMembers.failureRule(alarm, eventPattern: alarm.eventPattern, tags: plan.tags)
        properties["Targets"] = [TriggerMembers.failureTarget(alarm, deadLetterQueue: arn("DeadLetterQueue"))]
        return resource("AWS::Events::Rule", properties)
    }
}
