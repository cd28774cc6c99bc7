/// A named unit of scheduled work. One file per job in `jobs/`; registered in `JobRegistry`.
public protocol Job: Sendable {
    /// kebab-case name used on the command line and in schedules.yaml, e.g. `notify-upload`.
    static var name: String { get }
    /// One line shown by `cronjob jobs`.
    static var summary: String { get }
    /// Deadline when neither `--timeout` nor the schedule gives one.
    static var defaultTimeout: Duration { get }

    /// Reads the job's settings; a missing or malformed setting throws `ConfigurationError` (exit 78).
    init(configuration: Configuration) throws

    /// Does the work. Checks `context.checkpoint()` between items or batches.
    func run(_ context: JobContext) async throws
}
