import Foundation

/// The one error type of the Postgres module. Its `description` is safe to print: it never carries bind values,
/// passwords or connection strings (see `PostgresError+Server.swift` for how server messages are made safe).
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// Missing or malformed connection configuration.
        case configuration
        /// The server is unreachable, refused us, or the connection was lost.
        case connection
        /// The server rejected a statement (has a SQLSTATE).
        case server
        /// A value could not be decoded into the requested Swift type.
        case decoding
        /// Misuse of the API (closed connection, NUL in text, too many binds, ...).
        case client
        /// This client gave up on the call: a stop or the task's cancellation ended a connect or a statement (57014;
        /// its transaction rolled back on the server).
        case cancelled
    }

    public var kind: Kind
    public var sqlState: SQLState?
    /// Safe to print: never contains bind values, DETAIL lines or secrets.
    public var message: String
    public var constraint: String?
    public var table: String?
    public var column: String?
    /// Set for connection failures that retrying cannot fix (bad option, TLS file missing); nil means "decide by kind/SQLSTATE".
    var permanent: Bool = false

    public init(
        kind: Kind, sqlState: SQLState? = nil, message: String,
        constraint: String? = nil, table: String? = nil, column: String? = nil
    ) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
        self.constraint = constraint
        self.table = table
        self.column = column
    }

    /// Connection lost/unreachable, 40001 serialization_failure, 40P01 deadlock_detected, 57P01 admin_shutdown,
    /// 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections, 08xxx: retrying later may succeed.
    public var isTransient: Bool {
        if permanent { return false }
        if let sqlState {
            if sqlState.errorClass == "08" { return true }
            return Self.transientStates.contains(sqlState)
        }
        return kind == .connection
    }

    static let transientStates: Set<SQLState> = [
        .serializationFailure, .deadlockDetected, .adminShutdown, .crashShutdown, .cannotConnectNow, .tooManyConnections,
    ]

    public var description: String {
        var text: String
        switch kind {
        case .configuration: text = "database configuration error"
        case .connection: text = "database connection error"
        case .server: text = "database error"
        case .decoding: text = "database decoding error"
        case .client: text = "database client error"
        case .cancelled: text = "database call cancelled"
        }
        if let sqlState {
            text += " \(sqlState.rawValue)"
            if let name = sqlState.name { text += " (\(name))" }
        }
        return text + ": " + message
    }
}

extension PostgresError {
    static func client(_ message: String) -> PostgresError { PostgresError(kind: .client, message: message) }
    static func decoding(_ message: String) -> PostgresError { PostgresError(kind: .decoding, message: message) }
    static func configuration(_ message: String) -> PostgresError { PostgresError(kind: .configuration, message: message) }
    /// A statement (57014) or, with no SQLSTATE, a connect that this client gave up on.
    static func cancelled(_ message: String, sqlState: SQLState? = .queryCanceled) -> PostgresError {
        PostgresError(kind: .cancelled, sqlState: sqlState, message: message)
    }
    static let connectionClosed = PostgresError(kind: .client, message: "the connection is closed")
}

/// So that `error.localizedDescription` (Foundation) shows the same safe text instead of an opaque code.
extension PostgresError: LocalizedError {
    public var errorDescription: String? { description }
}
