import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// `HTTPTransport` on SwiftNIO's HTTP/1.1 codec with its own keep-alive pool: at most `maximumConnectionsPerHost`
/// connections per origin, TLS by swift-nio-ssl with the system's trust roots, the transport contract (no redirects,
/// a capped body, one deadline for the whole exchange). The default transport: a request's head and body leave in one
/// write, and a caller on `executor` (the I/O thread) never changes threads (benchmarks/README.md, the profile).
public final class NIOHTTP1Transport: HTTPTransport {
    /// One I/O thread for every provider connection of the process: a run's few connections do not need more.
    static let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    static let loop = group.next()
    static let loopExecutor = EventLoopTaskExecutor(loop)

    public var executor: any TaskExecutor { Self.loopExecutor }

    private let maximumConnectionsPerHost: Int
    private let idleLimit: TimeAmount
    private let tlsConfiguration: TLSConfiguration
    /// Made on the first https request: loading the trust store costs milliseconds a run without calls need not pay.
    private let tls = Mutex<Result<NIOSSLContext, any Error>?>(nil)
    /// Pools by origin, and whether the transport was shut down; touched only on `loop`.
    private let pools: NIOLoopBoundBox<[Origin: OriginPool]>
    private let isShutDown = Atomic<Bool>(false)

    /// - Parameter idleLimit: a keep-alive connection idle longer is closed, not reused (servers drop idle ones).
    public init(
        maximumConnectionsPerHost: Int, tlsConfiguration: TLSConfiguration = .makeClientConfiguration(),
        idleLimit: Duration = .seconds(30)
    ) {
        self.maximumConnectionsPerHost = max(1, maximumConnectionsPerHost)
        self.idleLimit = .nanoseconds(Int64(idleLimit / .nanoseconds(1)))
        self.tlsConfiguration = tlsConfiguration
        pools = NIOLoopBoundBox.makeBoxSendingValue([:], eventLoop: Self.loop)
    }

    deinit { shutdown() }

    public func shutdown() {
        guard !isShutDown.exchange(true, ordering: .relaxed) else { return }
        let pools = pools
        Self.loop.execute {
            for pool in pools.value.values { pool.shutdown() }
            pools.value = [:]
        }
    }

    public func send(_ request: OutboundRequest, timeout: Duration) async throws(HTTPClientError) -> OutboundResponse {
        guard let origin = request.requestURL.origin else { throw request.failure(.invalidRequest, "unsupported URL") }
        let target = request.requestURL.target
        guard !isShutDown.load(ordering: .relaxed) else { throw request.failure(.cancelled, "the HTTP client was shut down") }
        let sslContext: NIOSSLContext?
        if origin.tls {
            guard case .success(let context) = tlsContext() else { throw request.failure(.connection, "TLS is not available (no usable trust store)") }
            sslContext = context
        } else {
            sslContext = nil
        }
        guard let head = Self.head(of: request, origin: origin, target: target) else { throw request.failure(.invalidRequest, "a request header is not valid HTTP") }
        let exchange = Exchange(
            head: head, body: request.body.map { ByteBuffer(bytes: $0) }, promise: Self.loop.makePromise(of: OutboundResponse.self))
        let pools = pools, limit = maximumConnectionsPerHost, idleLimit = idleLimit
        let start: @Sendable () -> Void = {
            // shutdown() may have emptied the pools between the check above and now: no new pool after it.
            if self.isShutDown.load(ordering: .relaxed) { return exchange.fail(.shutDown) }
            do {
                exchange.timer = try Self.loop.scheduleCallback(in: .nanoseconds(Int64(timeout / .nanoseconds(1))), handler: exchange)
            } catch {
                return exchange.fail(.shutDown)  // the event loop is shutting down: nothing could time the exchange out
            }
            let pool = pools.value[origin] ?? {
                let pool = OriginPool(origin: origin, limit: limit, idleLimit: idleLimit, loop: Self.loop, tls: sslContext)
                pools.value[origin] = pool
                return pool
            }()
            pool.start(exchange)
        }
        if Self.loop.inEventLoop { start() } else { Self.loop.execute(start) }
        do {
            return try await withTaskCancellationHandler {
                try await exchange.promise.futureResult.get()
            } onCancel: {
                Self.loop.execute { exchange.fail(.cancelled) }
            }
        } catch let failure as ExchangeFailure {
            throw failure.error(for: request, timeout: timeout)
        } catch {
            throw request.failure(.connection, "transport error")
        }
    }

    private func tlsContext() -> Result<NIOSSLContext, any Error> {
        tls.withLock { tls in
            if let tls { return tls }
            let made = Result { try NIOSSLContext(configuration: tlsConfiguration) }
            tls = made
            return made
        }
    }

    /// The request line and headers, with Host and Content-Length; nil when a header could split the message.
    static func head(of request: OutboundRequest, origin: Origin, target: String) -> HTTPRequestHead? {
        var headers = HTTPHeaders()
        headers.reserveCapacity(request.headers.count + 5)  // + Host, Authorization, Idempotency-Key, User-Agent, Content-Length
        headers.add(name: "Host", value: origin.hostHeader)
        var valid = true
        request.forEachWireHeader { name, value in
            guard valid, Self.isToken(name), !value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else { return valid = false }
            headers.add(name: name, value: value)
        }
        guard valid else { return nil }
        if request.body != nil || request.method.changesState { headers.add(name: "Content-Length", value: String(request.body?.count ?? 0)) }
        return HTTPRequestHead(
            version: .http1_1, method: NIOHTTP1.HTTPMethod(rawValue: request.method.rawValue), uri: target,
            headers: headers)
    }

    /// RFC 9110 token characters: what a header name may be made of.
    private static func isToken(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { $0 < 128 && tokenByte[Int($0)] }
    }

    /// Whether each ASCII byte is a token character (a table: searching the symbol list per byte showed in the profile).
    private static let tokenByte: [Bool] = (0..<128).map { byte in
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            || "!#$%&'*+-.^_`|~".utf8.contains(UInt8(byte))
    }
}
