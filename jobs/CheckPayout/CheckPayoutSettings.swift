import Foundation
import Runner

/// check-payout's settings, read from the environment (schedules.yaml variables fill the gaps).
///
/// | variable | default | meaning |
/// |---|---|---|
/// | `CHECK_PAYOUT_BATCH_SIZE` | `100` | payouts claimed per batch (their calls run concurrently, bounded by `HTTP_CONCURRENCY`) |
/// | `CHECK_PAYOUT_MAX_ATTEMPTS` | `5` | payout requests that failed this many times put the payout `on_hold` for a human |
/// | `CHECK_PAYOUT_BACKOFF_BASE` | `10m` | wait after the first failed request; doubles per attempt, jittered |
/// | `CHECK_PAYOUT_BACKOFF_MAX` | `6h` | longest wait between two requests |
/// | `CHECK_PAYOUT_LEASE` | `5m` | how long a claim keeps other runs off a payout; a killed run's claim is taken over after it, with the same Idempotency-Key |
/// | `CHECK_PAYOUT_POLL_INTERVAL` | `15m` | how soon a requested payout is polled again |
public struct CheckPayoutSettings: Sendable, Equatable {
    public var batchSize: Int
    public var maxAttempts: Int
    public var backoffBase: Duration
    public var backoffMax: Duration
    public var lease: Duration
    public var pollInterval: Duration

    public init(
        batchSize: Int = 100, maxAttempts: Int = 5, backoffBase: Duration = .seconds(600), backoffMax: Duration = .seconds(6 * 3600),
        lease: Duration = .seconds(300), pollInterval: Duration = .seconds(900)
    ) {
        self.batchSize = batchSize
        self.maxAttempts = maxAttempts
        self.backoffBase = backoffBase
        self.backoffMax = backoffMax
        self.lease = lease
        self.pollInterval = pollInterval
    }

    public init(configuration: Configuration) throws(ConfigurationError) {
        let defaults = CheckPayoutSettings()
        self.init(
            batchSize: try configuration.int("CHECK_PAYOUT_BATCH_SIZE", default: defaults.batchSize, range: 1...10_000),
            maxAttempts: try configuration.int("CHECK_PAYOUT_MAX_ATTEMPTS", default: defaults.maxAttempts, range: 1...100),
            backoffBase: try configuration.duration("CHECK_PAYOUT_BACKOFF_BASE", default: defaults.backoffBase),
            backoffMax: try configuration.duration("CHECK_PAYOUT_BACKOFF_MAX", default: defaults.backoffMax),
            lease: try configuration.duration("CHECK_PAYOUT_LEASE", default: defaults.lease),
            pollInterval: try configuration.duration("CHECK_PAYOUT_POLL_INTERVAL", default: defaults.pollInterval)
        )
        for (name, value) in [("CHECK_PAYOUT_BACKOFF_BASE", backoffBase), ("CHECK_PAYOUT_LEASE", lease), ("CHECK_PAYOUT_POLL_INTERVAL", pollInterval)]
        where value <= .zero {
            throw ConfigurationError(variable: name, problem: "must be longer than zero")
        }
        guard backoffMax >= backoffBase else {
            throw ConfigurationError(variable: "CHECK_PAYOUT_BACKOFF_MAX", problem: "must not be shorter than CHECK_PAYOUT_BACKOFF_BASE")
        }
    }

    /// When to try again after failed request number `attempt` (1-based): base × 2^(attempt-1), capped, with
    /// equal jitter so payouts that failed together spread out.
    public func retryTime(afterAttempt attempt: Int, now: Date) -> Date {
        let base = backoffBase.secondsValue, cap = backoffMax.secondsValue
        let ceiling = min(cap, base * pow(2, Double(min(max(attempt - 1, 0), 30))))
        return now.addingTimeInterval(ceiling / 2 + Double.random(in: 0...(ceiling / 2)))
    }
}

extension Duration {
    /// The duration in seconds, for date arithmetic.
    var secondsValue: TimeInterval {
        let (whole, fraction) = components
        return TimeInterval(whole) + TimeInterval(fraction) / 1e18
    }
}
