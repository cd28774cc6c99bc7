import Foundation
import HTTP
import Runner

/// check-payout's part of the drain: claim due payouts, request or poll each one, apply the answers.
struct CheckPayoutWork: BatchWork {
    static let itemNoun = "payouts"
    static let providerWording = "payout provider"

    let settings: CheckPayoutSettings
    let client: PayoutsClient

    func claim(ahead: Bool, _ context: JobContext) throws -> ClaimedPayoutBatch? {
        let now = context.now
        let lease = now.addingTimeInterval(settings.lease.secondsValue)
        let payouts = try CheckPayoutClaim.claim(on: context.database, now: now, lease: lease, limit: settings.batchSize)
        return payouts.isEmpty ? nil : ClaimedPayoutBatch(payouts: payouts, now: now, lease: lease, mayHaveMore: payouts.count == settings.batchSize)
    }

    /// `POST /v1/payouts` for a pending payout, `GET /v1/payouts/{id}` for a requested one, and the outcome.
    func process(
        _ payout: ClaimedPayout, of batch: ClaimedPayoutBatch, started: ContinuousClock.Instant, _ context: JobContext
    ) async -> CheckPayoutCompletion.Item {
        let deadline = context.deadline.instant
        let result: Result<ProviderPayout, HTTPClientError>
        do throws(HTTPClientError) {
            if payout.isRequest {
                let body = PayoutRequest(
                    payoutID: "payout-\(payout.id)", sellerID: "usr_\(payout.sellerID)", amountMinor: payout.amountMinor, currency: payout.currency)
                result = .success(try await client.requestPayout(body, idempotencyKey: payout.idempotencyKey, deadline: deadline))
            } else {
                result = .success(try await client.payout(providerID: payout.providerPayoutID ?? "", deadline: deadline))
            }
        } catch {
            result = .failure(error)
        }
        let failure: HTTPClientError? = if case .failure(let error) = result { error } else { nil }
        return .init(payout: payout, outcome: .decide(result, payout: payout, now: batch.now, settings: settings), failure: failure)
    }

    func call(of item: CheckPayoutCompletion.Item) -> ProviderStop.Call? {
        .init(provider: PayoutsClient.identity, error: item.failure)
    }

    func complete(
        _ batch: ClaimedPayoutBatch, _ items: [CheckPayoutCompletion.Item], givingBack: Bool, _ context: JobContext
    ) throws -> CheckPayoutCompletion.Result {
        let items = givingBack ? items.map { Self.givingBack($0, now: batch.now, settings: settings) } : items
        let result = try CheckPayoutCompletion(settings: settings, now: batch.now, lease: batch.lease).apply(items, on: context.database)
        context.items.succeeded(result.succeeded)
        context.items.failed(result.retried + result.onHold)
        return result
    }

    /// Unsent payouts go back due now, a request not counted.
    func release(_ batch: ClaimedPayoutBatch, _ context: JobContext) throws {
        _ = try CheckPayoutCompletion(settings: settings, now: batch.now, lease: batch.lease)
            .apply(batch.payouts.map { .init(payout: $0, outcome: .released) }, on: context.database)
    }

    /// On a provider stop, a payout whose call failed at the provider level is given back, its request not counted,
    /// due again when a failed request or poll would have been.
    static func givingBack(_ item: CheckPayoutCompletion.Item, now: Date, settings: CheckPayoutSettings) -> CheckPayoutCompletion.Item {
        guard ProviderStop.givesBack(item.failure), let failure = item.failure else { return item }
        var item = item
        let next = item.payout.isRequest
            ? settings.retryTime(afterAttempt: max(item.payout.attempts - 1, 1), now: now)
            : now.addingTimeInterval(settings.pollInterval.secondsValue)
        item.outcome = .givenBack(error: String("payout provider: \(failure)".prefix(500)), next: next)
        return item
    }
}

/// Payouts leased by one claim: the claim's time (outcomes are decided as of it) and its lease (the completion's guard).
struct ClaimedPayoutBatch: DrainBatch {
    var payouts: [ClaimedPayout]
    var now: Date
    var lease: Date
    var mayHaveMore: Bool

    var items: [ClaimedPayout] { payouts }
}
