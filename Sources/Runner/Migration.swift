/// One versioned schema change, embedded in the binary as SQL text. Applied once, in version order, in a transaction.
public struct Migration: Sendable, Equatable {
    /// Unique within its set; never reused or edited once shipped.
    public let version: Int
    public let name: String
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}
