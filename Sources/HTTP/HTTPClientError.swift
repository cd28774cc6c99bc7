/// Every failure of an outbound call. The description is safe to print: method, `host:port/path`, what went
/// wrong and at most a short redacted excerpt of a response body; never a token or a request body.
public struct HTTPClientError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable, CustomStringConvertible {
        /// No complete answer within the per-request timeout.
        case timeout
        /// Connection refused, reset or closed before an answer.
        case connection
        /// The provider answered with a 4xx or 5xx status (after retries, when the status was transient).
        case status(Int)
        /// A 3xx: redirects are never followed (the request carries the bearer token), and a provider API that
        /// redirects is misconfigured (its URL variable points at the wrong place), so it is not retried.
        case redirect(Int)
        /// A 2xx answer that is not the JSON the contract promises, or any answer over the body cap.
        case decoding
        /// The retry budget (time or the caller's deadline) ran out before a usable answer.
        case budgetExhausted
        /// The calling task was cancelled (stop signal).
        case cancelled
        /// The request itself is wrong (a state-changing request without an Idempotency-Key, a bad URL).
        case invalidRequest

        public var description: String {
            switch self {
            case .timeout: "timeout"
            case .connection: "connection"
            case .status(let code): "HTTP \(code)"
            case .redirect(let code): "redirect (HTTP \(code))"
            case .decoding: "decoding"
            case .budgetExhausted: "budget exhausted"
            case .cancelled: "cancelled"
            case .invalidRequest: "invalid request"
            }
        }
    }

    public var kind: Kind
    public var method: HTTPMethod
    /// `host:port/path` of the request.
    public var target: String
    /// Attempts made, including the last one.
    public var attempts: Int
    /// For `.budgetExhausted`: what the last attempt ran into.
    public var lastFailure: Kind?
    /// What went wrong, already redacted.
    public var detail: String

    public init(
        kind: Kind, method: HTTPMethod, target: String, attempts: Int = 1, lastFailure: Kind? = nil, detail: String
    ) {
        self.kind = kind
        self.method = method
        self.target = target
        self.attempts = attempts
        self.lastFailure = lastFailure
        self.detail = detail
    }

    /// The HTTP status, when the failure was one.
    public var status: Int? {
        switch kind {
        case .status(let code), .redirect(let code): return code
        default: break
        }
        switch lastFailure {
        case .status(let code)?, .redirect(let code)?: return code
        default: return nil
        }
    }

    /// Whether trying again later may succeed (timeouts, connection errors, 408/425/429, 5xx but 501/505,
    /// an exhausted budget). Permanent failures (other 4xx, malformed answers, bad requests) will not.
    public var isTransient: Bool { Self.isTransient(kind) }

    static func isTransient(_ kind: Kind) -> Bool {
        switch kind {
        case .timeout, .connection, .budgetExhausted: true
        case .status(let code): code == 408 || code == 425 || code == 429 || (code >= 500 && code != 501 && code != 505)
        case .redirect, .decoding, .cancelled, .invalidRequest: false
        }
    }

    /// 69 (EX_UNAVAILABLE, provider unavailable beyond tolerance) when transient, 1 otherwise.
    public var exitCode: Int32 { isTransient ? 69 : 1 }

    public var description: String {
        var text = "\(method.rawValue) \(target): \(kind)"
        if let lastFailure { text += " (last: \(lastFailure))" }
        if attempts > 1 { text += " after \(attempts) attempts" }
        if !detail.isEmpty { text += ": \(detail)" }
        return text
    }
}
