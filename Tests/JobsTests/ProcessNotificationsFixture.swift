import Foundation
import HTTP
import Postgres
import Runner
import TestSupport
@testable import Jobs

/// Notifications rows and runs of process-notifications against a real sandbox, for the tests.
struct NotificationsFixture {
    static let now = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    let db: PostgresConnection
    let sandbox: SandboxProcess

    /// The row as the tests look at it.
    struct Row: Equatable {
        var status: String
        var attempts: Int
        var nextAttemptAt: Date
        var leaseExpiresAt: Date?
        var sentAt: Date?
        var lastError: String?
        var messageID: String?
    }

    func user(_ name: String, pushToken: String? = nil) throws -> Int {
        try db.queryFirst("""
            INSERT INTO users (email, display_name, push_token) VALUES (\(name + "@example.com"), \(name), \(pushToken)) RETURNING id
            """)!.decode("id")
    }

    /// A notification due at `due` (default: now), in `status`.
    @discardableResult
    func notification(
        user: Int?, recipient: String? = nil, channel: String = "email", key: String? = nil, status: String = "queued",
        attempts: Int = 0, due: Date = Self.now, lease: Date? = nil
    ) throws -> Int {
        try db.queryFirst("""
            INSERT INTO notifications (user_id, recipient, channel, template, payload, dedupe_key, status, attempts,
                                       next_attempt_at, lease_expires_at, created_at, updated_at)
            VALUES (\(user), \(recipient), \(channel), 'order_paid', '{"order_id": 7, "event_name": "Show"}'::jsonb,
                    \(key ?? UUID().uuidString), \(status), \(attempts), \(lease ?? due), \(lease), \(Self.now), \(Self.now))
            RETURNING id
            """)!.decode("id")
    }

    /// `count` queued email notifications due now; returns their ids.
    func backlog(_ count: Int) throws -> [Int] {
        let user = try user("bulk-\(UUID().uuidString.prefix(8))")
        return try db.query("""
            INSERT INTO notifications (user_id, channel, template, dedupe_key, status, next_attempt_at, created_at, updated_at)
            SELECT \(user), 'email', 'order_paid', 'bulk:' || g, 'queued', \(Self.now), \(Self.now), \(Self.now)
              FROM generate_series(1, \(count)) g
            RETURNING id
            """).map { try $0.decode("id") }
    }

    func row(_ id: Int) throws -> Row {
        let row = try db.queryFirst("""
            SELECT status, attempts, next_attempt_at, lease_expires_at, sent_at, last_error, provider_message_id
              FROM notifications WHERE id = \(id)
            """)!
        return Row(
            status: try row.decode("status"), attempts: try row.decode("attempts"), nextAttemptAt: try row.decode("next_attempt_at"),
            leaseExpiresAt: try row.decode("lease_expires_at"), sentAt: try row.decode("sent_at"),
            lastError: try row.decode("last_error"), messageID: try row.decode("provider_message_id"))
    }

    func count(status: String) throws -> Int {
        try db.queryFirst("SELECT count(*) AS n FROM notifications WHERE status = \(status)")!.decode("n")
    }

    /// Provider and fast-retry settings plus `extra`.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        [
            "EMAIL_API_URL": sandbox.baseURL.absoluteString, "EMAIL_API_TOKEN": "t",
            "PUSH_API_URL": sandbox.baseURL.absoluteString, "PUSH_API_TOKEN": "t",
            "HTTP_RETRY_BASE_DELAY": "20ms", "HTTP_RETRY_MAX_DELAY": "100ms",
        ].merging(extra) { $1 }
    }

    /// Runs the job once at `now` on `connection` (default: the fixture's); returns the context for its counts.
    @discardableResult
    func run(
        _ extra: [String: String] = [:], at now: Date = Self.now, on connection: PostgresConnection? = nil,
        stop: StopFlag = StopFlag(), deadline: Deadline = .distant
    ) async throws -> JobContext {
        let configuration = Configuration(environment(extra))
        let context = JobContext(
            jobName: ProcessNotifications.name, environment: "test", database: connection ?? db,
            http: HTTPClient(configuration: try HTTPClientConfiguration(configuration), logger: .init(label: "tests")),
            configuration: configuration, logger: .init(label: "tests"), clock: FixedClock(now), deadline: deadline, stop: stop)
        try await ProcessNotifications(configuration: configuration).run(context)
        return context
    }
}

/// A fresh schema database and a fresh sandbox started with `sandboxArguments`.
func withNotifications<T>(
    sandbox sandboxArguments: [String] = [], _ body: (NotificationsFixture, TestDatabase) async throws -> T
) async throws -> T {
    // Generous: the whole test suite starts many processes at once on a small machine.
    let sandbox = try await SandboxProcess.start(sandboxArguments, timeout: .seconds(90))
    defer { sandbox.stop() }
    return try await withSchemaDatabase { database, db in
        try await body(NotificationsFixture(db: db, sandbox: sandbox), database)
    }
}
