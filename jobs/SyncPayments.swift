import Foundation
import Logging
import Postgres
import Runner

/// Asks the payment provider about pending payments and applies the answer.
///
/// Per batch: claim the next due pending payments (`payments_due_idx`, `FOR UPDATE SKIP LOCKED`; the claim pushes
/// `next_check_at` past a lease and bumps `check_attempts`, the claim's token), ask the provider for each one
/// concurrently (`GET /v1/payments/{id}`; the HTTP client bounds concurrency and retries 5xx, timeouts and 429 with
/// Retry-After), then apply every outcome in one statement:
/// - approved: payment approved, order paid, listing sold, ticket row created for the seller to upload, payout
///   created (available `PAYOUT_HOLD_PERIOD` after the event ends, idempotency key `payout:<order_id>`),
///   `payment_approved` to the buyer and `ticket_sold` to the seller;
/// - rejected / cancelled, or still pending (or unknown to the provider) `SYNC_PAYMENTS_EXPIRE_AFTER` after it was
///   created: payment closed, order cancelled (expired), listing back on sale, `payment_failed` to the buyer;
/// - still pending, or the check failed: checked again after `SYNC_PAYMENTS_RECHECK_INTERVAL`, the error on the row.
/// Drains until nothing is due, the deadline or a stop signal. Exits 69 when every check of a batch failed
/// transiently (the provider is down), after rescheduling them. Settings: `SyncPaymentsSettings`.
public struct SyncPayments: Job {
    public static let name = "sync-payments"
    public static let summary = "Ask the payment provider about pending payments; approve, cancel or expire them"
    public static let defaultTimeout: Duration = .seconds(240)

    public let settings: SyncPaymentsSettings
    /// PAYMENTS_API_URL and PAYMENTS_API_TOKEN, read up front so a missing one is exit 78 before any work.
    public let endpoint: ProviderEndpoint

    public init(configuration: Configuration) throws {
        settings = try SyncPaymentsSettings(configuration: configuration)
        endpoint = try ProviderEndpoint(
            configuration: configuration, urlVariable: PaymentsClient.urlVariable, tokenVariable: PaymentsClient.tokenVariable)
    }

    public init(settings: SyncPaymentsSettings, endpoint: ProviderEndpoint) {
        self.settings = settings
        self.endpoint = endpoint
    }

    public func run(_ context: JobContext) async throws {
        let client = PaymentsClient(http: context.http, endpoint: endpoint)
        var totals = SyncPaymentsCompletion.Result.zero
        var batches = 0
        while true {
            try context.checkpoint()
            let now = context.now
            let claimed = try SyncPaymentsClaim.claim(
                on: context.database, now: now, lease: now.addingTimeInterval(settings.lease.secondsValue), limit: settings.batchSize)
            if claimed.isEmpty { break }
            batches += 1
            let items = await check(claimed, client: client, context: context, now: now)
            let result = try SyncPaymentsCompletion(settings: settings, now: now).apply(items, on: context.database)
            totals.add(result)
            context.items.succeeded(result.resolved + result.stillPending)
            context.items.failed(result.failed)
            context.logger.debug("sync-payments batch", metadata: result.metadata.merging(["batch.number": "\(batches)"]) { $1 })
            if result.ordersPaid < result.approved {
                context.logger.warning(
                    "approved payments whose order was no longer awaiting payment: refund them",
                    metadata: ["payments.orphaned": "\(result.approved - result.ordersPaid)"])
            }
            let transient = items.filter { if case .failed(_, true) = $0.outcome { true } else { false } }
            if transient.count == items.count, !context.deadline.isExpired, context.stop.signal == nil {
                context.logger.error("payment provider unavailable", metadata: totals.metadata)
                let last = transient.last.map { if case .failed(let error, _) = $0.outcome { error } else { "" } } ?? ""
                throw JobError(.providerUnavailable, "all \(items.count) status checks of a batch failed; \(last)")
            }
            if claimed.count < settings.batchSize { break }
        }
        context.logger.info("synced payments", metadata: totals.metadata.merging(["batch.count": "\(batches)"]) { $1 })
    }

    /// Asks for every claimed payment concurrently; the HTTP client's limiter bounds how many are in flight.
    private func check(
        _ claimed: [ClaimedPayment], client: PaymentsClient, context: JobContext, now: Date
    ) async -> [SyncPaymentsCompletion.Item] {
        let deadline = context.deadline.instant
        let expireAfter = settings.expireAfter
        return await withTaskGroup(of: SyncPaymentsCompletion.Item.self) { group in
            for payment in claimed {
                group.addTask {
                    let result: Result<ProviderPayment, HTTPClientError>
                    do throws(HTTPClientError) {
                        result = .success(try await client.payment(id: payment.providerPaymentID, deadline: deadline))
                    } catch {
                        result = .failure(error)
                    }
                    return .init(payment: payment, outcome: .decide(result, payment: payment, now: now, expireAfter: expireAfter))
                }
            }
            var items: [SyncPaymentsCompletion.Item] = []
            items.reserveCapacity(claimed.count)
            for await item in group { items.append(item) }
            return items
        }
    }
}
