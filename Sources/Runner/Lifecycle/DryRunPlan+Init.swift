import HTTP

extension DryRunPlan {
    /// Rebuilds a plan from its parts: `cronjob invoke --dry-run` reads the JSON plan a remote task printed.
    public static func restored(
        job: String, environment: String, tables: [TableChanges], calls: [RecordedCall], droppedCalls: Int,
        exitCode: Int32, status: RunStatus, message: String?
    ) -> DryRunPlan {
        DryRunPlan(
            job: job, environment: environment, tables: tables, calls: calls, droppedCalls: droppedCalls,
            exitCode: exitCode, status: status, message: message)
    }
}

extension DryRunPlan.TableChanges {
    public static func restored(table: String, inserted: Int, updated: Int, deleted: Int) -> DryRunPlan.TableChanges {
        DryRunPlan.TableChanges(table: table, inserted: inserted, updated: updated, deleted: deleted)
    }
}
