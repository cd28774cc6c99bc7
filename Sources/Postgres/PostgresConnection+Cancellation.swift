/// What may cancel a statement while it runs; a cancelled statement's transaction rolls back on the server.
enum StatementCancellation {
    /// Rollbacks: they run whatever happens.
    case never
    /// The default: only a forced stop or the task's cancellation (a completion finishes after a first SIGTERM).
    case onForcedStop
    /// Inside `cancellableOnStop`: the first stop request too.
    case onStop
}

extension PostgresConnection {
    /// Claims and reads go in `body`: they end at the first stop (rolled back); others finish unless the stop is forced or the task cancelled.
    @discardableResult
    public func cancellableOnStop<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try lock.withLock {
            stopScopeDepth += 1
            defer { stopScopeDepth -= 1 }
            return try body(self)
        }
    }

    /// The cancellation of the caller's next statement (called holding the lock).
    var statementCancellation: StatementCancellation { stopScopeDepth > 0 ? .onStop : .onForcedStop }

    /// Why a statement under `cancellation` must end now, or nil while it may run on.
    func interruption(_ cancellation: StatementCancellation) -> String? {
        switch cancellation {
        case .never: nil
        case .onStop: stop.isRequested() ? "the run was asked to stop" : stop.forcedInterruption
        case .onForcedStop: stop.forcedInterruption
        }
    }
}

extension PostgresStop {
    /// A forced stop or the current task's cancellation.
    var forcedInterruption: String? {
        if isForced() { return "the stop was forced" }
        if Task.isCancelled { return "its task was cancelled" }
        return nil
    }

    /// Connecting ends at any of them.
    var connectInterruption: String? {
        isRequested() ? "the run was asked to stop" : forcedInterruption
    }
}
