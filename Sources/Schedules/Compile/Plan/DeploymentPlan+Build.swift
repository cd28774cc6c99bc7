import Foundation

extension DeploymentPlan {
    /// Defaults for what an environment may leave out.
    public static let defaultTimeZone = "UTC"
    /// The architecture keeps CloudWatch logs 7 days.
    public static let defaultLogRetentionDays = 7
    /// SQS's maximum, so that a dead letter outlives a long weekend.
    public static let deadLetterRetentionSeconds = 1_209_600
    /// How long EventBridge keeps retrying a RunTask that failed (throttling, no capacity) before dead-lettering.
    public static let maximumEventAgeSeconds = 3600
    public static let containerName = "cronjob"

    /// Builds the plan for one environment. Missing environment fields are reported all at once.
    public static func build(
        _ file: ScheduleFile, environment name: String, target: CompileTarget
    ) throws(CompileError) -> (plan: DeploymentPlan, warnings: [CompileDiagnostic]) {
        let environment: DeploymentEnvironment
        switch file.requireEnvironment(named: name) {
        case .success(let found): environment = found
        case .failure(let unknown): throw CompileError(.unknownEnvironment, message: unknown.description)
        }
        let subject = "environment \(name)"
        var problems: [CompileDiagnostic] = []
        func required(_ value: String?, _ key: String, _ example: String) -> String {
            if let value, !value.isEmpty { return value }
            problems.append(.error(subject, "\(key) is required to compile (e.g. \(example))"))
            return ""
        }
        let account = required(environment.account, "account", "123456789012")
        let region = required(environment.region, "region", "us-east-1")
        let cluster = required(environment.cluster, "cluster", "cronjobs")
        let image = required(environment.image, "image", "123456789012.dkr.ecr.us-east-1.amazonaws.com/cronjob:1.4.2")
        if environment.subnets.isEmpty {
            problems.append(.error(subject, "subnets: at least one subnet id is required for awsvpc tasks"))
        }
        if environment.securityGroups.isEmpty {
            problems.append(.error(subject, "security_groups: at least one is required (else the VPC's default group applies)"))
        }
        guard problems.isEmpty else {
            throw CompileError(.invalidConfiguration, message: "\(file.path): cannot compile \(subject)", diagnostics: problems)
        }

        var warnings: [CompileDiagnostic] = []
        let names = AWSNames(environment: name, account: account, region: region, cluster: cluster)
        let logGroup = environment.logGroup ?? "/ecs/\(names.prefix)"
        let secrets = environment.secrets.sorted { $0.name < $1.name }
        var tags = environment.tags
        tags["cronjob:environment"] = name

        let launch = ECSTaskLaunch(environment)
        let resolved = file.jobs.map { file.resolve($0, in: environment) }.sorted { $0.name < $1.name }
        var jobs = resolved.map { jobPlan($0, names: names, launch: launch, target: target, tags: tags) }
        if let watchdog = file.watchdog {
            // After the jobs, so that adding a watchdog leaves their order (and the output before it) unchanged.
            jobs.append(jobPlan(WatchdogPlan.job(watchdog, file: file, environment: environment, target: target),
                                names: names, launch: launch, target: target, tags: tags))
        }

        if target == .rules {
            // Rules have neither: say so rather than drop them silently.
            if let zone = environment.timeZone, zone != "UTC" {
                warnings.append(.warning(subject, "time_zone \(zone) is ignored: EventBridge rules run in UTC (--target scheduler honours it)"))
            }
            for job in jobs where job.job.flexibleWindowMinutes != nil {
                warnings.append(.warning("job \(job.job.name)", "the flexible window applies only to --target scheduler"))
            }
        }

        let failureAlarm: FailureAlarmPlan?
        var alarms: [MetricAlarmPlan] = []
        if let topic = environment.alarmTopic, !topic.isEmpty {
            failureAlarm = TaskFailureAlarm.plan(names: names, families: jobs.map(\.family), topicArn: topic)
            let zone = target == .scheduler ? TimeZone(identifier: environment.timeZone ?? "UTC") : nil
            let missed = MissedRunAlarms.plan(
                names: names, jobs: resolved, target: target, timeZone: zone ?? TimeZone(identifier: "UTC")!, topicArn: topic,
                hasWatchdog: file.watchdog?.isEnabled(in: name) ?? false)
            alarms = missed.alarms
            warnings += missed.warnings
        } else {
            failureAlarm = nil
            warnings.append(.warning(subject, "no alarm_topic: failed and unstartable runs will not alarm"))
        }
        var policyRules = target == .rules ? jobs.map(\.triggerName) : []
        if let failureAlarm { policyRules.append(failureAlarm.ruleName) }

        var plan = DeploymentPlan(
            environment: name,
            target: target,
            names: names,
            image: image,
            launch: launch,
            timeZone: environment.timeZone ?? defaultTimeZone,
            tags: tags,
            logGroupName: logGroup,
            logRetentionDays: environment.logRetentionDays ?? defaultLogRetentionDays,
            deadLetterRetentionSeconds: deadLetterRetentionSeconds,
            secrets: secrets,
            executionRole: RolePlan(
                name: names.executionRoleName,
                description: "Lets ECS pull the cronjob image, write its logs and read its secrets (\(name)).",
                trustPolicy: IAMPolicies.ecsTasksTrust(names),
                policy: IAMPolicies.execution(names, image: image, logGroup: logGroup, secrets: secrets)
            ),
            taskRole: RolePlan(
                name: names.taskRoleName,
                description: "Role of the running cronjob container (\(name)); the jobs call no AWS API.",
                trustPolicy: IAMPolicies.ecsTasksTrust(names),
                policy: nil
            ),
            invokeRole: RolePlan(
                name: names.invokeRoleName(target),
                description: "Lets EventBridge\(target == .scheduler ? " Scheduler" : "") start the cronjob tasks (\(name)).",
                trustPolicy: IAMPolicies.invokeTrust(names, target: target),
                policy: IAMPolicies.invoke(names, target: target, families: jobs.map(\.family))
            ),
            deadLetterQueuePolicy: policyRules.isEmpty ? nil : IAMPolicies.deadLetterQueue(names, ruleNames: policyRules),
            jobs: jobs,
            failureAlarm: failureAlarm
        )
        plan.alarms = alarms
        return (plan, warnings)
    }

    static func jobPlan(
        _ job: ResolvedJob, names: AWSNames, launch: ECSTaskLaunch, target: CompileTarget, tags: [String: String]
    ) -> JobPlan {
        let placeholder = target == .rules ? "<time>" : "<aws.scheduler.scheduled-time>"
        let overrides: JSONValue = [
            "containerOverrides": [
                ["name": .string(containerName), "command": .strings(job.command + ["--scheduled-at", placeholder])]
            ]
        ]
        var jobTags = tags
        jobTags["cronjob:job"] = job.name
        let family = names.family(job: job.name)
        return JobPlan(
            job: job,
            family: family,
            triggerName: names.triggerName(job: job.name),
            containerName: containerName,
            command: job.command,
            tags: jobTags,
            target: ECSTargetPlan(
                id: "run-\(job.name)",
                clusterArn: names.clusterArn,
                roleArn: names.roleArn(names.invokeRoleName(target)),
                taskDefinitionArn: names.taskDefinitionArn(family: family),
                taskCount: job.parallelism,
                launch: launch,
                propagateTags: "TASK_DEFINITION",
                enableECSManagedTags: true,
                maximumRetryAttempts: job.retries,
                maximumEventAgeSeconds: maximumEventAgeSeconds,
                deadLetterQueueArn: names.deadLetterQueueArn,
                overrides: overrides.compactText,
                timePlaceholder: placeholder,
                timeSource: target == .rules ? .inputTransformer(paths: ["time": "$.time"]) : .schedulerContext
            )
        )
    }
}
