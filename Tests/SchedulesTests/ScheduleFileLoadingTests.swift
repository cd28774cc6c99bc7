import Foundation
import Testing
@testable import Schedules

@Suite("schedules.yaml: loading valid files")
struct ScheduleFileLoadingTests {
    @Test func load_repositoryFile_hasNoErrorsAndTheFourJobsAtTheirCadence() throws {
        let loaded = try ScheduleFileLoader.load(path: ScheduleFileFixtures.repositoryFile.path)
        let file = loaded.file
        #expect(loaded.warnings.isEmpty)
        #expect(file.jobs.map(\.name) == ["sync-payments", "process-notifications", "notify-upload", "check-payout"])
        #expect(file.job(named: "sync-payments")?.schedule.text == "rate(5 minutes)")
        #expect(file.job(named: "process-notifications")?.schedule.text == "rate(5 minutes)")
        #expect(file.job(named: "notify-upload")?.schedule.text == "cron(0 * * * ? *)")
        #expect(file.job(named: "check-payout")?.schedule.text == "cron(30 * * * ? *)")
        #expect(file.environments.map(\.name) == ["staging", "production"])
        for environment in file.environments {
            #expect(environment.assignPublicIp)
            #expect(environment.logRetentionDays == 7)
            #expect(Set(environment.secrets.map(\.name))
                == ["DATABASE_SECRET", "PAYMENTS_API_TOKEN", "PAYOUTS_API_TOKEN", "EMAIL_API_TOKEN", "PUSH_API_TOKEN"])
            #expect(environment.variables["CRONJOB_ENV"] == environment.name)
            for name in ["PAYMENTS_API_URL", "PAYOUTS_API_URL", "EMAIL_API_URL", "PUSH_API_URL"] {
                #expect(environment.variables[name]?.hasPrefix("https://") == true, "\(name) in \(environment.name)")
            }
            for job in file.jobs {
                let resolved = file.resolve(job, in: environment)
                #expect(FargateTaskSize.isValid(cpu: resolved.cpu, memory: resolved.memory))
                #expect(resolved.enabled)
            }
        }
    }

    @Test func load_fixture_decodesEveryField() throws {
        let (loaded, errors) = ScheduleFileFixtures.load(ScheduleFileFixtures.valid)
        #expect(errors.isEmpty)
        let file = try #require(loaded?.file)
        #expect(file.path == "schedules.yaml")
        #expect(file.defaults == JobSettings(cpu: 256, memory: 512, timeoutSeconds: 240))
        let staging = try #require(file.environment(named: "staging"))
        #expect(staging == DeploymentEnvironment(
            name: "staging", account: "123456789012", region: "sa-east-1", cluster: "cronjob-staging",
            image: "123456789012.dkr.ecr.sa-east-1.amazonaws.com/cronjob:1.0.0",
            subnets: ["subnet-0a1b2c3d4e5f60718"], securityGroups: ["sg-0a1b2c3d4e5f60718"], assignPublicIp: true,
            secrets: [SecretReference(
                name: "DATABASE_SECRET",
                arn: "arn:aws:secretsmanager:sa-east-1:123456789012:secret:cronjob/staging/database-AbCdEf"
            )],
            logGroup: "/ecs/cronjob-staging", logRetentionDays: 7,
            alarmTopic: "arn:aws:sns:sa-east-1:123456789012:cronjob-alarms", variables: ["CRONJOB_ENV": "staging"]
        ))
        let job = try #require(file.job(named: "sync-payments"))
        #expect(job.description == "Sync pending payments.")
        #expect(job.settings == JobSettings(timeoutSeconds: 240))
        #expect(job.isEnabled(in: "staging"))
    }

    @Test func load_everyJobSetting_isDecoded() throws {
        let yaml = ScheduleFileFixtures.valid.insertingLines(after: 25, """
                cpu: 512
                memory: 2GB
                concurrency: allow
                parallelism: 3
                retries: 0
                stop_timeout: 90s
                enabled: {staging: false}
                environment:
                  BATCH_SIZE: 500
                  DRY: true
            """)
        let file = try #require(ScheduleFileFixtures.load(yaml).0?.file)
        let job = try #require(file.job(named: "sync-payments"))
        #expect(job.settings == JobSettings(
            cpu: 512, memory: 2048, timeoutSeconds: 240, concurrency: .allow, parallelism: 3, retries: 0,
            stopTimeoutSeconds: 90, environment: ["BATCH_SIZE": "500", "DRY": "true"]
        ))
        #expect(job.enabledIn == ["staging": false])
        #expect(!job.isEnabled(in: "staging"))
    }

    @Test func load_defaultsWithEverythingCommentedOut_usesBuiltIns() throws {
        let yaml = ScheduleFileFixtures.valid.replacingLine(2, with: "  # cpu: 256").replacingLine(3, with: "  # memory: 512")
            .replacingLine(4, with: "  # timeout: 4m")
        let file = try #require(ScheduleFileFixtures.load(yaml).0?.file)
        #expect(file.defaults == JobSettings())
        let payout = file.resolve(try #require(file.job(named: "check-payout")), in: file.environments[0])
        #expect(payout.timeoutSeconds == ScheduleFile.builtInDefaults.timeoutSeconds)
    }

    @Test func load_accountWrittenAsNumber_keepsAllDigits() throws {
        let yaml = ScheduleFileFixtures.valid.replacingLine(7, with: "    account: 012345678901")
        let file = try #require(ScheduleFileFixtures.load(yaml).0?.file)
        #expect(file.environment(named: "staging")?.account == "012345678901")
    }

    @Test func load_mergeKeysAndIgnoredAnchorKeys_applyTheSharedValues() throws {
        let yaml = ScheduleFileFixtures.valid
            .replacingLine(26, with: "  check-payout:\n    <<: *hourly")
            .insertingLines(after: 0, "x-hourly: &hourly\n  timeout: 15m\n  retries: 5\n")
        let file = try #require(ScheduleFileFixtures.load(yaml).0?.file)
        let job = try #require(file.job(named: "check-payout"))
        #expect(job.settings.timeoutSeconds == 900)
        #expect(job.settings.retries == 5)
    }

    @Test func resolve_appliesJobThenDefaultsThenBuiltIns() throws {
        let yaml = ScheduleFileFixtures.valid
            .insertingLines(after: 25, "    environment:\n      LAYER: job\n      CRONJOB_ENV: job\n      ONLY_JOB: x")
            .insertingLines(after: 4, "  environment:\n    LAYER: defaults\n    ONLY_DEFAULTS: y")
        let file = try #require(ScheduleFileFixtures.load(yaml).0?.file)
        let staging = try #require(file.environment(named: "staging"))
        let sync = file.resolve(try #require(file.job(named: "sync-payments")), in: staging)
        // CRONJOB_ENV is always the environment's name: runs, status and the alarms key on it.
        #expect(sync.environment == ["LAYER": "job", "ONLY_JOB": "x", "ONLY_DEFAULTS": "y", "CRONJOB_ENV": "staging"])
        #expect(sync.cpu == 256 && sync.memory == 512 && sync.timeoutSeconds == 240)
        #expect(sync.stopTimeoutSeconds == ScheduleFile.builtInDefaults.stopTimeoutSeconds)
        #expect(sync.command == ["run", "sync-payments", "--timeout", "240s", "--concurrency", "forbid"])
        let payout = file.resolve(try #require(file.job(named: "check-payout")), in: staging)
        #expect(payout.environment == ["LAYER": "defaults", "ONLY_DEFAULTS": "y", "CRONJOB_ENV": "staging"])
    }

    @Test func load_timeoutLongerThanInterval_warnsOnlyUnderForbid() throws {
        let yaml = ScheduleFileFixtures.valid.replacingLine(25, with: "    timeout: 10m")
        let (loaded, errors) = ScheduleFileFixtures.load(yaml)
        #expect(errors.isEmpty)
        // The warning needs the expression's interval; while the parser does not know it, there is none.
        var expected: [String] = []
        if let interval = try ScheduleExpression(parsing: "rate(5 minutes)").minimumInterval, interval < 600 {
            expected = [
                "schedules.yaml:25:14: warning: jobs.sync-payments.timeout: 10m is longer than the "
                    + "\(DurationText.format(Int(interval))) between firings under concurrency forbid; "
                    + "a firing that comes while a run is still going is skipped",
            ]
        }
        #expect(loaded?.warnings.map(\.description) == expected)
        let allowed = ScheduleFileFixtures.load(yaml.insertingLines(after: 25, "    concurrency: allow")).0
        #expect(allowed?.warnings == [])
    }

    @Test(arguments: [
        (600, 300.0, ConcurrencyPolicy.forbid, true), (300, 300, .forbid, false), (600, 300, .allow, false),
        (3_600, 3_600, .forbid, false), (3_601, 3_600, .forbid, true),
    ])
    func timeoutWarning_onlyWhenForbidAndLonger(timeout: Int, interval: Double, policy: ConcurrencyPolicy, warns: Bool) {
        let message = ScheduleFileDecoder.timeoutWarning(timeoutSeconds: timeout, interval: interval, concurrency: policy)
        #expect((message != nil) == warns)
        if warns { #expect(message?.hasPrefix(DurationText.format(timeout) + " is longer than the ") == true) }
    }

    @Test func load_badExpression_reportsTheParserMessageAtTheValue() {
        let text = "cron(0 0 * * *)"
        let errors = ScheduleFileFixtures.errors(ScheduleFileFixtures.valid.replacingLine(23, with: "    schedule: \(text)"))
        do {
            _ = try ScheduleExpression(parsing: text)
            #expect(errors.isEmpty)
        } catch {
            #expect(errors == [
                "schedules.yaml:23:15: error: jobs.sync-payments.schedule: invalid expression '\(text)': \(error.description)"
            ])
        }
    }
}
