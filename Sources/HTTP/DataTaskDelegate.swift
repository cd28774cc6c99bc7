import Synchronization
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The URLSession delegate of `URLSessionTransport`: refuses every redirect and routes each task's answer to its
/// `DataTaskCall`. Session-level and with delegate-only tasks: FoundationNetworking on Linux ignores a per-task
/// delegate, and a completion-handler task gives no way to stop reading a body that is too large.
final class DataTaskDelegate: NSObject, URLSessionDataDelegate, Sendable {
    private let calls = Mutex([Int: DataTaskCall]())

    func register(_ call: DataTaskCall, for task: URLSessionTask) {
        calls.withLock { $0[task.taskIdentifier] = call }
    }

    private func call(for task: URLSessionTask) -> DataTaskCall? {
        calls.withLock { $0[task.taskIdentifier] }
    }

    /// Never follows: the request carries the bearer token. The 3xx then completes the task as its answer.
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        call(for: dataTask)?.receive(response)
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        call(for: dataTask)?.receive(data)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let call = calls.withLock { $0.removeValue(forKey: task.taskIdentifier) }
        call?.complete(error: error, response: task.response)
    }
}
