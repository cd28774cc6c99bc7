import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle

/// Hummingbird's server (bind, accept, graceful shutdown) with a plain NIO HTTP/1.1 pipeline per connection.
/// The async request/response path of `Application` cost twice the CPU per request here, and the sandbox
/// must never be the bottleneck of a benchmark.
struct SandboxChildChannel: ServerChildChannel {
    struct Value: ServerChildChannelValue {
        let channel: any Channel
    }

    let service: SandboxService

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.configureHTTPServerPipeline(withPipeliningAssistance: true, withErrorHandling: true)
            try channel.pipeline.syncOperations.addHandler(SandboxHTTPHandler(service: service))
            return Value(channel: channel)
        }
    }

    /// The connection lives in its pipeline; on shutdown, NIO's pipeline handler closes it once idle.
    func handle(value: Value, logger: Logger) async {
        try? await value.channel.closeFuture.get()
    }
}
