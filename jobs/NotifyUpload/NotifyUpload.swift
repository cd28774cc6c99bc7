import Foundation
import Logging
import Postgres
import Runner

/// Reminds sellers to upload the tickets of paid orders whose event starts soon, then escalates.
///
/// For each paid order whose ticket is not uploaded and whose event (scheduled, not started) starts within
/// the window, it queues at most `maxReminders` reminders to the seller, `reminderInterval` apart
/// (template `ticket_upload_reminder`, key `upload-reminder:<order_id>:<n>`). Once the event is closer
/// than `escalationBefore`, reminders stop and a final escalation is queued once to the seller
/// (`ticket_upload_escalation`, key `upload-escalation:<order_id>`) and, when `NOTIFY_UPLOAD_OPS_EMAIL` is
/// set, to that internal address (`ticket_upload_escalation_ops`, key `upload-escalation-ops:<order_id>`).
///
/// Database only: it queues notifications (`queued`, due now) for process-notifications to send.
/// Every row is written with `INSERT … ON CONFLICT (dedupe_key) DO NOTHING`, so a rerun or a concurrent
/// run queues nothing twice. Settings: `NotifyUploadSettings`.
public struct NotifyUpload: Job {
    public static let name = "notify-upload"
    public static let summary = "Remind sellers to upload tickets for events starting soon, then escalate"
    public static let defaultTimeout: Duration = .seconds(600)

    public let settings: NotifyUploadSettings

    public init(configuration: Configuration) throws {
        settings = try NotifyUploadSettings(configuration: configuration)
    }

    public init(settings: NotifyUploadSettings) {
        self.settings = settings
    }

    public func run(_ context: JobContext) async throws {
        let now = context.now
        var cursor = NotifyUploadBatch.Cursor.start
        var totals = NotifyUploadBatch.Result.zero
        var batches = 0
        while true {
            try context.checkpoint()
            let result = try NotifyUploadBatch(settings: settings, now: now, after: cursor).run(on: context.database)
            batches += 1
            totals.add(result)
            context.items.succeeded(result.queued)
            context.logger.debug("notify-upload batch", metadata: result.metadata.merging(["batch.number": "\(batches)"]) { $1 })
            guard result.examined == settings.batchSize, let next = result.next else { break }
            cursor = next
        }
        context.logger.info("queued ticket upload reminders", metadata: totals.metadata.merging(["batch.count": "\(batches)"]) { $1 })
    }
}
