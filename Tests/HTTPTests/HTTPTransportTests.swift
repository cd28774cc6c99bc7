import Foundation
import HTTP
import Jobs
import Runner
import Testing
import TestSupport

/// Every transport behind `HTTPTransport` against the sandbox: the same answers, the same failure kinds.
@Suite("HTTP transports: SwiftNIO, AsyncHTTPClient and URLSession")
struct HTTPTransportTests {
    @Test(arguments: HTTPTransportKind.allCases)
    func send_getAndPost_roundTripThroughTheProviderClients(transport: HTTPTransportKind) async throws {
        let sandbox = try await HTTPTestKit.sandbox()
        defer { sandbox.stop() }
        try await sandbox.configure(["payments": ["pay_7": "approved"]])
        let http = HTTPTestKit.client(transport: transport)
        defer { http.shutdown() }

        let payment = try await HTTPTestKit.payments(http, sandbox).payment(id: "pay_7")
        let message = OutboundMessage(to: "buyer@example.com", template: "order_paid", data: ["order": "7"])
        let first = try await HTTPTestKit.email(http, sandbox).send(message, idempotencyKey: "k-\(transport.rawValue)")
        let replay = try await HTTPTestKit.email(http, sandbox).send(message, idempotencyKey: "k-\(transport.rawValue)")

        #expect(payment.status == .approved)
        #expect(first.id == replay.id)
        let stats = try await sandbox.stats()
        #expect(stats.count(key: "k-\(transport.rawValue)") == 2)
        #expect(stats.count(status: 200) + stats.count(status: 201) == 3, "\(stats)")
    }

    @Test(arguments: HTTPTransportKind.allCases)
    func send_nothingListening_failsFastAsConnectionRefused(transport: HTTPTransportKind) async throws {
        let sandbox = try await HTTPTestKit.sandbox()
        let endpoint = HTTPTestKit.endpoint(sandbox)
        sandbox.stop()
        let http = HTTPTestKit.client(retry: HTTPTestKit.retry(attempts: 3), transport: transport)
        defer { http.shutdown() }

        var error: HTTPClientError?
        let seconds = await HTTPTestKit.seconds {
            error = await HTTPTestKit.failure { () async throws(HTTPClientError) in
                try await PaymentsClient(http: http, endpoint: endpoint).payment(id: "pay_1")
            }
        }

        #expect(error?.kind == .connection)
        #expect(error?.attempts == 3)
        #expect(error?.description.contains("connection refused") == true)
        // Three attempts with 20-200 ms of backoff: nowhere near the 5 s request timeout.
        #expect(seconds < 3)
    }

    @Test(arguments: HTTPTransportKind.allCases)
    func send_slowerThanTheTimeout_isTimeout(transport: HTTPTransportKind) async throws {
        let sandbox = try await HTTPTestKit.sandbox(["--latency", "1500"])
        defer { sandbox.stop() }
        let http = HTTPTestKit.client(timeout: .milliseconds(200), retry: HTTPTestKit.retry(attempts: 1), transport: transport)
        defer { http.shutdown() }

        let error = await HTTPTestKit.failure { () async throws(HTTPClientError) in
            try await HTTPTestKit.payments(http, sandbox).payment(id: "pay_1")
        }

        #expect(error?.kind == .timeout)
        #expect(error?.description.contains("no answer within 200ms") == true)
    }

    @Test func configuration_httpTransport_defaultsToSwiftNIOAndRejectsUnknownNames() throws {
        #expect(try HTTPClientConfiguration(Configuration([:])).transport == .swiftNIO)
        #expect(try HTTPClientConfiguration(Configuration(["HTTP_TRANSPORT": "urlsession"])).transport == .urlSession)
        #expect(try HTTPClientConfiguration(Configuration(["HTTP_TRANSPORT": "async-http-client"])).transport == .asyncHTTPClient)
        #expect(throws: ConfigurationError(variable: "HTTP_TRANSPORT", problem: "must be one of swift-nio, async-http-client, urlsession")) {
            try HTTPClientConfiguration(Configuration(["HTTP_TRANSPORT": "curl"]))
        }
    }
}
