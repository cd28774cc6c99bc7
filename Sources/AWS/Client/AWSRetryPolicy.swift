import Foundation

/// Retries for throttling, 5xx and lost connections: at most `maxAttempts` calls, full-jitter exponential backoff
/// (aws-sdk-go-v2 `aws/retry` standard mode: `AWS_MAX_ATTEMPTS`, base 100 ms here, capped at `maxDelay`).
public struct AWSRetryPolicy: Sendable {
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration

    public init(maxAttempts: Int = 5, baseDelay: Duration = .milliseconds(100), maxDelay: Duration = .seconds(20)) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// `AWS_MAX_ATTEMPTS` when set to a positive number, else the default.
    public static func from(variables: [String: String]) -> AWSRetryPolicy {
        guard let text = variables["AWS_MAX_ATTEMPTS"], let attempts = Int(text), attempts > 0 else { return AWSRetryPolicy() }
        return AWSRetryPolicy(maxAttempts: min(attempts, 20))
    }

    /// The wait before attempt `attempt + 1` (attempt counts from 1): uniform in 0...min(max, base·2^attempt).
    public func delay(after attempt: Int) -> Duration {
        let ceiling = min(maxDelay, baseDelay * (1 << min(attempt, 16)))
        let milliseconds = Int(ceiling / .milliseconds(1))
        return .milliseconds(Int.random(in: 0...max(milliseconds, 1)))
    }

    /// Whether an error is worth another attempt.
    public static func isRetryable(_ error: AWSError) -> Bool {
        if error.kind == .transport { return true }
        if let code = error.code, AWSError.throttlingCodes.contains(code) || AWSError.transientCodes.contains(code) { return true }
        if let status = error.status, status >= 500 || status == 429 { return true }
        return false
    }
}
