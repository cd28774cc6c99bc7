import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// The keep-alive connections of `NIOHTTP1Transport` to one origin: at most `limit` open, idle ones reused newest
/// first, exchanges beyond the limit queued first come first served. Touched only on its event loop (hence unchecked).
final class OriginPool: @unchecked Sendable {
    let origin: Origin
    let limit: Int
    let loop: any EventLoop
    private let tls: NIOSSLContext?
    private var open: [ObjectIdentifier: PooledConnection] = [:]
    private var connecting = 0
    private var idle: [PooledConnection] = []
    private var waiting = CircularBuffer<Exchange>()
    private var isShutDown = false
    /// Longer idle than this, a connection is closed rather than reused (servers commonly drop them after 60 s or more).
    let idleLimit: TimeAmount

    init(origin: Origin, limit: Int, idleLimit: TimeAmount, loop: any EventLoop, tls: NIOSSLContext?) {
        self.idleLimit = idleLimit
        self.origin = origin
        self.limit = max(1, limit)
        self.loop = loop
        self.tls = tls
    }

    func start(_ exchange: Exchange) {
        if isShutDown { return exchange.fail(.shutDown) }
        while let connection = idle.popLast() {
            if connection.idleSince + idleLimit > .now() { return connection.run(exchange) }
            connection.close(failing: .shutDown)  // servers close idle keep-alive connections; ours go first
        }
        if open.count + connecting < limit { return connect(for: exchange) }
        waiting.append(exchange)
    }

    /// The connection's exchange is answered: it takes the next waiting exchange, or idles, or closes.
    func finished(_ connection: PooledConnection, reusable: Bool) {
        guard reusable, !isShutDown else { return connection.close(failing: .shutDown) }
        while let next = waiting.popFirst() {
            if !next.isDone { return connection.run(next) }
        }
        connection.idleSince = .now()
        idle.append(connection)
    }

    /// The connection's channel is gone (closed by either side): its slot may dial for a waiting exchange.
    func closed(_ connection: PooledConnection) {
        open[ObjectIdentifier(connection)] = nil
        idle.removeAll { $0 === connection }
        dialForWaiting()
    }

    /// Closes every connection and fails every exchange, queued or in flight.
    func shutdown() {
        isShutDown = true
        while let next = waiting.popFirst() { next.fail(.shutDown) }
        for connection in open.values { connection.close(failing: .shutDown) }
    }

    private func dialForWaiting() {
        while !isShutDown, open.count + connecting < limit, let next = waiting.popFirst() {
            if !next.isDone { connect(for: next) }
        }
    }

    private func connect(for exchange: Exchange) {
        connecting += 1
        let tls = tls, serverName = origin.serverName
        ClientBootstrap(group: loop)
            .connectTimeout(.seconds(10))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                do {
                    let pipeline = channel.pipeline.syncOperations
                    if let tls { try pipeline.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverName)) }
                    try pipeline.addHTTPClientHandlers(enableOutboundHeaderValidation: false)  // head(of:) validated them
                    // One handler per channel: NIO may race several attempts (Happy Eyeballs) through this initializer.
                    try pipeline.addHandler(PooledConnection(pool: self, tls: tls != nil))
                    return channel.eventLoop.makeSucceededVoidFuture()
                } catch {
                    return channel.eventLoop.makeFailedFuture(error)
                }
            }
            .connect(host: origin.host, port: origin.port)
            .assumeIsolated()
            .whenComplete { result in
                self.connecting -= 1
                switch result {
                case .success(let channel):
                    if self.isShutDown { channel.close(promise: nil); return exchange.fail(.shutDown) }
                    guard channel.isActive, let connection = try? channel.pipeline.syncOperations.handler(type: PooledConnection.self) else {
                        exchange.fail(.closedWithoutAnswer)
                        return self.dialForWaiting()
                    }
                    self.open[ObjectIdentifier(connection)] = connection
                    connection.run(exchange)
                case .failure(let error):
                    exchange.fail(.connect(error))
                    self.dialForWaiting()
                }
            }
    }
}
