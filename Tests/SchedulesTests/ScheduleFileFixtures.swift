import Foundation
@testable import Schedules

/// A small valid schedules.yaml whose line numbers the invalid-file table refers to.
enum ScheduleFileFixtures {
    static let path = "schedules.yaml"

    static let valid = """
        defaults:
          cpu: 256
          memory: 512
          timeout: 4m
        environments:
          staging:
            account: "123456789012"
            region: sa-east-1
            cluster: cronjob-staging
            image: 123456789012.dkr.ecr.sa-east-1.amazonaws.com/cronjob:1.0.0
            subnets: [subnet-0a1b2c3d4e5f60718]
            security_groups: [sg-0a1b2c3d4e5f60718]
            assign_public_ip: true
            secrets:
              DATABASE_SECRET: arn:aws:secretsmanager:sa-east-1:123456789012:secret:cronjob/staging/database-AbCdEf
            log_group: /ecs/cronjob-staging
            log_retention_days: 7
            alarm_topic: arn:aws:sns:sa-east-1:123456789012:cronjob-alarms
            variables:
              CRONJOB_ENV: staging
        jobs:
          sync-payments:
            schedule: rate(5 minutes)
            description: Sync pending payments.
            timeout: 4m
          check-payout:
            schedule: cron(30 * * * ? *)
            description: Request and poll payouts.

        """

    /// The repository's schedules.yaml.
    static var repositoryFile: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("schedules.yaml")
    }

    /// Loads `text`; returns the file, or the error diagnostics (never both).
    static func load(_ text: String, registeredJobs: [String]? = nil) -> (LoadedScheduleFile?, [ScheduleDiagnostic]) {
        do {
            return (try ScheduleFileLoader.load(text: text, path: path, registeredJobs: registeredJobs), [])
        } catch {
            return (nil, error.diagnostics)
        }
    }

    /// The error lines (`file:line:column: error: message`) for `text`.
    static func errors(_ text: String, registeredJobs: [String]? = nil) -> [String] {
        load(text, registeredJobs: registeredJobs).1.filter { $0.severity == .error }.map(\.description)
    }
}

extension String {
    /// Replaces line `number` (1-based) with `replacement` (which may hold several lines or none).
    func replacingLine(_ number: Int, with replacement: String?) -> String {
        var lines = components(separatedBy: "\n")
        if let replacement { lines[number - 1] = replacement } else { lines.remove(at: number - 1) }
        return lines.joined(separator: "\n")
    }

    /// Lines `range` (1-based), each ending with a newline.
    func keepingLines(_ range: ClosedRange<Int>) -> String {
        components(separatedBy: "\n")[(range.lowerBound - 1)..<range.upperBound].map { $0 + "\n" }.joined()
    }

    /// Inserts `text` as new line(s) after line `number`.
    func insertingLines(after number: Int, _ text: String) -> String {
        var lines = components(separatedBy: "\n")
        lines.insert(text, at: number)
        return lines.joined(separator: "\n")
    }
}
