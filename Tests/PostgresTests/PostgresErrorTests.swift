import Foundation
import Postgres
import Testing
import TestSupport

/// Errors carry SQLSTATE and constraint, and their text never shows bind values, passwords or URLs.
@Suite struct PostgresErrorTests {
    @Test func uniqueViolation_namesConstraint_withoutTheDuplicatedValue() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try connection.executeScript("CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE)")
        let email = "very-private-person@example.com"
        try connection.execute("INSERT INTO users (email) VALUES (\(email))")
        do {
            try connection.execute("INSERT INTO users (email) VALUES (\(email))")
            Issue.record("the second insert should fail")
        } catch let error as PostgresError {
            #expect(error.kind == .server)
            #expect(error.sqlState == .uniqueViolation)
            #expect(error.constraint == "users_email_key")
            #expect(error.table == "users")
            #expect(!error.isTransient)
            #expect(error.description.hasPrefix("database error 23505 (unique_violation): duplicate key value"))
            #expect(error.description.contains("users_email_key"))
            #expect(!error.description.contains(email))
            #expect(!String(describing: error).contains(email))
        }
        // The connection stays usable after a server error.
        #expect(try connection.queryFirst("SELECT count(*) AS n FROM users")?.decode("n", as: Int.self) == 1)
    }

    @Test func invalidTextRepresentation_hidesTheInput() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let secret = "sk_live_51HxSecretToken\"with quote"
        for query: PostgresQuery in ["SELECT \(secret)::int AS n", "SELECT \(secret)::jsonb AS j",
                                     "SELECT \(secret)::timestamptz AS t", "SELECT \(secret)::uuid AS u"] {
            do {
                _ = try connection.query(query)
                Issue.record("casting the secret should fail")
            } catch let error as PostgresError {
                #expect(error.sqlState?.rawValue.hasPrefix("22") == true)
                #expect(!error.description.contains("sk_live"))
                #expect(!error.message.contains("SecretToken"))
            }
        }
        do {
            _ = try connection.query("SELECT \(secret)::int AS n")
        } catch let error as PostgresError {
            #expect(error.sqlState == .invalidTextRepresentation)
            #expect(error.description == "database error 22P02 (invalid_text_representation): invalid input syntax for type integer: \"…\"")
        }
    }

    @Test func checkAndForeignKeyAndNotNull_reportTheirSQLState() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try connection.executeScript("""
            CREATE TABLE events (id bigint PRIMARY KEY);
            CREATE TABLE listings (id bigint PRIMARY KEY, event_id bigint NOT NULL REFERENCES events(id),
                                   price bigint NOT NULL CONSTRAINT price_positive CHECK (price > 0));
            INSERT INTO events VALUES (1);
            """)
        let cases: [(PostgresQuery, SQLState, String?)] = [
            ("INSERT INTO listings VALUES (1, \(99), 100)", .foreignKeyViolation, "listings_event_id_fkey"),
            ("INSERT INTO listings VALUES (1, 1, \(-5))", .checkViolation, "price_positive"),
            ("INSERT INTO listings VALUES (1, 1, \(nil as Int?))", .notNullViolation, nil),
            ("SELECT * FROM no_such_table", .undefinedTable, nil),
            ("SELECT no_such_column FROM events", .undefinedColumn, nil),
            ("SELEC 1", .syntaxError, nil),
        ]
        for (query, state, constraint) in cases {
            #expect {
                try connection.execute(query)
            } throws: { error in
                guard let error = error as? PostgresError else { return false }
                return error.sqlState == state && (constraint == nil || error.constraint == constraint)
                    && error.sqlState?.name != nil
            }
        }
    }

    @Test func wrongPassword_failsAtOnce_withoutPasswordOrURL() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        var components = try #require(URLComponents(string: database.url))
        let wrongPassword = "Wr0ng-Pa55word-7f3a"
        components.password = wrongPassword
        let url = try #require(components.string)
        let retries = Counter()
        let started = ContinuousClock.now
        do {
            _ = try PostgresConnection.connect(
                PostgresConfiguration(source: .url(url)), retry: ConnectRetryPolicy(budget: .seconds(10)),
                onRetry: { _, _, _ in retries.increment() })
            Issue.record("connecting with a wrong password should fail")
        } catch let error as PostgresError {
            #expect(error.kind == .connection)
            #expect(error.sqlState == .invalidPassword)
            #expect(!error.isTransient)
            #expect(!error.description.contains(wrongPassword))
            #expect(!error.description.contains(url))
            #expect(error.description.contains("password authentication failed"))
        }
        #expect(retries.value == 0)
        #expect(ContinuousClock.now - started < .seconds(3))
    }

    @Test func unknownDatabase_isNotRetried() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        var components = try #require(URLComponents(string: database.url))
        components.path = "/no_such_database_here"
        let retries = Counter()
        #expect {
            _ = try PostgresConnection.connect(
                PostgresConfiguration(source: .url(try #require(components.string))),
                retry: ConnectRetryPolicy(budget: .seconds(10)), onRetry: { _, _, _ in retries.increment() })
        } throws: { error in
            (error as? PostgresError)?.sqlState == .invalidCatalogName && (error as? PostgresError)?.isTransient == false
        }
        #expect(retries.value == 0)
    }

    @Test func lostConnection_isATransientConnectionError() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let victim = try database.connect()
        defer { victim.close() }
        let killer = try database.connect()
        defer { killer.close() }
        let pid = try #require(try victim.queryFirst("SELECT pg_backend_pid() AS pid")).decode("pid", as: Int32.self)
        try killer.execute("SELECT pg_terminate_backend(\(pid), 5000)")
        do {
            _ = try victim.query("SELECT 1 AS one")
            Issue.record("a query on a terminated session should fail")
        } catch let error as PostgresError {
            #expect(error.kind == .connection)
            #expect(error.isTransient)
        }
        #expect(!victim.isHealthy)
    }

    @Test func failedStatementInsideTransaction_failsTheCommit() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try connection.executeScript("CREATE TABLE t (id int PRIMARY KEY)")
        #expect {
            try connection.transaction { connection in
                try connection.execute("INSERT INTO t VALUES (1)")
                _ = try? connection.execute("INSERT INTO t VALUES (1)")  // swallowed: the transaction is now aborted
            }
        } throws: { error in
            (error as? PostgresError)?.sqlState == .inFailedSQLTransaction
        }
        #expect(try connection.queryFirst("SELECT count(*) AS n FROM t")?.decode("n", as: Int.self) == 0)
        #expect(connection.transactionDepth == 0)
    }

    @Test func description_formatsKindStateAndName() {
        let error = PostgresError(kind: .server, sqlState: .deadlockDetected, message: "deadlock detected")
        #expect(error.description == "database error 40P01 (deadlock_detected): deadlock detected")
        #expect(error.isTransient)
        #expect(PostgresError(kind: .server, sqlState: .serializationFailure, message: "x").isTransient)
        #expect(PostgresError(kind: .server, sqlState: "08006", message: "x").isTransient)
        #expect(!PostgresError(kind: .server, sqlState: .lockNotAvailable, message: "x").isTransient)
        #expect(PostgresError(kind: .connection, message: "gone").isTransient)
        #expect(!PostgresError(kind: .decoding, message: "bad").isTransient)
        #expect(SQLState(rawValue: "XYZ99").name == nil)
    }
}

/// A thread-safe counter for callbacks.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
