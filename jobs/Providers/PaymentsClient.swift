import Foundation
import HTTP

/// The payment provider: `GET /v1/payments/{id}`. Base URL and token from PAYMENTS_API_URL and PAYMENTS_API_TOKEN.
public struct PaymentsClient: ProviderClient {
    public static let identity = ProviderIdentity(name: "payment", urlVariable: "PAYMENTS_API_URL", tokenVariable: "PAYMENTS_API_TOKEN")

    public let http: HTTPClient
    public let endpoint: ProviderEndpoint

    public init(http: HTTPClient, endpoint: ProviderEndpoint) {
        self.http = http
        self.endpoint = endpoint
    }

    /// The payment's current state. An unknown payment is `HTTPClientError` with kind `.status(404)` (permanent).
    ///
    /// - Parameter simulated: the answer an offline dry run uses (GETs are sent in a plain dry run); by default
    ///   the payment is still pending, so an offline plan invents no approvals.
    public func payment(
        id: String, deadline: ContinuousClock.Instant? = nil, simulated: ProviderPayment? = nil
    ) async throws(HTTPClientError) -> ProviderPayment {
        let request = OutboundRequest.get(endpoint.url("v1", "payments", id), token: endpoint.token)
        let fallback = simulated ?? ProviderPayment(id: id, status: .pending, amountMinor: 0, currency: "USD", updatedAt: Date())
        return try await http.send(request, expecting: ProviderPayment.self, deadline: deadline, simulated: .json(fallback))
    }
}
