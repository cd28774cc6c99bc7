import AWS
import Foundation
import Postgres
import TestSupport

/// A migrated test database that only the emulated task can reach (its URL travels as the DATABASE_SECRET the
/// emulator maps from the secret ARN), a schedules.yaml for environment `emu`, the emulator running the built
/// cronjob, and the compiled task definitions registered in it.
final class InvokeFixture {
    static let accessKeyId = "AKIDINVOKETEST"
    static let secretAccessKey = "invoke-test-secret-key-7c1d9e"
    static let secretArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:cronjob/emu/database-AbCdEf"
    static let tokenArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:cronjob/emu/payments-token-Zx9Cv8"
    static let paymentsToken = "payments-token-in-secrets-manager-3b8e"

    let database: TestDatabase
    let directory: URL
    let emulator: EmulatorProcess

    /// `secret`: the DATABASE_SECRET value the task gets (default: the test database's).
    init(seed: [String]? = nil, secret: String? = nil, notifyBatchSize: Int = 500, migrate: Bool = true) async throws {
        database = try TestDatabase.create()
        let url = database.url
        if migrate {
            let migrated = try Executable.cronjob(["migrate", "--example-schema"], environment: ["DATABASE_URL": url])
            guard migrated.status == 0 else { throw InvokeFixtureError(description: "migrate: \(migrated.stderr)") }
        }
        if let seed {
            let seeded = try Executable.cronjob(["seed"] + seed, environment: ["DATABASE_URL": url])
            guard seeded.status == 0 else { throw InvokeFixtureError(description: "seed: \(seeded.stderr)") }
        }
        directory = try TestEnvironment.workDirectory().appendingPathComponent("invoke-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Self.schedules(notifyBatchSize: notifyBatchSize).write(to: directory.appendingPathComponent("schedules.yaml"), atomically: true, encoding: .utf8)
        let secrets = [Self.secretArn: try secret ?? Self.databaseSecret(url), Self.tokenArn: Self.paymentsToken]
        let secretsFile = directory.appendingPathComponent("secrets.json")
        try JSONSerialization.data(withJSONObject: secrets).write(to: secretsFile)
        let bin = try TestEnvironment.binDirectory()
        emulator = try await EmulatorProcess.start([
            "--credentials", "\(Self.accessKeyId):\(Self.secretAccessKey)", "--cronjob", bin.appendingPathComponent("cronjob").path,
            "--secrets", secretsFile.path, "--cluster", "emu-cluster", "--work-dir", directory.path,
        ])
        try await registerTaskDefinitions()
    }

    deinit {
        emulator.stop()
        database.drop()
    }

    /// What `invoke` runs with: credentials, endpoints, region from schedules.yaml, fast polling, no IMDS.
    var environment: [String: String] {
        [
            "AWS_ACCESS_KEY_ID": Self.accessKeyId, "AWS_SECRET_ACCESS_KEY": Self.secretAccessKey,
            "AWS_ENDPOINT_URL": emulator.endpoint, "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
            "CRONJOB_INVOKE_POLL_INTERVAL": "200", "USER": "tester",
        ]
    }

    func invoke(_ arguments: [String], environment extra: [String: String] = [:], timeout: Double = 120) throws -> ProcessOutput {
        try Executable.cronjob(["invoke"] + arguments, environment: environment.merging(extra) { $1 }, directory: directory, timeout: timeout)
    }

    func start(_ arguments: [String]) throws -> RunningProcess {
        try Executable.start("cronjob", ["invoke"] + arguments, environment: environment, directory: directory)
    }

    func connect() throws -> PostgresConnection { try database.connect() }

    func count(_ sql: String) throws -> Int {
        let connection = try connect()
        defer { connection.close() }
        return try connection.queryFirst(PostgresQuery(unsafeSQL: sql))?.decode(0, as: Int.self) ?? -1
    }

    /// `cronjob compile --format aws-cli`, then RegisterTaskDefinition of every job through the AWS client.
    private func registerTaskDefinitions() async throws {
        let out = directory.appendingPathComponent("compiled")
        let compiled = try Executable.cronjob(["compile", "--env", "emu", "--format", "aws-cli", "--out", out.path], directory: directory)
        guard compiled.status == 0 else { throw InvokeFixtureError(description: "compile: \(compiled.stderr)") }
        let session = try AWSSession(variables: environment, regionFlag: nil, fallbackRegion: "us-east-1")
        let files = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("ecs").path)
        for file in files where file.hasSuffix(".register-task-definition.json") {
            let data = try Data(contentsOf: out.appendingPathComponent("ecs").appendingPathComponent(file))
            _ = try await session.clients.registerTaskDefinition(try JSONDecoder().decode(TaskDefinition.self, from: data))
        }
    }

    static func databaseSecret(_ url: String) throws -> String {
        guard let components = URLComponents(string: url) else { throw InvokeFixtureError(description: "bad test URL") }
        let object: [String: Any] = [
            "engine": "postgres", "username": components.user ?? "", "password": components.password ?? "",
            "host": components.host ?? "", "port": components.port ?? 5432, "dbname": String(components.path.dropFirst()),
        ]
        return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    static func schedules(notifyBatchSize: Int) -> String {
        """
        environments:
          emu:
            account: "123456789012"
            region: us-east-1
            cluster: emu-cluster
            image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/cronjob:test
            subnets: [subnet-0a3c5e7f9b1d2e4a6]
            security_groups: [sg-0c5e7a9b1d3f5a7c9]
            assign_public_ip: true
            secrets:
              DATABASE_SECRET: \(secretArn)
              PAYMENTS_API_TOKEN: \(tokenArn)
            log_group: /ecs/cronjob-emu
            alarm_topic: arn:aws:sns:us-east-1:123456789012:cronjob-emu-alarms
            variables:
              CRONJOB_ENV: emu
              CRONJOB_CONNECT_TIMEOUT: 2s
              CRONJOB_DRAIN_GRACE: 5s
            tags:
              project: invoke-tests
        jobs:
          sync-payments:
            schedule: rate(5 minutes)
            description: Payments.
            stop_timeout: 20s
            environment:
              PAYMENTS_API_URL: http://127.0.0.1:9
              HTTP_MAX_ATTEMPTS: "2"
              HTTP_RETRY_BASE_DELAY: 10ms
          process-notifications:
            schedule: rate(5 minutes)
            description: Notifications.
          notify-upload:
            schedule: cron(0 * * * ? *)
            description: Reminders.
            stop_timeout: 20s
            environment:
              NOTIFY_UPLOAD_BATCH_SIZE: "\(notifyBatchSize)"
          check-payout:
            schedule: cron(30 * * * ? *)
            description: Payouts.
        """
    }
}

struct InvokeFixtureError: Error, CustomStringConvertible {
    let description: String
}
