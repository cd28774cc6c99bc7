import Foundation
import Postgres
import TestSupport

/// A fresh database migrated with the example schema through the binary itself, plus the environment a run needs.
final class CLIFixture {
    let database: TestDatabase
    let password: String

    /// `seedArguments`: nil leaves the tables empty; otherwise extra arguments for `cronjob seed`.
    init(seedArguments: [String]? = nil) throws {
        database = try TestDatabase.create()
        password = try TestEnvironment.require("CRONJOB_TEST_DATABASE_PASSWORD")
        let migrate = try Executable.cronjob(["migrate", "--example-schema"], environment: environment)
        guard migrate.status == 0 else { throw FixtureError(step: "migrate", output: migrate) }
        if let seedArguments {
            let seeded = try Executable.cronjob(["seed"] + seedArguments, environment: environment)
            guard seeded.status == 0 else { throw FixtureError(step: "seed", output: seeded) }
        }
    }

    deinit { database.drop() }

    /// DATABASE_URL plus settings that keep failure paths fast in tests.
    var environment: [String: String] {
        ["DATABASE_URL": database.url, "CRONJOB_CONNECT_TIMEOUT": "5s"]
    }

    func connect() throws -> PostgresConnection { try database.connect() }

    func count(_ sql: String) throws -> Int {
        let connection = try connect()
        defer { connection.close() }
        return try connection.queryFirst(PostgresQuery(unsafeSQL: sql))?.decode(0, as: Int.self) ?? -1
    }

    /// Runs of `job`, most recent first.
    func history(job: String) throws -> [(status: String, exitCode: Int?, itemsOK: Int, itemsFailed: Int, finished: Bool)] {
        let connection = try connect()
        defer { connection.close() }
        return try connection.query("""
            SELECT status, exit_code, items_ok, items_failed, finished_at IS NOT NULL AS finished
              FROM cronjob_runs WHERE job = \(job) ORDER BY started_at DESC
            """).map {
            (try $0.decode("status"), try $0.decode("exit_code"), try $0.decode("items_ok"),
             try $0.decode("items_failed"), try $0.decode("finished"))
        }
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let step: String
    let output: ProcessOutput
    var description: String { "\(step) failed with \(output.status): \(output.stderr) \(output.stdout)" }
}
