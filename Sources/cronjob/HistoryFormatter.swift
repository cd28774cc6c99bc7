import Foundation
import Runner

enum HistoryFormatter {
    static func json(_ runs: [RunRecord]) throws -> String {
        let objects: [[String: Any]] = runs.map(object)
        let data = try JSONSerialization.data(withJSONObject: objects, options: [.sortedKeys, .prettyPrinted])
        return String(decoding: data, as: UTF8.self)
    }

    private static func object(_ run: RunRecord) -> [String: Any] {
        var object: [String: Any] = [:]
        object["id"] = run.id.uuidString.lowercased()
        object["job"] = run.job
        object["environment"] = run.environment
        object["trigger"] = run.trigger
        object["status"] = run.status.rawValue
        object["exit_code"] = nullable(run.exitCode.map { Int($0) })
        object["scheduled_at"] = nullable(run.scheduledAt.map { Timestamp.iso8601($0, fractionalDigits: 0) })
        object["started_at"] = Timestamp.iso8601(run.startedAt)
        object["finished_at"] = nullable(run.finishedAt.map { Timestamp.iso8601($0) })
        let duration = run.finishedAt.map { ($0.timeIntervalSince(run.startedAt) * 1000).rounded() / 1000 }
        object["duration_seconds"] = nullable(duration)
        object["items_ok"] = run.itemsOK
        object["items_failed"] = run.itemsFailed
        object["error"] = nullable(run.error)
        object["ecs_task_arn"] = nullable(run.ecsTaskARN)
        object["version"] = run.version
        return object
    }

    private static func nullable(_ value: (some Any)?) -> Any { value.map { $0 as Any } ?? NSNull() }

    static func table(_ runs: [RunRecord]) -> String {
        guard !runs.isEmpty else { return "no runs recorded" }
        var rows = [["STARTED (UTC)", "JOB", "ENV", "STATUS", "EXIT", "OK", "FAILED", "DURATION", "ERROR"]]
        for run in runs {
            let duration = run.finishedAt.map { String(format: "%.2fs", $0.timeIntervalSince(run.startedAt)) } ?? (run.status == .running ? "running" : "-")
            rows.append([
                String(Timestamp.iso8601(run.startedAt, fractionalDigits: 0).dropLast()).replacingOccurrences(of: "T", with: " "),
                run.job, run.environment, run.status.rawValue, run.exitCode.map { "\($0)" } ?? "-",
                "\(run.itemsOK)", "\(run.itemsFailed)", duration, String((run.error ?? "").prefix(60)),
            ])
        }
        return TextTable.render(rows)
    }
}
