import Synchronization
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// `HTTPTransport` on AsyncHTTPClient (SwiftNIO): keep-alive HTTP/1.1 (HTTP/2 when TLS negotiates it), at most
/// `maximumConnectionsPerHost` connections per provider, no decompression, and the transport contract (no
/// redirects, a capped body, one deadline for the whole exchange). It costs a fraction of URLSession's CPU per
/// request on Linux, and more than `NIOHTTP1Transport` (benchmarks/RESULTS.md).
public final class AsyncHTTPClientTransport: HTTPTransport {
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

    public init(maximumConnectionsPerHost: Int) {
        var configuration = AsyncHTTPClient.HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow  // the 3xx comes back as the answer; the token goes nowhere else
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
        guard let client = client() else { throw request.failure(.cancelled, "the HTTP client was shut down") }
        do {
            var outboundHeaders = HTTPHeaders()
            request.forEachWireHeader { outboundHeaders.add(name: $0, value: $1) }
            let outbound = try AsyncHTTPClient.HTTPClient.Request(
                url: request.url, method: NIOHTTP1.HTTPMethod(rawValue: request.method.rawValue),
                headers: outboundHeaders, body: request.body.map { .bytes($0) })
            // The delegate API's deadline stays armed until the last body byte (the async API's ends at the head), and
            // costs one event-loop timer rather than a task per request; the accumulator refuses an oversized body.
            let task = client.execute(
                request: outbound,
                delegate: ResponseAccumulator(request: outbound, maxBodySize: OutboundResponse.maximumBodyBytes),
                eventLoop: .indifferent, deadline: .now() + .nanoseconds(Int64(timeout / .nanoseconds(1))), logger: nil)
            let response = try await withTaskCancellationHandler {
                try await task.get()
            } onCancel: {
                task.cancel()
            }
            var headers: [String: String] = [:]
            for header in response.headers {
                let name = header.name.lowercased()
                headers[name] = headers[name].map { "\($0), \(header.value)" } ?? header.value
            }
            let body = response.body.map { Data($0.readableBytesView) } ?? Data()
            return OutboundResponse(status: Int(response.status.code), headers: headers, body: body)
        } catch {
            throw Self.classify(error, request: request, timeout: timeout)
        }
    }

    private static let timeouts: [AsyncHTTPClient.HTTPClientError] = [
        .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .tlsHandshakeTimeout, .getConnectionFromPoolTimeout,
    ]

    /// Maps AsyncHTTPClient's and NIO's errors to kinds; never echoes their text, which can hold the URL.
    static func classify(_ error: any Error, request: OutboundRequest, timeout: Duration) -> HTTPClientError {
        if error is CancellationError || Task.isCancelled { return request.failure(.cancelled, "the run is stopping") }
        if error is ResponseAccumulator.ResponseTooBigError { return .tooLarge(request) }
        if let error = error as? AsyncHTTPClient.HTTPClientError {
            if timeouts.contains(error) { return .timedOut(request, after: timeout) }
            if error == .cancelled { return request.failure(.cancelled, "the request was cancelled") }
            if error == .remoteConnectionClosed { return request.failure(.connection, "connection closed without an answer") }
            if error == .alreadyShutdown { return request.failure(.cancelled, "the HTTP client was shut down") }
            if error.shortDescription.lowercased().contains("header") {
                return request.failure(.invalidRequest, "a request header is not valid HTTP")
            }
            if [.invalidURL, .emptyHost, .emptyScheme].contains(error) || error.shortDescription.contains("scheme") {
                return request.failure(.invalidRequest, "unsupported URL")
            }
            return request.failure(.connection, "transport error (\(error.shortDescription))")
        }
        if let error = error as? NIOConnectionError {
            if error.dnsAError != nil || error.dnsAAAAError != nil, error.connectionErrors.isEmpty {
                return request.failure(.connection, "host not found")
            }
            let refused = error.connectionErrors.contains { ($0.error as? IOError)?.errnoCode == ECONNREFUSED }
            return request.failure(.connection, refused ? "connection refused" : "connection failed")
        }
        if let error = error as? IOError {
            return request.failure(
                .connection, error.errnoCode == ECONNREFUSED ? "connection refused" : "connection error (errno \(error.errnoCode))")
        }
        if error is ChannelError { return request.failure(.connection, "connection lost") }
        return request.failure(.connection, "transport error")
    }
}
