/// Settings of the outbound HTTP client, shared by every provider of a run.
public struct HTTPClientConfiguration: Sendable, Equatable {
    /// Requests in flight at once across the run; also the connections kept per host.
    public var concurrency: Int
    /// Longest wait for one complete answer.
    public var requestTimeout: Duration
    public var retry: HTTPRetryPolicy
    /// Dry-run calls kept for the plan; later ones are counted, not kept.
    public var recordLimit: Int
    public var transport: HTTPTransportKind

    public init(
        concurrency: Int = 8, requestTimeout: Duration = .seconds(10), retry: HTTPRetryPolicy = HTTPRetryPolicy(),
        recordLimit: Int = 10_000, transport: HTTPTransportKind = .swiftNIO
    ) {
        self.concurrency = max(1, concurrency)
        self.requestTimeout = requestTimeout
        self.retry = retry
        self.recordLimit = max(0, recordLimit)
        self.transport = transport
    }
}
