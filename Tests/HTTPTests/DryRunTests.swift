import Foundation
import HTTP
import Jobs
import Runner
import Testing
import TestSupport

@Suite("Dry-run and offline modes")
struct DryRunTests {
    @Test func dryRun_changesAreRecordedNotSent_getsStillGo() async throws {
        let sandbox = try await HTTPTestKit.sandbox()
        defer { sandbox.stop() }
        try await sandbox.configure(["payments": ["pay_9": "approved"]])
        let http = HTTPTestKit.client(mode: .dryRun)

        let payment = try await HTTPTestKit.payments(http, sandbox).payment(id: "pay_9")
        let payout = try await HTTPTestKit.payouts(http, sandbox).requestPayout(
            PayoutRequest(payoutID: "payout-5", sellerID: "usr_3", amountMinor: 4200, currency: "USD"), idempotencyKey: "payout-5")
        let receipt = try await HTTPTestKit.email(http, sandbox).send(
            OutboundMessage(to: "jane.doe@example.com", template: "payout-requested", data: ["name": "Jane Doe"]),
            idempotencyKey: "notification-88")
        let push = try await HTTPTestKit.push(http, sandbox).send(
            OutboundMessage(to: "device-4f9a8b7c6d5e", template: "ticket-reminder"), idempotencyKey: "notification-89")

        #expect(payment.status == .approved)
        #expect(payout == ProviderPayout(id: "po_dryrun_payout-5", status: .requested))
        #expect(receipt.status == .accepted)
        #expect(push.id == "push_dryrun_notification-89")
        let stats = try await sandbox.stats()
        #expect(stats.count("GET /v1/payments/{id}") == 1)
        #expect(stats.count("POST /v1/payouts") == 0)
        #expect(stats.count("POST /v1/messages") == 0)
        #expect(stats.count("POST /v1/push") == 0)

        let calls = http.recordedCalls
        #expect(calls.map(\.method) == [.get, .post, .post, .post])
        #expect(calls.map(\.sent) == [true, false, false, false])
        #expect(calls[0].status == 200)
        #expect(calls[0].url == "\(sandbox.baseURL.absoluteString)/v1/payments/pay_9")
        #expect(calls[1].summary.contains(#""amount_minor":4200"#))
        #expect(calls[1].summary.contains(#""payout_id":"payout-5""#))
        #expect(calls[1].idempotencyKey == "payout-5")
        #expect(calls[2].summary.contains("j***@example.com"))
        #expect(calls[2].summary.contains("template=payout-requested"))
        let plan = String(decoding: try JSONEncoder().encode(calls), as: UTF8.self)
        for secret in ["jane.doe", "Jane Doe", HTTPTestKit.token, "device-4f9a8b7c6d5e"] {
            #expect(!plan.contains(secret), "the plan shows \(secret)")
        }
    }

    @Test func offline_nothingIsSent() async throws {
        let sandbox = try await HTTPTestKit.sandbox()
        defer { sandbox.stop() }
        let http = HTTPTestKit.client(mode: .offline)

        let payment = try await HTTPTestKit.payments(http, sandbox).payment(id: "pay_9")
        let polled = try await HTTPTestKit.payouts(http, sandbox).payout(providerID: "po_3")

        #expect(payment.status == .pending)
        #expect(polled.status == .requested)
        #expect(try await sandbox.stats().total == 0)
        #expect(http.recordedCalls.map(\.sent) == [false, false])
    }

    @Test func live_recordsNothing() async throws {
        let sandbox = try await HTTPTestKit.sandbox()
        defer { sandbox.stop() }
        let http = HTTPTestKit.client()

        _ = try await HTTPTestKit.email(http, sandbox).send(OutboundMessage(to: "a@example.com", template: "t"), idempotencyKey: "k1")

        #expect(http.recordedCalls.isEmpty)
        #expect(try await sandbox.stats().count(key: "k1") == 1)
    }

    @Test func recorder_keepsAtMostItsLimit() async throws {
        let http = HTTPClient(
            configuration: HTTPClientConfiguration(recordLimit: 2), mode: .offline, logger: CapturedLogs().logger())
        let endpoint = ProviderEndpoint(baseURL: URL(string: "http://127.0.0.1:9")!, token: BearerToken(HTTPTestKit.token))
        for index in 0..<5 { _ = try await PaymentsClient(http: http, endpoint: endpoint).payment(id: "pay_\(index)") }

        #expect(http.recordedCalls.count == 2)
        #expect(http.droppedRecordedCalls == 3)
    }
}
