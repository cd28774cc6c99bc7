import Foundation
import HTTP

/// The email provider: `POST /v1/messages`. EMAIL_API_URL and EMAIL_API_TOKEN.
public struct EmailClient: ProviderClient {
    public static let identity = ProviderIdentity(name: "email", urlVariable: "EMAIL_API_URL", tokenVariable: "EMAIL_API_TOKEN")

    public let http: HTTPClient
    public let endpoint: ProviderEndpoint

    public init(http: HTTPClient, endpoint: ProviderEndpoint) {
        self.http = http
        self.endpoint = endpoint
    }

    /// Sends one email. Use a key stable per notification (e.g. `notification-<id>`): a retry or a second run
    /// with the same key is not delivered twice. A dry run sends nothing and answers `accepted`.
    public func send(
        _ message: OutboundMessage, idempotencyKey: String, deadline: ContinuousClock.Instant? = nil
    ) async throws(HTTPClientError) -> MessageReceipt {
        try await sendMessage(message, to: ["v1", "messages"], idPrefix: "msg", idempotencyKey: idempotencyKey, deadline: deadline)
    }
}
