import Foundation
import HTTP

/// The push provider: `POST /v1/push`. PUSH_API_URL and PUSH_API_TOKEN.
public struct PushClient: ProviderClient {
    public static let identity = ProviderIdentity(name: "push", urlVariable: "PUSH_API_URL", tokenVariable: "PUSH_API_TOKEN")

    public let http: HTTPClient
    public let endpoint: ProviderEndpoint

    public init(http: HTTPClient, endpoint: ProviderEndpoint) {
        self.http = http
        self.endpoint = endpoint
    }

    /// Sends one push notification; same idempotency rules as `EmailClient.send`.
    public func send(
        _ message: OutboundMessage, idempotencyKey: String, deadline: ContinuousClock.Instant? = nil
    ) async throws(HTTPClientError) -> MessageReceipt {
        try await sendMessage(message, to: ["v1", "push"], idPrefix: "push", idempotencyKey: idempotencyKey, deadline: deadline)
    }
}
