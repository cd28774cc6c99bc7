import Foundation
import HTTP
import Logging
import Postgres
import Runner

/// Applies the outcomes of a batch in one statement: each payout's transition, guarded by the status it was claimed
/// in and by the claim's lease (so a run whose lease was taken over changes nothing), and the seller's
/// `payout_paid` / `payout_failed` notification (`payout-paid:<order_id>`, deduplicated).
struct CheckPayoutCompletion {
    struct Item: Sendable {
        var payout: ClaimedPayout
        var outcome: CheckPayoutOutcome
        /// The provider call's failure, for `ProviderStop`.
        var failure: HTTPClientError? = nil
    }

    struct Result: Equatable, DrainTotals {
        var requested = 0, paid = 0, failed = 0, retried = 0, onHold = 0, released = 0, notificationsQueued = 0

        static let zero = Result()
        /// Payouts whose call got a usable answer.
        var succeeded: Int { requested + paid + failed }

        mutating func add(_ other: Result) {
            requested += other.requested; paid += other.paid; failed += other.failed; retried += other.retried
            onHold += other.onHold; released += other.released; notificationsQueued += other.notificationsQueued
        }

        var metadata: Logger.Metadata {
            [
                "payouts.requested": "\(requested)", "payouts.paid": "\(paid)", "payouts.failed": "\(failed)",
                "payouts.retried": "\(retried)", "payouts.on_hold": "\(onHold)", "payouts.released": "\(released)",
                "notifications.queued": "\(notificationsQueued)",
            ]
        }
    }

    let settings: CheckPayoutSettings
    let now: Date
    /// The lease this run's claim set: the completion's guard.
    let lease: Date

    func apply(_ items: [Item], on db: PostgresConnection) throws -> Result {
        guard !items.isEmpty, let row = try db.queryFirst(query(items)) else { return .zero }
        func count(_ column: String) throws -> Int { try row.decode(column, as: Int.self) }
        return Result(
            requested: try count("requested"), paid: try count("paid"), failed: try count("failed"),
            retried: try count("retried"), onHold: try count("on_hold"), released: try count("released"),
            notificationsQueued: try count("notifications_queued"))
    }

    func query(_ items: [Item]) -> PostgresQuery {
        let ids = items.map(\.payout.id)
        let claimed = items.map(\.payout.status)
        let outcomes = items.map(\.outcome.code)
        let providerIDs = items.map(\.outcome.providerID)
        let errors = items.map(\.outcome.error)
        let retryAt: [Date?] = items.map {
            switch $0.outcome {
            case .retry(_, let next, _), .givenBack(_, let next): return next
            default: return nil
            }
        }
        let pollAt = now.addingTimeInterval(settings.pollInterval.secondsValue)
        return """
            WITH input AS (
                SELECT * FROM unnest(\(ids)::bigint[], \(claimed)::text[], \(outcomes)::text[], \(providerIDs)::text[],
                                     \(errors)::text[], \(retryAt)::timestamptz[])
                       AS i(id, claimed, outcome, provider_id, error, retry_at)
            ),
            done AS (
                UPDATE payouts p
                   SET status = CASE WHEN i.outcome IN ('requested', 'paid', 'failed', 'on_hold') THEN i.outcome ELSE p.status END,
                       provider_payout_id = COALESCE(i.provider_id, p.provider_payout_id),
                       requested_at = CASE WHEN i.outcome IN ('requested', 'paid', 'failed')
                                           THEN COALESCE(p.requested_at, \(now)) ELSE p.requested_at END,
                       paid_at = CASE WHEN i.outcome = 'paid' THEN \(now) ELSE p.paid_at END,
                       attempts = p.attempts - CASE WHEN i.outcome IN ('released', 'given_back') AND i.claimed = 'pending' THEN 1 ELSE 0 END,
                       next_attempt_at = CASE i.outcome WHEN 'requested' THEN \(pollAt) WHEN 'retry' THEN i.retry_at
                                                        WHEN 'given_back' THEN i.retry_at
                                                        WHEN 'released' THEN \(now) ELSE p.next_attempt_at END,
                       lease_expires_at = NULL,
                       last_error = CASE WHEN i.outcome IN ('requested', 'paid') THEN NULL
                                         WHEN i.outcome = 'released' THEN p.last_error ELSE i.error END,
                       updated_at = \(now)
                  FROM input i
                 WHERE p.id = i.id AND p.status = i.claimed AND p.lease_expires_at = \(lease)
                RETURNING p.id, p.order_id, p.seller_id, p.amount_minor, p.currency, p.provider_payout_id, i.outcome, i.error
            ),
            notified AS (
                INSERT INTO notifications (user_id, channel, template, payload, dedupe_key, status, next_attempt_at,
                                           created_at, updated_at)
                SELECT seller_id, 'email', 'payout_' || outcome, payload, dedupe_key, 'queued', \(now), \(now), \(now)
                  FROM (SELECT seller_id, outcome, 'payout-' || outcome || ':' || order_id AS dedupe_key,
                               jsonb_build_object('order_id', order_id, 'payout_id', id, 'amount_minor', amount_minor,
                                                  'currency', currency)
                               || CASE WHEN outcome = 'failed'
                                       THEN jsonb_build_object('reason', replace(error, 'payout failed: ', ''))
                                       ELSE '{}'::jsonb END AS payload
                          FROM done WHERE outcome IN ('paid', 'failed')) n
                 ORDER BY dedupe_key  -- one lock order for every run
                ON CONFLICT (dedupe_key) DO NOTHING
                RETURNING id
            )
            SELECT (SELECT count(*) FROM done WHERE outcome = 'requested') AS requested,
                   (SELECT count(*) FROM done WHERE outcome = 'paid') AS paid,
                   (SELECT count(*) FROM done WHERE outcome = 'failed') AS failed,
                   (SELECT count(*) FROM done WHERE outcome = 'retry') AS retried,
                   (SELECT count(*) FROM done WHERE outcome = 'on_hold') AS on_hold,
                   (SELECT count(*) FROM done WHERE outcome IN ('released', 'given_back')) AS released,
                   (SELECT count(*) FROM notified) AS notifications_queued
            """
    }
}
