import Foundation
import HTTP
import Jobs
import Runner
import Testing
import TestSupport

@Suite("Idempotency keys and sandbox payouts")
struct IdempotencyTests {
    static let payout = PayoutRequest(payoutID: "payout-41", sellerID: "usr_7", amountMinor: 12_500, currency: "USD")

    @Test func post_retries_sendTheSameKeyEveryAttempt() async throws {
        let sandbox = try await HTTPTestKit.sandbox()
        defer { sandbox.stop() }
        try await sandbox.configure(["error_next": 2])
        let http = HTTPTestKit.client()

        let receipt = try await HTTPTestKit.email(http, sandbox).send(
            OutboundMessage(to: "buyer@example.com", template: "order-paid"), idempotencyKey: "notification-17")

        #expect(receipt.status == .accepted)
        let stats = try await sandbox.stats()
        #expect(stats.count(key: "notification-17") == 3)
        #expect(stats.count("POST /v1/messages") == 3)
        #expect(stats.keys.count == 1)
    }

    @Test func post_withoutKey_isRefusedBeforeSending() async throws {
        let sandbox = try await HTTPTestKit.sandbox()
        defer { sandbox.stop() }
        let http = HTTPTestKit.client()
        let request = try OutboundRequest.json(
            .post, HTTPTestKit.endpoint(sandbox).url("v1", "messages"), body: ["to": "x"], token: BearerToken(HTTPTestKit.token),
            idempotencyKey: nil)

        let error = await HTTPTestKit.failure { () async throws(HTTPClientError) in
            try await http.send(request, simulated: OutboundResponse(status: 200))
        }

        #expect(error?.kind == .invalidRequest)
        #expect(try await sandbox.stats().total == 0)
    }

    @Test func sandbox_sameKeyTwice_returnsTheSamePayout() async throws {
        let sandbox = try await HTTPTestKit.sandbox()
        defer { sandbox.stop() }
        let payouts = HTTPTestKit.payouts(HTTPTestKit.client(), sandbox)

        let first = try await payouts.requestPayout(Self.payout, idempotencyKey: "payout-41")
        let second = try await payouts.requestPayout(Self.payout, idempotencyKey: "payout-41")
        let other = try await payouts.requestPayout(
            PayoutRequest(payoutID: "payout-42", sellerID: "usr_7", amountMinor: 900, currency: "USD"), idempotencyKey: "payout-42")

        #expect(first.id.hasPrefix("po_"))
        #expect(first == second)
        #expect(other.id != first.id)
        let stats = try await sandbox.stats()
        #expect(stats.count(key: "payout-41") == 2)
        #expect(stats.count("POST /v1/payouts") == 3)
    }

    @Test func sandbox_sameKeyDifferentBody_isRefused() async throws {
        let sandbox = try await HTTPTestKit.sandbox()
        defer { sandbox.stop() }
        let payouts = HTTPTestKit.payouts(HTTPTestKit.client(), sandbox)
        _ = try await payouts.requestPayout(Self.payout, idempotencyKey: "payout-41")
        var changed = Self.payout
        changed.amountMinor += 1

        let error = await HTTPTestKit.failure { () async throws(HTTPClientError) in
            try await payouts.requestPayout(changed, idempotencyKey: "payout-41")
        }

        #expect(error?.kind == .status(422))
        #expect(error?.description.contains("idempotency_key_reused") == true)
    }

    @Test func payout_errorAfterProcessing_retryGetsTheSamePayout() async throws {
        let sandbox = try await HTTPTestKit.sandbox()
        defer { sandbox.stop() }
        try await sandbox.configure(["error_next": 1, "error_after_processing": true])
        let payouts = HTTPTestKit.payouts(HTTPTestKit.client(), sandbox)

        let payout = try await payouts.requestPayout(Self.payout, idempotencyKey: "payout-41")
        let next = try await payouts.requestPayout(
            PayoutRequest(payoutID: "payout-43", sellerID: "usr_8", amountMinor: 100, currency: "USD"), idempotencyKey: "payout-43")

        // The first attempt created po_1 and answered 503; the retry got po_1 back rather than creating po_2.
        #expect(payout.id == "po_1")
        #expect(next.id == "po_2")
        #expect(try await sandbox.stats().count(key: "payout-41") == 2)
    }

    @Test(arguments: [("paid", nil as String?), ("failed", "account_closed")])
    func payout_polls_settleAfterTheConfiguredPolls(outcome: String, reason: String?) async throws {
        let sandbox = try await HTTPTestKit.sandbox(["--payout-settle-polls", "2"])
        defer { sandbox.stop() }
        try await sandbox.configure(["payouts": [Self.payout.payoutID: outcome]])
        let payouts = HTTPTestKit.payouts(HTTPTestKit.client(), sandbox)
        let created = try await payouts.requestPayout(Self.payout, idempotencyKey: "payout-41")

        let firstPoll = try await payouts.payout(providerID: created.id)
        let secondPoll = try await payouts.payout(providerID: created.id)

        #expect(created.status == .requested)
        #expect(firstPoll.status == .requested)
        #expect(secondPoll.status == PayoutStatus(rawValue: outcome))
        #expect(secondPoll.failureReason == reason)
    }
}
