import Postgres

/// Applies versioned migrations once each, in order, each in its own transaction, under an advisory lock so
/// two `cronjob migrate` at once do not race. Safe to run any number of times.
public struct Migrator: Sendable {
    public struct Applied: Sendable, Equatable {
        public let scope: String
        public let version: Int
        public let name: String
    }

    static let lockKey = AdvisoryLockKey.forJob("__migrate__")

    public init() {}

    @discardableResult
    public func apply(_ migrations: [Migration], scope: String, on connection: PostgresConnection) throws -> [Applied] {
        let versions = migrations.map(\.version)
        guard Set(versions).count == versions.count else {
            throw JobError(.failed, "migrations of scope '\(scope)' repeat a version number")
        }
        try connection.execute("SELECT pg_advisory_lock(\(Self.lockKey))")
        defer { _ = try? connection.execute("SELECT pg_advisory_unlock(\(Self.lockKey))") }
        try connection.executeScript("""
            CREATE TABLE IF NOT EXISTS cronjob_schema_migrations (
                scope      text NOT NULL,
                version    integer NOT NULL,
                name       text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (scope, version)
            )
            """)
        let done = Set(try connection.query("SELECT version FROM cronjob_schema_migrations WHERE scope = \(scope)")
            .map { try $0.decode("version", as: Int.self) })
        var applied: [Applied] = []
        for migration in migrations.sorted(by: { $0.version < $1.version }) where !done.contains(migration.version) {
            try connection.transaction { connection in
                try connection.executeScript(migration.sql)
                try connection.execute("""
                    INSERT INTO cronjob_schema_migrations (scope, version, name)
                    VALUES (\(scope), \(migration.version), \(migration.name))
                    """)
            }
            applied.append(Applied(scope: scope, version: migration.version, name: migration.name))
        }
        return applied
    }
}
