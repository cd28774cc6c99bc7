extension PostgresConnection {
    /// Takes a session-level advisory lock without waiting; false when another session holds it.
    /// Released by `advisoryUnlock` or when the connection closes.
    public func tryAdvisoryLock(_ key: Int64) throws -> Bool {
        guard let row = try queryFirst("SELECT pg_try_advisory_lock(\(key)) AS locked") else {
            throw PostgresError.client("pg_try_advisory_lock returned no row")
        }
        return try row.decode("locked", as: Bool.self)
    }

    /// Releases a session-level advisory lock taken by `tryAdvisoryLock` (a lock not held is a no-op with a WARNING).
    public func advisoryUnlock(_ key: Int64) throws {
        try execute("SELECT pg_advisory_unlock(\(key))")
    }
}
