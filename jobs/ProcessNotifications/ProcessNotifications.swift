import HTTP
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
/// The drain is `BatchDrain`; the claim, sends and completion: `ProcessNotificationsWork`. Settings:
/// `ProcessNotificationsSettings`.
public struct ProcessNotifications: Job {
    public static let name = "process-notifications"
    public static let summary = "Send queued email and push notifications, retrying with backoff"
    public static let defaultTimeout: Duration = .seconds(240)

    public let settings: ProcessNotificationsSettings
    let email: ProviderEndpoint
    let push: ProviderEndpoint

    public init(configuration: Configuration) throws {
        settings = try ProcessNotificationsSettings(configuration: configuration)
        email = try EmailClient.endpoint(from: configuration)
        push = try PushClient.endpoint(from: configuration)
    }

    public func run(_ context: JobContext) async throws {
        let delivery = NotificationDelivery(
            email: EmailClient(http: context.http, endpoint: email), push: PushClient(http: context.http, endpoint: push))
        let work = ProcessNotificationsWork(settings: settings, delivery: delivery)
        // One batch's sends are in flight while the database claims the next batch and completes the previous
        // one, so the connection and the provider work at the same time instead of taking turns.
        let drain = DrainSettings(depth: 1, prefetch: 1, unavailableBatches: settings.unavailableBatches)
        let drained = try await BatchDrain(work, settings: drain).run(context)
        context.logger.info("processed notifications", metadata: drained.metadata)
    }
}
