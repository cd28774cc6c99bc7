import Foundation
import HTTP
import Jobs
import Runner
import Testing
import TestSupport

@Suite("HTTP client lifecycle")
struct HTTPClientLifecycleTests {
    @Test func shutdown_twiceAndRelease_isSafe() async throws {
        let sandbox = try await HTTPTestKit.sandbox()
        defer { sandbox.stop() }
        var http: HTTPClient? = HTTPTestKit.client()
        _ = try await HTTPTestKit.payments(http!, sandbox).payment(id: "pay_1")

        http?.shutdown()
        http?.shutdown()
        http = nil

        #expect(try await sandbox.stats().total == 1)
    }
}
