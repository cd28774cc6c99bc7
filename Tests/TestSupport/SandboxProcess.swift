import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The built `provider-sandbox` on a free loopback port: started, waited for, configured, read and stopped by tests.
public final class SandboxProcess: Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// What `GET /_admin/stats` returns.
    public struct Stats: Decodable, Sendable {
        public let total: Int
        public let routes: [String: Int]
        public let keys: [String: Int]
        public let statuses: [String: Int]
        /// Most provider requests in flight at once.
        public let maxInFlight: Int

        enum CodingKeys: String, CodingKey { case total, routes, keys, statuses, maxInFlight = "max_in_flight" }

        /// Requests that reached `route`, e.g. `"POST /v1/payouts"` or `"GET /v1/payments/{id}"`.
        public func count(_ route: String) -> Int { routes[route] ?? 0 }
        /// Requests that carried Idempotency-Key `key`.
        public func count(key: String) -> Int { keys[key] ?? 0 }
        /// Answers with `status` (0: connections closed by the `close` down mode).
        public func count(status: Int) -> Int { statuses[String(status)] ?? 0 }
    }

    public let port: Int
    /// `http://127.0.0.1:PORT`, the base URL the provider clients take.
    public let baseURL: URL
    private let process: RunningProcess
    private let stopped = LockedFlag()

    private init(process: RunningProcess, port: Int) {
        self.process = process
        self.port = port
        baseURL = URL(string: "http://127.0.0.1:\(port)")!
    }

    deinit { stop() }

    /// Starts the sandbox with `arguments` (knobs as flags) on a free port and waits for `listening on`.
    public static func start(_ arguments: [String] = [], timeout: Duration = .seconds(90)) async throws -> SandboxProcess {
        let (process, port) = try await LoopbackServer.start("provider-sandbox", arguments, timeout: timeout)
        return SandboxProcess(process: process, port: port)
    }

    /// SIGTERM, then a bounded wait. Safe to call twice.
    public func stop() { LoopbackServer.stop(process, stopped) }

    /// `POST /_admin/config` with a JSON object of knobs, e.g. `["error_next": 2]`.
    public func configure(_ settings: [String: Any]) async throws {
        let body = try JSONSerialization.data(withJSONObject: settings)
        let (status, data) = try await call("POST", "/_admin/config", body: body)
        guard status == 200 else { throw Failure(description: "config refused (\(status)): \(String(decoding: data, as: UTF8.self))") }
    }

    /// `POST /_admin/reset`: startup settings, empty stats, no payouts.
    public func reset() async throws {
        let (status, _) = try await call("POST", "/_admin/reset", body: Data())
        guard status == 200 else { throw Failure(description: "reset answered \(status)") }
    }

    public func stats() async throws -> Stats {
        let (status, data) = try await call("GET", "/_admin/stats", body: nil)
        guard status == 200 else { throw Failure(description: "stats answered \(status)") }
        return try JSONDecoder().decode(Stats.self, from: data)
    }

    /// One raw request to the sandbox, for tests that need to see exactly what it answers.
    public func call(
        _ method: String, _ path: String, body: Data?, headers: [String: String] = [:]
    ) async throws -> (status: Int, body: Data) {
        var request = URLRequest(url: URL(string: path, relativeTo: baseURL)!)
        request.httpMethod = method
        request.httpBody = body
        request.timeoutInterval = 10
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if body != nil { request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        return try await LoopbackServer.call(request)
    }
}

/// A flag that is set once.
final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    /// Sets the flag; true if this call set it.
    func set() -> Bool {
        lock.withLock {
            defer { value = true }
            return !value
        }
    }
}
