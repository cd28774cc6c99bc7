import Foundation
import HTTP
import Jobs
import Runner
import Testing
import TestSupport

@Suite("Tokens and bodies never reach logs or errors")
struct RedactionTests {
    @Test func logs_showTheCallButNeverTokenOrBody() async throws {
        let sandbox = try await HTTPTestKit.sandbox()
        defer { sandbox.stop() }
        try await sandbox.configure(["error_next": 1, "force_status": ["pay_gone": 404]])
        let logs = CapturedLogs()
        let http = HTTPTestKit.client(logs: logs)

        _ = try await HTTPTestKit.email(http, sandbox).send(
            OutboundMessage(to: "jane.doe@example.com", template: "order-paid", data: ["secret_link": "https://x.test/t/abc"]),
            idempotencyKey: "notification-1")
        let error = await HTTPTestKit.failure { () async throws(HTTPClientError) in
            try await HTTPTestKit.payments(http, sandbox).payment(id: "pay_gone")
        }

        let text = logs.allText
        for leaked in [HTTPTestKit.token, "Bearer", "jane.doe", "order-paid", "x.test", "Authorization"] {
            #expect(!text.contains(leaked), "logs contain \(leaked)")
            #expect(error?.description.contains(leaked) == false)
        }
        let retry = try #require(logs.entries.first { $0.message == "http retrying" })
        #expect(retry.metadata["http.method"] == "POST")
        #expect(retry.metadata["http.target"] == "127.0.0.1:\(sandbox.port)/v1/messages")
        #expect(retry.metadata["http.status"] == "503")
        #expect(retry.metadata["http.attempt"] == "1")
        #expect(retry.metadata["http.duration_ms"] != nil)
        #expect(retry.metadata["http.idempotency_key"] == "notification-1")
        #expect(logs.entries.contains { $0.message == "http ok" && $0.metadata["http.attempt"] == "2" })
        #expect(logs.entries.contains { $0.message == "http failed" && $0.metadata["http.status"] == "404" })
    }

    @Test func errorExcerpt_removesTheTokenAndMasksEmails() {
        let token = HTTPTestKit.token
        let body = Data(#"{"error":{"message":"bad token \#(token) for jane.doe@example.com","api_key":"k_123"}}"#.utf8)
        let excerpt = Redaction.excerpt(of: body, removing: [token])

        #expect(!excerpt.contains(token))
        #expect(!excerpt.contains("jane.doe"))
        #expect(!excerpt.contains("k_123"))
        #expect(excerpt.contains("j***@example.com"))
    }

    @Test func errorExcerpt_ofAnHTMLPage_isShortAndOneLine() {
        let page = "<html>\n<body>\n" + String(repeating: "<p>Bad Gateway</p>\n", count: 100) + "</body></html>"
        let excerpt = Redaction.excerpt(of: Data(page.utf8))

        #expect(excerpt.count <= 121)
        #expect(!excerpt.contains("\n"))
    }

    @Test(arguments: [
        ("mail jane.doe@example.com now", "mail j***@example.com now"),
        ("a@b.co,c.d+e@f.example.org", "a***@b.co,c***@f.example.org"),
        ("no address @ here", "no address @ here"),
        ("user@localhost", "user@localhost"),
    ])
    func maskEmails_keepsOnlyFirstCharacterAndDomain(input: String, expected: String) {
        #expect(Redaction.maskEmails(in: input) == expected)
    }

    @Test func bodySummary_keepsIdsAndAmounts_dropsSecrets() {
        let body = Data(#"{"payout_id":"payout-5","amount_minor":4200,"paid":true,"token":"abc","nested":{"password":"p","email":"x.y@z.io"}}"#.utf8)
        let summary = Redaction.summary(ofBody: body)

        #expect(summary == #"{"amount_minor":4200,"nested":{"email":"x***@z.io","password":"[redacted]"},"paid":true,"payout_id":"payout-5","token":"[redacted]"}"#)
    }

    @Test func bearerToken_printsRedacted() {
        let token = BearerToken("s3cr3t-value")
        #expect("\(token)" == "[redacted]")
        #expect(String(reflecting: token) == "BearerToken([redacted])")
    }
}
