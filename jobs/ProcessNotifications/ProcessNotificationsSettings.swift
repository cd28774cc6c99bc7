import Runner

/// process-notifications' settings, read from the environment (schedules.yaml variables fill the gaps).
///
/// | variable | default | meaning |
/// |---|---|---|
/// | `PROCESS_NOTIFICATIONS_BATCH_SIZE` | `200` | notifications leased per claim, between two deadline/stop checks |
/// | `PROCESS_NOTIFICATIONS_LEASE` | `2m` | how long a claimed row stays `sending` before another run may take it over; the batch's sends get ¾ of it (the send window; cut off there and rescheduled), the rest is room for the completing statement; a batch claimed ahead while another is sending is leased one send window longer |
/// | `PROCESS_NOTIFICATIONS_MAX_ATTEMPTS` | `8` | claims per notification; a transient failure on the last one marks it `dead` |
/// | `PROCESS_NOTIFICATIONS_BACKOFF_BASE` | `30s` | wait after the first failed attempt; doubles per attempt (equal jitter) |
/// | `PROCESS_NOTIFICATIONS_BACKOFF_MAX` | `6h` | longest wait between two attempts |
/// | `PROCESS_NOTIFICATIONS_UNAVAILABLE_BATCHES` | `1` | consecutive batches in which every send failed at the provider level (down after the retries, malformed answers) before the run gives up with exit 69; a refused token (401/403) stops it at once with 78 |
///
/// Also read: `EMAIL_API_URL`/`EMAIL_API_TOKEN`, `PUSH_API_URL`/`PUSH_API_TOKEN` and the HTTP client's
/// `HTTP_CONCURRENCY` (sends in flight), `HTTP_TIMEOUT`, `HTTP_MAX_ATTEMPTS`, `HTTP_RETRY_*`.
public struct ProcessNotificationsSettings: Sendable, Equatable {
    public var batchSize: Int
    public var lease: Duration
    public var maxAttempts: Int
    public var backoffBase: Duration
    public var backoffMax: Duration
    public var unavailableBatches: Int

    public init(
        batchSize: Int = 200, lease: Duration = .seconds(120), maxAttempts: Int = 8, backoffBase: Duration = .seconds(30),
        backoffMax: Duration = .seconds(6 * 3600), unavailableBatches: Int = 1
    ) {
        self.batchSize = batchSize
        self.lease = lease
        self.maxAttempts = maxAttempts
        self.backoffBase = backoffBase
        self.backoffMax = backoffMax
        self.unavailableBatches = unavailableBatches
    }

    public init(configuration: Configuration) throws(ConfigurationError) {
        let defaults = ProcessNotificationsSettings()
        self.init(
            batchSize: try configuration.int("PROCESS_NOTIFICATIONS_BATCH_SIZE", default: defaults.batchSize, range: 1...5_000),
            lease: try configuration.duration("PROCESS_NOTIFICATIONS_LEASE", default: defaults.lease),
            maxAttempts: try configuration.int("PROCESS_NOTIFICATIONS_MAX_ATTEMPTS", default: defaults.maxAttempts, range: 1...100),
            backoffBase: try configuration.duration("PROCESS_NOTIFICATIONS_BACKOFF_BASE", default: defaults.backoffBase),
            backoffMax: try configuration.duration("PROCESS_NOTIFICATIONS_BACKOFF_MAX", default: defaults.backoffMax),
            unavailableBatches: try configuration.int(
                "PROCESS_NOTIFICATIONS_UNAVAILABLE_BATCHES", default: defaults.unavailableBatches, range: 1...1_000)
        )
        guard lease >= .seconds(1) else {
            throw ConfigurationError(variable: "PROCESS_NOTIFICATIONS_LEASE", problem: "must be at least 1s")
        }
        guard backoffBase > .zero else {
            throw ConfigurationError(variable: "PROCESS_NOTIFICATIONS_BACKOFF_BASE", problem: "must be longer than 0s")
        }
        guard backoffMax >= backoffBase else {
            throw ConfigurationError(variable: "PROCESS_NOTIFICATIONS_BACKOFF_MAX", problem: "must be at least PROCESS_NOTIFICATIONS_BACKOFF_BASE")
        }
    }

    /// How long a batch's sends may take: ¾ of the lease, so the outcome is written before anyone may take over.
    public var sendWindow: Duration { lease * 3 / 4 }

    /// Wait before the next attempt after `attempt` attempts failed: `base · 2^(attempt-1)` capped at `backoffMax`,
    /// with equal jitter (half fixed, half random) so rows that failed together do not come back together.
    public func backoff(afterAttempt attempt: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let exponent = min(max(attempt - 1, 0), 40)
        let baseMs = Double(backoffBase / .milliseconds(1))
        let ceilingMs = min(Double(backoffMax / .milliseconds(1)), baseMs * Double(1 << exponent))
        let half = ceilingMs / 2
        return .milliseconds(Int64(half + Double.random(in: 0...half, using: &generator)))
    }
}
