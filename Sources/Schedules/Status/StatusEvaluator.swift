import Foundation

/// Compares one job's schedule with its history at a moment: pure, so that every rule is testable without a database.
/// Fire times are exact for cron (in `timeZone`); a rate's phase is set by AWS when the rule is created, so for
/// rate only gaps between deliveries longer than the interval plus the grace count as misses.
public struct StatusEvaluator: Sendable {
    public var at: Date
    /// nil: per job, the larger of 24 hours and three of its intervals.
    public var window: TimeInterval?
    public var timeZone: TimeZone
    /// A window holding more fire times than this is refused (a minute cron over 90 days is 129,600).
    public static let maximumOccurrences = 200_000

    public init(at: Date, window: TimeInterval?, timeZone: TimeZone) {
        self.at = at
        self.window = window
        self.timeZone = timeZone
    }

    public static func defaultWindow(for schedule: ScheduleExpression) -> TimeInterval {
        max(86_400, 3 * (schedule.minimumInterval ?? 86_400))
    }

    public func windowStart(for spec: StatusJobSpec) -> Date {
        at.addingTimeInterval(-(window ?? Self.defaultWindow(for: spec.schedule)))
    }

    /// How far before the window start history must be read: one interval and the grace, to find the delivery
    /// that precedes the first one inside the window.
    public func historyStart(for spec: StatusJobSpec) -> Date {
        let interval = spec.schedule.maximumInterval(in: timeZone) ?? 86_400
        return windowStart(for: spec).addingTimeInterval(-(interval + TimeInterval(spec.graceSeconds)))
    }

    public func evaluate(_ spec: StatusJobSpec, history: JobHistory) -> JobStatus {
        let start = windowStart(for: spec)
        var status = JobStatus(name: spec.name, schedule: spec.schedule.text, state: .up, windowStart: start)
        status.lastSuccess = history.lastSuccess?.startedAt
        status.lastRun = history.lastRun
        count(history.runs.filter { $0.startedAt > start && $0.startedAt <= at }, into: &status)
        status.consecutiveFailures = history.recentOutcomes.prefix { ObservedRun.failureStatuses.contains($0.status) }.count
        guard spec.enabled else {
            status.state = .paused
            return status
        }
        guard let anchor = history.firstScheduledAt, anchor <= at else {
            status.state = .new
            return status
        }
        let deliveries = Set(history.runs.filter { !$0.isManual }.compactMap(\.scheduledAt).filter { $0 <= at }).sorted()
        let occurrences = spec.schedule.isRate
            ? rateOccurrences(spec, deliveries: deliveries, anchor: anchor, start: start)
            : cronOccurrences(spec, deliveries: deliveries, anchor: anchor, start: start)
        status.expected = occurrences.expected
        status.missed = occurrences.missed
        if let reason = occurrences.problem {
            status.reasons.append(reason)
        }
        if !occurrences.current.isEmpty {
            status.state = .down
            let first = occurrences.current[0]
            status.reasons.append("\(occurrences.current.count) occurrence(s) missed since the last run (first due \(Self.iso(first)))")
        }
        if status.consecutiveFailures >= spec.failureThreshold {
            status.state = .down
            status.reasons.append("the last \(status.consecutiveFailures) runs failed (threshold \(spec.failureThreshold))")
        }
        if status.state == .up, let due = occurrences.pending {
            status.state = .late
            status.reasons.append("due \(Self.iso(due)), not started yet, within its \(DurationText.format(spec.graceSeconds)) grace")
        }
        return status
    }

    private func count(_ runs: [ObservedRun], into status: inout JobStatus) {
        for run in runs {
            if run.isManual {
                status.manual += 1
                continue
            }
            switch run.status {
            case "lost": status.lost += 1
            case "failed", "stopped": status.failed += 1
            case "deadline_reached": status.deadlines += 1
            case "skipped": status.skipped += 1
            case "duplicate": status.duplicates += 1
            default: break
            }
        }
    }

    static func iso(_ date: Date) -> String {
        ISO8601DateFormatter.string(from: date, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withInternetDateTime])
    }
}
