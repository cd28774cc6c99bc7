import Foundation
import Testing

@testable import AWS

/// How AWS error answers become `AWSError`: the name without its namespace, the retry decision, the exit code.
@Suite("AWS error answers")
struct AWSErrorTests {
    @Test func error_namespacedType_keepsOnlyTheName() {
        let body = Data(#"{"__type":"com.amazon.coral.service#UnrecognizedClientException","message":"The security token included in the request is invalid."}"#.utf8)
        let error = AWSJSONClient.error(status: 400, body: body, headerType: nil)
        #expect(error.code == "UnrecognizedClientException")
        #expect(error.kind == .refused)
        #expect(error.exitCode == 78)
        #expect(!AWSRetryPolicy.isRetryable(error))
    }

    @Test func error_headerTypeWithSuffix_isUsedWhenTheBodyHasNone() {
        let error = AWSJSONClient.error(status: 400, body: Data(), headerType: "ThrottlingException:http://internal.amazon.com/coral/")
        #expect(error.code == "ThrottlingException")
        #expect(error.kind == .unavailable)
        #expect(AWSRetryPolicy.isRetryable(error))
        #expect(error.exitCode == 69)
    }

    @Test func error_serverError_isRetryable_andMultilineMessagesBecomeOneLine() {
        let error = AWSJSONClient.error(status: 503, body: Data(#"{"message":"slow\ndown"}"#.utf8), headerType: nil)
        #expect(AWSRetryPolicy.isRetryable(error))
        #expect(error.message == "slow down")
        var named = error
        named.operation = "ecs:RunTask"
        #expect(named.description == "ecs:RunTask: slow down (HTTP 503)")
    }

    @Test func retryPolicy_delayStaysWithinTheCeiling() {
        let policy = AWSRetryPolicy(maxAttempts: 5, baseDelay: .milliseconds(100), maxDelay: .seconds(1))
        for attempt in 1...10 {
            #expect(policy.delay(after: attempt) <= .seconds(1))
        }
        #expect(AWSRetryPolicy.from(variables: ["AWS_MAX_ATTEMPTS": "2"]).maxAttempts == 2)
    }
}
