import Foundation
import Jobs
import Postgres
import Runner
import TestSupport

/// A fresh test database with the example schema applied; dropped at the end of `body`.
func withSchemaDatabase<T>(_ body: (TestDatabase, PostgresConnection) async throws -> T) async throws -> T {
    let database = try TestDatabase.create()
    defer { database.drop() }
    let connection = try database.connect()
    defer { connection.close() }
    try SchemaMigrator.apply(ExampleSchema.migrations, on: connection)
    return try await body(database, connection)
}

/// Applies migrations the way the runner's engine does: each in its own transaction with its version
/// recorded, skipping versions already applied. Returns the versions it applied.
enum SchemaMigrator {
    @discardableResult
    static func apply(_ migrations: [Migration], on db: PostgresConnection) throws -> [Int] {
        try db.executeScript("CREATE TABLE IF NOT EXISTS test_schema_versions (version integer PRIMARY KEY, name text NOT NULL)")
        var applied: [Int] = []
        for migration in migrations.sorted(by: { $0.version < $1.version }) {
            let done = try db.transaction { tx in
                // The row lock serializes two migrators; the second sees the version and skips.
                try tx.execute("LOCK TABLE test_schema_versions IN SHARE ROW EXCLUSIVE MODE")
                if try tx.queryFirst("SELECT 1 AS x FROM test_schema_versions WHERE version = \(migration.version)") != nil {
                    return true
                }
                try tx.executeScript(migration.sql)
                try tx.execute("INSERT INTO test_schema_versions (version, name) VALUES (\(migration.version), \(migration.name))")
                return false
            }
            if !done { applied.append(migration.version) }
        }
        return applied
    }
}
