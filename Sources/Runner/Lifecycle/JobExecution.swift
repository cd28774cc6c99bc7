import Foundation
import Postgres

/// Runs the job body on the run's database thread under a watchdog. A job that has not wound down `grace` after its
/// deadline gets its task cancelled (its running statement with it); 5 s later, or at once on a second stop signal,
/// the run stops waiting for it and returns (`abandoned`), so that history and metrics are still written. Only the
/// executable ends the process.
enum JobExecution {
    struct Outcome: Sendable {
        var result: Result<Void, any Error>
        /// The job body may still be running (blocked): its connection and thread must not be used again.
        var abandoned: Bool

        /// The error of a failed run (only meaningful when `result` is a failure).
        var error: any Error {
            if case .failure(let error) = result { return error }
            return JobInterruption.deadlineReached
        }
    }

    static let abandonAfterCancel: Duration = .seconds(5)

    static func run(_ job: any Job, context: JobContext, grace: Duration, stop: StopFlag, on thread: DatabaseThread) async -> Outcome {
        // The body's synchronous statements block the database thread, never a thread of the cooperative pool.
        let jobTask = Task(executorPreference: thread) { try await job.run(context) }
        let first = Latch<Outcome>()
        let watchdog = Task {
            var forced = await stop.waitForForce(until: .now.advanced(by: context.deadline.remaining + grace))
            if !forced {
                guard !Task.isCancelled else { return }
                context.logger.error("job did not wind down after its deadline; cancelling it")
                jobTask.cancel()
                forced = await stop.waitForForce(until: .now.advanced(by: abandonAfterCancel))
            }
            guard !Task.isCancelled else { return }
            if forced {
                context.logger.warning("second stop signal; no longer waiting for the job")
            } else {
                context.logger.critical("job ignored cancellation; no longer waiting for it")
            }
            jobTask.cancel()
            let interruption: JobInterruption = forced ? .stopped(signal: stop.signal ?? SIGTERM) : .deadlineReached
            first.set(Outcome(result: .failure(interruption), abandoned: true))
        }
        Task {
            let result: Result<Void, any Error>
            do {
                try await jobTask.value
                result = .success(())
            } catch {
                result = .failure(JobInterruption(cancellation: error, stop: stop, deadline: context.deadline) ?? error)
            }
            watchdog.cancel()
            first.set(Outcome(result: result, abandoned: false))
        }
        return await first.value
    }
}
