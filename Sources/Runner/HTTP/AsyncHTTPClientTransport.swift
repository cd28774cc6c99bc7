import Synchronization
import Grammar
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// `HTTPTransport` on AsyncHTTPClient (SwiftNIO): keep-alive HTTP/1.1 (HTTP/2 when TLS negotiates it), at most
/// `maximumConnectionsPerHost` connections per provider, no redirects (a redirect would carry the bearer token
/// elsewhere), no decompression. The default transport: it costs a fraction of URLSession's CPU per request on
/// Linux (benchmarks/RESULTS.md).
public final class AsyncHTTPClientTransport: HTTPTransport {
    /// Larger answers are refused: no provider answer in our contracts comes near it.
    static let maximumBodyBytes = 4 * 1024 * 1024

    /// One I/O thread for every provider connection of the process: a run's few connections do not need more, and
    /// one thread spares the wake-ups and cache traffic of spreading them over several (measured: less CPU per send).
    static let eventLoop = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    private enum State {
        case idle
        case running(AsyncHTTPClient.HTTPClient)
        case shutDown
    }

    private let configuration: AsyncHTTPClient.HTTPClient.Configuration
    /// The client is made on the first send, so a run that calls no provider starts no I/O thread.
    private let state = Mutex(State.idle)

    /// - Parameter readTimeout: the longest silence while an answer is arriving (the request timeout).
    public init(maximumConnectionsPerHost: Int, readTimeout: Duration = .seconds(10)) {
        var configuration = AsyncHTTPClient.HTTPClient.Configuration()
        configuration.timeout.read = .nanoseconds(Int64(readTimeout / .nanoseconds(1)))
        configuration.redirectConfiguration = .disallow
        configuration.decompression = .disabled
        configuration.tracing.tracer = nil  // no tracer is bootstrapped; skips building a span per request
        configuration.connectionPool = .init(
            idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, maximumConnectionsPerHost))
        // A refused connection fails the attempt at once; `HTTPClient`'s own retries and backoff decide what next
        // (the pool would otherwise keep re-dialling until the request's deadline).
        configuration.connectionPool.retryConnectionEstablishment = false
        self.configuration = configuration
    }

    deinit { shutdown() }

    /// Starts closing connections without blocking; the client keeps itself alive until that has finished.
    public func shutdown() {
        let running = state.withLock { state -> AsyncHTTPClient.HTTPClient? in
            defer { state = .shutDown }
            if case .running(let client) = state { return client }
            return nil
        }
        _ = running?.shutdown()
    }

    private func client() -> AsyncHTTPClient.HTTPClient? {
        state.withLock { state in
            switch state {
            case .running(let client):
                return client
            case .idle:
                let client = AsyncHTTPClient.HTTPClient(eventLoopGroupProvider: .shared(Self.eventLoop), configuration: configuration)
                state = .running(client)
                return client
            case .shutDown:
                return nil
            }
        }
    }

    public func send(_ request: OutboundRequest, timeout: Duration) async throws(HTTPClientError) -> OutboundResponse {
        let fail = { (kind: HTTPClientError.Kind, detail: String) in
            HTTPClientError(kind: kind, method: request.method, target: request.target, detail: detail)
        }
        var outbound = HTTPClientRequest(url: request.url.absoluteString)
        outbound.method = NIOHTTP1.HTTPMethod(rawValue: request.method.rawValue)
        for (name, value) in request.wireHeaders { outbound.headers.replaceOrAdd(name: name, value: value) }
        if let body = request.body { outbound.body = .bytes(ByteBuffer(bytes: body)) }

        // AsyncHTTPClient enforces the deadline until the response head arrives; a body that stalls after it is
        // cut by the read timeout (no bytes for `readTimeout`). A timer task per request would cost more CPU than
        // the request itself at thousands of sends per second.
        let deadline = NIODeadline.now() + .nanoseconds(Int64(timeout / .nanoseconds(1)))
        guard let client = client() else { throw fail(.cancelled, "the HTTP client was shut down") }
        do {
            let response = try await client.execute(outbound, deadline: deadline)
            let body = try await response.body.collect(upTo: Self.maximumBodyBytes)
            var headers: [String: String] = [:]
            for header in response.headers {
                let name = header.name.lowercased()
                headers[name] = headers[name].map { "\($0), \(header.value)" } ?? header.value
            }
            return OutboundResponse(status: Int(response.status.code), headers: headers, body: Data(body.readableBytesView))
        } catch {
            throw Self.classify(error, timeout: timeout, fail: fail)
        }
    }

    private static let timeouts: [AsyncHTTPClient.HTTPClientError] = [
        .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .tlsHandshakeTimeout, .getConnectionFromPoolTimeout,
    ]

    /// Maps AsyncHTTPClient's and NIO's errors to kinds; never echoes their text, which can hold the URL.
    static func classify(
        _ error: any Error, timeout: Duration, fail: (HTTPClientError.Kind, String) -> HTTPClientError
    ) -> HTTPClientError {
        let within = "no answer within \(DurationGrammar.format(timeout))"
        if error is CancellationError || Task.isCancelled { return fail(.cancelled, "the run is stopping") }
        if error is NIOTooManyBytesError { return fail(.decoding, "the answer was larger than \(maximumBodyBytes / 1024 / 1024) MiB") }
        if let error = error as? AsyncHTTPClient.HTTPClientError {
            if timeouts.contains(error) { return fail(.timeout, within) }
            if error == .cancelled { return fail(.cancelled, "the request was cancelled") }
            if error == .remoteConnectionClosed { return fail(.connection, "connection closed without an answer") }
            if error == .alreadyShutdown { return fail(.cancelled, "the HTTP client was shut down") }
            if error.shortDescription.lowercased().contains("header") { return fail(.invalidRequest, "a request header is not valid HTTP") }
            if [.invalidURL, .emptyHost, .emptyScheme].contains(error) || error.shortDescription.contains("scheme") {
                return fail(.invalidRequest, "unsupported URL")
            }
            return fail(.connection, "transport error (\(error.shortDescription))")
        }
        if let error = error as? NIOConnectionError {
            if error.dnsAError != nil || error.dnsAAAAError != nil, error.connectionErrors.isEmpty {
                return fail(.connection, "host not found")
            }
            return fail(.connection, error.connectionErrors.contains { ($0.error as? IOError)?.errnoCode == ECONNREFUSED }
                ? "connection refused" : "connection failed")
        }
        if let error = error as? IOError {
            return fail(.connection, error.errnoCode == ECONNREFUSED ? "connection refused" : "connection error (errno \(error.errnoCode))")
        }
        if error is ChannelError { return fail(.connection, "connection lost") }
        return fail(.connection, "transport error")
    }
}
