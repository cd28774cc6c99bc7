import Synchronization

/// One outbound call of a dry run, as the plan shows it. Carries no token and no full email address.
public struct RecordedCall: Sendable, Equatable, Codable {
    public var method: HTTPMethod
    /// `scheme://host:port/path`, query values redacted.
    public var url: String
    /// Redacted body summary: ids and amounts, secrets removed, emails masked. Empty without a body.
    public var summary: String
    public var idempotencyKey: String?
    /// True when the request really went to the provider (a GET in a dry run); false when simulated.
    public var sent: Bool
    /// Status of the real or simulated answer; nil when the call failed without one.
    public var status: Int?
    /// Why the call failed, when it did (`timeout`, `HTTP 503`, …).
    public var failure: String?

    public init(
        method: HTTPMethod, url: String, summary: String, idempotencyKey: String?, sent: Bool, status: Int?,
        failure: String? = nil
    ) {
        self.method = method
        self.url = url
        self.summary = summary
        self.idempotencyKey = idempotencyKey
        self.sent = sent
        self.status = status
        self.failure = failure
    }
}

/// The calls of one run, bounded so that a dry run over a large backlog cannot exhaust memory.
final class CallRecorder: Sendable {
    private struct State {
        var calls: [RecordedCall] = []
        var dropped = 0
    }

    let limit: Int
    private let state = Mutex(State())

    init(limit: Int) {
        self.limit = limit
    }

    func record(_ call: RecordedCall) {
        state.withLock { state in
            if state.calls.count < limit { state.calls.append(call) } else { state.dropped += 1 }
        }
    }

    var calls: [RecordedCall] { state.withLock { $0.calls } }
    var dropped: Int { state.withLock { $0.dropped } }
}
