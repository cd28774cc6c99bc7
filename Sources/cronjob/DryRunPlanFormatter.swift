import Foundation
import HTTP
import Runner

/// Prints a dry-run plan as text for people or JSON for tools.
enum DryRunPlanFormatter {
    static func text(_ plan: DryRunPlan) -> String {
        var lines = ["DRY RUN of \(plan.job) against \(plan.environment): nothing was committed, no write was sent."]
        lines.append("")
        lines.append("Rows it would change:")
        if plan.tables.isEmpty { lines.append("  (none)") }
        for table in plan.tables {
            lines.append("  \(table.table.padding(toLength: 16, withPad: " ", startingAt: 0)) +\(table.inserted) inserted  ~\(table.updated) updated  -\(table.deleted) deleted")
        }
        lines.append("")
        lines.append("Outbound calls (\(plan.calls.count + plan.droppedCalls)):")
        if plan.calls.isEmpty { lines.append("  (none)") }
        for call in plan.calls {
            let outcome = call.failure ?? call.status.map { "→ \($0)" } ?? ""
            lines.append("  \(call.sent ? "sent    " : "recorded") \(call.method.rawValue) \(call.url)  \(call.summary)  \(outcome)")
        }
        if plan.droppedCalls > 0 { lines.append("  … and \(plan.droppedCalls) more") }
        lines.append("")
        lines.append("A real run would exit \(plan.exitCode) (\(plan.status.rawValue))\(plan.message.map { ": \($0)" } ?? "").")
        return lines.joined(separator: "\n")
    }

    private static func callObject(_ call: RecordedCall) -> [String: Any] {
        var object: [String: Any] = ["method": call.method.rawValue, "url": call.url, "summary": call.summary, "sent": call.sent]
        object["idempotency_key"] = call.idempotencyKey ?? NSNull()
        object["status"] = call.status ?? NSNull()
        object["failure"] = call.failure ?? NSNull()
        return object
    }

    static func json(_ plan: DryRunPlan) throws -> String {
        let object: [String: Any] = [
            "job": plan.job,
            "environment": plan.environment,
            "exit_code": Int(plan.exitCode),
            "status": plan.status.rawValue,
            "message": plan.message ?? NSNull(),
            "tables": plan.tables.map { ["table": $0.table, "inserted": $0.inserted, "updated": $0.updated, "deleted": $0.deleted] },
            "calls": plan.calls.map(callObject),
            "calls_not_listed": plan.droppedCalls,
        ]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
        return String(decoding: data, as: UTF8.self)
    }
}
