import Foundation
import Logging

/// The outbound HTTP client of a run: one transport (keep-alive connections), a concurrency limit shared by
/// every call, retries with jittered exponential backoff, an overall time budget, Idempotency-Key enforcement,
/// redacted logs, and the dry-run recording of calls.
public final class HTTPClient: Sendable {
    public let configuration: HTTPClientConfiguration
    public let mode: HTTPClientMode
    let transport: any HTTPTransport
    let limiter: ConcurrencyLimiter
    let recorder: CallRecorder
    let logger: Logger

    /// - Parameters:
    ///   - transport: defaults to `configuration.transport` with `configuration.concurrency` connections per host.
    public init(
        configuration: HTTPClientConfiguration = HTTPClientConfiguration(), mode: HTTPClientMode = .live,
        logger: Logger, transport: (any HTTPTransport)? = nil
    ) {
        self.configuration = configuration
        self.mode = mode
        self.logger = logger
        self.transport = transport ?? configuration.transport.make(connections: configuration.concurrency)
        limiter = ConcurrencyLimiter(limit: configuration.concurrency)
        recorder = CallRecorder(limit: configuration.recordLimit)
    }

    /// Calls a dry run recorded (and GETs it sent), in order, for the plan. Empty in `.live` mode.
    public var recordedCalls: [RecordedCall] { recorder.calls }

    /// Recorded calls beyond `configuration.recordLimit`, counted but not kept.
    public var droppedRecordedCalls: Int { recorder.dropped }

    /// Where the calls of many concurrent tasks cost least (`HTTPTransport.executor`): the drain works its items there.
    public var executor: any TaskExecutor { transport.executor }

    /// Closes idle connections at the end of the run.
    public func shutdown() {
        transport.shutdown()
    }

    /// Sends `request`, retrying transient failures, and returns the first 2xx answer.
    ///
    /// - Parameters:
    ///   - deadline: the caller's deadline (the job's); the call never runs past it or past the retry budget.
    ///   - simulated: the plausible success the provider would give; used instead of sending when the mode
    ///     simulates this method (state-changing requests in a dry run, everything offline).
    /// - Throws: `HTTPClientError`; a non-2xx final answer is `.status(code)`.
    public func send(
        _ request: OutboundRequest, deadline: ContinuousClock.Instant? = nil,
        simulated: @autoclosure () -> OutboundResponse
    ) async throws(HTTPClientError) -> OutboundResponse {
        try validate(request)
        if mode.simulates(request.method) {
            let response = simulated()
            record(request, sent: false, status: response.status)
            logger.debug("http simulated", metadata: metadata(request, attempt: nil, status: response.status))
            return response
        }
        do {
            let response = try await sendWithRetries(request, deadline: deadline)
            if mode.records { record(request, sent: true, status: response.status) }
            return response
        } catch {
            if mode.records { record(request, sent: true, status: error.status, failure: error.kind.description) }
            throw error
        }
    }

    private func validate(_ request: OutboundRequest) throws(HTTPClientError) {
        guard request.requestURL.origin != nil else {
            throw HTTPClientError(kind: .invalidRequest, method: request.method, target: request.target, detail: "the URL must be http(s) with a host")
        }
        if request.method.changesState, (request.idempotencyKey ?? "").isEmpty {
            throw HTTPClientError(
                kind: .invalidRequest, method: request.method, target: request.target,
                detail: "a request that changes something needs an Idempotency-Key")
        }
    }

    private func record(_ request: OutboundRequest, sent: Bool, status: Int?, failure: String? = nil) {
        recorder.record(
            RecordedCall(
                method: request.method, url: Redaction.planURL(of: request.url),
                summary: request.bodySummary.map { Redaction.maskEmails(in: $0) } ?? Redaction.summary(ofBody: request.body),
                idempotencyKey: request.idempotencyKey, sent: sent, status: status, failure: failure))
    }

    func metadata(_ request: OutboundRequest, attempt: Int?, status: Int?) -> Logger.Metadata {
        var metadata: Logger.Metadata = ["http.method": "\(request.method.rawValue)", "http.target": "\(request.target)"]
        if let attempt { metadata["http.attempt"] = "\(attempt)" }
        if let status { metadata["http.status"] = "\(status)" }
        if let key = request.idempotencyKey { metadata["http.idempotency_key"] = "\(key)" }
        return metadata
    }
}
