import Foundation
import HTTP
import Postgres

/// A dry run: the whole run is one transaction that is rolled back (the job's own transactions become savepoints);
/// no advisory lock, no history. Row changes are read from `pg_stat_xact_user_tables` before the rollback.
struct DryRun: Sendable {
    let attempt: RunAttempt
    let connection: PostgresConnection
    let deadline: Deadline
    let abandoned: AbandonFlag

    func execute() async -> RunOutcome {
        let logger = attempt.logger
        let context = attempt.makeContext(connection: connection, deadline: deadline, isDryRun: true)
        let thread = attempt.databaseThread
        do {
            try await thread.run { [connection] in
                try connection.executeScript("BEGIN")
                try connection.execute("SAVEPOINT cronjob_dry_run")
            }
        } catch {
            return await attempt.finish(failure: attempt.failure(error, deadline: deadline), record: nil, history: nil)
        }
        logger.info("dry run started: every change is rolled back")
        let execution = await JobExecution.run(
            attempt.job, context: context, grace: attempt.settings.drainGrace, stop: attempt.stop, on: thread)
        let failure: RunFailure?
        switch execution.result {
        case .success: failure = attempt.stop.signal.map {
            RunFailure(status: .stopped, exitCode: RunExitCode.stopped(by: $0), message: JobInterruption.stopped(signal: $0).description)
        }
        case .failure(let error): failure = RunFailure.classify(error)
        }
        var tables: [DryRunPlan.TableChanges] = []
        if execution.abandoned {
            // Nothing was committed; the blocked connection's transaction ends with the process.
            abandoned.set()
            logger.warning("dry run abandoned; the row changes are not known")
        } else {
            tables = await thread.run { [self] in rollBack(failure: failure) }
        }
        let status = failure?.status ?? .succeeded
        let exitCode = failure?.exitCode ?? RunExitCode.success
        let plan = DryRunPlan(
            job: attempt.request.jobName, environment: attempt.request.environment, tables: tables,
            calls: attempt.http.recordedCalls, droppedCalls: attempt.http.droppedRecordedCalls, exitCode: exitCode, status: status, message: failure?.message
        )
        logger.info("dry run finished; everything rolled back", metadata: ["would_exit": "\(exitCode)"])
        return attempt.outcome(status: status, exitCode: exitCode, message: failure?.message, items: context.items, plan: plan)
    }

    /// Reads the row changes, then rolls everything back; returns the changes.
    private func rollBack(failure: RunFailure?) -> [DryRunPlan.TableChanges] {
        var tables: [DryRunPlan.TableChanges] = []
        do {
            if failure != nil { _ = try? connection.execute("ROLLBACK TO SAVEPOINT cronjob_dry_run") }
            tables = try tableChanges()
        } catch {
            attempt.logger.warning("could not read the row changes of the dry run", metadata: ["error": "\(error)"])
        }
        do {
            try connection.executeScript("ROLLBACK")
        } catch {
            attempt.logger.warning("rollback of the dry run failed; closing the connection discards it", metadata: ["error": "\(error)"])
        }
        return tables
    }

    private func tableChanges() throws -> [DryRunPlan.TableChanges] {
        try connection.query("""
            SELECT relname::text AS name, n_tup_ins, n_tup_upd, n_tup_del
              FROM pg_stat_xact_user_tables
             WHERE n_tup_ins + n_tup_upd + n_tup_del > 0 AND relname <> 'cronjob_runs'
             ORDER BY relname
            """).map { row in
            DryRunPlan.TableChanges(
                table: try row.decode("name"), inserted: try row.decode("n_tup_ins"),
                updated: try row.decode("n_tup_upd"), deleted: try row.decode("n_tup_del")
            )
        }
    }
}
