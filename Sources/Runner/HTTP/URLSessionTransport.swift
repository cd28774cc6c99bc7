import Synchronization
import Grammar
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `HTTPTransport` on one URLSession (libcurl on Linux): keep-alive connections, at most
/// `maximumConnectionsPerHost` per provider, no cache, no cookies.
public final class URLSessionTransport: HTTPTransport {
    private let session: URLSession
    private let invalidated = Mutex(false)

    public init(maximumConnectionsPerHost: Int) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = max(1, maximumConnectionsPerHost)
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.httpAdditionalHeaders = [:]
        session = URLSession(configuration: configuration)
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
        for (name, value) in request.wireHeaders { urlRequest.setValue(value, forHTTPHeaderField: name) }
        urlRequest.httpBody = request.body

        let call = DataTaskCall()
        let outcome: Result<(Data, URLResponse), any Error> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let task = session.dataTask(with: urlRequest) { data, response, error in
                    if let data, let response {
                        continuation.resume(returning: .success((data, response)))
                    } else if let response, error == nil {
                        continuation.resume(returning: .success((Data(), response)))
                    } else {
                        continuation.resume(returning: .failure(error ?? URLError(.badServerResponse)))
                    }
                }
                call.start(task, timeout: timeout)
            }
        } onCancel: {
            call.stop(.cancelled)
        }
        call.finish()

        let fail = { (kind: HTTPClientError.Kind, detail: String) in
            HTTPClientError(kind: kind, method: request.method, target: request.target, detail: detail)
        }
        switch outcome {
        case .success(let (data, response)):
            guard let http = response as? HTTPURLResponse else { throw fail(.connection, "the answer was not HTTP") }
            var headers: [String: String] = [:]
            for (name, value) in http.allHeaderFields {
                if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
            }
            return OutboundResponse(status: http.statusCode, headers: headers, body: data)
        case .failure(let error):
            switch call.stopReason {
            case .timeout?: throw fail(.timeout, "no answer within \(DurationGrammar.format(timeout))")
            case .cancelled?: throw fail(.cancelled, "the run is stopping")
            case nil: throw Self.classify(error, fail: fail, timeout: timeout)
            }
        }
    }

    /// Maps URLSession's errors to kinds, naming the URLError code but never echoing its message (it holds the URL).
    static func classify(
        _ error: any Error, fail: (HTTPClientError.Kind, String) -> HTTPClientError, timeout: Duration
    ) -> HTTPClientError {
        guard let urlError = error as? URLError else { return fail(.connection, "transport error") }
        switch urlError.code {
        case .timedOut: return fail(.timeout, "no answer within \(DurationGrammar.format(timeout))")
        case .cancelled: return fail(.cancelled, "the request was cancelled")
        case .badURL, .unsupportedURL: return fail(.invalidRequest, "unsupported URL (URLError \(urlError.code.rawValue))")
        case .cannotConnectToHost: return fail(.connection, "connection refused")
        case .networkConnectionLost: return fail(.connection, "connection lost")
        case .cannotFindHost, .dnsLookupFailed: return fail(.connection, "host not found")
        case .badServerResponse, .zeroByteResource: return fail(.connection, "connection closed without an answer")
        default: return fail(.connection, "transport error (URLError \(urlError.code.rawValue))")
        }
    }
}
