import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The built `aws-emulator` (local ECS + CloudWatch Logs) on a free loopback port, started and stopped by a test.
public final class EmulatorProcess: Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public let port: Int
    /// `http://127.0.0.1:PORT`: what AWS_ENDPOINT_URL points at.
    public let endpoint: String
    private let process: RunningProcess
    private let stopped = LockedFlag()

    private init(process: RunningProcess, port: Int) {
        self.process = process
        self.port = port
        endpoint = "http://127.0.0.1:\(port)"
    }

    deinit { stop() }

    /// Starts the emulator with `arguments` and waits for `listening on 127.0.0.1:PORT`.
    public static func start(_ arguments: [String], timeout: Duration = .seconds(60)) async throws -> EmulatorProcess {
        let (process, port) = try await LoopbackServer.start("aws-emulator", arguments, timeout: timeout)
        return EmulatorProcess(process: process, port: port)
    }

    public func stop() { LoopbackServer.stop(process, stopped) }

    /// `POST /_admin/faults`, e.g. `["throttle_next": 3]`, `["fail_next_start": "reason"]`, `["deny": ["RunTask"]]`.
    public func faults(_ settings: [String: Any]) async throws {
        let (status, _) = try await call("POST", "/_admin/faults", body: try JSONSerialization.data(withJSONObject: settings))
        guard status == 200 else { throw Failure(description: "faults answered \(status)") }
    }

    /// `GET /_admin/stats`: calls per operation, throttled, signature failures, issued credentials, tasks.
    public func stats() async throws -> [String: Any] {
        let (status, data) = try await call("GET", "/_admin/stats", body: nil)
        guard status == 200, let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Failure(description: "stats answered \(status)")
        }
        return object
    }

    public func call(_ method: String, _ path: String, body: Data?, headers: [String: String] = [:]) async throws -> (status: Int, body: Data) {
        guard let url = URL(string: endpoint + path) else { throw Failure(description: "bad path \(path)") }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.httpBody = body
        request.timeoutInterval = 10
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        return try await LoopbackServer.call(request)
    }
}
