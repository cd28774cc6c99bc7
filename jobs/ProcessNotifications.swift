import Foundation
import HTTP
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
/// (the current batch is finished and written first; a batch claimed ahead and not yet sent is released, its
/// attempt not counted). While one batch's sends are in flight the next batch is claimed and the previous one
/// completed, so the database and the provider work side by side. Provider-level failures follow `ProviderStop`: a
/// batch with a 401/403, or in which every send failed the same provider-level way, has those rows returned to the
/// queue (rescheduled with backoff, attempt not counted, never dead); a refused token ends the run at once with exit
/// 78, an outage or malformed answers after `unavailableBatches` consecutive such batches with exit 69.
/// Settings: `ProcessNotificationsSettings`.
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
        try context.checkpoint()
        guard let first = try claim(context) else {
            context.logger.info("processed notifications", metadata: totals.metadata)
            return
        }
        // One batch's sends are in flight while the database claims the next batch and completes the previous
        // one, so the connection and the provider work at the same time instead of taking turns.
        try await withThrowingTaskGroup(of: [Delivered].self) { group in
            group.addTask { await Self.deliverAll(first, delivery) }
            var current = first
            var downBatches = 0
            while true {
                var claimError: (any Error)?
                var upcoming: ClaimedBatch?
                if !context.shouldStop {
                    do { upcoming = try claim(context, ahead: true) } catch { claimError = error }
                }
                let results = try await group.next() ?? []
                let stop = ProviderStop.judge(results.filter(\.called).map { .init(provider: $0.provider, error: $0.failure) })
                let providerDown = stop != nil
                downBatches = providerDown ? downBatches + 1 : 0
                let giveUp = stop?.fault == .unauthorized || downBatches >= settings.unavailableBatches
                let releasing = giveUp || context.shouldStop
                if let next = upcoming, !releasing { group.addTask { await Self.deliverAll(next, delivery) } }
                let batch: NotificationBatchTotals
                do {
                    batch = try complete(current, results, providerDown: providerDown, context)
                } catch {
                    // A failed claim comes first: in a dry run it aborted the transaction the completion then met.
                    throw claimError ?? error
                }
                totals.add(batch)
                context.logger.debug("process-notifications batch", metadata: batch.metadata)
                if let claimError { throw claimError }
                // Released after the sent batch is written, so a failing release cannot lose those outcomes.
                if let next = upcoming, releasing {
                    try release(next, context)
                    upcoming = nil
                }
                if giveUp, let stop {
                    let error = stop.error(givenBack: batch.returned, items: "notifications")
                    context.logger.error("notification provider failed the run", metadata: totals.metadata.merging(["error": "\(error)"]) { $1 })
                    throw error
                }
                guard let next = upcoming else { break }
                current = next
            }
        }
        try context.checkpoint()
        context.logger.info("processed notifications", metadata: totals.metadata)
    }

    /// Leases the next batch; nil when nothing is due. A batch claimed `ahead` waits for the batch in flight
    /// (at most one send window) before its own sends start, so its lease is longer by one send window: its sends
    /// still get a whole window and still end a quarter of the lease before anyone may take the rows over.
    func claim(_ context: JobContext, ahead: Bool = false) throws -> ClaimedBatch? {
        let claimedAt = context.now
        let leaseLength = ahead ? settings.lease + settings.sendWindow : settings.lease
        let leaseUntil = claimedAt.addingTimeInterval(Double(leaseLength / .milliseconds(1)) / 1000)
        let sendLimit = min(ContinuousClock.now + leaseLength - settings.lease / 4, context.deadline.instant)
        let rows = try NotificationClaim(limit: settings.batchSize, now: claimedAt, leaseUntil: leaseUntil).run(on: context.database)
        return rows.isEmpty ? nil : ClaimedBatch(notifications: rows, sendLimit: sendLimit, sendWindow: settings.sendWindow)
    }

    /// Sends every notification of the batch concurrently (the HTTP client bounds how many are in flight).
    static func deliverAll(_ batch: ClaimedBatch, _ delivery: NotificationDelivery) async -> [Delivered] {
        let sendBefore = min(ContinuousClock.now + batch.sendWindow, batch.sendLimit)
        return await withTaskGroup(of: (Int, Delivered).self) { group in
            for (index, notification) in batch.notifications.enumerated() {
                group.addTask { (index, await delivery.deliver(notification, before: sendBefore)) }
            }
            var results = [Delivered](repeating: Delivered(result: .released("not sent"), provider: EmailClient.identity), count: batch.notifications.count)
            for await (index, result) in group { results[index] = result }
            return results
        }
    }

    /// Gives a claimed batch that was never sent back to the queue, due now, its attempt not counted.
    func release(_ batch: ClaimedBatch, _ context: JobContext) throws {
        let released = try NotificationRelease(notifications: batch.notifications, now: context.now).run(on: context.database)
        context.logger.debug("released a claimed batch unsent", metadata: ["notifications.released": "\(released)"])
    }

    /// Writes a batch's outcomes in one statement and counts them.
    func complete(
        _ batch: ClaimedBatch, _ results: [Delivered], providerDown: Bool, _ context: JobContext
    ) throws -> NotificationBatchTotals {
        let claimed = batch.notifications
        let now = context.now
        var generator = SystemRandomNumberGenerator()
        let outcomes = zip(claimed, results).map { notification, result in
            NotificationOutcome.decide(notification, result, now: now, givingBack: providerDown, settings: settings, using: &generator)
        }
        let written = try NotificationCompletion(outcomes: outcomes, now: now).run(on: context.database)
        var totals = NotificationBatchTotals(claimed: claimed.count, written: written, providerDown: providerDown)
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
}

/// Notifications leased by one claim. Their sends get one send window from when they start, and never run past
/// `sendLimit` (a quarter of the lease before it expires, or the run's deadline).
struct ClaimedBatch: Sendable {
    var notifications: [ClaimedNotification]
    var sendLimit: ContinuousClock.Instant
    var sendWindow: Duration
}
