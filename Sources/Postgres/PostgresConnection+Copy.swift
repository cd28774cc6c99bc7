import CLibPQ

extension PostgresConnection {
    /// Runs `COPY ... FROM STDIN` (text format) and streams `rows`, each value in its text form escaped for COPY;
    /// nil/NULL values become `\N`. Returns the number of rows the server copied.
    @discardableResult
    public func copyIn(_ copyStatement: String, rows: some Sequence<[any PostgresEncodable]>) throws -> Int {
        try withConnection { connection in
            let start = try exec(on: connection, cancellation: statementCancellation, allowCopyIn: true) {
                try sendSimple(copyStatement, on: $0)
            }
            let status = PQresultStatus(start)
            PQclear(start)
            guard status == PGRES_COPY_IN else {
                throw PostgresError.client("copyIn needs a COPY ... FROM STDIN statement")
            }
            var buffer: [UInt8] = []
            buffer.reserveCapacity(Self.copyChunkSize + 4096)
            var sent = 0
            do {
                for row in rows {
                    try CopyText.appendRow(row, to: &buffer, rowNumber: sent + 1)
                    sent += 1
                    if buffer.count >= Self.copyChunkSize {
                        try putCopyData(buffer, on: connection)
                        buffer.removeAll(keepingCapacity: true)
                    }
                }
                if !buffer.isEmpty { try putCopyData(buffer, on: connection) }
            } catch let error as PostgresError {
                _ = PQputCopyEnd(connection, "aborted by the client")
                while let result = PQgetResult(connection) { PQclear(result) }
                throw error
            }
            guard PQputCopyEnd(connection, nil) == 1 else { throw connectionError(connection) }
            // The final result carries the outcome; libpq then returns nil.
            var outcome: Result<Int, PostgresError> = .success(sent)
            while let result = PQgetResult(connection) {
                do {
                    let ok = try checked(result, on: connection)
                    outcome = outcome.map { _ in Self.readResult(ok).affectedRows }
                    PQclear(ok)
                } catch let error as PostgresError {
                    if case .success = outcome { outcome = .failure(error) }
                } catch {}
            }
            return try outcome.get()
        }
    }

    static let copyChunkSize = 256 * 1024

    private func putCopyData(_ bytes: [UInt8], on connection: OpaquePointer) throws {
        let status = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { PQputCopyData(connection, $0.baseAddress, Int32($0.count)) }
        }
        guard status == 1 else { throw connectionError(connection) }
    }
}

/// PostgreSQL's COPY text format: tab-separated, newline-terminated, `\N` for NULL, backslash escapes.
enum CopyText {
    static func appendRow(_ row: [any PostgresEncodable], to buffer: inout [UInt8], rowNumber: Int) throws {
        for (index, value) in row.enumerated() {
            if index > 0 { buffer.append(0x09) }
            guard let text = value.postgresTextOrNull else {
                buffer.append(contentsOf: [0x5C, 0x4E])  // \N
                continue
            }
            for byte in text.utf8 {
                switch byte {
                case 0x5C: buffer.append(contentsOf: [0x5C, 0x5C])  // \\
                case 0x09: buffer.append(contentsOf: [0x5C, 0x74])  // \t
                case 0x0A: buffer.append(contentsOf: [0x5C, 0x6E])  // \n
                case 0x0D: buffer.append(contentsOf: [0x5C, 0x72])  // \r
                case 0x00:
                    throw PostgresError.client(
                        "copy row \(rowNumber), column \(index + 1) contains a NUL byte, which PostgreSQL text cannot hold")
                default: buffer.append(byte)
                }
            }
        }
        buffer.append(0x0A)
    }
}
