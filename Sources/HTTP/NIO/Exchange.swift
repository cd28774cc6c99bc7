import NIOCore
import NIOHTTP1

/// One request on `NIOHTTP1Transport` from queued to answered: what goes on the wire, the promise its caller awaits,
/// and its deadline. Made by the caller, then touched only on the transport's event loop (hence unchecked).
final class Exchange: @unchecked Sendable {
    let head: HTTPRequestHead
    let body: ByteBuffer?
    let promise: EventLoopPromise<OutboundResponse>
    /// Answered, failed, timed out or cancelled: a queued exchange that is done is skipped.
    private(set) var isDone = false
    /// The deadline's callback (a scheduled callback, not `scheduleTask`: no promise and future per request).
    var timer: NIOScheduledCallback?
    /// The connection carrying it: closed when the exchange ends before its answer (the stream is then unusable).
    var connection: PooledConnection?

    init(head: HTTPRequestHead, body: ByteBuffer?, promise: EventLoopPromise<OutboundResponse>) {
        self.head = head
        self.body = body
        self.promise = promise
    }

    func succeed(_ response: OutboundResponse) {
        guard finish() != nil else { return }
        promise.succeed(response)
    }

    func fail(_ failure: ExchangeFailure) {
        guard let connection = finish() else { return }
        promise.fail(failure)
        connection?.abandon(self)
    }

    /// Marks it done once; nil if it already was, else the connection it was on (if any).
    private func finish() -> PooledConnection?? {
        guard !isDone else { return nil }
        isDone = true
        timer?.cancel()
        timer = nil
        defer { connection = nil }
        return .some(connection)
    }
}

extension Exchange: NIOScheduledCallbackHandler {
    func handleScheduledCallback(eventLoop: some EventLoop) { fail(.timedOut) }
}
