import CompileFixtures
import Schedules
import Testing

@Suite struct CompileChecksTests {
    /// A job setting and the message it must produce.
    static let invalidJobs: [(JobSettings, String)] = [
        (JobSettings(cpu: 256, memory: 4096), "cpu 256 / memory 4096 is not a Fargate size: memory for cpu 256 must be 512, 1024, 2048"),
        (JobSettings(cpu: 300, memory: 512), "cpu must be one of 256, 512, 1024, 2048, 4096, 8192, 16384"),
        (JobSettings(stopTimeoutSeconds: 121), "stop timeout 121s: Fargate allows 2 to 120 seconds"),
        (JobSettings(parallelism: 11), "parallelism 11: RunTask starts 1 to 10 tasks"),
        (JobSettings(retries: 186), "retries 186: EventBridge allows 0 to 185"),
        (JobSettings(flexibleWindowMinutes: 0), "flexible window 0 minutes: Scheduler allows 1 to 1440"),
    ]

    @Test(arguments: invalidJobs)
    func compile_invalidJobSetting_exits78WithMessage(settings: JobSettings, message: String) {
        var file = ScheduleFixtures.file()
        file.jobs[0].settings = settings
        #expect {
            try ScheduleCompiler.compile(file, environment: "production", format: .cloudformation, target: .rules)
        } throws: { error in
            guard let error = error as? CompileError else { return false }
            return error.exitCode == 78 && error.diagnostics.contains { $0.subject == "job sync-payments" && $0.message.contains(message) }
        }
    }

    @Test func compile_reportsEveryProblemAtOnce() {
        var file = ScheduleFixtures.file()
        file.jobs[0].settings.cpu = 300
        file.jobs[1].settings.stopTimeoutSeconds = 500
        file.environments[1].logRetentionDays = 10
        #expect {
            try ScheduleCompiler.compile(file, environment: "production", format: .terraform, target: .rules)
        } throws: { error in
            let subjects = (error as? CompileError)?.diagnostics.map(\.subject) ?? []
            return Set(subjects) == ["job sync-payments", "job notify-upload", "environment production"]
        }
    }

    @Test func build_missingEnvironmentFields_listsThemAll() {
        var file = ScheduleFixtures.file()
        file.environments[1] = DeploymentEnvironment(name: "production")
        #expect {
            try DeploymentPlan.build(file, environment: "production", target: .rules)
        } throws: { error in
            let messages = (error as? CompileError)?.diagnostics.map(\.message) ?? []
            return messages.count == 6 && messages[0].hasPrefix("account is required")
        }
    }

    @Test(arguments: [
        ("account", "12345", "account '12345' must be 12 digits"),
        ("timeZone", "Mars/Olympus", "time_zone 'Mars/Olympus' is not an IANA time zone"),
        ("secret", "plain-text-value", "secret DATABASE_SECRET: 'plain-text-value' is not a Secrets Manager or SSM parameter ARN"),
        ("capacity", "EC2", "capacity provider 'EC2' is not FARGATE or FARGATE_SPOT"),
    ])
    func checks_invalidEnvironment_named(field: String, value: String, message: String) throws {
        var environment = ScheduleFixtures.production
        switch field {
        case "account": environment.account = value
        case "timeZone": environment.timeZone = value
        case "secret": environment.secrets[0].arn = value
        default: environment.capacityProviderStrategy = [CapacityProviderStrategyItem(capacityProvider: value)]
        }
        var file = ScheduleFixtures.file()
        file.environments[1] = environment
        let plan = try DeploymentPlan.build(file, environment: "production", target: .scheduler).plan
        #expect(CompileChecks.run(plan).map(\.message).contains { $0.hasPrefix(message) })
    }

    @Test func checks_passRoleOnStar_isAnError() throws {
        var plan = try DeploymentPlan.build(ScheduleFixtures.file(), environment: "production", target: .rules).plan
        plan.invokeRole.policy = [
            "Version": "2012-10-17",
            "Statement": [["Effect": "Allow", "Action": ["iam:PassRole", "ecs:RunTask"], "Resource": "*"]],
        ]
        let messages = CompileChecks.run(plan).map(\.description)
        #expect(messages.contains("error: role cronjob-production-events: iam:PassRole must not be granted on *"))
        #expect(messages.contains("error: role cronjob-production-events: ecs:RunTask must not be granted on *"))
    }

    @Test func checks_brokenOverridesTemplate_andLongNames_areErrors() throws {
        var plan = try DeploymentPlan.build(ScheduleFixtures.file(), environment: "production", target: .rules).plan
        plan.jobs[0].target.overrides = #"{"containerOverrides":[{"name":"cronjob","command":["run",<time>]}]}"#
        plan.jobs[1].triggerName = String(repeating: "x", count: 65)
        plan.jobs[2].target.id = plan.jobs[3].target.id
        let messages = CompileChecks.run(plan).map(\.message)
        #expect(messages.contains { $0.hasPrefix("input template is not valid RunTask overrides JSON after substitution") })
        #expect(messages.contains { $0.contains("must be at most 64 characters") })
        #expect(messages.contains("target id 'run-sync-payments' is used twice"))
    }

    @Test(arguments: ["staging", "production"], CompileTarget.allCases)
    func checks_fixture_isClean(environment: String, target: CompileTarget) throws {
        let plan = try DeploymentPlan.build(ScheduleFixtures.file(), environment: environment, target: target).plan
        #expect(CompileChecks.run(plan) == [])
    }
}
