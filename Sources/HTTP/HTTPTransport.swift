/// Sends one request once. The seam between `HTTPClient` and the two transports (`HTTPTransportKind`).
///
/// The transport contract, the same for every transport so that HTTP_TRANSPORT changes speed and never safety
/// (Tests/HTTPTests/TransportContractTests proves it for both against one loopback server):
/// - a redirect is never followed: the 3xx comes back as the answer (and `HTTPClient` refuses it), so the bearer
///   token never goes to another URL;
/// - a body larger than `OutboundResponse.maximumBodyBytes`, announced or chunked, is refused with `tooLarge`;
/// - `timeout` bounds the whole exchange, from sending to the last body byte: a server that never answers and one
///   that stalls or trickles its body both end as `.timeout`.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and returns whatever status came back; no retries, no status checks.
    /// Throws `HTTPClientError` of kind `.timeout`, `.connection`, `.decoding` (too large), `.cancelled` (the
    /// calling task was cancelled) or `.invalidRequest`.
    func send(_ request: OutboundRequest, timeout: Duration) async throws(HTTPClientError) -> OutboundResponse

    /// Releases connections. Requests after this fail.
    func shutdown()

    /// Where a task that sends through this transport costs least: the thread its connections live on, if it has one.
    var executor: any TaskExecutor { get }
}

extension HTTPTransport {
    public var executor: any TaskExecutor { globalConcurrentExecutor }
}
