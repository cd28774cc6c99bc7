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
    /// The origin of the last URL sent, by the URL's scheme and authority text: Foundation's URL accessors that make an
    /// Origin showed in the drain's profile, and a run sends to one or two origins.
    private let lastOrigin = Mutex<(authority: String, origin: Origin)?>(nil)

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
        let (authority, target) = Self.cut(request.url)
        guard let origin = origin(of: request.url, authority: authority) else { throw request.failure(.invalidRequest, "unsupported URL") }
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
            exchange.timer = Self.loop.scheduleTask(in: .nanoseconds(Int64(timeout / .nanoseconds(1)))) { exchange.fail(.timedOut) }
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

    private func origin(of url: URL, authority: String) -> Origin? {
        if let last = lastOrigin.withLock({ $0 }), last.authority == authority, !authority.isEmpty { return last.origin }
        guard let origin = Origin(url) else { return nil }
        lastOrigin.withLock { $0 = (authority, origin) }
        return origin
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
        headers.add(name: "Host", value: origin.hostHeader)
        var valid = true
        request.forEachWireHeader { name, value in
            guard valid, Self.isToken(name), !value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else { return valid = false }
            headers.add(name: name, value: value)
        }
        guard valid else { return nil }
        if request.body != nil || request.method.changesState { headers.add(name: "Content-Length", value: "\(request.body?.count ?? 0)") }
        return HTTPRequestHead(
            version: .http1_1, method: NIOHTTP1.HTTPMethod(rawValue: request.method.rawValue), uri: target,
            headers: headers)
    }

    /// The path and query as written in the URL (`/` when empty), without the fragment: what follows the authority.
    /// Cut from the URL's text, since Foundation's path accessors showed in the drain's profile.
    static func requestTarget(of url: URL) -> String { cut(url).target }

    /// The URL's text cut after its scheme and authority (empty without `://`), and the request target that follows.
    static func cut(_ url: URL) -> (authority: String, target: String) {
        var absolute = url.absoluteString
        return absolute.withUTF8 { text in
            var start = 0
            if let scheme = text.firstIndex(of: UInt8(ascii: ":")), text[scheme...].starts(with: "://".utf8) {
                start = text[(scheme + 3)...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? text.count
            }
            let end = text[start...].firstIndex(of: UInt8(ascii: "#")) ?? text.count
            let authority = String(decoding: UnsafeBufferPointer(rebasing: text[..<start]), as: UTF8.self)
            let target = String(decoding: UnsafeBufferPointer(rebasing: text[start..<end]), as: UTF8.self)
            return (authority, target.isEmpty || target.hasPrefix("?") ? "/" + target : target)
        }
    }

    /// RFC 9110 token characters: what a header name may be made of.
    private static func isToken(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}
