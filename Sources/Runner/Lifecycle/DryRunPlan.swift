import HTTP

/// What a dry run would have done: row changes per table, outbound calls, and the exit code the real run would have had.
public struct DryRunPlan: Sendable, Equatable {
    public struct TableChanges: Sendable, Equatable {
        public var table: String
        public var inserted: Int
        public var updated: Int
        public var deleted: Int
    }

    public var job: String
    public var environment: String
    public var tables: [TableChanges]
    /// Every outbound call in order: writes recorded and simulated, reads sent (unless offline).
    public var calls: [RecordedCall]
    /// Calls beyond the recording limit, counted but not listed.
    public var droppedCalls: Int
    public var exitCode: Int32
    public var status: RunStatus
    public var message: String?
}
