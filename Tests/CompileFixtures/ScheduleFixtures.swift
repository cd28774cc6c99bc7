import Schedules

/// The repository's four jobs in two environments, as Swift values (the YAML loader is not needed to compile).
public enum ScheduleFixtures {
    public static let productionAccount = "123456789012"
    public static let stagingAccount = "210987654321"

    public static func file(path: String = "schedules.yaml") -> ScheduleFile {
        ScheduleFile(
            path: path,
            defaults: JobSettings(
                cpu: 256, memory: 512, timeoutSeconds: 240, concurrency: .forbid, parallelism: 1, retries: 2,
                stopTimeoutSeconds: 60, environment: ["LOG_FORMAT": "json"]
            ),
            environments: [staging, production],
            jobs: jobs,
            watchdog: WatchdogSettings(schedule: expression("rate(15 minutes)"))
        )
    }

    public static var jobs: [JobSchedule] {
        [
            JobSchedule(
                name: "sync-payments", schedule: expression("rate(5 minutes)"),
                description: "Ask the payment provider about pending payments and settle orders.",
                settings: JobSettings(cpu: 512, memory: 1024, timeoutSeconds: 240, environment: ["PAYMENTS_MAX_CONCURRENCY": "8"])
            ),
            JobSchedule(
                name: "notify-upload", schedule: expression("cron(0 * * * ? *)"),
                description: "Remind sellers to upload tickets for paid orders before the event.",
                settings: JobSettings(timeoutSeconds: 600)
            ),
            JobSchedule(
                name: "check-payout", schedule: expression("cron(0 * * * ? *)"),
                description: "Request available payouts and poll requested ones.",
                settings: JobSettings(timeoutSeconds: 900, retries: 0, stopTimeoutSeconds: 120, flexibleWindowMinutes: 10),
                enabledIn: ["staging": false]
            ),
            JobSchedule(
                name: "process-notifications", schedule: expression("rate(5 minutes)"),
                description: "Send due email and push notifications.",
                settings: JobSettings(
                    cpu: 256, memory: 1024, timeoutSeconds: 270, concurrency: .allow, parallelism: 2,
                    environment: ["NOTIFICATIONS_BATCH_SIZE": "200"]
                )
            ),
        ]
    }

    public static var staging: DeploymentEnvironment {
        DeploymentEnvironment(
            name: "staging", account: stagingAccount, region: "sa-east-1", cluster: "revendiste-staging",
            image: "\(stagingAccount).dkr.ecr.sa-east-1.amazonaws.com/cronjob:1.4.2",
            subnets: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"],
            securityGroups: ["sg-0123456789abcdef0"], assignPublicIp: true,
            secrets: [
                SecretReference(
                    name: "DATABASE_SECRET",
                    arn: "arn:aws:secretsmanager:sa-east-1:\(stagingAccount):secret:staging/aurora/cronjob-AbC123"),
                SecretReference(
                    name: "PAYMENTS_API_TOKEN",
                    arn: "arn:aws:secretsmanager:sa-east-1:\(stagingAccount):secret:staging/payments-Xy9Z8w:token::"),
            ],
            logGroup: "/ecs/cronjob-staging", logRetentionDays: 7,
            alarmTopic: "arn:aws:sns:sa-east-1:\(stagingAccount):cronjob-alarms-staging",
            variables: ["APP_ENV": "staging", "PAYMENTS_BASE_URL": "https://api.sandbox.payments.example"],
            timeZone: "America/Montevideo", tags: ["team": "marketplace", "cost-center": "cronjobs"],
            capacityProviderStrategy: [
                CapacityProviderStrategyItem(capacityProvider: "FARGATE_SPOT", weight: 3),
                CapacityProviderStrategyItem(capacityProvider: "FARGATE", weight: 1, base: 0),
            ]
        )
    }

    public static var production: DeploymentEnvironment {
        DeploymentEnvironment(
            name: "production", account: productionAccount, region: "sa-east-1",
            cluster: "arn:aws:ecs:sa-east-1:\(productionAccount):cluster/revendiste-production",
            image: "\(productionAccount).dkr.ecr.sa-east-1.amazonaws.com/cronjob:1.4.2",
            subnets: ["subnet-0f1e2d3c4b5a60001", "subnet-0f1e2d3c4b5a60002"],
            securityGroups: ["sg-0fedcba9876543210"], assignPublicIp: true,
            secrets: [
                SecretReference(
                    name: "DATABASE_SECRET",
                    arn: "arn:aws:secretsmanager:sa-east-1:\(productionAccount):secret:production/aurora/cronjob-Qw3Er4"),
                SecretReference(
                    name: "PAYMENTS_API_TOKEN",
                    arn: "arn:aws:secretsmanager:sa-east-1:\(productionAccount):secret:production/payments-Mn7Bv6:token::"),
                SecretReference(
                    name: "PUSH_API_KEY",
                    arn: "arn:aws:ssm:sa-east-1:\(productionAccount):parameter/cronjob/production/push-api-key"),
            ],
            logGroup: "/ecs/cronjob-production", logRetentionDays: 30,
            alarmTopic: "arn:aws:sns:sa-east-1:\(productionAccount):cronjob-alarms",
            variables: ["APP_ENV": "production", "PAYMENTS_BASE_URL": "https://api.payments.example"],
            platformVersion: "1.4.0", tags: ["team": "marketplace", "cost-center": "cronjobs"]
        )
    }

    public static func expression(_ text: String) -> ScheduleExpression {
        // Only fixture literals reach this: a parse failure is a bug in the fixture itself.
        do { return try ScheduleExpression(parsing: text) } catch { fatalError("fixture expression \(text): \(error)") }
    }
}
