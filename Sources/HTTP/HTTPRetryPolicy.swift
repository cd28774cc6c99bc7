/// How many times and how long the client keeps trying one request.
public struct HTTPRetryPolicy: Sendable, Equatable {
    /// Attempts including the first; 1 disables retries.
    public var maxAttempts: Int
    /// First backoff step; each retry doubles it, up to `maxDelay`.
    public var baseDelay: Duration
    public var maxDelay: Duration
    /// A provider's Retry-After is honored up to this long.
    public var maxRetryAfter: Duration
    /// Overall time for one call, waits included; it gives up rather than sleep past it.
    public var budget: Duration

    public init(
        maxAttempts: Int = 4, baseDelay: Duration = .milliseconds(200), maxDelay: Duration = .seconds(5),
        maxRetryAfter: Duration = .seconds(30), budget: Duration = .seconds(60)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.budget = budget
    }

    /// Wait before attempt `attempt + 1`: exponential with equal jitter (half fixed, half random), so
    /// concurrent callers spread out yet the wait still grows; never shorter than a capped Retry-After.
    public func delay(afterAttempt attempt: Int, retryAfter: Duration?) -> Duration {
        var generator = SystemRandomNumberGenerator()
        return delay(afterAttempt: attempt, retryAfter: retryAfter, using: &generator)
    }

    public func delay(
        afterAttempt attempt: Int, retryAfter: Duration?, using generator: inout some RandomNumberGenerator
    ) -> Duration {
        let exponent = min(max(attempt - 1, 0), 30)
        let ceiling = min(maxDelay, baseDelay * (1 << exponent))
        let ceilingMs = max(Int(ceiling / .milliseconds(1)), 0)
        let half = ceilingMs / 2
        let backoff = Duration.milliseconds(half + Int.random(in: 0...(ceilingMs - half), using: &generator))
        guard let retryAfter else { return backoff }
        return max(min(retryAfter, maxRetryAfter), backoff)
    }
}
