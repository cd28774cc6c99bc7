import Synchronization
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `HTTPTransport` on one URLSession (libcurl on Linux): keep-alive connections, at most
/// `maximumConnectionsPerHost` per provider, no cache, no cookies, and the transport contract (no redirects,
/// a capped body, one timeout for the whole exchange) kept by its delegate and `DataTaskCall`.
public final class URLSessionTransport: HTTPTransport {
    private let session: URLSession
    private let delegate = DataTaskDelegate()
    private let invalidated = Mutex(false)

    public init(maximumConnectionsPerHost: Int) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = max(1, maximumConnectionsPerHost)
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.httpAdditionalHeaders = [:]
        session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
    }

    deinit {
        if !invalidated.withLock({ $0 }) { session.invalidateAndCancel() }
    }

    public func shutdown() {
        let first = invalidated.withLock { done -> Bool in
            defer { done = true }
            return !done
        }
        if first { session.finishTasksAndInvalidate() }
    }

    public func send(_ request: OutboundRequest, timeout: Duration) async throws(HTTPClientError) -> OutboundResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method.rawValue
        urlRequest.cachePolicy = .reloadIgnoringLocalCacheData
        // The call's own timer bounds the whole exchange. URLRequest's timeout is only an inactivity backstop:
        // FoundationNetworking truncates it to whole seconds, so anything under 1s would fire at once.
        urlRequest.timeoutInterval = (timeout / .seconds(1)).rounded(.up) + 1
        request.forEachWireHeader { urlRequest.setValue($1, forHTTPHeaderField: $0) }
        urlRequest.httpBody = request.body

        let call = DataTaskCall(request: request, timeout: timeout)
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<DataTaskCall.Outcome, Never>) in
                // Under the flag's lock: FoundationNetworking traps on a task made after the session was invalidated.
                let task = invalidated.withLock { done in done ? nil : UncheckedSendable(session.dataTask(with: urlRequest)) }
                guard let task else {
                    continuation.resume(returning: .failure(request.failure(.cancelled, "the HTTP client was shut down")))
                    return
                }
                delegate.register(call, for: task.value)
                call.start(task.value, continuation: continuation)
            }
        } onCancel: {
            call.stop(.cancelled)
        }
        return try outcome.get()
    }

    /// Maps URLSession's errors to kinds, naming the URLError code but never echoing its message (it holds the URL).
    static func classify(_ error: any Error, request: OutboundRequest, timeout: Duration) -> HTTPClientError {
        guard let urlError = error as? URLError else { return request.failure(.connection, "transport error") }
        switch urlError.code {
        case .timedOut: return .timedOut(request, after: timeout)
        case .cancelled: return request.failure(.cancelled, "the request was cancelled")
        case .badURL, .unsupportedURL: return request.failure(.invalidRequest, "unsupported URL (URLError \(urlError.code.rawValue))")
        case .cannotConnectToHost: return request.failure(.connection, "connection refused")
        case .networkConnectionLost: return request.failure(.connection, "connection lost")
        case .cannotFindHost, .dnsLookupFailed: return request.failure(.connection, "host not found")
        case .badServerResponse, .zeroByteResource: return request.failure(.connection, "connection closed without an answer")
        default: return request.failure(.connection, "transport error (URLError \(urlError.code.rawValue))")
        }
    }
}
