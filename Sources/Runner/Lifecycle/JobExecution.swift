import Foundation
import Postgres
import Synchronization

/// Runs the job body under a watchdog. A job that has not wound down `grace` after its deadline gets its current
/// query and its task cancelled; 5 s later, or at once on a second stop signal, the run stops waiting for it and
/// returns (`abandoned`), so that history and metrics are still written. Only the executable ends the process.
enum JobExecution {
    struct Outcome {
        var result: Result<Void, any Error>
        /// The job body may still be running (blocked): its connection must not be used again.
        var abandoned: Bool

        /// The error of a failed run (only meaningful when `result` is a failure).
        var error: any Error {
            if case .failure(let error) = result { return error }
            return JobInterruption.deadlineReached
        }
    }

    static let abandonAfterCancel: Duration = .seconds(5)

    static func run(_ job: any Job, context: JobContext, grace: Duration, stop: StopFlag) async -> Outcome {
        let jobTask = Task { try await job.run(context) }
        let first = FirstOutcome()
        let watchdog = Task {
            let clock = ContinuousClock()
            let cutOff = clock.now.advanced(by: context.deadline.remaining + grace)
            var cancelledAt: ContinuousClock.Instant?
            while !Task.isCancelled {
                if stop.isForced {
                    context.logger.warning("second stop signal; no longer waiting for the job")
                    context.database.cancelCurrentQuery()
                    jobTask.cancel()
                    first.resolve(Outcome(result: .failure(JobInterruption.stopped(signal: stop.signal ?? SIGTERM)), abandoned: true))
                    return
                }
                if cancelledAt == nil, clock.now >= cutOff {
                    context.logger.error("job did not wind down after its deadline; cancelling it")
                    context.database.cancelCurrentQuery()
                    jobTask.cancel()
                    cancelledAt = clock.now
                }
                if let cancelledAt, clock.now >= cancelledAt.advanced(by: abandonAfterCancel) {
                    context.logger.critical("job ignored cancellation; no longer waiting for it")
                    first.resolve(Outcome(result: .failure(JobInterruption.deadlineReached), abandoned: true))
                    return
                }
                try? await Task.sleep(for: .milliseconds(50))
            }
        }
        Task {
            let result: Result<Void, any Error>
            do {
                try await jobTask.value
                result = .success(())
            } catch {
                if context.deadline.isExpired, error is CancellationError || (error as? PostgresError)?.sqlState == .queryCanceled {
                    result = .failure(JobInterruption.deadlineReached)
                } else {
                    result = .failure(error)
                }
            }
            watchdog.cancel()
            first.resolve(Outcome(result: result, abandoned: false))
        }
        return await first.value
    }
}

/// The first of the job's end and the watchdog's verdict; later ones are ignored.
private final class FirstOutcome: Sendable {
    private struct State: @unchecked Sendable {
        var outcome: JobExecution.Outcome?
        var waiter: CheckedContinuation<JobExecution.Outcome, Never>?
    }

    private let state = Mutex(State())

    func resolve(_ outcome: JobExecution.Outcome) {
        let waiter = state.withLock { state -> CheckedContinuation<JobExecution.Outcome, Never>? in
            guard state.outcome == nil else { return nil }
            state.outcome = outcome
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: outcome)
    }

    var value: JobExecution.Outcome {
        get async {
            await withCheckedContinuation { continuation in
                let ready = state.withLock { state -> JobExecution.Outcome? in
                    if let outcome = state.outcome { return outcome }
                    state.waiter = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        }
    }
}
