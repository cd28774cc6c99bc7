import Synchronization
import Dispatch
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One URLSession data task: collects the answer the delegate hands it, refuses a body over the cap, and ends at
/// the first of completion, the timeout (which covers head and body) and cancellation.
final class DataTaskCall: Sendable {
    enum StopReason: Sendable { case timeout, cancelled, tooLarge }

    typealias Outcome = Result<OutboundResponse, HTTPClientError>

    /// URLSessionDataTask and DispatchWorkItem are thread-safe but not marked Sendable on Linux.
    private struct State: @unchecked Sendable {
        var task: URLSessionDataTask?
        var timer: DispatchWorkItem?
        var reason: StopReason?
        var response: HTTPURLResponse?
        var body = Data()
        var continuation: CheckedContinuation<Outcome, Never>?
    }

    private let request: OutboundRequest
    private let timeout: Duration
    private let state = Mutex(State())

    init(request: OutboundRequest, timeout: Duration) {
        self.request = request
        self.timeout = timeout
    }

    /// Resumes `task` and arms the timer, unless the call was stopped before it started.
    func start(_ task: URLSessionDataTask, continuation: CheckedContinuation<Outcome, Never>) {
        let timer = DispatchWorkItem { [weak self] in self?.stop(.timeout) }
        let stoppedEarly = state.withLock { state -> Bool in
            state.task = task
            state.timer = timer
            state.continuation = continuation
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

    /// Cancels the task; the first reason wins. The cancel is dispatched: called from a delegate callback,
    /// FoundationNetworking would otherwise deliver the rest of the body first.
    func stop(_ reason: StopReason) {
        let task = state.withLock { state -> URLSessionDataTask? in
            if state.reason == nil { state.reason = reason }
            return state.task
        }
        guard let task else { return }
        let cancel = UncheckedSendable(task)
        DispatchQueue.global().async { cancel.value.cancel() }
    }

    func receive(_ response: URLResponse) {
        let announced = response.expectedContentLength
        state.withLock { $0.response = response as? HTTPURLResponse }
        if announced > Int64(OutboundResponse.maximumBodyBytes) { stop(.tooLarge) }
    }

    func receive(_ data: Data) {
        let over = state.withLock { state -> Bool in
            guard state.reason == nil else { return false }
            if state.body.count + data.count > OutboundResponse.maximumBodyBytes { return true }
            state.body.append(data)
            return false
        }
        if over { stop(.tooLarge) }
    }

    /// The task ended (after a stop too): disarms the timer and resumes the caller once.
    func complete(error: (any Error)?, response: URLResponse?) {
        let finished = state.withLock { state -> State in
            defer { state.timer = nil; state.task = nil; state.continuation = nil; state.body = Data() }
            return state
        }
        finished.timer?.cancel()
        finished.continuation?.resume(returning: outcome(of: finished, error: error, response: response))
    }

    private func outcome(of state: State, error: (any Error)?, response: URLResponse?) -> Outcome {
        switch state.reason {
        case .timeout?: return .failure(.timedOut(request, after: timeout))
        case .cancelled?: return .failure(request.failure(.cancelled, "the run is stopping"))
        case .tooLarge?: return .failure(.tooLarge(request))
        case nil: break
        }
        if let error { return .failure(URLSessionTransport.classify(error, request: request, timeout: timeout)) }
        guard let http = state.response ?? (response as? HTTPURLResponse) else {
            return .failure(request.failure(.connection, "the answer was not HTTP"))
        }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
        }
        return .success(OutboundResponse(status: http.statusCode, headers: headers, body: state.body))
    }
}

/// Carries a URLSessionDataTask (thread-safe, not marked Sendable on Linux) across a closure boundary.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }
}
