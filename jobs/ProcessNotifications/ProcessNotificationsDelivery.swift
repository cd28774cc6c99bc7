import Foundation
import HTTP
import Runner

/// What one send came to, before it is written back to the row.
enum DeliveryResult: Sendable, Equatable {
    /// Accepted by the provider (or replayed for this key): the provider's message id.
    case sent(messageID: String)
    /// May work later (timeout, connection, 429, 5xx, the retry budget ran out).
    case transient(String)
    /// Will not work (4xx, a malformed answer, no address to send to).
    case permanent(String)
    /// Not settled because this run is stopping or its send window closed: give the row back, due now.
    case released(String)
}

/// One send: its result, the provider it went to, and the provider's error when it failed (for `ProviderStop`).
struct Delivered: Sendable {
    var result: DeliveryResult
    var provider: ProviderIdentity
    var failure: HTTPClientError?
    /// False when no call was made (no address): such a row says nothing about the provider.
    var called = true
}

/// Sends one claimed notification through the email or push provider with the row's idempotency key.
struct NotificationDelivery: Sendable {
    let email: EmailClient
    let push: PushClient

    func deliver(_ notification: ClaimedNotification, before deadline: ContinuousClock.Instant) async -> Delivered {
        let provider = notification.channel == "push" ? PushClient.identity : EmailClient.identity
        guard let address = notification.address, !address.isEmpty else {
            return Delivered(
                result: .permanent(notification.channel == "push" ? "the user has no push token" : "no email address"),
                provider: provider, called: false)
        }
        let message = OutboundMessage(to: address, template: notification.template, data: notification.data)
        do {
            let receipt = notification.channel == "push"
                ? try await push.send(message, idempotencyKey: notification.idempotencyKey, deadline: deadline)
                : try await email.send(message, idempotencyKey: notification.idempotencyKey, deadline: deadline)
            return Delivered(result: .sent(messageID: receipt.id), provider: provider)
        } catch {
            let result = Self.classify(error, windowClosed: ContinuousClock.now >= deadline)
            if case .released = result { return Delivered(result: result, provider: provider) }  // our cut-off, not theirs
            return Delivered(result: result, provider: provider, failure: error)
        }
    }

    /// A failure caused by our own cut-off (cancellation, or the retry budget running into the window's end)
    /// is not the provider's fault: released, not counted as an attempt that failed.
    static func classify(_ error: HTTPClientError, windowClosed: Bool) -> DeliveryResult {
        let text = String(describing: error)
        switch error.kind {
        case .cancelled:
            return .released(text)
        case .budgetExhausted where windowClosed && error.lastFailure == nil:
            return .released(text)
        case .decoding:
            return .permanent("malformed response: \(text)")
        default:
            return error.isTransient ? .transient(text) : .permanent(text)
        }
    }
}
