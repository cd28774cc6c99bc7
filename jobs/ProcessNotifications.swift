import Foundation
import Logging
import Postgres
import Runner

/// Sends due notifications through the email or push provider.
///
/// Each batch: one statement leases up to `batchSize` due rows (`queued` and due, or `sending` whose lease
/// expired: a killed run's rows are taken over), incrementing `attempts`; the sends run concurrently (bounded by
/// the HTTP client's limit) with Idempotency-Key `notification-<id>`, outside any transaction, and must end within
/// ¾ of the lease; one statement then writes every outcome, fenced by the attempt number: `sent`, back to
/// `queued` with exponential backoff (transient failures), or `dead` with `last_error` (4xx, malformed answers,
/// no address, or the last allowed attempt failed). Drains until nothing is due, the deadline, or a stop signal
/// (the current batch is finished and written first). When every send of `unavailableBatches` consecutive
/// batches failed transiently, the provider counts as down: those rows are already rescheduled (not marked dead)
/// and the run ends with exit 69. Settings: `ProcessNotificationsSettings`.
public struct ProcessNotifications: Job {
    public static let name = "process-notifications"
    public static let summary = "Send queued email and push notifications, retrying with backoff"
    public static let defaultTimeout: Duration = .seconds(240)

    public let settings: ProcessNotificationsSettings
    let email: ProviderEndpoint
    let push: ProviderEndpoint

    public init(configuration: Configuration) throws {
        settings = try ProcessNotificationsSettings(configuration: configuration)
        email = try ProviderEndpoint(configuration: configuration, urlVariable: EmailClient.urlVariable, tokenVariable: EmailClient.tokenVariable)
        push = try ProviderEndpoint(configuration: configuration, urlVariable: PushClient.urlVariable, tokenVariable: PushClient.tokenVariable)
    }

    public func run(_ context: JobContext) async throws {
        let delivery = NotificationDelivery(
            email: EmailClient(http: context.http, endpoint: email), push: PushClient(http: context.http, endpoint: push))
        var totals = NotificationBatchTotals()
        var downBatches = 0
        while true {
            try context.checkpoint()
            let batch = try await runBatch(context, delivery: delivery)
            guard batch.claimed > 0 else { break }
            totals.add(batch)
            context.logger.debug("process-notifications batch", metadata: batch.metadata)
            downBatches = batch.providerDown ? downBatches + 1 : 0
            if downBatches >= settings.unavailableBatches {
                context.logger.error("notification providers unavailable", metadata: totals.metadata)
                throw JobError(
                    .providerUnavailable,
                    "every send of \(downBatches) consecutive batch(es) failed transiently; their notifications were rescheduled")
            }
        }
        context.logger.info("processed notifications", metadata: totals.metadata)
    }

    /// Claims, sends and completes one batch.
    func runBatch(_ context: JobContext, delivery: NotificationDelivery) async throws -> NotificationBatchTotals {
        let claimedAt = context.now
        let leaseUntil = claimedAt.addingTimeInterval(Double(settings.lease / .milliseconds(1)) / 1000)
        let sendBefore = min(ContinuousClock.now + settings.sendWindow, context.deadline.instant)
        let claimed = try NotificationClaim(limit: settings.batchSize, now: claimedAt, leaseUntil: leaseUntil).run(on: context.database)
        guard !claimed.isEmpty else { return NotificationBatchTotals() }

        let results = await withTaskGroup(of: (Int, DeliveryResult).self) { group in
            for (index, notification) in claimed.enumerated() {
                group.addTask { (index, await delivery.deliver(notification, before: sendBefore)) }
            }
            var results = [DeliveryResult](repeating: .released("not sent"), count: claimed.count)
            for await (index, result) in group { results[index] = result }
            return results
        }

        let providerDown = !results.contains { if case .transient = $0 { false } else { true } }
        let now = context.now
        var generator = SystemRandomNumberGenerator()
        let outcomes = zip(claimed, results).map { notification, result in
            NotificationOutcome.decide(notification, result, now: now, providerDown: providerDown, settings: settings, using: &generator)
        }
        let written = try NotificationCompletion(outcomes: outcomes, now: now).run(on: context.database)
        var batch = NotificationBatchTotals(claimed: claimed.count, written: written, providerDown: providerDown)
        batch.lost = claimed.count - written.values.reduce(0, +)
        context.items.succeeded(written[.sent] ?? 0)
        context.items.failed((written[.dead] ?? 0) + (written[.queued] ?? 0))
        if batch.lost > 0 {
            context.logger.warning("notification leases were taken over before completion", metadata: ["notifications.lost": "\(batch.lost)"])
        }
        for (notification, outcome) in zip(claimed, outcomes) where outcome.status == .dead {
            context.logger.notice("notification dead", metadata: [
                "notification.id": "\(notification.id)", "notification.attempt": "\(notification.attempt)",
                "notification.error": "\(outcome.lastError ?? "")",
            ])
        }
        return batch
    }
}
