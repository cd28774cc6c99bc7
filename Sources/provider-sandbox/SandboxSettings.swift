/// The knobs of the sandbox, set by flags at start and by `POST /_admin/config` (JSON, snake_case keys).
struct SandboxSettings: Sendable, Equatable, Codable {
    /// Added to every provider request before it is answered.
    var latencyMs = LatencyRange(min: 0, max: 0)
    /// Fraction of provider requests answered with `errorStatus`.
    var errorRate = 0.0
    var errorStatus = 503
    /// The next N provider requests answer `errorStatus` (deterministic, for tests).
    var errorNext = 0
    /// POSTs: apply the change first, then answer the injected error (the client must retry with the same key).
    var errorAfterProcessing = false
    /// Fraction of provider requests answered 429 with Retry-After.
    var throttleRate = 0.0
    var throttleNext = 0
    /// Retry-After seconds sent with 429.
    var retryAfter = 1
    /// `seconds` or `http-date`.
    var retryAfterFormat = RetryAfterFormat.seconds
    /// Fraction of provider requests answered with a malformed 200.
    var malformedRate = 0.0
    var malformedNext = 0
    /// Malformed answers cycle through these.
    var malformedModes = MalformedMode.allCases
    /// Per payment id: a status, or `{"status":…, "amount_minor":…, "currency":…}`.
    var payments: [String: PaymentSetting] = [:]
    /// Status of payments not listed: `pending|approved|rejected|cancelled`, or `hash` (deterministic by id).
    var paymentDefault = PaymentRule.hash
    /// Per payout (our `payout_id` or the `po_…` id): the final status, `paid` or `failed`.
    var payouts: [String: PayoutOutcome] = [:]
    var payoutOutcome = PayoutOutcome.paid
    var payoutFailureReason = "account_closed"
    /// A requested payout becomes final on this GET (1: the first poll sees it final; 0: created final).
    var payoutSettlePolls = 1
    /// …or once this many milliseconds passed since creation, whichever comes first.
    var payoutSettleMs: Int?
    /// Per id (path id, payout_id, or Idempotency-Key): the status to answer instead (4xx or 5xx).
    var forceStatus: [String: Int] = [:]
    /// `off`, `503` (every provider request answers 503) or `close` (the connection is closed without an answer).
    var down = DownMode.off
    /// When set, provider requests whose `Authorization` is not `Bearer <token>` answer `token_status`
    /// (a rotated token, as the provider sees it); overrides `--token`.
    var token: String?
    /// What a wrong token (this one or `--token`) is answered: 401 (unknown token) or 403 (a token without the permission).
    var tokenStatus = 401
    /// 5xx answers come as a proxy's HTML error page instead of the JSON error (a load balancer in front of a
    /// provider that is down).
    var errorHTML = false

    enum CodingKeys: String, CodingKey, CaseIterable {
        case latencyMs = "latency_ms", errorRate = "error_rate", errorStatus = "error_status", errorNext = "error_next"
        case errorAfterProcessing = "error_after_processing"
        case throttleRate = "throttle_rate", throttleNext = "throttle_next", retryAfter = "retry_after"
        case retryAfterFormat = "retry_after_format"
        case malformedRate = "malformed_rate", malformedNext = "malformed_next", malformedModes = "malformed_modes"
        case payments, paymentDefault = "payment_default", payouts, payoutOutcome = "payout_outcome"
        case payoutFailureReason = "payout_failure_reason", payoutSettlePolls = "payout_settle_polls"
        case payoutSettleMs = "payout_settle_ms", forceStatus = "force_status", down
        case token, tokenStatus = "token_status", errorHTML = "error_html"
    }

    /// The first problem that makes these settings unusable, if any.
    var problem: String? {
        if !(0...1).contains(errorRate) { return "error_rate must be within 0...1" }
        if !(0...1).contains(throttleRate) { return "throttle_rate must be within 0...1" }
        if !(0...1).contains(malformedRate) { return "malformed_rate must be within 0...1" }
        if !(400...599).contains(errorStatus) { return "error_status must be within 400...599" }
        if latencyMs.min < 0 || latencyMs.max < latencyMs.min || latencyMs.max > 600_000 { return "latency_ms must be 0...600000, min <= max" }
        if errorNext < 0 || throttleNext < 0 || malformedNext < 0 { return "*_next must not be negative" }
        if retryAfter < 0 { return "retry_after must not be negative" }
        if malformedModes.isEmpty { return "malformed_modes must name at least one mode" }
        if payoutSettlePolls < 0 || (payoutSettleMs ?? 0) < 0 { return "payout_settle_* must not be negative" }
        if let bad = forceStatus.first(where: { !(400...599).contains($0.value) }) { return "force_status[\(bad.key)] must be within 400...599" }
        if tokenStatus != 401, tokenStatus != 403 { return "token_status must be 401 or 403" }
        return nil
    }
}

enum RetryAfterFormat: String, Sendable, Codable { case seconds, httpDate = "http-date" }
enum MalformedMode: String, Sendable, Codable, CaseIterable { case truncated, wrongTypes = "wrong_types", html, errorBody = "error_body", empty }
enum PaymentRule: String, Sendable, Codable { case pending, approved, rejected, cancelled, hash }
enum PayoutOutcome: String, Sendable, Codable { case paid, failed }
enum DownMode: String, Sendable, Codable { case off, unavailable = "503", close }
