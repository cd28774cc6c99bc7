import Foundation
import Postgres
import Testing
import TestSupport

/// DATABASE_URL, conninfo, DATABASE_SECRET and PG* defaults all reach the test server; bad input names the variable
/// and never echoes the value.
@Suite struct PostgresConfigurationTests {
    /// The test database's connection parts.
    struct Parts {
        let host: String, port: Int, user: String, password: String, database: String
        init(_ database: TestDatabase) throws {
            let components = try #require(URLComponents(string: database.url))
            host = try #require(components.host)
            port = try #require(components.port)
            user = try #require(components.user)
            password = try TestEnvironment.require("CRONJOB_TEST_DATABASE_PASSWORD")
            self.database = database.name
        }
    }

    private func currentDatabase(_ configuration: PostgresConfiguration) throws -> String {
        let connection = try PostgresConnection.connect(configuration)
        defer { connection.close() }
        return try #require(try connection.queryFirst("SELECT current_database() AS db")).decode("db", as: String.self)
    }

    @Test func fromEnvironment_url_connectsAndKnowsItsSecrets() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let parts = try Parts(database)
        let configuration = try PostgresConfiguration.fromEnvironment(["DATABASE_URL": database.url, "DATABASE_SECRET": "{"])
        #expect(try currentDatabase(configuration) == database.name)
        #expect(configuration.secrets.contains(parts.password))
        #expect(configuration.secrets.contains(database.url))
        #expect(configuration.redactedDescription == "\(parts.host):\(parts.port)/\(database.name) user=\(parts.user)")
        #expect(!configuration.redactedDescription.contains(parts.password))
    }

    @Test func fromEnvironment_conninfo_connects() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let parts = try Parts(database)
        let conninfo = "host=\(parts.host) port=\(parts.port) user=\(parts.user) password='\(parts.password)' dbname=\(database.name)"
        let configuration = try PostgresConfiguration.fromEnvironment(["DATABASE_URL": conninfo])
        #expect(try currentDatabase(configuration) == database.name)
        #expect(configuration.secrets.contains(parts.password))
        #expect(!configuration.redactedDescription.contains(parts.password))
    }

    @Test func fromEnvironment_secretJSON_connects() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let parts = try Parts(database)
        for port in ["\(parts.port)", "\"\(parts.port)\""] {
            let secret = """
                {"username":"\(parts.user)","password":"\(parts.password)","engine":"postgres","host":"\(parts.host)",
                 "port":\(port),"dbname":"\(database.name)","dbClusterIdentifier":"marketplace-prod"}
                """
            let configuration = try PostgresConfiguration.fromEnvironment(
                ["DATABASE_SECRET": secret, "DATABASE_SSLMODE": "disable", "DATABASE_URL": ""])
            guard case .parameters(let parameters) = configuration.source else {
                Issue.record("a secret should become libpq parameters")
                continue
            }
            #expect(parameters["sslmode"] == "disable")
            #expect(parameters["dbname"] == database.name)
            #expect(try currentDatabase(configuration) == database.name)
            #expect(configuration.secrets.contains(parts.password))
            #expect(configuration.redactedDescription == "\(parts.host):\(parts.port)/\(database.name) user=\(parts.user)")
        }
    }

    @Test(arguments: [
        (#"{"username":"app","password":"Sup3rS3cret!","port":5432,"dbname":"x"}"#, "\"host\""),
        (#"{"username":"app","password":"Sup3rS3cret!","host":"db","port":"not-a-port"}"#, "\"port\""),
        (#"{"username":"app","password":"Sup3rS3cret!","host":42}"#, "\"host\""),
        (#"{"username":"app","password":"Sup3rS3cret!","host":"db""#, "JSON"),
        ("password=Sup3rS3cret! host=db", "JSON"),
        (#"["Sup3rS3cret!"]"#, "JSON"),
    ])
    func fromEnvironment_malformedSecret_namesTheVariableNotTheValue(secret: String, mentions: String) throws {
        do {
            _ = try PostgresConfiguration.fromEnvironment(["DATABASE_SECRET": secret])
            Issue.record("a malformed secret should be rejected")
        } catch let error as PostgresError {
            #expect(error.kind == .configuration)
            #expect(error.description.contains("DATABASE_SECRET"))
            #expect(error.description.contains(mentions))
            #expect(!error.description.contains("Sup3rS3cret"))
            #expect(!error.description.contains("app"))
        }
    }

    @Test(arguments: ["host=db password='Sup3rS3cret! unterminated", "postgresql://u:Sup3rS3cret!@[::1/db",
                      "postgresql://u:Sup3rS3cret!@db/x?nosuchoption=1", "Sup3rS3cret! not a conninfo"])
    func fromEnvironment_malformedURL_namesTheVariableNotTheValue(url: String) throws {
        do {
            _ = try PostgresConfiguration.fromEnvironment(["DATABASE_URL": url])
            Issue.record("a malformed URL should be rejected")
        } catch let error as PostgresError {
            #expect(error.kind == .configuration)
            #expect(error.description == "database configuration error: DATABASE_URL is not a valid PostgreSQL URL or conninfo string")
        }
    }

    @Test func fromEnvironment_libpqDefaults_useThePGVariables() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let parts = try Parts(database)
        let environment = ["PGHOST": parts.host, "PGPORT": String(parts.port), "PGUSER": parts.user,
                           "PGPASSWORD": parts.password, "PGDATABASE": database.name, "PGAPPNAME": "from-pgappname"]
        let configuration = try PostgresConfiguration.fromEnvironment(environment)
        guard case .libpqDefaults = configuration.source else {
            Issue.record("without DATABASE_URL or DATABASE_SECRET the configuration is libpq's defaults")
            return
        }
        #expect(configuration.secrets.contains(parts.password))
        #expect(configuration.redactedDescription == "\(parts.host):\(parts.port)/\(database.name) user=\(parts.user)")
        let connection = try PostgresConnection.connect(configuration)
        defer { connection.close() }
        let row = try #require(try connection.queryFirst(
            "SELECT current_database() AS db, current_setting('application_name') AS app"))
        #expect(try row.decode("db", as: String.self) == database.name)
        #expect(try row.decode("app", as: String.self) == "from-pgappname")  // PGAPPNAME beats the fallback name
    }

    @Test func parameters_rejectUnknownKeywords_andConnectWithKnownOnes() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let parts = try Parts(database)
        let bad = PostgresConfiguration(source: .parameters(["host": parts.host, "pasword": parts.password]))
        #expect {
            _ = try PostgresConnection.connect(bad)
        } throws: { error in
            let error = error as? PostgresError
            return error?.kind == .configuration && error?.description.contains(parts.password) == false
        }
        let good = PostgresConfiguration(source: .parameters([
            "host": parts.host, "port": String(parts.port), "user": parts.user, "password": parts.password,
            "dbname": database.name, "options": "-c search_path=public,pg_catalog",
        ]), statementTimeout: .milliseconds(1500))
        let connection = try PostgresConnection.connect(good)
        defer { connection.close() }
        let row = try #require(try connection.queryFirst(
            "SELECT current_setting('search_path') AS path, current_setting('statement_timeout') AS timeout, current_setting('TimeZone') AS tz"))
        #expect(try row.decode("path", as: String.self).replacingOccurrences(of: " ", with: "") == "public,pg_catalog")  // the caller's options are kept
        #expect(try row.decode("timeout", as: String.self) == "1500ms")
        #expect(try row.decode("tz", as: String.self) == "UTC")
    }

    @Test func connect_toAClosedPort_retriesForTheBudget_thenFailsTransient() throws {
        let port = try closedPort()
        let configuration = PostgresConfiguration(source: .url("postgresql://cronjob:Sup3rS3cret@127.0.0.1:\(port)/x"))
        let retries = Counter()
        let started = ContinuousClock.now
        do {
            _ = try PostgresConnection.connect(
                configuration,
                retry: ConnectRetryPolicy(budget: .seconds(2), initialDelay: .milliseconds(50), maxDelay: .milliseconds(400)),
                onRetry: { attempt, error, delay in
                    retries.increment()
                    #expect(error.isTransient)
                    #expect(delay <= .milliseconds(400))
                    #expect(attempt == retries.value)
                })
            Issue.record("nothing listens on port \(port)")
        } catch let error as PostgresError {
            #expect(error.kind == .connection)
            #expect(error.isTransient)
            #expect(!error.description.contains("Sup3rS3cret"))
        }
        let elapsed = ContinuousClock.now - started
        #expect(elapsed >= .milliseconds(1900))
        #expect(elapsed < .seconds(4))
        #expect(retries.value >= 3)
    }

    @Test func connect_withoutRetry_triesOnce() throws {
        let port = try closedPort()
        let retries = Counter()
        #expect(throws: PostgresError.self) {
            _ = try PostgresConnection.connect(
                PostgresConfiguration(source: .url("postgresql://u@127.0.0.1:\(port)/x")), retry: .none,
                onRetry: { _, _, _ in retries.increment() })
        }
        #expect(retries.value == 0)
    }

    /// A loopback port that nothing listens on: bound by the kernel's choice, then released.
    private func closedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
