import Foundation
import Postgres

/// The COPY column lists and the row encodings, kept side by side so they cannot drift apart.
enum SeedRows {
    typealias Row = [any PostgresEncodable]

    static func date(_ seconds: Int) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }
    static func date(_ seconds: Int?) -> Date? { seconds.map(date) }

    static let users = "users (id, email, display_name, locale, push_token, created_at)"
    static func row(_ u: SeedUser) -> Row {
        [u.id, u.email, u.displayName, u.locale, u.pushToken, date(u.createdAt)]
    }

    static let events = "events (id, name, venue, city, starts_at, ends_at, status, created_at)"
    static func row(_ e: SeedEvent) -> Row {
        [e.id, e.name, e.venue, e.city, date(e.startsAt), date(e.endsAt), e.cancelled ? "cancelled" : "scheduled", date(e.createdAt)]
    }

    static let listings = "listings (id, seller_id, event_id, section, seat, price_minor, currency, status, created_at, updated_at)"
    static func row(_ l: SeedListing) -> Row {
        [l.id, l.sellerID, l.event.id, l.section, l.seat, l.priceMinor, l.currency, l.status, date(l.createdAt), date(l.updatedAt)]
    }

    static let orders = """
        orders (id, buyer_id, listing_id, status, subtotal_minor, fee_minor, total_minor, currency, \
        created_at, updated_at, paid_at, closed_at)
        """
    static func row(_ o: SeedOrder, listing: SeedListing) -> Row {
        [
            o.id, o.buyerID, listing.id, o.status, o.subtotalMinor, o.feeMinor, o.totalMinor, o.currency,
            date(o.createdAt), date(o.updatedAt), date(o.paidAt), date(o.closedAt),
        ]
    }

    static let payments = """
        payments (id, order_id, provider_payment_id, status, amount_minor, currency, created_at, updated_at, \
        checked_at, check_attempts, next_check_at, resolved_at, last_error)
        """
    static func paymentRow(_ o: SeedOrder) -> Row {
        let p = o.payment
        return [
            o.id, o.id, p.providerPaymentID, p.status, o.totalMinor, o.currency, date(p.createdAt), date(p.updatedAt),
            date(p.checkedAt), p.checkAttempts, date(p.nextCheckAt), date(p.resolvedAt), p.lastError,
        ]
    }

    static let tickets = "tickets (id, order_id, file_key, uploaded_at, created_at)"
    static func ticketRow(_ o: SeedOrder) -> Row? {
        guard let t = o.ticket else { return nil }
        return [o.id, o.id, t.fileKey, date(t.uploadedAt), date(t.createdAt)]
    }

    static let payouts = """
        payouts (id, seller_id, order_id, amount_minor, currency, status, available_at, attempts, next_attempt_at, \
        lease_expires_at, provider_payout_id, idempotency_key, last_error, created_at, updated_at, requested_at, paid_at)
        """
    static func payoutRow(_ o: SeedOrder, listing: SeedListing) -> Row? {
        guard let p = o.payout else { return nil }
        return [
            o.id, listing.sellerID, o.id, p.amountMinor, o.currency, p.status, date(p.availableAt), p.attempts,
            date(p.nextAttemptAt), date(p.leaseExpiresAt), p.providerPayoutID, "payout:\(o.id)", p.lastError,
            date(p.createdAt), date(p.updatedAt), date(p.requestedAt), date(p.paidAt),
        ]
    }

    static let notifications = """
        notifications (id, user_id, recipient, channel, template, payload, dedupe_key, status, attempts, \
        next_attempt_at, lease_expires_at, sent_at, last_error, provider_message_id, created_at, updated_at)
        """
    static func row(_ n: SeedNotification, id: Int) -> Row {
        [
            id, n.userID, n.recipient, n.channel, n.template, PostgresJSON(rawJSON: n.payloadJSON), n.dedupeKey, n.status,
            n.attempts, date(n.nextAttemptAt), date(n.leaseExpiresAt), date(n.sentAt), n.lastError, n.providerMessageID,
            date(n.createdAt), date(n.updatedAt),
        ]
    }
}
