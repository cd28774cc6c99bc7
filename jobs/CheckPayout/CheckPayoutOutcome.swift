import Foundation
import HTTP
import Runner

/// What becomes of one claimed payout after the provider call.
enum CheckPayoutOutcome: Sendable, Equatable {
    /// The provider holds the payout, not final yet: polled again after the poll interval.
    case requested(providerID: String)
    case paid(providerID: String)
    /// Final: the provider refused to pay (e.g. the account is closed).
    case failed(providerID: String, reason: String)
    /// The call failed; tried again at `next` (a request counts as an attempt, a poll does not).
    case retry(error: String, next: Date, transient: Bool)
    /// Needs a human: too many failed requests, or the provider refused the request itself.
    case onHold(error: String)
    /// The run is stopping before it got an answer: the claim is given back, the payout is due again at once.
    case released
    /// The provider failed the run, not this payout (`ProviderStop`): the claim is given back without counting the
    /// request, due again at `next`, the error on the row.
    case givenBack(error: String, next: Date)

    /// Decides from the provider's answer (or failure).
    static func decide(
        _ result: Result<ProviderPayout, HTTPClientError>, payout: ClaimedPayout, now: Date, settings: CheckPayoutSettings
    ) -> CheckPayoutOutcome {
        switch result {
        case .success(let answer):
            switch answer.status {
            case .requested: return .requested(providerID: answer.id)
            case .paid: return .paid(providerID: answer.id)
            case .failed: return .failed(providerID: answer.id, reason: answer.failureReason ?? "unknown")
            }
        case .failure(let error):
            if error.kind == .cancelled { return .released }
            let text = String("payout provider: \(error)".prefix(500))
            if payout.isRequest {
                // A 4xx refusal (bad body, key reused with another body) will not change by itself.
                if !error.isTransient, error.status != nil { return .onHold(error: text) }
                if payout.attempts >= settings.maxAttempts { return .onHold(error: text + " (after \(payout.attempts) attempts)") }
                return .retry(error: text, next: settings.retryTime(afterAttempt: payout.attempts, now: now), transient: error.isTransient)
            }
            // Polls: the provider does not know the payout we hold an id for; a human must look.
            if error.status == 404 { return .onHold(error: text) }
            return .retry(error: text, next: now.addingTimeInterval(settings.pollInterval.secondsValue), transient: error.isTransient)
        }
    }

    var code: String {
        switch self {
        case .requested: "requested"
        case .paid: "paid"
        case .failed: "failed"
        case .retry: "retry"
        case .onHold: "on_hold"
        case .released: "released"
        case .givenBack: "given_back"
        }
    }

    var providerID: String? {
        switch self {
        case .requested(let id), .paid(let id), .failed(let id, _): id
        default: nil
        }
    }

    var error: String? {
        switch self {
        case .failed(_, let reason): "payout failed: \(reason)"
        case .retry(let error, _, _), .onHold(let error), .givenBack(let error, _): error
        default: nil
        }
    }
}
