import Foundation

/// The row update one delivery result leads to.
struct NotificationOutcome: Sendable, Equatable {
    enum Status: String, Sendable { case sent, queued, dead }

    var id: Int
    var attempt: Int
    var status: Status
    /// For `queued`: when the row is due again.
    var nextAttemptAt: Date?
    var lastError: String?
    var messageID: String?

    /// Decides the row's next state. In an outage (`providerDown`: every send of the batch failed transiently)
    /// rows are rescheduled, never marked dead, so a provider outage does not use up notifications.
    static func decide(
        _ notification: ClaimedNotification, _ result: DeliveryResult, now: Date, providerDown: Bool,
        settings: ProcessNotificationsSettings, using generator: inout some RandomNumberGenerator
    ) -> NotificationOutcome {
        var outcome = NotificationOutcome(id: notification.id, attempt: notification.attempt, status: .queued)
        switch result {
        case .sent(let messageID):
            outcome.status = .sent
            outcome.messageID = messageID
        case .permanent(let error):
            outcome.status = .dead
            outcome.lastError = error
        case .released(let error):
            outcome.nextAttemptAt = now
            outcome.lastError = error
        case .transient(let error) where notification.attempt >= settings.maxAttempts && !providerDown:
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
