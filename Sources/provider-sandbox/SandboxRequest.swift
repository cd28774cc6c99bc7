import NIOCore

/// What the service needs of one HTTP request, read off NIO's request head and body.
struct SandboxRequest {
    var method: String
    /// The path without the query.
    var path: Substring
    var idempotencyKey: String?
    var authorization: String?
    var body: ByteBuffer?
}

/// What to do with a request: answer (after a delay, for injected latency) or drop the connection.
struct SandboxReply {
    /// nil: close the connection without a word (`down: close`).
    var answer: Answer?
    var delay: Duration?
    /// Provider requests are counted in stats; the handler reports their status once written.
    var counted: Bool
}
