import Foundation
import Logging
import Postgres

/// One batch of notify-upload: a single statement that reads the next `batchSize` candidate orders in
/// (event start, event id, listing id) order, decides what each one is owed and queues it.
///
/// The plan is index-driven end to end: a range of `events_starts_at_idx` over the window, then per event
/// `listings_event_id_idx` from the cursor (LIMIT batchSize), the paid order through its listing, the
/// uploaded ticket through `tickets_order_id_key`, and the reminders already queued by exact
/// `dedupe_key` probes of `notifications_dedupe_key_key`. Nothing scans a table.
struct NotifyUploadBatch {
    static let reminderTemplate = "ticket_upload_reminder"
    static let escalationTemplate = "ticket_upload_escalation"
    static let opsEscalationTemplate = "ticket_upload_escalation_ops"

    /// Where the previous batch stopped: the last event and listing it examined.
    struct Cursor: Equatable {
        var eventID: Int
        var listingID: Int
        static let start = Cursor(eventID: 0, listingID: 0)
    }

    struct Result: Equatable {
        var examined = 0
        var reminders = 0
        var escalations = 0
        var opsEscalations = 0
        var next: Cursor?

        static let zero = Result()
        var queued: Int { reminders + escalations + opsEscalations }

        mutating func add(_ other: Result) {
            examined += other.examined
            reminders += other.reminders
            escalations += other.escalations
            opsEscalations += other.opsEscalations
        }

        var metadata: Logger.Metadata {
            [
                "orders.examined": "\(examined)", "notifications.reminders": "\(reminders)",
                "notifications.escalations": "\(escalations)", "notifications.ops_escalations": "\(opsEscalations)",
            ]
        }
    }

    let settings: NotifyUploadSettings
    let now: Date
    let after: Cursor

    func run(on db: PostgresConnection) throws -> Result {
        guard let row = try db.queryFirst(query) else { return .zero }
        var result = Result(
            examined: try row.decode("examined", as: Int.self),
            reminders: try row.decode("reminders", as: Int.self),
            escalations: try row.decode("escalations", as: Int.self),
            opsEscalations: try row.decode("ops_escalations", as: Int.self)
        )
        if let eventID = try row.decode("last_event_id", as: Int?.self), let listingID = try row.decode("last_listing_id", as: Int?.self) {
            result.next = Cursor(eventID: eventID, listingID: listingID)
        }
        return result
    }

    var query: PostgresQuery {
        let windowEnd = now.addingTimeInterval(settings.window.timeInterval)
        let escalationFrom = now.addingTimeInterval(settings.escalationBefore.timeInterval)
        let spacedBefore = now.addingTimeInterval(-settings.reminderInterval.timeInterval)
        let limit = settings.batchSize
        let maxReminders = settings.maxReminders
        // The cursor event's start is read back from the table, not round-tripped through a Double.
        return """
            WITH batch AS (
                SELECT e.starts_at, e.id AS event_id, e.name AS event_name, e.venue, c.listing_id, c.seller_id, c.order_id
                FROM events e
                CROSS JOIN LATERAL (
                    SELECT l.id AS listing_id, l.seller_id, o.id AS order_id
                    FROM listings l
                    JOIN orders o ON o.listing_id = l.id AND o.status = 'paid'
                    WHERE l.event_id = e.id
                      AND l.id > CASE WHEN e.id = \(after.eventID) THEN \(after.listingID) ELSE 0 END
                      AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.order_id = o.id AND t.uploaded_at IS NOT NULL)
                    ORDER BY l.id
                    LIMIT \(limit)
                ) c
                WHERE e.status = 'scheduled'
                  AND e.starts_at > \(now) AND e.starts_at <= \(windowEnd)
                  AND (e.starts_at, e.id) >= (COALESCE((SELECT starts_at FROM events WHERE id = \(after.eventID)), \(now)), \(after.eventID))
                ORDER BY e.starts_at, e.id, c.listing_id
                LIMIT \(limit)
            ),
            history AS (
                SELECT b.*, r.sent
                     , r.last_sent_at
                     , jsonb_build_object('order_id', b.order_id, 'listing_id', b.listing_id, 'event_id', b.event_id,
                           'event_name', b.event_name, 'venue', b.venue,
                           'event_starts_at', to_char(b.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')) AS about
                FROM batch b
                CROSS JOIN LATERAL (
                    SELECT count(*)::int AS sent, max(n.created_at) AS last_sent_at
                    FROM notifications n
                    WHERE n.dedupe_key = ANY (ARRAY(
                        SELECT 'upload-reminder:' || b.order_id || ':' || g FROM generate_series(1, \(maxReminders)) g))
                ) r
            ),
            wanted AS (
                SELECT h.seller_id AS user_id, NULL::text AS recipient, \(Self.reminderTemplate)::text AS template,
                       'upload-reminder:' || h.order_id || ':' || (h.sent + 1) AS dedupe_key,
                       h.about || jsonb_build_object('reminder', h.sent + 1, 'max_reminders', \(maxReminders)) AS payload
                FROM history h
                WHERE h.starts_at > \(escalationFrom) AND h.sent < \(maxReminders)
                  AND (h.last_sent_at IS NULL OR h.last_sent_at <= \(spacedBefore))
                UNION ALL
                SELECT h.seller_id, NULL, \(Self.escalationTemplate), 'upload-escalation:' || h.order_id,
                       h.about || jsonb_build_object('reminders_sent', h.sent)
                FROM history h
                WHERE h.starts_at <= \(escalationFrom)
                UNION ALL
                SELECT NULL, \(settings.opsEmail)::text, \(Self.opsEscalationTemplate), 'upload-escalation-ops:' || h.order_id,
                       h.about || jsonb_build_object('reminders_sent', h.sent, 'seller_id', h.seller_id)
                FROM history h
                WHERE h.starts_at <= \(escalationFrom) AND \(settings.opsEmail)::text IS NOT NULL
            ),
            inserted AS (
                INSERT INTO notifications (user_id, recipient, channel, template, payload, dedupe_key, status,
                                           next_attempt_at, created_at, updated_at)
                SELECT w.user_id, w.recipient, 'email', w.template, w.payload, w.dedupe_key, 'queued', \(now), \(now), \(now)
                FROM wanted w
                ORDER BY w.dedupe_key  -- one lock order for every run, so concurrent runs never deadlock
                ON CONFLICT (dedupe_key) DO NOTHING
                RETURNING template
            ),
            last AS (
                SELECT event_id, listing_id FROM batch ORDER BY starts_at DESC, event_id DESC, listing_id DESC LIMIT 1
            )
            SELECT (SELECT count(*) FROM batch) AS examined,
                   (SELECT count(*) FROM inserted WHERE template = \(Self.reminderTemplate)) AS reminders,
                   (SELECT count(*) FROM inserted WHERE template = \(Self.escalationTemplate)) AS escalations,
                   (SELECT count(*) FROM inserted WHERE template = \(Self.opsEscalationTemplate)) AS ops_escalations,
                   (SELECT event_id FROM last) AS last_event_id,
                   (SELECT listing_id FROM last) AS last_listing_id
            """
    }
}

extension Duration {
    /// The duration in seconds, for date arithmetic.
    fileprivate var timeInterval: TimeInterval {
        let (whole, fraction) = components
        return TimeInterval(whole) + TimeInterval(fraction) / 1e18
    }
}
