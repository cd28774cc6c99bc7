import Foundation
import HTTP
import Logging
import Postgres
import Runner

/// Requests available payouts from the payout provider and polls requested ones until paid or failed.
///
/// Per batch: claim due payouts (`payouts_due_idx`, `FOR UPDATE SKIP LOCKED`): pending ones that became available
/// (`available_at <= now`) and requested ones whose poll is due. The claim sets `lease_expires_at` and
/// `next_attempt_at` to the lease expiry and counts the request attempt BEFORE any call, so a killed run's payout is
/// taken over once the lease expires and requested again with the same `Idempotency-Key` (the row's
/// `idempotency_key`): the provider answers the payout it already created, and pays once. Then, concurrently:
/// `POST /v1/payouts` for pending payouts, `GET /v1/payouts/{id}` for requested ones; then one statement applies
/// the outcomes: requested (polled after `CHECK_PAYOUT_POLL_INTERVAL`), paid or failed (final, the seller gets
/// `payout_paid` / `payout_failed`), a failed request retried with jittered exponential backoff and `on_hold` after
/// `CHECK_PAYOUT_MAX_ATTEMPTS` (a 4xx refusal of one payout goes `on_hold` at once). A provider-level failure
/// (`ProviderStop`: any 401/403, or every call of a batch failing the same provider-level way) gives the batch's
/// payouts back without counting the request and ends the run with exit 78 (credentials) or 69 (down, malformed
/// answers). Settings: `CheckPayoutSettings`.
public struct CheckPayout: Job {
    public static let name = "check-payout"
    public static let summary = "Request available payouts from the payout provider and poll them until paid or failed"
    public static let defaultTimeout: Duration = .seconds(900)

    public let settings: CheckPayoutSettings
    /// PAYOUTS_API_URL and PAYOUTS_API_TOKEN, read up front so a missing one is exit 78 before any work.
    public let endpoint: ProviderEndpoint

    public init(configuration: Configuration) throws {
        settings = try CheckPayoutSettings(configuration: configuration)
        endpoint = try ProviderEndpoint(
            configuration: configuration, urlVariable: PayoutsClient.urlVariable, tokenVariable: PayoutsClient.tokenVariable)
    }

    public init(settings: CheckPayoutSettings, endpoint: ProviderEndpoint) {
        self.settings = settings
        self.endpoint = endpoint
    }

    public func run(_ context: JobContext) async throws {
        let client = PayoutsClient(http: context.http, endpoint: endpoint)
        var totals = CheckPayoutCompletion.Result.zero
        var batches = 0
        while true {
            try context.checkpoint()
            let now = context.now
            let lease = now.addingTimeInterval(settings.lease.secondsValue)
            let claimed = try CheckPayoutClaim.claim(on: context.database, now: now, lease: lease, limit: settings.batchSize)
            if claimed.isEmpty { break }
            batches += 1
            var items = await call(claimed, client: client, context: context, now: now)
            let stop = ProviderStop.judge(
                items.map { .init(provider: PayoutsClient.identity, error: $0.failure) },
                stopping: context.deadline.isExpired || context.stop.signal != nil)
            if stop != nil { items = items.map { Self.givingBack($0, now: now, settings: settings) } }
            let result = try CheckPayoutCompletion(settings: settings, now: now, lease: lease).apply(items, on: context.database)
            totals.add(result)
            context.items.succeeded(result.succeeded)
            context.items.failed(result.retried + result.onHold)
            context.logger.debug("check-payout batch", metadata: result.metadata.merging(["batch.number": "\(batches)"]) { $1 })
            if let stop {
                let givenBack = items.filter { if case .givenBack = $0.outcome { true } else { false } }.count
                let error = stop.error(givenBack: givenBack, items: "payouts")
                context.logger.error("payout provider failed the run", metadata: totals.metadata.merging(["error": "\(error)"]) { $1 })
                throw error
            }
            if claimed.count < settings.batchSize { break }
        }
        context.logger.info("checked payouts", metadata: totals.metadata.merging(["batch.count": "\(batches)"]) { $1 })
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

    /// One call per claimed payout, concurrently; the HTTP client's limiter bounds how many are in flight.
    private func call(
        _ claimed: [ClaimedPayout], client: PayoutsClient, context: JobContext, now: Date
    ) async -> [CheckPayoutCompletion.Item] {
        let deadline = context.deadline.instant
        let settings = settings
        return await withTaskGroup(of: CheckPayoutCompletion.Item.self) { group in
            for payout in claimed {
                group.addTask {
                    let result: Result<ProviderPayout, HTTPClientError>
                    do throws(HTTPClientError) {
                        if payout.isRequest {
                            let body = PayoutRequest(
                                payoutID: "payout-\(payout.id)", sellerID: "usr_\(payout.sellerID)",
                                amountMinor: payout.amountMinor, currency: payout.currency)
                            result = .success(try await client.requestPayout(body, idempotencyKey: payout.idempotencyKey, deadline: deadline))
                        } else {
                            result = .success(try await client.payout(providerID: payout.providerPayoutID ?? "", deadline: deadline))
                        }
                    } catch {
                        result = .failure(error)
                    }
                    let failure: HTTPClientError? = if case .failure(let error) = result { error } else { nil }
                    return .init(payout: payout, outcome: .decide(result, payout: payout, now: now, settings: settings), failure: failure)
                }
            }
            var items: [CheckPayoutCompletion.Item] = []
            items.reserveCapacity(claimed.count)
            for await item in group { items.append(item) }
            return items
        }
    }
}
