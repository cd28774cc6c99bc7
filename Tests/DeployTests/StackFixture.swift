import AWS
import Foundation
import TestSupport

/// A scratch directory with a schedules.yaml for a fresh environment (so a fresh stack, `cronjob-ENV`) in the
/// moto server scripts/test.sh started, and `cronjob diff`/`deploy` run there with dummy credentials.
struct StackFixture {
    static let secretKey = "deploy-test-secret-key-9f3a1c"
    static let variableValue = "variable-value-not-to-print-5e2d"
    static let secretArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:cronjob/db-AbCdEf"

    let environment: String
    let directory: URL
    let endpoint: String

    init() throws {
        endpoint = try TestEnvironment.require("CRONJOB_TEST_AWS_ENDPOINT")
        environment = "dep-\(UUID().uuidString.prefix(8).lowercased())"
        directory = try TestEnvironment.workDirectory().appendingPathComponent("deploy-\(environment)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try write(Jobs.standard)
    }

    var stack: String { "cronjob-\(environment)" }

    var variables: [String: String] {
        [
            "AWS_ENDPOINT_URL": endpoint, "AWS_ACCESS_KEY_ID": "AKIDDEPLOYTEST", "AWS_SECRET_ACCESS_KEY": Self.secretKey,
            "AWS_EC2_METADATA_DISABLED": "true", "AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
            "CRONJOB_DEPLOY_POLL_INTERVAL": "100",
        ]
    }

    func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> ProcessOutput {
        try Executable.cronjob(arguments + ["--env", environment], environment: variables.merging(extra) { $1 }, directory: directory, timeout: 180)
    }

    func diff(_ extra: [String] = []) throws -> ProcessOutput { try run(["diff"] + extra) }
    func deploy(_ extra: [String] = []) throws -> ProcessOutput { try run(["deploy", "--yes"] + extra) }

    /// `diff --json`, decoded: the changes as `logicalId: (action, details)`.
    func jsonDiff(_ extra: [String] = []) throws -> (status: Int32, changes: [String: (action: String, group: String, details: [String])], output: ProcessOutput) {
        let output = try diff(["--json"] + extra)
        let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any] ?? [:]
        var changes: [String: (String, String, [String])] = [:]
        for group in object["groups"] as? [[String: Any]] ?? [] {
            for change in group["changes"] as? [[String: Any]] ?? [] {
                changes[change["logicalId"] as? String ?? ""] = (
                    change["action"] as? String ?? "", group["name"] as? String ?? "", change["details"] as? [String] ?? []
                )
            }
        }
        return (output.status, changes, output)
    }

    /// Writes schedules.yaml with `jobs` (YAML under `jobs:`).
    func write(_ jobs: String, image: String = "123456789012.dkr.ecr.us-east-1.amazonaws.com/cronjob:1.0.0") throws {
        let text = """
            environments:
              \(environment):
                account: "123456789012"
                region: us-east-1
                cluster: cronjob-\(environment)
                image: \(image)
                subnets: [subnet-0a3c5e7f9b1d2e4a6]
                security_groups: [sg-0c5e7a9b1d3f5a7c9]
                secrets:
                  DATABASE_SECRET: \(Self.secretArn)
                log_group: /ecs/cronjob-\(environment)
                alarm_topic: arn:aws:sns:us-east-1:123456789012:cronjob-\(environment)-alarms
                variables:
                  CRONJOB_ENV: \(environment)
            jobs:
            \(jobs)
            """
        try text.write(to: directory.appendingPathComponent("schedules.yaml"), atomically: true, encoding: .utf8)
    }

    /// A log group of the environment's name, made outside the stack: CloudFormation cannot create it again.
    func occupyLogGroup() async throws {
        let session = try AWSSession(variables: variables, regionFlag: nil, fallbackRegion: "us-east-1")
        struct Request: Encodable { let logGroupName: String }
        struct Empty: Decodable {}
        let _: Empty = try await session.clients.logs.call("CreateLogGroup", Request(logGroupName: "/ecs/cronjob-\(environment)"))
    }

    enum Jobs {
        static func standard(schedule: String = "rate(5 minutes)", cpu: Int = 256, memory: Int = 512, batch: String = "500", withPayout: Bool = true) -> String {
            var text = """
                  sync-payments:
                    schedule: \(schedule)
                    description: Payments.
                  process-notifications:
                    schedule: rate(5 minutes)
                    description: Notifications.
                  notify-upload:
                    schedule: cron(0 * * * ? *)
                    description: Reminders.
                    cpu: \(cpu)
                    memory: \(memory)
                    environment:
                      NOTIFY_UPLOAD_BATCH_SIZE: "\(batch)"
                      UPLOAD_TOKEN: \(StackFixture.variableValue)
                """
            if withPayout {
                text += """

                      check-payout:
                        schedule: cron(30 * * * ? *)
                        description: Payouts.
                    """
            }
            return text
        }

        static var standard: String { standard() }
    }
}
