import Foundation
import Testing

@testable import AWS

/// Query-protocol errors keep their `Code`; throttling is retried; a JSON body (moto's) is read too.
@Suite struct QueryErrorTests {
    @Test func error_validationError_keepsCodeAndMessage_refused() {
        let body = Data("""
            <ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type>
            <Code>ValidationError</Code><Message>Stack with id cronjob-x does not exist</Message></Error><RequestId>r</RequestId></ErrorResponse>
            """.utf8)
        let error = AWSQueryClient.error(status: 400, body: body, headerType: nil)
        #expect(error.kind == .refused)
        #expect(error.code == "ValidationError")
        #expect(error.message == "Stack with id cronjob-x does not exist")
        #expect(!AWSRetryPolicy.isRetryable(error))
    }

    @Test func error_throttling_isRetryable() {
        let body = Data("<ErrorResponse><Error><Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>".utf8)
        let error = AWSQueryClient.error(status: 400, body: body, headerType: nil)
        #expect(error.kind == .unavailable)
        #expect(AWSRetryPolicy.isRetryable(error))
    }

    @Test func error_accessDenied_keepsCode() {
        let body = Data("<ErrorResponse><Error><Code>AccessDenied</Code><Message>User: arn:aws:iam::1:user/ci is not authorized</Message></Error></ErrorResponse>".utf8)
        let error = AWSQueryClient.error(status: 403, body: body, headerType: nil)
        #expect(error.code == "AccessDenied")
        #expect(error.exitCode == 78)
    }

    @Test func error_jsonBodyOrGarbage_stillAnError() {
        let json = AWSQueryClient.error(status: 400, body: Data(#"{"__type": "ResourceAlreadyExistsException", "message": "exists"}"#.utf8), headerType: nil)
        #expect(json.code == "ResourceAlreadyExistsException")
        let garbage = AWSQueryClient.error(status: 503, body: Data("<html>".utf8), headerType: nil)
        #expect(garbage.kind == .unavailable)
        #expect(garbage.message == "HTTP 503")
    }

    @Test func endpoint_cloudFormation_variableBeforeGeneric() throws {
        let variables = ["AWS_ENDPOINT_URL_CLOUDFORMATION": "http://127.0.0.1:1/", "AWS_ENDPOINT_URL": "http://127.0.0.1:2"]
        #expect(try AWSEndpoints.resolve(.cloudformation, region: "eu-west-1", variables: variables, profile: nil) == "http://127.0.0.1:1")
        #expect(try AWSEndpoints.resolve(.cloudformation, region: "eu-west-1", variables: [:], profile: nil)
            == "https://cloudformation.eu-west-1.amazonaws.com")
    }
}
