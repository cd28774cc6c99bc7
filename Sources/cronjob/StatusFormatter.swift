import Foundation
import Runner
import Schedules

/// `cronjob status` as a table read in one glance, or the same data as JSON.
enum StatusFormatter {
    static func text(_ report: StatusReport) -> String {
        var lines = ["environment \(report.environment) at \(time(report.at))\(report.timeZone == "UTC" ? "" : " (cron in \(report.timeZone))"): \(report.summary.isEmpty ? "no jobs" : report.summary)"]
        var rows = [["JOB", "STATE", "SCHEDULE", "LAST SUCCESS", "LAST RUN", "FAILS", "MISSED", "LOST", "FAILED", "DEADLINE", "SKIPPED", "DUP", "WINDOW"]]
        for entry in report.jobs {
            let status = entry.status
            let lastRun = status.lastRun.map { "\(time($0.startedAt)) \($0.status)\($0.isManual ? " (manual)" : "")" } ?? "-"
            let expected = status.expected.map { "/\($0)" } ?? ""
            rows.append([
                status.name, status.state.rawValue, status.schedule,
                status.lastSuccess.map { "\(time($0)) (\(ago($0, report.at)) ago)" } ?? "never",
                lastRun, "\(status.consecutiveFailures)", "\(status.missed.count)\(expected)", "\(status.lost)", "\(status.failed)",
                "\(status.deadlines)", "\(status.skipped)", "\(status.duplicates)", ago(status.windowStart, report.at),
            ])
        }
        lines.append(TextTable.render(rows))
        for entry in report.jobs where !entry.status.reasons.isEmpty {
            lines.append("\(entry.status.name): \(entry.status.state.rawValue): \(entry.status.reasons.joined(separator: "; "))")
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ report: StatusReport) -> String {
        let jobs: [[String: Any]] = report.jobs.map { entry in
            let status = entry.status
            var object: [String: Any] = [
                "name": status.name, "state": status.state.rawValue, "schedule": status.schedule, "reasons": status.reasons,
                "consecutive_failures": status.consecutiveFailures, "window_start": time(status.windowStart),
                "missed": status.missed.count, "missed_at": status.missed.prefix(100).map(time), "lost": status.lost,
                "failed": status.failed, "deadlines": status.deadlines, "skipped": status.skipped,
                "duplicates": status.duplicates, "manual": status.manual, "grace_seconds": entry.spec.graceSeconds,
                "failure_threshold": entry.spec.failureThreshold, "timeout_seconds": entry.spec.timeoutSeconds,
                "enabled": entry.spec.enabled,
            ]
            object["expected"] = status.expected.map { $0 as Any } ?? NSNull()
            object["last_success"] = status.lastSuccess.map { time($0) as Any } ?? NSNull()
            object["last_run"] = status.lastRun.map { run -> Any in
                [
                    "status": run.status, "trigger": run.isManual ? "manual" : "schedule", "started_at": time(run.startedAt),
                    "scheduled_at": run.scheduledAt.map { time($0) as Any } ?? NSNull(),
                ] as [String: Any]
            } ?? NSNull()
            return object
        }
        var counts: [String: Int] = [:]
        for state in JobStatus.State.allCases { counts[state.rawValue] = report.jobs.filter { $0.status.state == state }.count }
        let document: [String: Any] = [
            "environment": report.environment, "at": time(report.at), "time_zone": report.timeZone, "states": counts, "jobs": jobs,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func time(_ date: Date) -> String { Timestamp.iso8601(date, fractionalDigits: 0) }

    /// `2h30m`, `45s`: the distance from `date` to `now`, to the second.
    static func ago(_ date: Date, _ now: Date) -> String {
        let seconds = Int(now.timeIntervalSince(date).rounded())
        return seconds < 0 ? "in \(DurationText.format(-seconds))" : DurationText.format(seconds)
    }
}
