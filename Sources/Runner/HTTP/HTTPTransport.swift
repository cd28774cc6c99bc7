/// Sends one request once. The seam where a faster transport (AsyncHTTPClient) can replace URLSession.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and returns whatever status came back; no retries, no status checks.
    /// Throws `HTTPClientError` of kind `.timeout` (no complete answer within `timeout`), `.connection`,
    /// `.cancelled` (the calling task was cancelled) or `.invalidRequest`.
    func send(_ request: OutboundRequest, timeout: Duration) async throws(HTTPClientError) -> OutboundResponse

    /// Releases connections. Requests after this fail.
    func shutdown()
}
