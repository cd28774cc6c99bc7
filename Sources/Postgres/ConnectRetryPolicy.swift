/// How `PostgresConnection.connect` retries transient failures: exponential backoff with full jitter, within a budget.
public struct ConnectRetryPolicy: Sendable {
    /// Total time after the first attempt during which further attempts may start.
    public var budget: Duration
    public var initialDelay: Duration
    public var maxDelay: Duration

    public init(budget: Duration = .seconds(30), initialDelay: Duration = .milliseconds(250), maxDelay: Duration = .seconds(4)) {
        self.budget = budget
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
    }

    /// One attempt, no retries.
    public static let none = ConnectRetryPolicy(budget: .zero, initialDelay: .zero, maxDelay: .zero)

    /// The delay before retry number `attempt` (1-based): uniform in [0, min(maxDelay, initialDelay * 2^(attempt-1))].
    func delay(beforeRetry attempt: Int, random: (Double) -> Double = { Double.random(in: 0...$0) }) -> Duration {
        let initial = Self.seconds(initialDelay), cap = Self.seconds(maxDelay)
        let exponential = initial * Double(1 << min(max(attempt - 1, 0), 30))
        let ceiling = max(0, min(cap, exponential))
        return .nanoseconds(Int64(random(ceiling) * 1e9))
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
