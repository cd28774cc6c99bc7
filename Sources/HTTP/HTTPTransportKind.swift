/// Which `HTTPTransport` a run uses: `HTTP_TRANSPORT=swift-nio` (default), `async-http-client` or `urlsession`.
/// All keep the same transport contract (`HTTPTransport`); they differ in speed only.
public enum HTTPTransportKind: String, Sendable, Equatable, CaseIterable {
    case swiftNIO = "swift-nio"
    case asyncHTTPClient = "async-http-client"
    case urlSession = "urlsession"

    /// A new transport of this kind with `connections` keep-alive connections per host.
    public func make(connections: Int) -> any HTTPTransport {
        switch self {
        case .swiftNIO: NIOHTTP1Transport(maximumConnectionsPerHost: connections)
        case .asyncHTTPClient: AsyncHTTPClientTransport(maximumConnectionsPerHost: connections)
        case .urlSession: URLSessionTransport(maximumConnectionsPerHost: connections)
        }
    }
}
