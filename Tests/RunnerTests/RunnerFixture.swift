import Foundation
import Postgres
import Runner
import Synchronization
import TestSupport

/// A job that runs one SQL statement from its configuration (`TEST_STATEMENT`), inside `cancellableOnStop` when
/// `TEST_CANCELLABLE=1` (as a claim would), else as a completion that must finish.
struct StatementJob: Job {
    static let name = "statement"
    static let summary = "Runs TEST_STATEMENT"
    static let defaultTimeout: Duration = .seconds(60)

    let statement: String
    let cancellable: Bool

    init(configuration: Configuration) throws {
        statement = try configuration.require("TEST_STATEMENT")
        cancellable = configuration.get("TEST_CANCELLABLE") == "1"
    }

    func run(_ context: JobContext) async throws {
        let statement = statement
        if cancellable {
            try context.database.cancellableOnStop { try $0.executeScript(statement) }
        } else {
            try context.database.executeScript(statement)
        }
    }
}

final class LogLines: Sendable {
    let stored = Mutex<[String]>([])
}

/// A fresh database with the runner's schema, a `done` table for the jobs to write to, and runs of `StatementJob`
/// whose log lines are kept.
struct RunnerFixture {
    let database: TestDatabase
    let observer: PostgresConnection
    let lines = LogLines()

    init() throws {
        database = try TestDatabase.create()
        observer = try database.connect()
        try Migrator().apply(RunnerSchema.migrations, scope: RunnerSchema.scope, on: observer)
        try observer.executeScript("CREATE TABLE done (id int)")
    }

    func close() {
        observer.close()
        database.drop()
    }

    func runner(_ variables: [String: String]) throws -> JobRunner {
        let output = LogOutput(format: .json) { [lines] line in lines.stored.withLock { $0.append(line) } }
        return JobRunner(
            registry: try JobRegistry([StatementJob.self]),
            configuration: Configuration(["DATABASE_URL": database.url].merging(variables) { $1 }),
            output: output, version: "test")
    }

    var log: String { lines.stored.withLock { $0.joined(separator: "\n") } }

    /// Waits until `count` sessions run a statement containing `fragment`.
    func waitForStatement(_ fragment: String, count: Int = 1) async throws {
        try await DatabaseWait.until(
            observer, "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%\(fragment)%' AND pid <> pg_backend_pid()",
            equals: count)
    }

    /// The one history row: status, exit code, whether it was closed.
    func history() throws -> (status: String, exitCode: Int?, finished: Bool)? {
        try observer.queryFirst("SELECT status, exit_code, finished_at IS NOT NULL AS finished FROM cronjob_runs").map {
            (try $0.decode("status"), try $0.decode("exit_code"), try $0.decode("finished"))
        }
    }
}
