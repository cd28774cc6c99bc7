import Foundation
import HTTP
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
/// Two batches are in flight at a time, so the provider's latency and the database's statements overlap. Drains
/// until nothing is due, the deadline or a stop signal (checks in flight are finished and applied). A provider-level
/// failure (`ProviderStop`: any 401/403, or every check of a batch failing the same provider-level way) gives the
/// batch's payments back without counting their check, cancels the other batch's checks (given back too) and ends
/// the run with exit 78 (credentials) or 69 (down, malformed answers).
/// Settings: `SyncPaymentsSettings`.
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
        try context.checkpoint()
        if let first = try claim(context) {
            // Two batches in flight: the HTTP limiter serves the older batch's checks first and the newer one's fill
            // the slots it frees, while each finished batch is applied and the next one claimed in the meantime.
            try await withThrowingTaskGroup(of: CheckedPaymentBatch.self) { group in
                group.addTask { await check(first, client: client, context: context) }
                var inFlight = 1
                var mayHaveMore = first.payments.count == settings.batchSize
                var failure: (any Error)?
                var givingBack = false  // after a provider stop, every later provider-level failure is given back too
                while inFlight > 0 {
                    if inFlight < 2, mayHaveMore, failure == nil, !context.shouldStop {
                        do {
                            if let next = try claim(context) {
                                group.addTask { await check(next, client: client, context: context) }
                                inFlight += 1
                                mayHaveMore = next.payments.count == settings.batchSize
                            } else {
                                mayHaveMore = false
                            }
                        } catch {
                            failure = error
                        }
                    }
                    guard let checked = try await group.next() else { break }
                    inFlight -= 1
                    batches += 1
                    var items = checked.items
                    let stop = givingBack ? nil : providerStop(items, context)
                    if stop != nil { givingBack = true }
                    if givingBack { items = items.map(Self.givingBack) }
                    let result = try SyncPaymentsCompletion(settings: settings, now: checked.batch.now)
                        .apply(items, on: context.database)
                    record(result, batch: batches, into: &totals, context)
                    if let stop {
                        // The other batch's checks are cancelled: those payments are given back, due at once.
                        let givenBack = items.filter { if case .givenBack = $0.outcome { true } else { false } }.count
                        let error = stop.error(givenBack: givenBack, items: "payments")
                        context.logger.error("payment provider failed the run", metadata: totals.metadata.merging(["error": "\(error)"]) { $1 })
                        failure = failure ?? error
                        group.cancelAll()
                    }
                }
                if let failure { throw failure }
            }
        }
        try context.checkpoint()
        context.logger.info("synced payments", metadata: totals.metadata.merging(["batch.count": "\(batches)"]) { $1 })
    }

    /// Claims the next batch of due pending payments; nil when none is due.
    private func claim(_ context: JobContext) throws -> ClaimedPaymentBatch? {
        let now = context.now
        let payments = try SyncPaymentsClaim.claim(
            on: context.database, now: now, lease: now.addingTimeInterval(settings.lease.secondsValue), limit: settings.batchSize)
        return payments.isEmpty ? nil : ClaimedPaymentBatch(payments: payments, now: now)
    }

    /// The shared provider-level rule (`ProviderStop`) over a batch's checks.
    private func providerStop(_ items: [SyncPaymentsCompletion.Item], _ context: JobContext) -> ProviderStop? {
        ProviderStop.judge(items.map { .init(provider: PaymentsClient.identity, error: $0.failure) }, stopping: context.shouldStop)
    }

    /// On a provider stop, a payment whose check failed at the provider level is given back, its check not counted.
    static func givingBack(_ item: SyncPaymentsCompletion.Item) -> SyncPaymentsCompletion.Item {
        guard ProviderStop.givesBack(item.failure), let failure = item.failure else { return item }
        var item = item
        item.outcome = .givenBack(error: SyncPaymentsOutcome.lastError(failure))
        return item
    }

    private func record(
        _ result: SyncPaymentsCompletion.Result, batch: Int, into totals: inout SyncPaymentsCompletion.Result, _ context: JobContext
    ) {
        totals.add(result)
        context.items.succeeded(result.resolved + result.stillPending)
        context.items.failed(result.failed)
        context.logger.debug("sync-payments batch", metadata: result.metadata.merging(["batch.number": "\(batch)"]) { $1 })
        if result.ordersPaid < result.approved {
            context.logger.warning(
                "approved payments whose order was no longer awaiting payment: refund them",
                metadata: ["payments.orphaned": "\(result.approved - result.ordersPaid)"])
        }
    }

    /// Asks for every claimed payment concurrently; the HTTP client's limiter bounds how many are in flight.
    private func check(
        _ batch: ClaimedPaymentBatch, client: PaymentsClient, context: JobContext
    ) async -> CheckedPaymentBatch {
        let claimed = batch.payments
        let now = batch.now
        let deadline = context.deadline.instant
        let expireAfter = settings.expireAfter
        let items = await withTaskGroup(of: SyncPaymentsCompletion.Item.self) { group in
            for payment in claimed {
                group.addTask {
                    let result: Result<ProviderPayment, HTTPClientError>
                    do throws(HTTPClientError) {
                        result = .success(try await client.payment(id: payment.providerPaymentID, deadline: deadline))
                    } catch {
                        result = .failure(error)
                    }
                    let failure: HTTPClientError? = if case .failure(let error) = result { error } else { nil }
                    return .init(
                        payment: payment, outcome: .decide(result, payment: payment, now: now, expireAfter: expireAfter), failure: failure)
                }
            }
            var items: [SyncPaymentsCompletion.Item] = []
            items.reserveCapacity(claimed.count)
            for await item in group { items.append(item) }
            return items
        }
        return CheckedPaymentBatch(batch: batch, items: items)
    }
}

/// A claimed batch and what its checks came to.
struct CheckedPaymentBatch: Sendable {
    var batch: ClaimedPaymentBatch
    var items: [SyncPaymentsCompletion.Item]
}

/// Payments leased by one claim, and the time of the claim (their outcomes are decided and applied as of it).
struct ClaimedPaymentBatch: Sendable {
    var payments: [ClaimedPayment]
    var now: Date
}
