import CLibPQ
import Foundation

extension PostgresConnection {
    /// Connects, retrying only transient failures (unreachable, 57P03 cannot_connect_now, 53300 too_many_connections)
    /// within `retry.budget`; authentication (28P01/28000) and unknown-database (3D000) failures fail at once.
    /// The session runs with TimeZone=UTC, DateStyle=ISO, the application name and the statement timeout.
    public static func connect(
        _ configuration: PostgresConfiguration, retry: ConnectRetryPolicy = .none,
        onRetry: (@Sendable (Int, PostgresError, Duration) -> Void)? = nil
    ) throws -> PostgresConnection {
        let parameters = try configuration.connectionParameters()
        let secrets = configuration.secrets
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: retry.budget)
        var attempt = 1
        while true {
            do {
                return try connectOnce(parameters, secrets: secrets)
            } catch let error as PostgresError {
                let remaining = clock.now.duration(to: deadline)
                guard error.isTransient, remaining > .zero else { throw error }
                let delay = min(retry.delay(beforeRetry: attempt), remaining)
                onRetry?(attempt, error, delay)
                Thread.sleep(forTimeInterval: ConnectRetryPolicy.seconds(delay))
                attempt += 1
            }
        }
    }

    private static func connectOnce(_ parameters: [(String, String)], secrets: [String]) throws -> PostgresConnection {
        let keywords = parameters.map { strdup($0.0) } + [nil]
        let values = parameters.map { strdup($0.1) } + [nil]
        defer {
            keywords.forEach { free($0) }
            values.forEach { free($0) }
        }
        let connection = PQconnectdbParams(keywords.map { UnsafePointer($0) }, values.map { UnsafePointer($0) }, 0)
        guard let connection else {
            throw PostgresError(kind: .connection, message: "libpq could not allocate a connection")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let text = PQerrorMessage(connection).map { String(cString: $0) } ?? ""
            PQfinish(connection)
            throw ConnectFailure.classify(Redaction.redact(Redaction.singleLine(text), secrets: secrets))
        }
        return PostgresConnection(connection: connection, secrets: secrets)
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
