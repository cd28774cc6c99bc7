import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What the test-support servers (`provider-sandbox`, `aws-emulator`) share: start on a free loopback port and
/// wait for `listening on 127.0.0.1:PORT`, stop once, and plain HTTP calls to them.
public struct LoopbackServerFailure: Error, CustomStringConvertible {
    public let description: String
}

enum LoopbackServer {
    /// Starts `name` with `--host 127.0.0.1 --port 0 --exit-with-parent` and `arguments`; returns it and its port.
    static func start(_ name: String, _ arguments: [String], timeout: Duration) async throws -> (RunningProcess, Int) {
        let process = try Executable.start(name, ["--host", "127.0.0.1", "--port", "0", "--exit-with-parent"] + arguments)
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            let output = process.stdoutSoFar
            if let line = output.split(separator: "\n").first, output.contains("\n") {
                guard line.hasPrefix("listening on 127.0.0.1:"), let port = Int(line.split(separator: ":").last ?? "") else {
                    _ = process.wait(timeout: 1)
                    throw LoopbackServerFailure(description: "\(name) printed `\(line)` instead of `listening on 127.0.0.1:PORT`")
                }
                return (process, port)
            }
            if !process.process.isRunning {
                let output = process.wait(timeout: 1)
                throw LoopbackServerFailure(description: "\(name) exited with \(output.status): \(output.stderr)")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        process.signal(SIGKILL)
        _ = process.wait(timeout: 1)
        throw LoopbackServerFailure(description: "\(name) did not print `listening on` within \(timeout)")
    }

    /// SIGTERM, then a bounded wait; `stopped` makes a second call a no-op.
    static func stop(_ process: RunningProcess, _ stopped: LockedFlag) {
        guard stopped.set() else { return }
        if process.process.isRunning { process.signal(SIGTERM) }
        _ = process.wait(timeout: 5)
    }

    /// One request; the status and body of whatever answer came back.
    static func call(_ request: URLRequest) async throws -> (status: Int, body: Data) {
        try await withCheckedThrowingContinuation { continuation in
            URLSession.shared.dataTask(with: request) { data, response, error in
                if let response = response as? HTTPURLResponse {
                    continuation.resume(returning: (response.statusCode, data ?? Data()))
                } else {
                    let path = request.url?.path ?? "?"
                    continuation.resume(throwing: error ?? LoopbackServerFailure(description: "no answer from \(path)"))
                }
            }.resume()
        }
    }
}
