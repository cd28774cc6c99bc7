/// What a dry run would have done: row changes per table, outbound calls, and the exit code the real run would have had.
public struct DryRunPlan: Sendable, Equatable {
    public struct TableChanges: Sendable, Equatable {
        public var table: String
        public var inserted: Int
        public var updated: Int
        public var deleted: Int
    }

    public struct OutboundCall: Sendable, Equatable {
        public var method: String
        public var url: String
        /// Redacted: ids and amounts, never tokens or full addresses.
        public var summary: String
        /// Whether the call really went out (reads) or was only recorded (writes, or everything when offline).
        public var sent: Bool
    }

    public var job: String
    public var environment: String
    public var tables: [TableChanges]
    public var calls: [OutboundCall]
    public var exitCode: Int32
    public var status: RunStatus
    public var message: String?
}
