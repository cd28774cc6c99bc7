import Foundation
import Postgres

/// A fresh, uniquely named database on the test server (CRONJOB_TEST_DATABASE_URL), so tests can run in parallel.
/// Create it at the start of a test and `drop()` it at the end (`defer { database.drop() }`).
public final class TestDatabase: @unchecked Sendable {
    /// The database's name, `cronjob_test_<random hex>`.
    public let name: String
    /// A postgresql:// URL to the new database, password included.
    public let url: String
    public var configuration: PostgresConfiguration { PostgresConfiguration(source: .url(url)) }

    private let adminURL: String
    private let lock = NSLock()
    private var dropped = false

    private init(name: String, url: String, adminURL: String) {
        self.name = name
        self.url = url
        self.adminURL = adminURL
    }

    /// Creates the database; fails (never skips) when CRONJOB_TEST_DATABASE_URL is missing.
    public static func create() throws -> TestDatabase {
        let adminURL = try TestEnvironment.require("CRONJOB_TEST_DATABASE_URL")
        guard var components = URLComponents(string: adminURL) else {
            throw TestDatabaseError(message: "CRONJOB_TEST_DATABASE_URL is not a URL")
        }
        let name = "cronjob_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        components.path = "/" + name
        guard let url = components.string else { throw TestDatabaseError(message: "could not build the test URL") }
        let admin = try PostgresConnection.connect(PostgresConfiguration(source: .url(adminURL)))
        defer { admin.close() }
        // CREATE DATABASE copies template1, which fails (55006) while another session briefly uses it.
        var attempt = 0
        while true {
            do {
                try admin.executeScript("CREATE DATABASE \(PostgresQuery.quoteIdentifier(name))")
                break
            } catch let error as PostgresError where error.sqlState == .objectInUse && attempt < 20 {
                attempt += 1
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
        return TestDatabase(name: name, url: url, adminURL: adminURL)
    }

    /// A new connection to this database.
    public func connect(
        applicationName: String = "cronjob-tests", statementTimeout: Duration? = nil
    ) throws -> PostgresConnection {
        var configuration = configuration
        configuration.applicationName = applicationName
        configuration.statementTimeout = statementTimeout
        return try PostgresConnection.connect(configuration)
    }

    /// Ends every session on the database and drops it. Safe to call twice; failures are ignored (the server is
    /// thrown away at the end of the run anyway).
    public func drop() {
        let alreadyDropped = lock.withLock {
            defer { dropped = true }
            return dropped
        }
        guard !alreadyDropped, let admin = try? PostgresConnection.connect(PostgresConfiguration(source: .url(adminURL)))
        else { return }
        defer { admin.close() }
        _ = try? admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = \(name) AND pid <> pg_backend_pid()")
        _ = try? admin.executeScript("DROP DATABASE IF EXISTS \(PostgresQuery.quoteIdentifier(name)) WITH (FORCE)")
    }
}

public struct TestDatabaseError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
