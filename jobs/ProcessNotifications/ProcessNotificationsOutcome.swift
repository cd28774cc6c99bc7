import Foundation
import Runner

/// The row update one delivery result leads to.
struct NotificationOutcome: Sendable, Equatable {
    /// `returned`: back to `queued` with the claim's attempt taken back (the provider failed, not the notification).
    enum Status: String, Sendable { case sent, queued, dead, returned }

    var id: Int
    var attempt: Int
    var status: Status
    /// For `queued`: when the row is due again.
    var nextAttemptAt: Date?
    var lastError: String?
    var messageID: String?

    /// Decides the row's next state. On a provider stop (`givingBack`: `ProviderStop` judged the batch) a row whose
    /// send failed at the provider level is returned: rescheduled with backoff, its attempt not counted, never dead,
    /// so a wrong token or an outage does not use up notifications.
    static func decide(
        _ notification: ClaimedNotification, _ delivered: Delivered, now: Date, givingBack: Bool,
        settings: ProcessNotificationsSettings, using generator: inout some RandomNumberGenerator
    ) -> NotificationOutcome {
        var outcome = NotificationOutcome(id: notification.id, attempt: notification.attempt, status: .queued)
        if givingBack, ProviderStop.givesBack(delivered.failure), let failure = delivered.failure {
            let wait = settings.backoff(afterAttempt: notification.attempt, using: &generator)
            outcome.status = .returned
            outcome.nextAttemptAt = now.addingTimeInterval(Double(wait / .milliseconds(1)) / 1000)
            outcome.lastError = String(String(describing: failure).prefix(500))
            return outcome
        }
        switch delivered.result {
        case .sent(let messageID):
            outcome.status = .sent
            outcome.messageID = messageID
        case .permanent(let error):
            outcome.status = .dead
            outcome.lastError = error
        case .released(let error):
            outcome.nextAttemptAt = now
            outcome.lastError = error
        case .transient(let error) where notification.attempt >= settings.maxAttempts:
            outcome.status = .dead
            outcome.lastError = "gave up after \(notification.attempt) attempts: \(error)"
        case .transient(let error):
            let wait = settings.backoff(afterAttempt: notification.attempt, using: &generator)
            outcome.nextAttemptAt = now.addingTimeInterval(Double(wait / .milliseconds(1)) / 1000)
            outcome.lastError = error
        }
        if let error = outcome.lastError, error.count > 500 { outcome.lastError = String(error.prefix(500)) }
        return outcome
    }
}
