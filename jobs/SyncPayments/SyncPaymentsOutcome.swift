import Foundation
import HTTP
import Runner

/// What becomes of one claimed payment after asking the provider.
enum SyncPaymentsOutcome: Sendable, Equatable {
    /// The provider's final answer, or our expiry: `approved`, `rejected`, `cancelled`, `expired`.
    case resolved(String)
    /// Still pending and young: checked again after the recheck interval.
    case stillPending
    /// The check failed; checked again after the recheck interval with the error on the row.
    case failed(error: String, transient: Bool)
    /// The run is stopping before it got an answer: the claim is given back, the payment is due again at once.
    case released
    /// The provider failed the run, not this payment (a refused token, an outage, malformed answers: `ProviderStop`):
    /// the claim is given back without counting it, checked again after the recheck interval, the error on the row.
    case givenBack(error: String)

    /// Decides from the provider's answer (or failure) and the payment's age.
    static func decide(
        _ result: Result<ProviderPayment, HTTPClientError>, payment: ClaimedPayment, now: Date, expireAfter: Duration
    ) -> SyncPaymentsOutcome {
        let isStale = now.timeIntervalSince(payment.createdAt) >= expireAfter.secondsValue
        switch result {
        case .success(let answer):
            switch answer.status {
            case .approved: return .resolved("approved")
            case .rejected: return .resolved("rejected")
            case .cancelled: return .resolved("cancelled")
            case .pending: return isStale ? .resolved("expired") : .stillPending
            }
        case .failure(let error):
            if error.kind == .cancelled { return .released }
            // The provider does not know the payment: no money moved, so an old one may expire. Any other failure
            // keeps it pending, even when old: the provider may have approved it.
            if error.status == 404, isStale { return .resolved("expired") }
            return .failed(error: Self.lastError(error), transient: error.isTransient)
        }
    }

    /// What goes into `payments.last_error`: the safe description, bounded.
    static func lastError(_ error: HTTPClientError) -> String {
        String("payment provider: \(error)".prefix(500))
    }

    /// The `outcome` text the completion statement switches on.
    var code: String {
        switch self {
        case .resolved(let status): status
        case .stillPending: "pending"
        case .failed: "failed"
        case .released: "released"
        case .givenBack: "given_back"
        }
    }
}
