import Foundation
import HTTP
import Jobs
import Runner
import Testing
import TestSupport

@Suite("Malformed provider answers become decoding errors")
struct MalformedResponseTests {
    static let modes = ["truncated", "wrong_types", "html", "error_body", "empty"]
    static let calls = ["payment", "payout", "email", "push"]

    /// One sandbox per call; each mode is served once (`malformed_next: 1`) and must come back as `.decoding`.
    @Test(arguments: calls)
    func malformed_isDecodingError_notRetried(call: String) async throws {
        let sandbox = try await HTTPTestKit.sandbox()
        defer { sandbox.stop() }
        let http = HTTPTestKit.client()

        for (index, mode) in Self.modes.enumerated() {
            try await sandbox.configure(["malformed_next": 1, "malformed_modes": [mode], "payments": ["pay_1": "approved"]])
            let key = "key-\(mode)"
            let error = await HTTPTestKit.failure { () async throws(HTTPClientError) in
                switch call {
                case "payment": _ = try await HTTPTestKit.payments(http, sandbox).payment(id: "pay_1")
                case "payout":
                    _ = try await HTTPTestKit.payouts(http, sandbox).requestPayout(
                        PayoutRequest(payoutID: "payout-\(index)", sellerID: "usr_1", amountMinor: 100, currency: "USD"), idempotencyKey: key)
                case "email": _ = try await HTTPTestKit.email(http, sandbox).send(OutboundMessage(to: "a@example.com", template: "t"), idempotencyKey: key)
                default: _ = try await HTTPTestKit.push(http, sandbox).send(OutboundMessage(to: "device-1", template: "t"), idempotencyKey: key)
                }
            }

            #expect(error?.kind == .decoding, "\(mode) on \(call): \(String(describing: error))")
            #expect(error?.isTransient == false)
            #expect(error?.description.contains(HTTPTestKit.token) == false)
            #expect(try await sandbox.stats().total == index + 1, "\(mode) on \(call) was retried")
        }
    }

    @Test(arguments: [
        (#"{"id":"pay_1","status":"approved","amount_minor":1"#, "not valid JSON"),
        (#"{"id":"pay_1","status":"approved","amount_minor":"1","currency":"USD","updated_at":"2025-01-01T00:00:00Z"}"#, "wrong type at `amount_minor`"),
        (#"{"id":"pay_1","status":"paid","amount_minor":1,"currency":"USD","updated_at":"2025-01-01T00:00:00Z"}"#, "invalid value at `status`"),
        (#"{"id":"pay_1","status":"approved","currency":"USD","updated_at":"2025-01-01T00:00:00Z"}"#, "missing `amount_minor`"),
        (#"{"id":"pay_1","status":"approved","amount_minor":1,"currency":"USD","updated_at":"yesterday"}"#, "invalid value at `updated_at`"),
        (#"{"error":{"message":"boom"}}"#, "error object"),
    ])
    func decode_describesWhatIsWrong(body: String, expected: String) throws {
        let request = OutboundRequest.get(RequestURL(URL(string: "http://127.0.0.1:1/v1/payments/pay_1")!), token: BearerToken(HTTPTestKit.token))
        let response = OutboundResponse(status: 200, headers: ["Content-Type": "application/json"], body: Data(body.utf8))

        #expect {
            _ = try HTTPClient.decode(ProviderPayment.self, from: response, for: request)
        } throws: { error in
            let error = error as? HTTPClientError
            return error?.kind == .decoding && error?.detail.contains(expected) == true
        }
    }

    @Test func decode_fractionalSecondsDate_isAccepted() throws {
        let request = OutboundRequest.get(RequestURL(URL(string: "http://127.0.0.1:1/v1/payments/pay_1")!), token: nil)
        let body = #"{"id":"pay_1","status":"rejected","amount_minor":250,"currency":"EUR","updated_at":"2025-03-01T10:20:30.123Z"}"#
        let payment = try HTTPClient.decode(ProviderPayment.self, from: OutboundResponse(status: 200, body: Data(body.utf8)), for: request)

        #expect(payment.status == .rejected)
        #expect(payment.amountMinor == 250)
        #expect(abs(payment.updatedAt.timeIntervalSince1970 - 1_740_824_430.123) < 0.001)
    }
}
