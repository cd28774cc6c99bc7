import Foundation
import HTTP
import Runner

extension DryRunPlanFormatter {
    /// The plan back from the JSON that `json(_:)` printed (in a remote task), so that `invoke --dry-run` prints
    /// the text plan exactly as a local `run --dry-run` would. Nil when the text is not such a plan.
    static func plan(fromJSON text: String) -> DryRunPlan? {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any],
              let job = object["job"] as? String, let environment = object["environment"] as? String,
              let exitCode = object["exit_code"] as? Int, let status = (object["status"] as? String).flatMap(RunStatus.init(rawValue:))
        else { return nil }
        let tables = (object["tables"] as? [[String: Any]] ?? []).compactMap { entry -> DryRunPlan.TableChanges? in
            guard let table = entry["table"] as? String else { return nil }
            return DryRunPlan.TableChanges.restored(
                table: table, inserted: entry["inserted"] as? Int ?? 0, updated: entry["updated"] as? Int ?? 0,
                deleted: entry["deleted"] as? Int ?? 0)
        }
        let calls = (object["calls"] as? [[String: Any]] ?? []).compactMap { entry -> RecordedCall? in
            guard let method = (entry["method"] as? String).flatMap(HTTPMethod.init(rawValue:)), let url = entry["url"] as? String
            else { return nil }
            return RecordedCall(
                method: method, url: url, summary: entry["summary"] as? String ?? "",
                idempotencyKey: entry["idempotency_key"] as? String, sent: entry["sent"] as? Bool ?? false,
                status: entry["status"] as? Int, failure: entry["failure"] as? String)
        }
        return DryRunPlan.restored(
            job: job, environment: environment, tables: tables, calls: calls,
            droppedCalls: object["calls_not_listed"] as? Int ?? 0, exitCode: Int32(clamping: exitCode), status: status,
            message: object["message"] as? String)
    }
}
