import Foundation
import Postgres
import TestSupport

/// A database with the runner's schema (migrated by the binary), a schedules.yaml with environment `test`, and a
/// history the test writes row by row at fixed times; `status` runs `cronjob status --env test --json --at ...`.
final class StatusFixture {
    let database: TestDatabase
    let directory: URL
    var schedulesPath: String { directory.appendingPathComponent("schedules.yaml").path }

    init(jobs: String, timeZone: String = "UTC") throws {
        database = try TestDatabase.create()
        directory = try TestEnvironment.workDirectory().appendingPathComponent("status-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Self.file(jobs: jobs, timeZone: timeZone).write(toFile: schedulesPath, atomically: true, encoding: .utf8)
        let migrate = try Executable.cronjob(["migrate"], environment: environment)
        guard migrate.status == 0 else { throw FixtureError(step: "migrate", output: migrate) }
    }

    deinit { database.drop() }

    var environment: [String: String] { ["DATABASE_URL": database.url, "CRONJOB_CONNECT_TIMEOUT": "5s"] }

    static func file(jobs: String, timeZone: String) -> String {
        """
        environments:
          test:
            account: "123456789012"
            region: us-east-1
            cluster: test
            image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/cronjob:1.0.0
            subnets: [subnet-0a1b2c3d4e5f60001]
            security_groups: [sg-0123456789abcdef0]
            log_group: /ecs/cronjob-test
            alarm_topic: arn:aws:sns:us-east-1:123456789012:alarms
            time_zone: \(timeZone)
            variables:
              CRONJOB_ENV: test
        jobs:
        \(jobs)
        """
    }

    static func date(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text)!
    }

    /// One history row. `scheduled` nil is a manual run; `started` defaults to the scheduled time plus 30 seconds.
    @discardableResult
    func record(
        _ job: String, scheduled: String?, status: String, started: String? = nil, lostAfter: String? = nil
    ) throws -> UUID {
        let connection = try database.connect()
        defer { connection.close() }
        let id = UUID()
        let scheduledAt = scheduled.map(Self.date)
        let startedAt = started.map(Self.date) ?? scheduledAt!.addingTimeInterval(30)
        let finishedAt: Date? = status == "running" ? nil : startedAt.addingTimeInterval(20)
        try connection.execute("""
            INSERT INTO cronjob_runs (id, job, environment, trigger, scheduled_at, started_at, finished_at, status, version, lost_after)
            VALUES (\(id), \(job), 'test', \(scheduled == nil ? "manual" : "schedule"), \(scheduledAt), \(startedAt),
                    \(finishedAt), \(status), 'test', \(lostAfter.map(Self.date)))
            """)
        return id
    }

    /// Scheduled, succeeded runs at each of `times`.
    func succeeded(_ job: String, at times: [String]) throws {
        for time in times { try record(job, scheduled: time, status: "succeeded") }
    }

    func statusOf(_ id: UUID) throws -> String? {
        let connection = try database.connect()
        defer { connection.close() }
        return try connection.queryFirst("SELECT status FROM cronjob_runs WHERE id = \(id)")?.decode("status", as: String.self)
    }

    /// `cronjob status --env test --json --at AT EXTRA...`: the exit code and, per job, its JSON object.
    func status(at: String, _ extra: [String] = [], environment extraEnvironment: [String: String] = [:])
        throws -> (exit: Int32, jobs: [String: [String: Any]], output: ProcessOutput)
    {
        let output = try Executable.cronjob(
            ["status", "--env", "test", "--json", "--at", at, "--file", schedulesPath] + extra,
            environment: environment.merging(extraEnvironment) { _, new in new })
        let object = try? JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        let jobs = (object?["jobs"] as? [[String: Any]]) ?? []
        return (output.status, Dictionary(uniqueKeysWithValues: jobs.map { ($0["name"] as? String ?? "", $0) }), output)
    }
}
