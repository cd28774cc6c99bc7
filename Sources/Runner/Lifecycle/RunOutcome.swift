import Foundation

/// How a run ended: what was recorded and the process exit code.
public struct RunOutcome: Sendable {
    public var runID: UUID
    public var status: RunStatus
    public var exitCode: Int32
    /// Safe to print; nil on success.
    public var message: String?
    public var itemsOK: Int
    public var itemsFailed: Int
    public var durationSeconds: Double
    /// Present for dry runs.
    public var plan: DryRunPlan?
}
