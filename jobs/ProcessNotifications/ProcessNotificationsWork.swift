import Foundation
import HTTP
import Runner

/// process-notifications' part of the drain: lease due notifications, send each one, write the outcomes.
struct ProcessNotificationsWork: BatchWork {
    static let itemNoun = "notifications"
    static let providerWording = "notification provider"

    let settings: ProcessNotificationsSettings
    let delivery: NotificationDelivery

    /// Leases the next batch; nil when nothing is due. A batch claimed `ahead` waits for the batch in flight
    /// (at most one send window) before its own sends start, so its lease is longer by one send window: its sends
    /// still get a whole window and still end a quarter of the lease before anyone may take the rows over.
    func claim(ahead: Bool, _ context: JobContext) throws -> ClaimedNotificationBatch? {
        let claimedAt = context.now
        let leaseLength = ahead ? settings.lease + settings.sendWindow : settings.lease
        let leaseUntil = claimedAt.addingTimeInterval(Double(leaseLength / .milliseconds(1)) / 1000)
        let sendLimit = min(ContinuousClock.now + leaseLength - settings.lease / 4, context.deadline.instant)
        let rows = try NotificationClaim(limit: settings.batchSize, now: claimedAt, leaseUntil: leaseUntil).run(on: context.database)
        return rows.isEmpty ? nil : ClaimedNotificationBatch(notifications: rows, sendLimit: sendLimit, sendWindow: settings.sendWindow)
    }

    /// One send; the batch's sends get one send window from when they start, never past its `sendLimit`.
    func process(
        _ notification: ClaimedNotification, of batch: ClaimedNotificationBatch, started: ContinuousClock.Instant, _ context: JobContext
    ) async -> Delivered {
        await delivery.deliver(notification, before: min(started + batch.sendWindow, batch.sendLimit))
    }

    func call(of delivered: Delivered) -> ProviderStop.Call? {
        delivered.called ? .init(provider: delivered.provider, error: delivered.failure) : nil
    }

    /// Writes a batch's outcomes in one statement and counts them.
    func complete(
        _ batch: ClaimedNotificationBatch, _ results: [Delivered], givingBack: Bool, _ context: JobContext
    ) throws -> NotificationBatchTotals {
        let claimed = batch.notifications
        let now = context.now
        var generator = SystemRandomNumberGenerator()
        let outcomes = zip(claimed, results).map { notification, result in
            NotificationOutcome.decide(notification, result, now: now, givingBack: givingBack, settings: settings, using: &generator)
        }
        let written = try NotificationCompletion(outcomes: outcomes, now: now).run(on: context.database)
        var totals = NotificationBatchTotals(claimed: claimed.count, written: written)
        totals.lost = claimed.count - written.values.reduce(0, +)
        context.items.succeeded(written[.sent] ?? 0)
        context.items.failed((written[.dead] ?? 0) + (written[.queued] ?? 0))
        if totals.lost > 0 {
            context.logger.warning("notification leases were taken over before completion", metadata: ["notifications.lost": "\(totals.lost)"])
        }
        for (notification, outcome) in zip(claimed, outcomes) where outcome.status == .dead {
            context.logger.notice("notification dead", metadata: [
                "notification.id": "\(notification.id)", "notification.attempt": "\(notification.attempt)",
                "notification.error": "\(outcome.lastError ?? "")",
            ])
        }
        return totals
    }

    /// Gives a claimed batch that was never sent back to the queue, due now, its attempt not counted.
    func release(_ batch: ClaimedNotificationBatch, _ context: JobContext) throws {
        _ = try NotificationRelease(notifications: batch.notifications, now: context.now).run(on: context.database)
    }
}

/// Notifications leased by one claim. Their sends get one send window from when they start, and never run past
/// `sendLimit` (a quarter of the lease before it expires, or the run's deadline).
struct ClaimedNotificationBatch: DrainBatch {
    var notifications: [ClaimedNotification]
    var sendLimit: ContinuousClock.Instant
    var sendWindow: Duration

    var items: [ClaimedNotification] { notifications }
    /// Rows become due during a run (released at a send window's end, leases of killed runs expiring): the drain
    /// claims until a claim finds nothing.
    var mayHaveMore: Bool { true }
}
