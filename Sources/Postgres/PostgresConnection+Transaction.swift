import CLibPQ

extension PostgresConnection {
    /// Runs `body` in a transaction: BEGIN/COMMIT at the outermost level, SAVEPOINT/RELEASE when already inside one
    /// (so an outer transaction, e.g. a dry run's, turns inner ones into savepoints). When `body` throws, the
    /// transaction (or savepoint) is rolled back and the error rethrown. The connection is held for the whole body.
    public func transaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try lock.withLock {
            let nested = try withConnection { depth > 0 || PQtransactionStatus($0) != PQTRANS_IDLE }
            let savepoint = "cronjob_savepoint_\(depth + 1)"
            try executeScript(nested ? "SAVEPOINT \(savepoint)" : "BEGIN")
            depth += 1
            defer { depth -= 1 }
            let value: T
            do {
                value = try body(self)
            } catch {
                rollBack(nested: nested, savepoint: savepoint)
                throw error
            }
            do {
                if nested {
                    try executeScript("RELEASE SAVEPOINT \(savepoint)")
                } else {
                    try commit()
                }
            } catch {
                rollBack(nested: nested, savepoint: savepoint)
                throw error
            }
            return value
        }
    }

    /// COMMIT of a transaction in the failed state answers ROLLBACK without an error; that must not pass as success.
    private func commit() throws {
        let tag = try withConnection { connection -> String in
            let result = try exec(on: connection, cancellation: statementCancellation) { try sendSimple("COMMIT", on: $0) }
            defer { PQclear(result) }
            return PQcmdStatus(result).map { String(cString: $0) } ?? ""
        }
        if tag == "ROLLBACK" {
            throw PostgresError(
                kind: .server, sqlState: .inFailedSQLTransaction,
                message: "the transaction was rolled back at COMMIT because a statement in it had failed")
        }
    }

    /// Best effort: when the connection is gone there is nothing to roll back, and the original error matters more.
    private func rollBack(nested: Bool, savepoint: String) {
        let sql = nested ? "ROLLBACK TO SAVEPOINT \(savepoint); RELEASE SAVEPOINT \(savepoint)" : "ROLLBACK"
        _ = try? executeScript(sql, cancellation: .never)
    }
}
