import Foundation
import Logging

extension HTTPClient {
    /// The attempt loop: a slot from the shared limiter per attempt (released while backing off), a per-attempt
    /// timeout clipped to what is left of the budget, and backoff that honors Retry-After.
    func sendWithRetries(
        _ request: OutboundRequest, deadline: ContinuousClock.Instant?
    ) async throws(HTTPClientError) -> OutboundResponse {
        let clock = ContinuousClock()
        let policy = configuration.retry
        var now = clock.now  // read once per step: the clock showed in the drain's profile at five reads per request
        var giveUpAt = now + policy.budget
        if let deadline, deadline < giveUpAt { giveUpAt = deadline }
        var attempt = 0
        var lastFailure: HTTPClientError?

        while true {
            attempt += 1
            guard giveUpAt > now else { throw exhausted(request, attempts: attempt - 1, last: lastFailure) }
            do {
                try await limiter.acquire()
            } catch {
                throw HTTPClientError(kind: .cancelled, method: request.method, target: request.target, attempts: attempt, detail: "the run is stopping")
            }
            let started = clock.now
            let timeout = min(configuration.requestTimeout, giveUpAt - started)
            guard timeout > .zero else {
                // The budget or deadline ran out while waiting for a slot: nothing was sent this time.
                limiter.release()
                throw exhausted(request, attempts: attempt - 1, last: lastFailure)
            }
            let result: Result<OutboundResponse, HTTPClientError>
            do {
                result = .success(try await transport.send(request, timeout: timeout))
            } catch {
                result = .failure(error)
            }
            limiter.release()
            now = clock.now
            let elapsed = now - started

            var failure: HTTPClientError
            var retryAfter: Duration?
            switch result {
            case .success(let response) where response.isSuccess:
                log(.debug, "http ok", request, attempt: attempt, status: response.status, elapsed: elapsed)
                return response
            case .success(let response) where (300..<400).contains(response.status):
                failure = .redirected(request, response)
                failure.attempts = attempt
            case .success(let response):
                failure = HTTPClientError(
                    kind: .status(response.status), method: request.method, target: request.target, attempts: attempt,
                    detail: Redaction.excerpt(of: response.body, removing: request.token.map { [$0.secret] } ?? []))
                if response.status == 429 || response.status == 503 { retryAfter = RetryAfter.parse(response.header("Retry-After")) }
            case .failure(let error):
                failure = error
                failure.attempts = attempt
            }
            lastFailure = failure

            if case .timeout = failure.kind, timeout < configuration.requestTimeout {
                // The attempt was cut short by the budget, not by the provider's own slowness alone.
                log(.warning, "http gave up", request, attempt: attempt, status: nil, elapsed: elapsed, failure: failure)
                throw exhausted(request, attempts: attempt, last: failure)
            }
            guard failure.isTransient, attempt < policy.maxAttempts else {
                if failure.kind != .cancelled {
                    log(.warning, "http failed", request, attempt: attempt, status: failure.status, elapsed: elapsed, failure: failure)
                }
                throw failure
            }
            let delay = policy.delay(afterAttempt: attempt, retryAfter: retryAfter)
            if now + delay >= giveUpAt {
                log(.warning, "http gave up", request, attempt: attempt, status: failure.status, elapsed: elapsed, failure: failure)
                throw exhausted(request, attempts: attempt, last: failure)
            }
            log(.notice, "http retrying", request, attempt: attempt, status: failure.status, elapsed: elapsed, failure: failure, delay: delay)
            do {
                try await Task.sleep(for: delay)
            } catch {
                throw HTTPClientError(kind: .cancelled, method: request.method, target: request.target, attempts: attempt, detail: "the run is stopping")
            }
            now = clock.now
        }
    }

    private func exhausted(_ request: OutboundRequest, attempts: Int, last: HTTPClientError?) -> HTTPClientError {
        HTTPClientError(
            kind: .budgetExhausted, method: request.method, target: request.target, attempts: attempts,
            lastFailure: last?.kind,
            detail: "no usable answer within the retry budget or deadline" + (last.map { "; last: \($0.detail)" } ?? ""))
    }

    private func log(
        _ level: Logger.Level, _ message: Logger.Message, _ request: OutboundRequest, attempt: Int, status: Int?,
        elapsed: Duration, failure: HTTPClientError? = nil, delay: Duration? = nil
    ) {
        guard logger.logLevel <= level else { return }  // metadata costs more than the call at thousands per second
        var metadata = metadata(request, attempt: attempt, status: status)
        metadata["http.duration_ms"] = "\(Int((elapsed / .milliseconds(1)).rounded()))"
        if let failure { metadata["http.error"] = "\(failure.kind)" }
        if let delay { metadata["http.retry_in_ms"] = "\(Int(delay / .milliseconds(1)))" }
        logger.log(level: level, message, metadata: metadata)
    }
}
