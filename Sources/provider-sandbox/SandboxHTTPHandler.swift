import NIOCore
import NIOHTTP1

/// One connection's HTTP/1.1 exchange, on its event loop: collect a request, ask the service, write the
/// answer (later, when latency is injected). NIO's pipeline handler keeps pipelined requests in order.
final class SandboxHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let service: SandboxService
    private var head: HTTPRequestHead?
    private var body: ByteBuffer?
    private var bodyTooLarge = false

    init(service: SandboxService) {
        self.service = service
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = nil
            bodyTooLarge = false
        case .body(var chunk):
            guard !bodyTooLarge else { return }
            if (body?.readableBytes ?? 0) + chunk.readableBytes > SandboxService.maxBody {
                bodyTooLarge = true
                body = nil
            } else if body == nil {
                body = chunk
            } else {
                body!.writeBuffer(&chunk)
            }
        case .end:
            guard let head else { return }
            self.head = nil
            respond(to: head, context: context)
        }
    }

    private func respond(to head: HTTPRequestHead, context: ChannelHandlerContext) {
        let keepAlive = head.isKeepAlive
        if bodyTooLarge {
            write(.error(413, code: "too_large", message: "the body is over 1 MiB"), head: head, keepAlive: false, context: context)
            return
        }
        let uri = head.uri.utf8
        let path = head.uri[..<(uri.firstIndex(of: UInt8(ascii: "?")) ?? uri.endIndex)]
        let request = SandboxRequest(
            method: head.method.rawValue, path: path,
            idempotencyKey: head.headers.first(name: "Idempotency-Key"),
            authorization: head.headers.first(name: "Authorization"), body: body)
        body = nil
        let reply = service.handle(request)

        guard let delay = reply.delay, delay > .zero else {
            finish(reply, head: head, keepAlive: keepAlive, context: context)
            return
        }
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        context.eventLoop.scheduleTask(in: .nanoseconds(Int64(delay / .nanoseconds(1)))) {
            let (handler, context) = bound.value
            handler.finish(reply, head: head, keepAlive: keepAlive, context: context)
        }
    }

    private func finish(_ reply: SandboxReply, head: HTTPRequestHead, keepAlive: Bool, context: ChannelHandlerContext) {
        guard let answer = reply.answer else {
            context.close(promise: nil)
            if reply.counted { service.finished(status: 0) }
            return
        }
        // Counted before the write: a client that has read the answer and asks for the stats must find it counted.
        if reply.counted { service.finished(status: answer.status) }
        write(answer, head: head, keepAlive: keepAlive, context: context)
    }

    private func write(_ answer: Answer, head: HTTPRequestHead, keepAlive: Bool, context: ChannelHandlerContext) {
        var buffer = context.channel.allocator.buffer(capacity: answer.body.utf8.count)
        buffer.writeString(answer.body)
        var headers = HTTPHeaders()
        headers.reserveCapacity(4 + answer.extraHeaders.count)
        headers.add(name: "Content-Type", value: answer.contentType)
        headers.add(name: "Content-Length", value: String(buffer.readableBytes))
        for (name, value) in answer.extraHeaders { headers.add(name: name, value: value) }
        if !keepAlive {
            headers.add(name: "Connection", value: "close")
        } else if head.version.minor == 0 {
            headers.add(name: "Connection", value: "keep-alive")
        }
        let response = HTTPResponseHead(version: head.version, status: HTTPResponseStatus(statusCode: answer.status), headers: headers)
        context.write(wrapOutboundOut(.head(response)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        if keepAlive {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        } else {
            let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in loopBound.value.close(promise: nil) }
        }
    }
}
