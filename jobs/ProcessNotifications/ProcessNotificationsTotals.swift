import Logging
import Runner

/// Counts of one batch or of a whole run of process-notifications.
struct NotificationBatchTotals: Equatable, DrainTotals {
    var claimed = 0
    var sent = 0
    var rescheduled = 0
    var dead = 0
    /// Given back on a provider stop, their attempt not counted.
    var returned = 0
    /// Claimed rows whose lease another run took over before this one wrote the outcome.
    var lost = 0

    static let zero = NotificationBatchTotals()

    init() {}

    init(claimed: Int, written: [NotificationOutcome.Status: Int]) {
        self.claimed = claimed
        sent = written[.sent] ?? 0
        rescheduled = written[.queued] ?? 0
        dead = written[.dead] ?? 0
        returned = written[.returned] ?? 0
    }

    mutating func add(_ other: NotificationBatchTotals) {
        claimed += other.claimed
        sent += other.sent
        rescheduled += other.rescheduled
        dead += other.dead
        returned += other.returned
        lost += other.lost
    }

    var metadata: Logger.Metadata {
        [
            "notifications.claimed": "\(claimed)", "notifications.sent": "\(sent)",
            "notifications.rescheduled": "\(rescheduled)", "notifications.dead": "\(dead)",
            "notifications.returned": "\(returned)",
            "notifications.lost": "\(lost)",
        ]
    }
}
