import HTTP
import Runner
import Testing

/// The batch rule of `ProviderStop`, table-driven: which failures are the provider's and when a batch stops the run.
@Suite struct ProviderStopRuleTests {
    static let payments = ProviderIdentity(name: "payment", urlVariable: "PAYMENTS_API_URL", tokenVariable: "PAYMENTS_API_TOKEN")

    static func failure(_ kind: HTTPClientError.Kind) -> HTTPClientError {
        HTTPClientError(kind: kind, method: .get, target: "127.0.0.1:1/v1/payments/p", detail: "")
    }

    static func calls(_ kinds: [HTTPClientError.Kind?]) -> [ProviderStop.Call] {
        kinds.map { ProviderStop.Call(provider: payments, error: $0.map(failure)) }
    }

    @Test(arguments: [
        (HTTPClientError.Kind.status(401), ProviderFault?.some(.unauthorized)), (.status(403), .unauthorized),
        (.decoding, .malformed), (.status(502), .unavailable), (.timeout, .unavailable), (.connection, .unavailable),
        (.status(429), .unavailable), (.budgetExhausted, .unavailable),
        (.status(400), nil), (.status(404), nil), (.status(409), nil), (.status(422), nil), (.cancelled, nil), (.invalidRequest, nil),
    ])
    func providerFault_classifiesEachKind(kind: HTTPClientError.Kind, expected: ProviderFault?) {
        #expect(Self.failure(kind).providerFault == expected)
    }

    @Test func judge_oneRefusalAmongGoodAnswers_stopsWith78() throws {
        let stop = try #require(ProviderStop.judge(Self.calls([nil, .status(401), nil])))
        #expect(stop.fault == .unauthorized && stop.exitCode == 78 && stop.failedCalls == 1 && stop.calls == 3)
        let error = stop.error(givenBack: 1, items: "payments")
        #expect(error.code == .providerUnauthorized)
        #expect(error.message.contains("PAYMENTS_API_TOKEN") && error.message.contains("PAYMENTS_API_URL"))
    }

    @Test func judge_everyCallMalformedOrDown_stopsWith69() throws {
        #expect(ProviderStop.judge(Self.calls([.decoding, .decoding]))?.fault == .malformed)
        #expect(ProviderStop.judge(Self.calls([.status(503), .timeout]))?.fault == .unavailable)
        #expect(ProviderStop.judge(Self.calls([.status(503), .decoding]))?.exitCode == 69)
    }

    @Test func judge_itemLevelOrPartialFailures_goOn() {
        #expect(ProviderStop.judge(Self.calls([.status(404), .status(422)])) == nil)
        #expect(ProviderStop.judge(Self.calls([.decoding, nil])) == nil)
        #expect(ProviderStop.judge(Self.calls([.status(503), .status(404)])) == nil)
        #expect(ProviderStop.judge(Self.calls([.status(503), .cancelled])) == nil)
        #expect(ProviderStop.judge(Self.calls([.status(503)]), stopping: true) == nil)
        #expect(ProviderStop.judge([]) == nil)
    }
}
