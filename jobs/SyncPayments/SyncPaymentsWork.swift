import Foundation
import HTTP
import Runner

/// sync-payments' part of the drain: claim due pending payments, ask the provider about each, apply the answers.
struct SyncPaymentsWork: BatchWork {
    static let itemNoun = "payments"
    static let providerWording = "payment provider"

    let settings: SyncPaymentsSettings
    let client: PaymentsClient

    func claim(ahead: Bool, _ context: JobContext) throws -> ClaimedPaymentBatch? {
        let now = context.now
        let payments = try SyncPaymentsClaim.claim(
            on: context.database, now: now, lease: now.addingTimeInterval(settings.lease.secondsValue), limit: settings.batchSize)
        return payments.isEmpty ? nil : ClaimedPaymentBatch(payments: payments, now: now, mayHaveMore: payments.count == settings.batchSize)
    }

    /// One status check (`GET /v1/payments/{id}`) and the outcome it leads to, as of the claim.
    func process(
        _ payment: ClaimedPayment, of batch: ClaimedPaymentBatch, started: ContinuousClock.Instant, _ context: JobContext
    ) async -> SyncPaymentsCompletion.Item {
        let result: Result<ProviderPayment, HTTPClientError>
        do throws(HTTPClientError) {
            result = .success(try await client.payment(id: payment.providerPaymentID, deadline: context.deadline.instant))
        } catch {
            result = .failure(error)
        }
        let failure: HTTPClientError? = if case .failure(let error) = result { error } else { nil }
        return .init(
            payment: payment, outcome: .decide(result, payment: payment, now: batch.now, expireAfter: settings.expireAfter), failure: failure)
    }

    func call(of item: SyncPaymentsCompletion.Item) -> ProviderStop.Call? {
        .init(provider: PaymentsClient.identity, error: item.failure)
    }

    func complete(
        _ batch: ClaimedPaymentBatch, _ items: [SyncPaymentsCompletion.Item], givingBack: Bool, _ context: JobContext
    ) throws -> SyncPaymentsCompletion.Result {
        let items = givingBack ? items.map(Self.givingBack) : items
        let result = try SyncPaymentsCompletion(settings: settings, now: batch.now).apply(items, on: context.database)
        context.items.succeeded(result.resolved + result.stillPending)
        context.items.failed(result.failed)
        if result.ordersPaid < result.approved {
            context.logger.warning(
                "approved payments whose order was no longer awaiting payment: refund them",
                metadata: ["payments.orphaned": "\(result.approved - result.ordersPaid)"])
        }
        return result
    }

    /// Unchecked payments go back due now, their check not counted.
    func release(_ batch: ClaimedPaymentBatch, _ context: JobContext) throws {
        _ = try SyncPaymentsCompletion(settings: settings, now: batch.now)
            .apply(batch.payments.map { .init(payment: $0, outcome: .released) }, on: context.database)
    }

    /// On a provider stop, a payment whose check failed at the provider level is given back, its check not counted.
    static func givingBack(_ item: SyncPaymentsCompletion.Item) -> SyncPaymentsCompletion.Item {
        guard ProviderStop.givesBack(item.failure), let failure = item.failure else { return item }
        var item = item
        item.outcome = .givenBack(error: SyncPaymentsOutcome.lastError(failure))
        return item
    }
}

/// Payments leased by one claim, and the time of the claim (their outcomes are decided and applied as of it).
struct ClaimedPaymentBatch: DrainBatch {
    var payments: [ClaimedPayment]
    var now: Date
    var mayHaveMore: Bool

    var items: [ClaimedPayment] { payments }
}
