import Dispatch
import Foundation
import Synchronization

/// A thread of its own for blocking libpq calls. As a `TaskExecutor`, it runs the tasks that prefer it
/// (`Task(executorPreference:)`, `withTaskExecutorPreference`, `run`), so that their synchronous statements block this
/// thread and never one of the cooperative pool's few threads. Child tasks inherit the preference unless they opt out
/// (`group.addTask(executorPreference: globalConcurrentExecutor)`).
public final class DatabaseThread: TaskExecutor, Sendable {
    private struct State {
        var jobs: [UnownedJob] = []
        var isRunning = false
        var isIdle = false
        var isShutDown = false
    }

    private let state = Mutex(State())
    private let wakeUp = DispatchSemaphore(value: 0)

    public init() {}

    /// Runs `body` (blocking libpq calls) on this thread, then returns to the caller.
    public func run<T, Failure: Error>(_ body: @Sendable () throws(Failure) -> T) async throws(Failure) -> T {
        try await withTaskExecutorPreference(self) { () async throws(Failure) -> T in try body() }
    }

    /// A fresh thread for `body`, ended afterwards: for a connection of its own (e.g. closing a run's history while
    /// the run's thread is blocked).
    public static func run<T, Failure: Error>(_ body: @Sendable () throws(Failure) -> T) async throws(Failure) -> T {
        let thread = DatabaseThread()
        defer { thread.shutdown() }
        return try await thread.run(body)
    }

    /// The thread ends once it has nothing to run. A call still blocked on it keeps it until that call returns.
    public func shutdown() {
        let wake = state.withLock { state -> Bool in
            state.isShutDown = true
            return state.isRunning
        }
        if wake { wakeUp.signal() }
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let (start, wake) = state.withLock { state -> (Bool, Bool) in
            state.jobs.append(job)
            // A task that still prefers a shut-down thread gets it back rather than never running again.
            let start = !state.isRunning
            state.isRunning = true
            let wake = state.isIdle
            state.isIdle = false
            return (start, wake)
        }
        if start {
            Thread { [self] in drain() }.start()
        } else if wake {
            wakeUp.signal()
        }
    }

    private enum Step { case run(UnownedJob), wait, end }

    private func drain() {
        while true {
            let step = state.withLock { state -> Step in
                if !state.jobs.isEmpty { return .run(state.jobs.removeFirst()) }
                if state.isShutDown {
                    state.isRunning = false
                    return .end
                }
                state.isIdle = true
                return .wait
            }
            switch step {
            case .run(let job): job.runSynchronously(on: asUnownedTaskExecutor())
            case .wait: wakeUp.wait()
            case .end: return
            }
        }
    }
}
