import CLibPQ
import Foundation

extension PostgresConnection {
    /// Runs one statement with its binds (extended protocol, typed text parameters, text results).
    @discardableResult
    public func execute(_ query: PostgresQuery) throws -> PostgresCommandResult {
        try withConnection { connection in
            let result = try exec(on: connection, cancellation: statementCancellation) { try sendParameterized(query, on: $0) }
            defer { PQclear(result) }
            return Self.readResult(result)
        }
    }

    /// The rows of `query`.
    public func query(_ query: PostgresQuery) throws -> [PostgresRow] {
        try execute(query).rows
    }

    /// The first row of `query`, or nil when it returned none.
    public func queryFirst(_ query: PostgresQuery) throws -> PostgresRow? {
        try execute(query).rows.first
    }

    /// Runs several statements separated by semicolons (simple-query protocol, no binds): migrations, DDL scripts.
    /// Without an explicit BEGIN/COMMIT the script runs as one implicit transaction.
    public func executeScript(_ sql: String) throws {
        try executeScript(sql, cancellation: nil)
    }

    /// `cancellation` nil: the caller's (`cancellableOnStop` or not); rollbacks pass `.never`.
    func executeScript(_ sql: String, cancellation: StatementCancellation?) throws {
        try withConnection { connection in
            PQclear(try exec(on: connection, cancellation: cancellation ?? statementCancellation) { try sendSimple(sql, on: $0) })
        }
    }

    /// Sends `sql` by the simple-query protocol (several statements allowed, no binds).
    func sendSimple(_ sql: String, on connection: OpaquePointer) throws -> Int32 {
        guard !sql.utf8.contains(0) else { throw PostgresError.client("the SQL text contains a NUL byte") }
        return PQsendQuery(connection, sql)
    }

    private func sendParameterized(_ query: PostgresQuery, on connection: OpaquePointer) throws -> Int32 {
        guard !query.sql.utf8.contains(0) else { throw PostgresError.client("the SQL text contains a NUL byte") }
        guard query.bindCount <= 65_535 else {
            throw PostgresError.client("\(query.bindCount) binds exceed PostgreSQL's limit of 65535 per statement")
        }
        var types: [Oid] = []
        var values: [UnsafeMutablePointer<CChar>?] = []
        types.reserveCapacity(query.bindCount)
        values.reserveCapacity(query.bindCount)
        defer { values.forEach { free($0) } }
        for (index, bind) in query.binds.enumerated() {
            types.append(bind?.dynamicPostgresType.rawValue ?? 0)
            guard let text = bind?.postgresTextOrNull else {
                values.append(nil)
                continue
            }
            guard !text.utf8.contains(0) else {
                throw PostgresError.client("bind $\(index + 1) contains a NUL byte, which PostgreSQL text cannot hold")
            }
            values.append(strdup(text))
        }
        let constantValues = values.map { UnsafePointer($0) }
        return PQsendQueryParams(connection, query.sql, Int32(query.bindCount), types, constantValues, nil, nil, 0)
    }

    /// Returns a successful result, or clears it and throws the error it (or the connection) reports.
    func checked(_ result: OpaquePointer?, on connection: OpaquePointer, allowCopyIn: Bool = false) throws -> OpaquePointer {
        guard let result else { throw connectionError(connection) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return result
        case PGRES_COPY_IN where allowCopyIn:
            return result
        case PGRES_COPY_IN:
            PQclear(result)
            _ = PQputCopyEnd(connection, "COPY FROM STDIN must go through copyIn")
            while let result = PQgetResult(connection) { PQclear(result) }
            throw PostgresError.client("COPY FROM STDIN must go through copyIn(_:rows:)")
        case PGRES_COPY_OUT, PGRES_COPY_BOTH:
            PQclear(result)
            Self.abandonCopy(on: connection)
            throw PostgresError.client("COPY TO STDOUT is not supported; use a query")
        default:
            let error = serverError(result, connection: connection)
            PQclear(result)
            throw error
        }
    }

    /// The error in a failed result; a connection that died with it makes the error `.connection` (transient).
    func serverError(_ result: OpaquePointer, connection: OpaquePointer) -> PostgresError {
        let lost = PQstatus(connection) != CONNECTION_OK
        guard let code = LibPQ.field(result, LibPQ.fieldSQLState) else {
            // Produced by libpq itself (lost connection, protocol trouble): no SQLSTATE, no user data.
            let text = PQresultErrorMessage(result).map { String(cString: $0) } ?? ""
            return PostgresError(kind: lost ? .connection : .client, message: safeConnectionMessage(text))
        }
        let sqlState = SQLState(rawValue: code)
        let primary = LibPQ.field(result, LibPQ.fieldPrimaryMessage) ?? "(no message)"
        return PostgresError(
            kind: lost ? .connection : .server, sqlState: sqlState,
            message: Redaction.safeServerMessage(primary, sqlState: sqlState),
            constraint: LibPQ.field(result, LibPQ.fieldConstraint), table: LibPQ.field(result, LibPQ.fieldTable),
            column: LibPQ.field(result, LibPQ.fieldColumn)
        )
    }

    /// The connection-level error libpq reports (no result at all, or a dead socket).
    func connectionError(_ connection: OpaquePointer) -> PostgresError {
        let text = PQerrorMessage(connection).map { String(cString: $0) } ?? ""
        let message = safeConnectionMessage(text.isEmpty ? "the connection to the server was lost" : text)
        return PostgresError(kind: .connection, sqlState: .connectionFailure, message: message)
    }

    func safeConnectionMessage(_ text: String) -> String {
        Redaction.redact(Redaction.singleLine(text), secrets: secrets)
    }

    /// Leaves COPY OUT/BOTH mode by reading and dropping everything, then draining the results.
    static func abandonCopy(on connection: OpaquePointer) {
        var buffer: UnsafeMutablePointer<CChar>?
        while PQgetCopyData(connection, &buffer, 0) > 0 {
            if let buffer { PQfreemem(buffer) }
            buffer = nil
        }
        while let result = PQgetResult(connection) { PQclear(result) }
    }

    /// Copies every value out of the result (it is cleared right after).
    static func readResult(_ result: OpaquePointer) -> PostgresCommandResult {
        let rowCount = Int(PQntuples(result)), fieldCount = Int(PQnfields(result))
        let affected = PQcmdTuples(result).flatMap { Int(String(cString: $0)) } ?? 0
        guard fieldCount > 0 else { return PostgresCommandResult(rows: [], affectedRows: affected) }
        let columns = PostgresColumns(
            names: (0..<fieldCount).map { PQfname(result, Int32($0)).map { String(cString: $0) } ?? "?column?" },
            types: (0..<fieldCount).map { PostgresType(rawValue: PQftype(result, Int32($0))) }
        )
        var rows: [PostgresRow] = []
        rows.reserveCapacity(rowCount)
        for row in 0..<Int32(rowCount) {
            var values: [String?] = []
            values.reserveCapacity(fieldCount)
            for field in 0..<Int32(fieldCount) {
                if PQgetisnull(result, row, field) == 1 {
                    values.append(nil)
                } else if let value = PQgetvalue(result, row, field) {
                    let length = Int(PQgetlength(result, row, field))
                    values.append(value.withMemoryRebound(to: UInt8.self, capacity: length) {
                        String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
                    })
                } else {
                    values.append(nil)
                }
            }
            rows.append(PostgresRow(columns: columns, values: values))
        }
        return PostgresCommandResult(rows: rows, affectedRows: rowCount > 0 && affected == 0 ? rowCount : affected)
    }
}
