import Postgres

extension JobInterruption {
    /// A cancellation (of the task, a statement or a connect) read as the deadline or the stop that caused it; nil for
    /// any other error, and for a cancellation that neither explains.
    init?(cancellation error: any Error, stop: StopFlag, deadline: Deadline) {
        if let interruption = error as? JobInterruption {
            self = interruption
            return
        }
        let database = error as? PostgresError
        guard error is CancellationError || database?.kind == .cancelled || database?.sqlState == .queryCanceled else {
            return nil
        }
        if deadline.isExpired {
            self = .deadlineReached
        } else if let signal = stop.signal {
            self = .stopped(signal: signal)
        } else {
            return nil
        }
    }
}
