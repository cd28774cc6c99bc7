import Foundation
import HTTP
import Logging
import Postgres
import Runner

/// Applies the outcomes of a batch in one statement (so one transaction): guarded payment transitions, then the
/// order, listing, ticket, payout and notifications of each payment that left pending. Every update is guarded by
/// status and by the claim token (`check_attempts`), so a run whose claim was taken over changes nothing.
struct SyncPaymentsCompletion {
    struct Item: Sendable {
        var payment: ClaimedPayment
        var outcome: SyncPaymentsOutcome
        /// The provider call's failure, for `ProviderStop`.
        var failure: HTTPClientError? = nil
    }

    /// Rows the statement changed.
    struct Result: Equatable, DrainTotals {
        var approved = 0, rejected = 0, cancelled = 0, expired = 0
        var stillPending = 0, failed = 0, released = 0
        var ordersPaid = 0, ordersClosed = 0, ticketsCreated = 0, payoutsCreated = 0, notificationsQueued = 0

        static let zero = Result()
        var resolved: Int { approved + rejected + cancelled + expired }

        mutating func add(_ other: Result) {
            approved += other.approved; rejected += other.rejected; cancelled += other.cancelled; expired += other.expired
            stillPending += other.stillPending; failed += other.failed; released += other.released
            ordersPaid += other.ordersPaid; ordersClosed += other.ordersClosed; ticketsCreated += other.ticketsCreated
            payoutsCreated += other.payoutsCreated; notificationsQueued += other.notificationsQueued
        }

        var metadata: Logger.Metadata {
            [
                "payments.approved": "\(approved)", "payments.rejected": "\(rejected)", "payments.cancelled": "\(cancelled)",
                "payments.expired": "\(expired)", "payments.still_pending": "\(stillPending)", "payments.failed": "\(failed)",
                "payments.released": "\(released)", "orders.paid": "\(ordersPaid)", "orders.closed": "\(ordersClosed)",
                "tickets.created": "\(ticketsCreated)", "payouts.created": "\(payoutsCreated)",
                "notifications.queued": "\(notificationsQueued)",
            ]
        }
    }

    let settings: SyncPaymentsSettings
    let now: Date

    func apply(_ items: [Item], on db: PostgresConnection) throws -> Result {
        guard !items.isEmpty else { return .zero }
        guard let row = try db.queryFirst(query(items)) else { return .zero }
        func count(_ column: String) throws -> Int { try row.decode(column, as: Int.self) }
        return Result(
            approved: try count("approved"), rejected: try count("rejected"), cancelled: try count("cancelled"),
            expired: try count("expired"), stillPending: try count("still_pending"), failed: try count("failed"),
            released: try count("released"), ordersPaid: try count("orders_paid"), ordersClosed: try count("orders_closed"),
            ticketsCreated: try count("tickets_created"), payoutsCreated: try count("payouts_created"),
            notificationsQueued: try count("notifications_queued"))
    }

    func query(_ items: [Item]) -> PostgresQuery {
        let ids = items.map(\.payment.id)
        let tokens = items.map(\.payment.checkAttempts)
        let outcomes = items.map(\.outcome.code)
        let errors: [String?] = items.map {
            switch $0.outcome {
            case .failed(let error, _), .givenBack(let error): return error
            default: return nil
            }
        }
        let recheckAt = now.addingTimeInterval(settings.recheckInterval.secondsValue)
        let holdSeconds = settings.payoutHold.secondsValue
        let commission = settings.commissionBasisPoints
        return """
            WITH input AS (
                SELECT * FROM unnest(\(ids)::bigint[], \(tokens)::bigint[], \(outcomes)::text[], \(errors)::text[])
                       AS i(id, token, outcome, error)
            ),
            resolved AS (
                UPDATE payments p
                   SET status = i.outcome, resolved_at = \(now), checked_at = \(now), updated_at = \(now), last_error = NULL
                  FROM input i
                 WHERE p.id = i.id AND p.status = 'pending' AND p.check_attempts = i.token
                   AND i.outcome IN ('approved', 'rejected', 'cancelled', 'expired')
                RETURNING p.id, p.order_id, p.status
            ),
            rescheduled AS (
                UPDATE payments p
                   SET next_check_at = CASE WHEN i.outcome = 'released' THEN \(now) ELSE \(recheckAt) END,
                       check_attempts = p.check_attempts - CASE WHEN i.outcome IN ('released', 'given_back') THEN 1 ELSE 0 END,
                       checked_at = CASE WHEN i.outcome = 'released' THEN p.checked_at ELSE \(now) END,
                       last_error = CASE WHEN i.outcome = 'released' THEN p.last_error ELSE i.error END,
                       updated_at = \(now)
                  FROM input i
                 WHERE p.id = i.id AND p.status = 'pending' AND p.check_attempts = i.token
                   AND i.outcome IN ('pending', 'failed', 'released', 'given_back')
                RETURNING i.outcome
            ),
            paid_orders AS (
                UPDATE orders o SET status = 'paid', paid_at = \(now), updated_at = \(now)
                  FROM resolved r
                 WHERE o.id = r.order_id AND r.status = 'approved' AND o.status = 'pending_payment'
                RETURNING o.id, o.listing_id, o.buyer_id, o.subtotal_minor, o.total_minor, o.currency
            ),
            closed_orders AS (
                UPDATE orders o SET status = CASE WHEN r.status = 'expired' THEN 'expired' ELSE 'cancelled' END,
                                    closed_at = \(now), updated_at = \(now)
                  FROM resolved r
                 WHERE o.id = r.order_id AND r.status <> 'approved' AND o.status = 'pending_payment'
                RETURNING o.id, o.listing_id, o.buyer_id, r.status AS reason
            ),
            listings_changed AS (
                UPDATE listings l SET status = c.status, updated_at = \(now)
                  FROM (SELECT listing_id, 'sold' AS status FROM paid_orders
                        UNION ALL SELECT listing_id, 'on_sale' FROM closed_orders) c
                 WHERE l.id = c.listing_id AND l.status = 'reserved'
                RETURNING l.id
            ),
            paid AS (
                SELECT po.*, l.seller_id, e.id AS event_id, e.name AS event_name, e.ends_at
                  FROM paid_orders po JOIN listings l ON l.id = po.listing_id JOIN events e ON e.id = l.event_id
            ),
            closed AS (
                SELECT co.*, e.id AS event_id, e.name AS event_name
                  FROM closed_orders co JOIN listings l ON l.id = co.listing_id JOIN events e ON e.id = l.event_id
            ),
            tickets_created AS (
                INSERT INTO tickets (order_id, created_at)
                SELECT id, \(now) FROM paid ORDER BY id
                ON CONFLICT (order_id) DO NOTHING
                RETURNING id
            ),
            payouts_created AS (
                INSERT INTO payouts (seller_id, order_id, amount_minor, currency, status, available_at, next_attempt_at,
                                     idempotency_key, created_at, updated_at)
                SELECT seller_id, id, subtotal_minor - subtotal_minor * \(commission) / 10000, currency, 'pending',
                       ends_at + make_interval(secs => \(holdSeconds)), ends_at + make_interval(secs => \(holdSeconds)),
                       'payout:' || id, \(now), \(now)
                  FROM paid ORDER BY id
                ON CONFLICT (order_id) DO NOTHING
                RETURNING id
            ),
            wanted AS (
                SELECT buyer_id AS user_id, 'payment_approved' AS template, 'payment-approved:' || id AS dedupe_key,
                       jsonb_build_object('order_id', id, 'event_id', event_id, 'event_name', event_name,
                                          'amount_minor', total_minor, 'currency', currency) AS payload
                  FROM paid
                UNION ALL
                SELECT seller_id, 'ticket_sold', 'ticket-sold:' || id,
                       jsonb_build_object('order_id', id, 'event_id', event_id, 'event_name', event_name)
                  FROM paid
                UNION ALL
                SELECT buyer_id, 'payment_failed', 'payment-failed:' || id,
                       jsonb_build_object('order_id', id, 'event_id', event_id, 'event_name', event_name, 'reason', reason)
                  FROM closed
            ),
            notified AS (
                INSERT INTO notifications (user_id, channel, template, payload, dedupe_key, status, next_attempt_at,
                                           created_at, updated_at)
                SELECT user_id, 'email', template, payload, dedupe_key, 'queued', \(now), \(now), \(now)
                  FROM wanted ORDER BY dedupe_key  -- one lock order for every run
                ON CONFLICT (dedupe_key) DO NOTHING
                RETURNING id
            )
            SELECT (SELECT count(*) FROM resolved WHERE status = 'approved') AS approved,
                   (SELECT count(*) FROM resolved WHERE status = 'rejected') AS rejected,
                   (SELECT count(*) FROM resolved WHERE status = 'cancelled') AS cancelled,
                   (SELECT count(*) FROM resolved WHERE status = 'expired') AS expired,
                   (SELECT count(*) FROM rescheduled WHERE outcome = 'pending') AS still_pending,
                   (SELECT count(*) FROM rescheduled WHERE outcome = 'failed') AS failed,
                   (SELECT count(*) FROM rescheduled WHERE outcome IN ('released', 'given_back')) AS released,
                   (SELECT count(*) FROM paid_orders) AS orders_paid,
                   (SELECT count(*) FROM closed_orders) AS orders_closed,
                   (SELECT count(*) FROM listings_changed) AS listings_changed,
                   (SELECT count(*) FROM tickets_created) AS tickets_created,
                   (SELECT count(*) FROM payouts_created) AS payouts_created,
                   (SELECT count(*) FROM notified) AS notifications_queued
            """
    }
}
