import Foundation
import Postgres

/// Runs the job body with a watchdog: a job that has not wound down `grace` after its deadline gets its
/// current query cancelled and its task cancelled; if it still does not return, the process exits 124.
enum JobExecution {
    static func run(_ job: any Job, context: JobContext, grace: Duration) async -> Result<Void, any Error> {
        let jobTask = Task { try await job.run(context) }
        let watchdog = Task {
            try await Task.sleep(for: context.deadline.remaining + grace)
            context.logger.error("job did not wind down after its deadline; cancelling it")
            context.database.cancelCurrentQuery()
            jobTask.cancel()
            try await Task.sleep(for: .seconds(5))
            context.logger.critical("job ignored cancellation; exiting")
            exit(RunExitCode.deadline)
        }
        defer { watchdog.cancel() }
        do {
            try await jobTask.value
            return .success(())
        } catch {
            if context.deadline.isExpired, error is CancellationError || (error as? PostgresError)?.sqlState == .queryCanceled {
                return .failure(JobInterruption.deadlineReached)
            }
            return .failure(error)
        }
    }
}
