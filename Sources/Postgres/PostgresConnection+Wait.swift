import CLibPQ

extension PostgresConnection {
    /// Sends one query with `send` (PQsendQuery, PQsendQueryParams) and returns its checked last result as PQexec
    /// would (it stops at a COPY state). The wait polls the socket every 50 ms: once `cancellation` says the statement
    /// must end, the server is asked to cancel it and the wait goes on, so the server's answer (57014, or the result
    /// when it finished first) is the outcome and the session stays in step. Called holding the lock.
    func exec(
        on connection: OpaquePointer, cancellation: StatementCancellation, allowCopyIn: Bool = false,
        send: (OpaquePointer) throws -> Int32
    ) throws -> OpaquePointer {
        if let reason = interruption(cancellation) { throw PostgresError.cancelled("statement not sent: \(reason)") }
        guard try send(connection) == 1 else { throw connectionError(connection) }
        var cancelledBecause: String?
        var last: OpaquePointer?
        while true {
            waitUntilNotBusy(connection, cancellation: cancellation, cancelledBecause: &cancelledBecause)
            guard let result = PQgetResult(connection) else { break }
            PQclear(last)
            last = result
            let status = PQresultStatus(result)
            if status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH { break }
            if PQstatus(connection) == CONNECTION_BAD { break }
        }
        do {
            return try checked(last, on: connection, allowCopyIn: allowCopyIn)
        } catch let error as PostgresError where error.sqlState == .queryCanceled {
            guard let cancelledBecause else { throw error }
            throw PostgresError.cancelled("statement cancelled: \(cancelledBecause); its transaction rolls back")
        }
    }

    /// Reads what arrives until libpq can hand over a result without blocking; a lost connection returns at once
    /// (PQgetResult then reports it).
    private func waitUntilNotBusy(
        _ connection: OpaquePointer, cancellation: StatementCancellation, cancelledBecause: inout String?
    ) {
        while PQisBusy(connection) == 1 {
            if cancelledBecause == nil, let reason = interruption(cancellation) {
                cancelledBecause = reason
                cancelCurrentQuery()
            }
            guard SocketWait.ready(PQsocket(connection)) else { continue }
            if PQconsumeInput(connection) == 0 { return }
        }
    }
}
