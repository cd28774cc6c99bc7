import Synchronization
import Dispatch
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One URLSession data task with a hard timeout and task cancellation, whichever comes first.
final class DataTaskCall: Sendable {
    enum StopReason: Sendable { case timeout, cancelled }

    /// URLSessionDataTask and DispatchWorkItem are thread-safe but not marked Sendable on Linux.
    private struct State: @unchecked Sendable {
        var task: URLSessionDataTask?
        var timer: DispatchWorkItem?
        var reason: StopReason?
    }

    private let state = Mutex(State())

    var stopReason: StopReason? { state.withLock { $0.reason } }

    /// Resumes `task` and arms the timer, unless the call was stopped before it started.
    func start(_ task: URLSessionDataTask, timeout: Duration) {
        let timer = DispatchWorkItem { [weak self] in self?.stop(.timeout) }
        let stoppedEarly = state.withLock { state -> Bool in
            state.task = task
            state.timer = timer
            return state.reason != nil
        }
        task.resume()
        if stoppedEarly {
            task.cancel()
            return
        }
        let nanoseconds = max(Int(timeout / .nanoseconds(1)), 1)
        DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(nanoseconds), execute: timer)
    }

    /// Cancels the task; the first reason wins.
    func stop(_ reason: StopReason) {
        let task = state.withLock { state -> URLSessionDataTask? in
            if state.reason == nil { state.reason = reason }
            return state.task
        }
        task?.cancel()
    }

    /// Disarms the timer once the task completed.
    func finish() {
        let timer = state.withLock { state -> DispatchWorkItem? in
            defer { state.timer = nil; state.task = nil }
            return state.timer
        }
        timer?.cancel()
    }
}
