/// A five-character SQLSTATE error code, e.g. `23505`. Compare against the named constants rather than message text.
public struct SQLState: RawRepresentable, Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    /// PostgreSQL's condition name (`unique_violation`), when the code is a known one.
    public var name: String? { Self.conditionNames[rawValue] }
    /// The two-character class, e.g. `23` for integrity constraint violations.
    public var errorClass: String { String(rawValue.prefix(2)) }
    public var description: String { rawValue }

    // Class 08: connection exception
    public static let connectionException: SQLState = "08000"
    public static let connectionDoesNotExist: SQLState = "08003"
    public static let connectionFailure: SQLState = "08006"
    public static let sqlclientUnableToEstablishSqlconnection: SQLState = "08001"
    public static let sqlserverRejectedEstablishmentOfSqlconnection: SQLState = "08004"
    public static let protocolViolation: SQLState = "08P01"
    // Class 0A
    public static let featureNotSupported: SQLState = "0A000"
    // Class 21, 22: cardinality and data exceptions
    public static let cardinalityViolation: SQLState = "21000"
    public static let dataException: SQLState = "22000"
    public static let stringDataRightTruncation: SQLState = "22001"
    public static let numericValueOutOfRange: SQLState = "22003"
    public static let nullValueNotAllowed: SQLState = "22004"
    public static let invalidDatetimeFormat: SQLState = "22007"
    public static let datetimeFieldOverflow: SQLState = "22008"
    public static let divisionByZero: SQLState = "22012"
    public static let invalidParameterValue: SQLState = "22023"
    public static let characterNotInRepertoire: SQLState = "22021"
    public static let invalidTextRepresentation: SQLState = "22P02"
    // Class 23: integrity constraint violation
    public static let integrityConstraintViolation: SQLState = "23000"
    public static let restrictViolation: SQLState = "23001"
    public static let notNullViolation: SQLState = "23502"
    public static let foreignKeyViolation: SQLState = "23503"
    public static let uniqueViolation: SQLState = "23505"
    public static let checkViolation: SQLState = "23514"
    public static let exclusionViolation: SQLState = "23P01"
    // Class 25: invalid transaction state
    public static let activeSQLTransaction: SQLState = "25001"
    public static let noActiveSQLTransaction: SQLState = "25P01"
    public static let inFailedSQLTransaction: SQLState = "25P02"
    public static let readOnlySQLTransaction: SQLState = "25006"
    // Class 28: invalid authorization specification
    public static let invalidAuthorizationSpecification: SQLState = "28000"
    public static let invalidPassword: SQLState = "28P01"
    // Class 3D, 3F
    public static let invalidCatalogName: SQLState = "3D000"
    public static let invalidSchemaName: SQLState = "3F000"
    // Class 40: transaction rollback
    public static let transactionRollback: SQLState = "40000"
    public static let serializationFailure: SQLState = "40001"
    public static let deadlockDetected: SQLState = "40P01"
    // Class 42: syntax error or access rule violation
    public static let syntaxError: SQLState = "42601"
    public static let insufficientPrivilege: SQLState = "42501"
    public static let undefinedColumn: SQLState = "42703"
    public static let undefinedFunction: SQLState = "42883"
    public static let undefinedTable: SQLState = "42P01"
    public static let undefinedObject: SQLState = "42704"
    public static let duplicateTable: SQLState = "42P07"
    public static let duplicateObject: SQLState = "42710"
    public static let datatypeMismatch: SQLState = "42804"
    public static let ambiguousColumn: SQLState = "42702"
    // Class 53: insufficient resources
    public static let insufficientResources: SQLState = "53000"
    public static let diskFull: SQLState = "53100"
    public static let outOfMemory: SQLState = "53200"
    public static let tooManyConnections: SQLState = "53300"
    // Class 55: object not in prerequisite state
    public static let objectNotInPrerequisiteState: SQLState = "55000"
    public static let objectInUse: SQLState = "55006"
    public static let lockNotAvailable: SQLState = "55P03"
    // Class 57: operator intervention
    public static let operatorIntervention: SQLState = "57000"
    public static let queryCanceled: SQLState = "57014"
    public static let adminShutdown: SQLState = "57P01"
    public static let crashShutdown: SQLState = "57P02"
    public static let cannotConnectNow: SQLState = "57P03"
    public static let idleSessionTimeout: SQLState = "57P05"
    // Class P0: PL/pgSQL
    public static let raiseException: SQLState = "P0001"
    public static let noDataFound: SQLState = "P0002"
    public static let tooManyRows: SQLState = "P0003"
    // Class XX: internal error
    public static let internalError: SQLState = "XX000"
}
