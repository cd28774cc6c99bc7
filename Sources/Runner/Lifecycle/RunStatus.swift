/// How a run ended, as recorded in `cronjob_runs.status`, and the process exit code that goes with it.
public enum RunStatus: String, Sendable, CaseIterable {
    case running
    case succeeded
    case failed
    /// Another run of a `forbid` job held the lock.
    case skipped
    /// A second delivery of the same `--scheduled-at` occurrence.
    case duplicate
    /// The deadline passed; committed work stays.
    case deadlineReached = "deadline_reached"
    /// SIGTERM or SIGINT; the run drained and exited.
    case stopped
    /// Still `running` past its timeout plus the drain grace: killed without a trace (see `RunStaleness`).
    case lost
}

/// The exit-code contract of DESIGN.md; mapped in one place.
public enum RunExitCode {
    public static let success: Int32 = 0
    public static let failure: Int32 = 1
    public static let usage: Int32 = 64
    public static let unavailable: Int32 = 69
    public static let temporaryFailure: Int32 = 75
    public static let configuration: Int32 = 78
    public static let deadline: Int32 = 124
    public static let sigint: Int32 = 130
    public static let sigterm: Int32 = 143

    public static func stopped(by signal: Int32) -> Int32 { 128 + signal }
}
