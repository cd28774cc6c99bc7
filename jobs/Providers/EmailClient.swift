import Foundation
import Runner

/// The email provider: `POST /v1/messages`. EMAIL_API_URL and EMAIL_API_TOKEN.
public struct EmailClient: Sendable {
    public static let urlVariable = "EMAIL_API_URL"
    public static let tokenVariable = "EMAIL_API_TOKEN"
    public static let identity = ProviderIdentity(name: "email", urlVariable: urlVariable, tokenVariable: tokenVariable)

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

    /// Sends one email. Use a key stable per notification (e.g. `notification-<id>`): a retry or a second run
    /// with the same key is not delivered twice. A dry run sends nothing and answers `accepted`.
    public func send(
        _ message: OutboundMessage, idempotencyKey: String, deadline: ContinuousClock.Instant? = nil
    ) async throws(HTTPClientError) -> MessageReceipt {
        try await MessageSender(http: http, endpoint: endpoint, path: ["v1", "messages"], idPrefix: "msg")
            .send(message, idempotencyKey: idempotencyKey, deadline: deadline)
    }
}
