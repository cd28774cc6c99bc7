import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// An in-process HTTP/1.1 server on a free loopback port whose routes misbehave on purpose, for the transport
/// contract tests. It records every request it reads (method, path, headers), so a test can see what reached it.
///
/// | route | answer |
/// |---|---|
/// | `/ok` | 200 `{"ok":true}` |
/// | `/redirect/CODE` | CODE with `Location: <redirectTarget>/landing` |
/// | `/large/N` | 200 with `Content-Length: N` and N bytes |
/// | `/chunked/N` | 200, chunked, N bytes in 64 KiB chunks, no Content-Length |
/// | `/stall/head` | nothing, ever |
/// | `/close` | the connection closed, no answer |
/// | `/stall/body` | 200 `Content-Length: 1000`, 10 bytes, then nothing |
/// | `/trickle` | 200 `Content-Length: 100000`, one byte every 50 ms |
public final class ScriptedHTTPServer: Sendable {
    /// One request as the server read it; header names lowercased.
    public struct Request: Sendable {
        public let method: String
        public let path: String
        public let headers: [String: String]
    }

    public let port: Int
    private let tls: Bool
    /// `http://127.0.0.1:PORT`, or `https://localhost:PORT` when it speaks TLS (the name its certificate holds).
    public var baseURL: URL { URL(string: tls ? "https://localhost:\(port)" : "http://127.0.0.1:\(port)")! }
    private let channel: any Channel
    private let log: ScriptedHTTPLog

    private init(channel: any Channel, port: Int, tls: Bool, log: ScriptedHTTPLog) {
        self.channel = channel
        self.port = port
        self.tls = tls
        self.log = log
    }

    /// Starts listening; `redirectTarget` is where `/redirect/CODE` points (a second server that records requests);
    /// with `tls`, every connection is TLS with that context's certificate.
    public static func start(redirectTarget: URL? = nil, tls: NIOSSLContext? = nil) async throws -> ScriptedHTTPServer {
        let log = ScriptedHTTPLog()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                log.opened(channel)
                return channel.eventLoop.makeCompletedFuture {
                    if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                    try channel.pipeline.syncOperations.addHandler(ScriptedHTTPHandler(log: log, redirectTarget: redirectTarget))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        guard let port = channel.localAddress?.port else { throw LoopbackServerFailure(description: "the scripted server has no port") }
        return ScriptedHTTPServer(channel: channel, port: port, tls: tls != nil, log: log)
    }

    /// Every request read so far, in order.
    public var requests: [Request] { log.requests }

    /// Connections accepted so far (keep-alive reuse shows as fewer connections than requests).
    public var connectionCount: Int { log.connections.count }

    /// Closes the listener and every connection it accepted.
    public func stop() async {
        try? await channel.close()
        for connection in log.connections { try? await connection.close() }
    }
}

/// What the handlers of one server share: the requests read and the connections accepted.
final class ScriptedHTTPLog: Sendable {
    private let state = Mutex((requests: [ScriptedHTTPServer.Request](), connections: [any Channel]()))

    var requests: [ScriptedHTTPServer.Request] { state.withLock { $0.requests } }
    var connections: [any Channel] { state.withLock { $0.connections } }

    func record(_ request: ScriptedHTTPServer.Request) { state.withLock { $0.requests.append(request) } }
    func opened(_ connection: any Channel) { state.withLock { $0.connections.append(connection) } }
}
