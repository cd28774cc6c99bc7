import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import NIOTLS

/// One keep-alive HTTP/1.1 connection of an `OriginPool`, carrying one exchange at a time. The request's head, body
/// and end go out with a single flush (one write system call); the answer is collected up to the body cap.
/// Touched only on its channel's event loop (hence unchecked).
final class PooledConnection: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    /// Strong: a connection closing after shutdown still reports to its pool; the pool drops it then (no cycle left).
    private let pool: OriginPool
    private var context: ChannelHandlerContext?
    private var current: Exchange?
    private var status = 0
    private var headers: [String: String] = [:]
    private var keepAlive = false
    private var body = ByteBuffer()
    /// When it last went back to the pool idle.
    var idleSince = NIODeadline.now()
    /// TLS handshake done (or plain TCP): a TLS error after it is a lost connection, not a refused certificate.
    private var established: Bool

    init(pool: OriginPool, tls: Bool) {
        self.pool = pool
        established = !tls
    }

    var isActive: Bool { context?.channel.isActive ?? false }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    /// Sends `exchange` on this connection, or hands the connection back if the exchange ended while it waited.
    func run(_ exchange: Exchange) {
        guard !exchange.isDone else { return pool.finished(self, reusable: true) }
        guard let context, context.channel.isActive else { return exchange.fail(.closedWithoutAnswer) }
        current = exchange
        exchange.connection = self
        status = 0
        headers = [:]
        keepAlive = false
        body.clear()
        context.write(wrapOutboundOut(.head(exchange.head)), promise: nil)
        if let requestBody = exchange.body { context.write(wrapOutboundOut(.body(.byteBuffer(requestBody))), promise: nil) }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    /// The exchange ended before its answer (timeout, cancel): the stream is mid-message, so the connection goes.
    func abandon(_ exchange: Exchange) {
        guard current === exchange else { return }
        current = nil
        context?.close(promise: nil)
    }

    /// Fails the exchange in flight, if any, and closes (shutdown, errors).
    func close(failing failure: ExchangeFailure) {
        let exchange = current
        current = nil
        exchange?.connection = nil
        exchange?.fail(failure)
        context?.close(promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard let exchange = current else {
            // Bytes nobody asked for: the stream can no longer be trusted.
            return context.close(promise: nil)
        }
        switch unwrapInboundIn(data) {
        case .head(let head):
            if let length = head.headers.first(name: "content-length").flatMap(Int.init), length > OutboundResponse.maximumBodyBytes {
                return exchange.fail(.tooLarge)
            }
            status = Int(head.status.code)
            keepAlive = head.isKeepAlive
            for header in head.headers {
                let name = OutboundResponse.lowercased(header.name)
                headers[name] = headers[name].map { "\($0), \(header.value)" } ?? header.value
            }
        case .body(var part):
            guard body.readableBytes + part.readableBytes <= OutboundResponse.maximumBodyBytes else { return exchange.fail(.tooLarge) }
            body.writeBuffer(&part)
        case .end:
            current = nil
            exchange.connection = nil
            exchange.succeed(OutboundResponse(status: status, headers: headers, body: Data(body.readableBytesView)))
            pool.finished(self, reusable: keepAlive && context.channel.isActive)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .handshakeCompleted? = event as? TLSUserEvent { established = true }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A server that closes without close_notify: the decoder's end (a body framed by the close) or channelInactive decides.
        if case .uncleanShutdown? = error as? NIOSSLError { return }
        let tls = error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError
        close(failing: tls && !established ? .tls : .io(error))
    }

    func channelInactive(context: ChannelHandlerContext) {
        close(failing: .closedWithoutAnswer)
        self.context = nil
        pool.closed(self)
    }
}
