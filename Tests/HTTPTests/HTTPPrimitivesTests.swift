import Foundation
import HTTP
import Runner
import Testing

@Suite("Retry-After, backoff, endpoints and configuration")
struct HTTPPrimitivesTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)  // Tue, 14 Nov 2023 22:13:20 GMT

    @Test(arguments: [
        ("7", Duration.seconds(7)),
        (" 0 ", .zero),
        ("Tue, 14 Nov 2023 22:13:50 GMT", .seconds(30)),
        ("Tuesday, 14-Nov-23 22:13:30 GMT", .seconds(10)),
        ("Tue Nov 14 22:14:20 2023", .seconds(60)),
        ("Tue, 14 Nov 2023 22:00:00 GMT", .zero),
    ])
    func retryAfter_parsesSecondsAndDates(header: String, expected: Duration) {
        #expect(RetryAfter.parse(header, now: Self.now) == expected)
    }

    @Test(arguments: [nil, "", "soon", "-5", "1.5"])
    func retryAfter_unreadable_isNil(header: String?) {
        #expect(RetryAfter.parse(header, now: Self.now) == nil)
    }

    @Test func backoff_growsWithJitterWithinBounds() {
        let policy = HTTPRetryPolicy(baseDelay: .milliseconds(100), maxDelay: .seconds(1))
        for attempt in 1...8 {
            let ceiling = min(Duration.milliseconds(100) * (1 << (attempt - 1)), .seconds(1))
            for _ in 0..<50 {
                let delay = policy.delay(afterAttempt: attempt, retryAfter: nil)
                #expect(delay >= ceiling / 2 && delay <= ceiling, "attempt \(attempt): \(delay)")
            }
        }
    }

    @Test func backoff_honorsRetryAfterUpToTheCap() {
        let policy = HTTPRetryPolicy(baseDelay: .milliseconds(10), maxDelay: .milliseconds(20), maxRetryAfter: .seconds(5))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(2)) == .seconds(2))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(3600)) == .seconds(5))
    }

    @Test(arguments: [
        ("http://127.0.0.1:8080", ["v1", "payments", "pay_1"], "http://127.0.0.1:8080/v1/payments/pay_1"),
        ("https://api.example.com/base/", ["v1", "payouts"], "https://api.example.com/base/v1/payouts"),
        ("https://api.example.com", ["v1", "payments", "a/b c?"], "https://api.example.com/v1/payments/a%2Fb%20c%3F"),
        ("http://127.0.0.1:8080//", ["v1", "é€", "ok-1_~"], "http://127.0.0.1:8080/v1/%C3%A9%E2%82%AC/ok-1_~"),
        ("http://127.0.0.1:8080", [], "http://127.0.0.1:8080/"),
    ])
    func endpoint_appendsEncodedSegments(base: String, segments: [String], expected: String) {
        let endpoint = ProviderEndpoint(baseURL: URL(string: base)!, token: BearerToken("t"))
        #expect(endpoint.url(path: segments).absoluteString == expected)
        #expect(endpoint.url(path: segments).url.absoluteString == expected)
    }

    /// Only an http(s) URL with a host is sent; anything else is refused before a connection is made.
    @Test(arguments: ["ftp://127.0.0.1/x", "mailto:a@example.com", "/v1/payments", "http:///v1", "file:///etc/passwd"])
    func request_toAURLThatIsNotHTTPWithAHost_isRefused(url: String) async throws {
        let http = HTTPTestKit.client()
        let request = OutboundRequest.get(RequestURL(try #require(URL(string: url))), token: nil)
        let error = await HTTPTestKit.failure { () async throws(HTTPClientError) in
            try await http.send(request, simulated: OutboundResponse(status: 200))
        }
        #expect(error?.kind == .invalidRequest)
        http.shutdown()
    }

    @Test(arguments: [
        ("application/json", true), ("application/problem+json; charset=utf-8", true), ("application/jjson", true),
        ("Application/JSON", true), ("application/vnd.api+Json", true), ("application/jsoN", true),
        ("text/html; charset=utf-8", false), ("application/*SON", false), ("application/j\u{0A}son", false), ("application/jso", false), ("", false), ("application/x-ndjso n", false),
    ])
    func contentType_namesJSON_anywhereInTheType(contentType: String, isJSON: Bool) {
        #expect(ProviderJSON.isJSON(contentType: contentType) == isJSON)
    }

    @Test func response_headerNames_lowercasedOnce_lookedUpInAnyCase() {
        let mixed = OutboundResponse(status: 200, headers: ["Retry-After": "5", "content-type": "application/json"])
        #expect(mixed.headers == ["retry-after": "5", "content-type": "application/json"])
        #expect(mixed.header("RETRY-after") == "5")
        #expect(mixed.header("content-type") == "application/json")
        #expect(mixed.header("x-missing") == nil)
    }

    @Test(arguments: [
        ([:], "PAYMENTS_API_URL is not set"),
        (["PAYMENTS_API_URL": "ftp://x"], "PAYMENTS_API_URL must be an http(s) URL"),
        (["PAYMENTS_API_URL": "https://api.example.com?k=v"], "PAYMENTS_API_URL must be an http(s) URL"),
        (["PAYMENTS_API_URL": "https://api.example.com"], "PAYMENTS_API_TOKEN is not set"),
    ])
    func endpoint_fromConfiguration_namesTheVariable(values: [String: String], expected: String) {
        #expect {
            _ = try ProviderEndpoint(configuration: Configuration(values), urlVariable: "PAYMENTS_API_URL", tokenVariable: "PAYMENTS_API_TOKEN")
        } throws: { error in
            (error as? ConfigurationError)?.description.hasPrefix(expected) == true
        }
    }

    @Test func configuration_readsTheHTTPVariables() throws {
        let configuration = try HTTPClientConfiguration(Configuration([
            "HTTP_CONCURRENCY": "16", "HTTP_TIMEOUT": "2500ms", "HTTP_MAX_ATTEMPTS": "6", "HTTP_RETRY_BUDGET": "2m",
        ]))
        #expect(configuration.concurrency == 16)
        #expect(configuration.requestTimeout == .milliseconds(2500))
        #expect(configuration.retry.maxAttempts == 6)
        #expect(configuration.retry.budget == .seconds(120))
    }

    @Test(arguments: [("HTTP_CONCURRENCY", "0"), ("HTTP_TIMEOUT", "soon"), ("HTTP_TIMEOUT", "0s"), ("HTTP_MAX_ATTEMPTS", "99")])
    func configuration_badValue_namesTheVariable(variable: String, value: String) {
        #expect {
            _ = try HTTPClientConfiguration(Configuration([variable: value]))
        } throws: { error in
            (error as? ConfigurationError)?.variable == variable
        }
    }

    @Test(arguments: [(429, true), (503, true), (500, true), (408, true), (501, false), (400, false), (404, false), (409, false)])
    func statusErrors_transientOrPermanent(status: Int, transient: Bool) {
        let error = HTTPClientError(kind: .status(status), method: .get, target: "h/p", detail: "")
        #expect(error.isTransient == transient)
        #expect(error.exitCode == (transient ? 69 : 1))
    }
}
