import NIOCore
import NIOPosix

/// Why an exchange on `NIOHTTP1Transport` ended without an answer, before it becomes an `HTTPClientError`.
enum ExchangeFailure: Error {
    case timedOut
    case tooLarge
    case cancelled
    case shutDown
    case closedWithoutAnswer
    case invalidHeader
    case connect(any Error)
    case tls
    case io(any Error)

    /// The client-side error kind and a detail that never echoes the underlying error's text (it can hold the URL).
    func error(for request: OutboundRequest, timeout: Duration) -> HTTPClientError {
        switch self {
        case .timedOut: return .timedOut(request, after: timeout)
        case .tooLarge: return .tooLarge(request)
        case .cancelled: return request.failure(.cancelled, "the run is stopping")
        case .shutDown: return request.failure(.cancelled, "the HTTP client was shut down")
        case .closedWithoutAnswer: return request.failure(.connection, "connection closed without an answer")
        case .invalidHeader: return request.failure(.invalidRequest, "a request header is not valid HTTP")
        case .tls: return request.failure(.connection, "TLS handshake failed")
        case .connect(let error):
            if let error = error as? NIOConnectionError {
                if error.dnsAError != nil || error.dnsAAAAError != nil, error.connectionErrors.isEmpty {
                    return request.failure(.connection, "host not found")
                }
                let refused = error.connectionErrors.contains { ($0.error as? IOError)?.errnoCode == ECONNREFUSED }
                return request.failure(.connection, refused ? "connection refused" : "connection failed")
            }
            if let error = error as? IOError, error.errnoCode == ECONNREFUSED { return request.failure(.connection, "connection refused") }
            if error is ChannelError, case .connectTimeout = error as! ChannelError { return .timedOut(request, after: timeout) }
            return request.failure(.connection, "connection failed")
        case .io(let error):
            if let error = error as? IOError { return request.failure(.connection, "connection error (errno \(error.errnoCode))") }
            return request.failure(.connection, "connection lost")
        }
    }
}
