import Foundation
import Testing
import TestSupport

/// Database settings that can never work are configuration errors (78) at once, and never echo the password.
@Suite("Bad input: database settings", .serialized)
struct BadInputDatabaseTests {
    private func run(_ environment: [String: String]) throws -> ProcessOutput {
        try Executable.cronjob(
            ["run", "notify-upload"], environment: environment.merging(["CRONJOB_CONNECT_TIMEOUT": "20s"]) { a, _ in a },
            timeout: 60)
    }

    @Test(arguments: [
        ("postgresql://postgres:Pa55@w0rdTail@127.0.0.1:5432/db", "w0rdTail"),
        ("postgresql://postgres:Pa55/w0rdTail@127.0.0.1:5432/db", "w0rdTail"),
        ("postgresql://postgres:Pa55?w0rdTail@127.0.0.1:5432/db", "w0rdTail"),
    ])
    func unencodedPassword_exits78WithoutAnyPartOfIt(url: String, fragment: String) throws {
        let output = try run(["DATABASE_URL": url])
        #expect(output.status == 78, "\(output.combined)")
        #expect(output.combined.contains("percent-encode"))
        #expect(!output.combined.contains(fragment))
        #expect(!output.combined.contains("Pa55"))
        #expect(output.seconds < 15, "refused before any connection attempt")
    }

    @Test func unknownService_exits78AtOnce() throws {
        let output = try run(["PGSERVICE": "nonexistent"])
        #expect(output.status == 78, "\(output.combined)")
        #expect(output.seconds < 15)
    }

    @Test func serviceFileWithABadKeyword_exits78AtOnce() throws {
        let directory = try TestEnvironment.workDirectory().appendingPathComponent("service-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("pg_service.conf")
        try "[app]\nhost=127.0.0.1\nbogus_keyword=1\n".write(to: file, atomically: true, encoding: .utf8)
        let output = try run(["PGSERVICE": "app", "PGSERVICEFILE": file.path])
        #expect(output.status == 78, "\(output.combined)")
        #expect(output.seconds < 15)
    }

    @Test(arguments: ["true", "null", "0", "70000", "\"abc\"", "5432.5"])
    func secretWithABadPort_exits78(port: String) throws {
        let secret = #"{"username":"app","password":"s3cret-pw","host":"127.0.0.1","port":"# + port + "}"
        let output = try run(["DATABASE_SECRET": secret])
        #expect(output.status == 78, "\(port): \(output.combined)")
        #expect(output.combined.contains("port"))
        #expect(!output.combined.contains("s3cret-pw"))
    }

    @Test func historyWithoutTheTable_saysToMigrate() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let output = try Executable.cronjob(["history"], environment: ["DATABASE_URL": database.url])
        #expect(output.status == 78, "\(output.combined)")
        #expect(output.stderr.contains("cronjob migrate"))
    }
}

/// Provider settings are checked where configuration is read, before any request (issue 15).
@Suite("Bad input: provider settings", .serialized)
struct BadInputProviderSettingsTests {
    @Test(arguments: [
        ("check-payout", "PAYOUTS_API_URL", "http://127.0.0.1:70000"),
        ("check-payout", "PAYOUTS_API_URL", "ftp://127.0.0.1/"),
        ("process-notifications", "HTTP_TIMEOUT", "1000000d"),
        ("process-notifications", "HTTP_RETRY_BUDGET", "99999999999999d"),
    ])
    func badProviderSetting_exits78NamingIt(job: String, variable: String, value: String) throws {
        let fixture = try CLIFixture(seedArguments: ["--scale", "1", "--seed", "7"])
        var environment = fixture.environment.merging(ProviderDefaults.environment) { a, _ in a }
        environment[variable] = value
        let output = try Executable.cronjob(["run", job], environment: environment, timeout: 60)
        #expect(!output.signalled)
        #expect(output.status == 78, "\(output.combined)")
        #expect(output.combined.contains(variable))
        #expect(!output.combined.contains("Fatal error"))
    }
}

/// Provider variables pointing nowhere useful: enough for a job to read its configuration.
enum ProviderDefaults {
    static let environment: [String: String] = [
        "PAYMENTS_API_URL": "http://127.0.0.1:9", "PAYMENTS_API_TOKEN": "t-payments",
        "PAYOUTS_API_URL": "http://127.0.0.1:9", "PAYOUTS_API_TOKEN": "t-payouts",
        "EMAIL_API_URL": "http://127.0.0.1:9", "EMAIL_API_TOKEN": "t-email",
        "PUSH_API_URL": "http://127.0.0.1:9", "PUSH_API_TOKEN": "t-push",
    ]
}
