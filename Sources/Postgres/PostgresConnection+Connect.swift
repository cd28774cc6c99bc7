import CLibPQ
import Foundation

extension PostgresConnection {
    /// Connects, retrying only transient failures (unreachable, 57P03 cannot_connect_now, 53300 too_many_connections)
    /// within `retry.budget`; authentication (28P01/28000) and unknown-database (3D000) failures fail at once.
    /// The session runs with TimeZone=UTC, DateStyle=ISO, the application name and the statement timeout.
    /// `stop` (a request or a forced stop) and the task's cancellation are looked at every 50 ms, during an attempt
    /// and between attempts: then the attempt is abandoned and `PostgresError` of kind `.cancelled` is thrown, so a
    /// SIGTERM is not held up for the rest of the retry budget. The connection keeps `stop` for its statements.
    public static func connect(
        _ configuration: PostgresConfiguration, retry: ConnectRetryPolicy = .none, stop: PostgresStop = .never,
        onRetry: (@Sendable (Int, PostgresError, Duration) -> Void)? = nil
    ) throws -> PostgresConnection {
        let parameters = try configuration.connectionParameters()
        let secrets = configuration.secrets
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: retry.budget)
        var attempt = 1
        while true {
            do {
                return try connectOnce(parameters, secrets: secrets, stop: stop)
            } catch let error as PostgresError {
                let remaining = clock.now.duration(to: deadline)
                guard error.isTransient, remaining > .zero else { throw error }
                let delay = min(retry.delay(beforeRetry: attempt), remaining)
                onRetry?(attempt, error, delay)
                let wakeUp = clock.now.advanced(by: delay)
                while clock.now < wakeUp {
                    if let reason = stop.connectInterruption { throw PostgresError.cancelled("connect abandoned: \(reason)", sqlState: nil) }
                    Thread.sleep(forTimeInterval: min(0.05, ConnectRetryPolicy.seconds(clock.now.duration(to: wakeUp))))
                }
                attempt += 1
            }
        }
    }

    /// One attempt through libpq's non-blocking API, so that a stop is seen within 50 ms; the attempt's own
    /// limit is the `connect_timeout` parameter, as PQconnectdbParams would apply it (libpq reads 1 as 2).
    private static func connectOnce(
        _ parameters: [(String, String)], secrets: [String], stop: PostgresStop
    ) throws -> PostgresConnection {
        let keywords = parameters.map { strdup($0.0) } + [nil]
        let values = parameters.map { strdup($0.1) } + [nil]
        defer {
            keywords.forEach { free($0) }
            values.forEach { free($0) }
        }
        guard let connection = PQconnectStartParams(keywords.map { UnsafePointer($0) }, values.map { UnsafePointer($0) }, 0) else {
            throw PostgresError(kind: .connection, message: "libpq could not allocate a connection")
        }
        let timeoutText = parameters.first { $0.0 == "connect_timeout" }?.1 ?? "0"
        let timeoutSeconds = Int(timeoutText).map { $0 == 1 ? 2 : $0 } ?? 0
        var polling = PQstatus(connection) == CONNECTION_BAD ? PGRES_POLLING_FAILED : PGRES_POLLING_WRITING
        var attemptDeadline = ContinuousClock.now.advanced(by: .seconds(timeoutSeconds))
        var host = PQhost(connection).map { String(cString: $0) }
        while polling != PGRES_POLLING_OK && polling != PGRES_POLLING_FAILED {
            if let reason = stop.connectInterruption {
                PQfinish(connection)
                throw PostgresError.cancelled("connect abandoned: \(reason)", sqlState: nil)
            }
            guard SocketWait.ready(PQsocket(connection), forWriting: polling == PGRES_POLLING_WRITING) else {
                if timeoutSeconds > 0, ContinuousClock.now >= attemptDeadline {
                    PQfinish(connection)
                    throw ConnectFailure.classify("connection timed out after \(timeoutSeconds) s (connect_timeout)")
                }
                continue
            }
            polling = PQconnectPoll(connection)
            // libpq moves on to the next host of a multi-host URL by itself; each host gets the whole timeout.
            let current = PQhost(connection).map { String(cString: $0) }
            if current != host {
                host = current
                attemptDeadline = ContinuousClock.now.advanced(by: .seconds(timeoutSeconds))
            }
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let text = PQerrorMessage(connection).map { String(cString: $0) } ?? ""
            PQfinish(connection)
            throw ConnectFailure.classify(Redaction.redact(Redaction.singleLine(text), secrets: secrets))
        }
        return PostgresConnection(connection: connection, secrets: secrets, stop: stop)
    }
}

/// libpq reports connection failures as text only (no SQLSTATE is exposed before a session exists), so the
/// server's FATAL messages are recognised by their stable English wording.
enum ConnectFailure {
    static func classify(_ message: String) -> PostgresError {
        var error = PostgresError(kind: .connection, sqlState: nil, message: message)
        let text = message.lowercased()
        func has(_ fragments: String...) -> Bool { fragments.contains { text.contains($0) } }
        if has("password authentication failed", "no password supplied", "sasl authentication", "scram") {
            error.sqlState = .invalidPassword
        } else if has("no pg_hba.conf entry", "role \"", "authentication failed", "is not permitted to log in") {
            error.sqlState = .invalidAuthorizationSpecification
        } else if has("database \"") && has("does not exist") {
            error.sqlState = .invalidCatalogName
        } else if has("is starting up", "is shutting down", "in recovery mode", "not yet accepting connections",
                      "not accepting connections", "hot standby mode is disabled") {
            error.sqlState = .cannotConnectNow
        } else if has("too many clients", "connection slots are reserved", "too many connections") {
            error.sqlState = .tooManyConnections
        } else if has("invalid connection option", "definition of service", "service file", "invalid sslmode", "invalid port number", "invalid integer value",
                      "invalid value for parameter", "certificate file", "private key file", "invalid target_session",
                      "invalid gssencmode", "invalid channel_binding", "ssl is not supported", "does not support ssl") {
            error.kind = .configuration
            error.permanent = true
        } else if has("fatal:") {
            // Some other refusal by the server (e.g. permission, unsupported protocol): retrying will not help.
            error.permanent = true
        } else {
            // Refused, timed out, host not resolved, reset: unreachable for now.
            error.sqlState = .sqlclientUnableToEstablishSqlconnection
        }
        return error
    }
}
