import Foundation
import HTTP
import Jobs
import Runner
import Testing
import TestSupport

@Suite("HTTP client retries against the sandbox")
struct HTTPClientRetryTests {
    @Test func send_5xxThenSuccess_retriesAndSucceeds() async throws {
        let sandbox = try await HTTPTestKit.sandbox()
        defer { sandbox.stop() }
        try await sandbox.configure(["error_next": 2, "payments": ["pay_1": "approved"]])
        let http = HTTPTestKit.client()

        let payment = try await HTTPTestKit.payments(http, sandbox).payment(id: "pay_1")

        #expect(payment.status == .approved)
        let stats = try await sandbox.stats()
        #expect(stats.count("GET /v1/payments/{id}") == 3)
        #expect(stats.count(status: 503) == 2)
        #expect(stats.count(status: 200) == 1)
    }

    @Test(arguments: [("seconds", 1, 1.0), ("http-date", 2, 1.0)])
    func send_429WithRetryAfter_waitsForIt(format: String, retryAfter: Int, minimumSeconds: Double) async throws {
        let sandbox = try await HTTPTestKit.sandbox()
        defer { sandbox.stop() }
        try await sandbox.configure(["throttle_next": 1, "retry_after": retryAfter, "retry_after_format": format])
        let http = HTTPTestKit.client(retry: HTTPTestKit.retry(base: .milliseconds(1), maxDelay: .milliseconds(5)))

        let elapsed = try await HTTPTestKit.seconds {
            _ = try await HTTPTestKit.payments(http, sandbox).payment(id: "pay_throttled")
        }

        // The backoff alone would wait at most 5 ms; only Retry-After explains a wait this long.
        #expect(elapsed >= minimumSeconds)
        #expect(elapsed < Double(retryAfter) + 4)
        let stats = try await sandbox.stats()
        #expect(stats.count(status: 429) == 1)
        #expect(stats.count("GET /v1/payments/{id}") == 2)
    }

    @Test(arguments: [404, 400, 409, 422])
    func send_permanent4xx_notRetried(status: Int) async throws {
        let sandbox = try await HTTPTestKit.sandbox()
        defer { sandbox.stop() }
        try await sandbox.configure(["force_status": ["pay_gone": status]])
        let http = HTTPTestKit.client()

        let error = await HTTPTestKit.failure { () async throws(HTTPClientError) in
            try await HTTPTestKit.payments(http, sandbox).payment(id: "pay_gone")
        }

        #expect(error?.kind == .status(status))
        #expect(error?.isTransient == false)
        #expect(error?.attempts == 1)
        #expect(try await sandbox.stats().count("GET /v1/payments/{id}") == 1)
    }

    @Test func send_unknownPayment_is404Permanent() async throws {
        let sandbox = try await HTTPTestKit.sandbox()
        defer { sandbox.stop() }
        let http = HTTPTestKit.client()

        let error = await HTTPTestKit.failure { () async throws(HTTPClientError) in
            try await HTTPTestKit.payouts(http, sandbox).payout(providerID: "po_does_not_exist")
        }

        #expect(error?.kind == .status(404))
        #expect(error?.exitCode == 1)
        #expect(try await sandbox.stats().count("GET /v1/payouts/{id}") == 1)
    }

    @Test func send_timeouts_retriedThenGiveUpWithTimeout() async throws {
        let sandbox = try await HTTPTestKit.sandbox(["--latency", "1500"])
        defer { sandbox.stop() }
        let http = HTTPTestKit.client(timeout: .milliseconds(200), retry: HTTPTestKit.retry(attempts: 3, base: .milliseconds(10)))

        var error: HTTPClientError?
        let elapsed = await HTTPTestKit.seconds {
            error = await HTTPTestKit.failure { () async throws(HTTPClientError) in
                try await HTTPTestKit.payments(http, sandbox).payment(id: "pay_slow")
            }
        }

        #expect(error?.kind == .timeout)
        #expect(error?.attempts == 3)
        #expect(error?.isTransient == true)
        #expect(error?.exitCode == 69)
        #expect(elapsed >= 0.6 && elapsed < 3.0, "3 attempts of 200 ms plus short backoffs, took \(elapsed)s")
        #expect(try await sandbox.stats().count("GET /v1/payments/{id}") == 3)
    }

    @Test func send_alwaysFailing_stopsAtTheBudget() async throws {
        let sandbox = try await HTTPTestKit.sandbox(["--error-rate", "1"])
        defer { sandbox.stop() }
        let retry = HTTPTestKit.retry(attempts: 50, base: .milliseconds(100), maxDelay: .milliseconds(100), budget: .milliseconds(1200))
        let http = HTTPTestKit.client(retry: retry)

        var error: HTTPClientError?
        let elapsed = await HTTPTestKit.seconds {
            error = await HTTPTestKit.failure { () async throws(HTTPClientError) in
                try await HTTPTestKit.payments(http, sandbox).payment(id: "pay_1")
            }
        }

        #expect(error?.kind == .budgetExhausted)
        #expect(error?.lastFailure == .status(503))
        #expect(error?.status == 503)
        // It stops within one backoff step (100 ms) of the 1.2 s budget, not earlier; the upper bound is loose
        // because the suite shares a loaded 2-core machine (50 attempts would take over 5 s).
        #expect(elapsed >= 1.05 && elapsed < 4.0, "gave up after \(elapsed)s; the budget is 1.2s")
        let attempts = try await sandbox.stats().count("GET /v1/payments/{id}")
        #expect(attempts >= 2 && attempts < 50)
        #expect(error?.attempts == attempts)
    }

    @Test func send_callerDeadline_capsTheBudget() async throws {
        let sandbox = try await HTTPTestKit.sandbox(["--latency", "2000"])
        defer { sandbox.stop() }
        let http = HTTPTestKit.client(timeout: .seconds(10))

        var error: HTTPClientError?
        let elapsed = await HTTPTestKit.seconds {
            error = await HTTPTestKit.failure { () async throws(HTTPClientError) in
                try await HTTPTestKit.payments(http, sandbox).payment(id: "pay_1", deadline: .now + .milliseconds(300))
            }
        }

        #expect(error?.kind == .budgetExhausted)
        #expect(error?.lastFailure == .timeout)
        #expect(elapsed >= 0.29 && elapsed < 3.0, "the deadline was 0.3s, took \(elapsed)s")
    }

    @Test(arguments: ["503", "close"])
    func send_providerDown_isTransientAfterRetries(mode: String) async throws {
        let sandbox = try await HTTPTestKit.sandbox(["--down", mode])
        defer { sandbox.stop() }
        let http = HTTPTestKit.client(retry: HTTPTestKit.retry(attempts: 2))

        let error = await HTTPTestKit.failure { () async throws(HTTPClientError) in
            try await HTTPTestKit.payments(http, sandbox).payment(id: "pay_1")
        }

        #expect(error?.kind == (mode == "503" ? .status(503) : .connection))
        #expect(error?.isTransient == true)
        #expect(error?.exitCode == 69)
        #expect(try await sandbox.stats().count("GET /v1/payments/{id}") >= 2)
    }

    @Test func send_nothingListening_isConnectionError() async throws {
        let sandbox = try await HTTPTestKit.sandbox()
        let endpoint = HTTPTestKit.endpoint(sandbox)
        sandbox.stop()
        let http = HTTPTestKit.client(retry: HTTPTestKit.retry(attempts: 2))

        let error = await HTTPTestKit.failure { () async throws(HTTPClientError) in
            try await PaymentsClient(http: http, endpoint: endpoint).payment(id: "pay_1")
        }

        #expect(error?.kind == .connection)
        #expect(error?.attempts == 2)
        #expect(error?.description.contains("connection refused") == true)
    }

    @Test func send_wrongToken_is401Permanent() async throws {
        let sandbox = try await HTTPTestKit.sandbox()
        defer { sandbox.stop() }
        let http = HTTPTestKit.client()
        let client = PaymentsClient(http: http, endpoint: ProviderEndpoint(baseURL: sandbox.baseURL, token: BearerToken("wrong-token")))

        let error = await HTTPTestKit.failure { () async throws(HTTPClientError) in try await client.payment(id: "pay_1") }

        #expect(error?.kind == .status(401))
        #expect(try await sandbox.stats().count(status: 401) == 1)
    }
}
