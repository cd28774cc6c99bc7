/// Column names and types shared by every row of one result.
final class PostgresColumns: Sendable {
    let names: [String]
    let types: [PostgresType]
    private let indexByName: [String: Int]

    init(names: [String], types: [PostgresType]) {
        self.names = names
        self.types = types
        var index: [String: Int] = [:]
        for (position, name) in names.enumerated() where index[name] == nil { index[name] = position }
        self.indexByName = index
    }

    func index(of name: String) -> Int? { indexByName[name] }
}

/// One result row: text values copied out of libpq, decoded on demand.
public struct PostgresRow: Sendable {
    let columns: PostgresColumns
    let values: [String?]

    init(columns: PostgresColumns, values: [String?]) {
        self.columns = columns
        self.values = values
    }

    public var columnNames: [String] { columns.names }

    /// Decodes the first column with this name. NULL throws unless `T` is optional.
    public func decode<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        guard let index = columns.index(of: column) else {
            throw PostgresError(kind: .decoding, message: "the result has no column \"\(column)\"", column: column)
        }
        return try decodeValue(at: index, as: T.self)
    }

    /// Decodes the column at a zero-based position. NULL throws unless `T` is optional.
    public func decode<T: PostgresDecodable>(_ index: Int, as type: T.Type = T.self) throws -> T {
        guard values.indices.contains(index) else {
            throw PostgresError.decoding("the result has no column at index \(index) (it has \(values.count))")
        }
        return try decodeValue(at: index, as: T.self)
    }

    public func isNull(_ column: String) -> Bool {
        guard let index = columns.index(of: column) else { return true }
        return values[index] == nil
    }

    private func decodeValue<T: PostgresDecodable>(at index: Int, as type: T.Type) throws -> T {
        let name = columns.names[index]
        let columnType = columns.types[index]
        do {
            guard let value = try T.decodeNullable(values[index], type: columnType) else {
                throw PostgresError.decoding("is NULL; decode it as \(T.self)?")
            }
            return value
        } catch var error as PostgresError {
            error.kind = .decoding
            error.column = name
            error.message = "column \"\(name)\" (type \(columnType)) as \(T.self): \(error.message)"
            throw error
        }
    }
}

/// What a statement returned: its rows (empty for commands) and the row count the server reported.
public struct PostgresCommandResult: Sendable {
    public let rows: [PostgresRow]
    /// Rows inserted/updated/deleted/selected/copied, from the command tag; 0 when the command reports none.
    public let affectedRows: Int

    public init(rows: [PostgresRow], affectedRows: Int) {
        self.rows = rows
        self.affectedRows = affectedRows
    }
}

/// A NOTICE or WARNING sent by the server while a statement ran.
public struct PostgresNotice: Sendable {
    /// Non-localized severity: WARNING, NOTICE, INFO, LOG, DEBUG.
    public let severity: String
    public let sqlState: SQLState?
    /// The primary message only (DETAIL is left out: it may carry row values).
    public let message: String

    public init(severity: String, sqlState: SQLState?, message: String) {
        self.severity = severity
        self.sqlState = sqlState
        self.message = message
    }
}
