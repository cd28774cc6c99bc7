import Foundation
import HTTP
import Jobs
import Logging
import Runner
import TestSupport

/// Builds clients pointed at a running sandbox, with settings small enough for fast tests.
enum HTTPTestKit {
    static let token = "tok_live_9f8e7d6c5b4a3928"

    static func retry(
        attempts: Int = 4, base: Duration = .milliseconds(20), maxDelay: Duration = .milliseconds(200),
        budget: Duration = .seconds(10)
    ) -> HTTPRetryPolicy {
        HTTPRetryPolicy(maxAttempts: attempts, baseDelay: base, maxDelay: maxDelay, maxRetryAfter: .seconds(5), budget: budget)
    }

    static func client(
        mode: HTTPClientMode = .live, concurrency: Int = 8, timeout: Duration = .seconds(5),
        retry: HTTPRetryPolicy = HTTPTestKit.retry(), logs: CapturedLogs = CapturedLogs(),
        transport: HTTPTransportKind = .swiftNIO
    ) -> HTTPClient {
        HTTPClient(
            configuration: HTTPClientConfiguration(concurrency: concurrency, requestTimeout: timeout, retry: retry, transport: transport),
            mode: mode, logger: logs.logger())
    }

    static func endpoint(_ sandbox: SandboxProcess) -> ProviderEndpoint {
        ProviderEndpoint(baseURL: sandbox.baseURL, token: BearerToken(token))
    }

    /// A sandbox that insists on the test token, so every test also proves the bearer token is sent.
    static func sandbox(_ arguments: [String] = []) async throws -> SandboxProcess {
        try await SandboxProcess.start(["--token", token] + arguments)
    }

    static func payments(_ http: HTTPClient, _ sandbox: SandboxProcess) -> PaymentsClient {
        PaymentsClient(http: http, endpoint: endpoint(sandbox))
    }

    static func payouts(_ http: HTTPClient, _ sandbox: SandboxProcess) -> PayoutsClient {
        PayoutsClient(http: http, endpoint: endpoint(sandbox))
    }

    static func email(_ http: HTTPClient, _ sandbox: SandboxProcess) -> EmailClient {
        EmailClient(http: http, endpoint: endpoint(sandbox))
    }

    static func push(_ http: HTTPClient, _ sandbox: SandboxProcess) -> PushClient {
        PushClient(http: http, endpoint: endpoint(sandbox))
    }

    /// Runs `body` and returns the error it threw as `HTTPClientError`, or nil if it succeeded.
    static func failure<T>(_ body: () async throws(HTTPClientError) -> T) async -> HTTPClientError? {
        do {
            _ = try await body()
            return nil
        } catch {
            return error
        }
    }

    static func seconds(_ body: () async throws -> Void) async rethrows -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        try await body()
        return (clock.now - start) / .seconds(1)
    }
}
