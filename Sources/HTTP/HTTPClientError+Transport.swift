import Foundation
import Grammar

/// The failures of the transport contract, worded once so that every transport reports them alike.
extension HTTPClientError {
    /// No complete answer, head and body, within `timeout`.
    static func timedOut(_ request: OutboundRequest, after timeout: Duration) -> HTTPClientError {
        request.failure(.timeout, "no answer within \(DurationGrammar.format(timeout))")
    }

    /// A body over the cap: no answer in the provider contracts comes near it, so it is not the contract's answer.
    static func tooLarge(_ request: OutboundRequest) -> HTTPClientError {
        request.failure(.decoding, "the answer was larger than \(OutboundResponse.maximumBodyBytes / 1024 / 1024) MiB")
    }

    /// A 3xx: not followed, since the request carries the bearer token. Names where it pointed (host and path only).
    static func redirected(_ request: OutboundRequest, _ response: OutboundResponse) -> HTTPClientError {
        let location = response.header("Location").flatMap { URL(string: $0, relativeTo: request.url) }
        let target = location.map { " to \(Redaction.target(of: $0.absoluteURL))" } ?? ""
        return request.failure(
            .redirect(response.status),
            "the provider redirected\(target); redirects are never followed (the request carries the token), so its URL is wrong or has moved")
    }
}

extension OutboundRequest {
    /// An error about this request: its method and `host:port/path`, never its token or body.
    func failure(_ kind: HTTPClientError.Kind, _ detail: String) -> HTTPClientError {
        HTTPClientError(kind: kind, method: method, target: target, detail: detail)
    }
}
