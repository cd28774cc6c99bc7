import Foundation
import Runner

/// The push provider: `POST /v1/push`. PUSH_API_URL and PUSH_API_TOKEN.
public struct PushClient: Sendable {
    public static let urlVariable = "PUSH_API_URL"
    public static let tokenVariable = "PUSH_API_TOKEN"
    public static let identity = ProviderIdentity(name: "push", urlVariable: urlVariable, tokenVariable: tokenVariable)

    public let http: HTTPClient
    public let endpoint: ProviderEndpoint

    public init(http: HTTPClient, endpoint: ProviderEndpoint) {
        self.http = http
        self.endpoint = endpoint
    }

    public init(http: HTTPClient, configuration: Configuration) throws(ConfigurationError) {
        self.init(
            http: http,
            endpoint: try ProviderEndpoint(configuration: configuration, urlVariable: Self.urlVariable, tokenVariable: Self.tokenVariable))
    }

    /// Sends one push notification; same idempotency rules as `EmailClient.send`.
    public func send(
        _ message: OutboundMessage, idempotencyKey: String, deadline: ContinuousClock.Instant? = nil
    ) async throws(HTTPClientError) -> MessageReceipt {
        try await MessageSender(http: http, endpoint: endpoint, path: ["v1", "push"], idPrefix: "push")
            .send(message, idempotencyKey: idempotencyKey, deadline: deadline)
    }
}
