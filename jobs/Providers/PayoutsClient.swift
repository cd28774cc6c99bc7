import Foundation
import HTTP

/// The payout provider: `POST /v1/payouts`, `GET /v1/payouts/{id}`. PAYOUTS_API_URL and PAYOUTS_API_TOKEN.
public struct PayoutsClient: ProviderClient {
    public static let identity = ProviderIdentity(name: "payout", urlVariable: "PAYOUTS_API_URL", tokenVariable: "PAYOUTS_API_TOKEN")

    public let http: HTTPClient
    public let endpoint: ProviderEndpoint

    public init(http: HTTPClient, endpoint: ProviderEndpoint) {
        self.http = http
        self.endpoint = endpoint
    }

    /// Asks the provider to pay out. The same `idempotencyKey` (stable per payout, e.g. `payout-<id>`) returns the
    /// payout already created instead of a second one, so a retry or a second run never pays twice.
    /// A dry run sends nothing and answers `requested` with id `po_dryrun_<payout_id>`.
    public func requestPayout(
        _ payout: PayoutRequest, idempotencyKey: String, deadline: ContinuousClock.Instant? = nil
    ) async throws(HTTPClientError) -> ProviderPayout {
        let request = try OutboundRequest.json(
            .post, endpoint.url("v1", "payouts"), body: payout, token: endpoint.token, idempotencyKey: idempotencyKey)
        let simulated = ProviderPayout(id: "po_dryrun_\(payout.payoutID)", status: .requested)
        return try await http.send(request, expecting: ProviderPayout.self, deadline: deadline, simulated: .json(simulated))
    }

    /// The payout's current state (`providerID` is the `po_…` id). Offline dry runs answer `requested`.
    public func payout(
        providerID: String, deadline: ContinuousClock.Instant? = nil
    ) async throws(HTTPClientError) -> ProviderPayout {
        let request = OutboundRequest.get(endpoint.url("v1", "payouts", providerID), token: endpoint.token)
        let simulated = ProviderPayout(id: providerID, status: .requested)
        return try await http.send(request, expecting: ProviderPayout.self, deadline: deadline, simulated: .json(simulated))
    }
}
