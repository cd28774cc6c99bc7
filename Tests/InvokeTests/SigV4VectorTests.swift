import AWS
import Foundation
import Testing

/// The signer against AWS's Signature Version 4 test suite (aws-sig-v4-test-suite, published by AWS with the
/// General Reference's "Signature Version 4 test suite" and shipped in botocore's tests/unit/auth/aws4_testsuite
/// and awslabs/aws-c-auth's tests/aws-signing-test-suite/v4). Expected signatures as published there for
/// AKIDEXAMPLE / wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, 20150830T123600Z, us-east-1, service `service`;
/// read through the search tool in @aws-sdk/signature-v4's suite.fixture.js, which reproduces the suite.
@Suite("SigV4 test-suite vectors")
struct SigV4VectorTests {
    struct Vector: Sendable, CustomStringConvertible {
        var name: String
        var method: String
        var query = ""
        var headers: [(name: String, value: String)] = []
        var body = ""
        var signedHeaders: String
        var signature: String
        var description: String { name }
    }

    static let credentials = AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    static let date = Date(timeIntervalSince1970: 1_440_938_160)  // 2015-08-30T12:36:00Z

    static let vectors: [Vector] = [
        Vector(name: "get-vanilla", method: "GET", signedHeaders: "host;x-amz-date",
               signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        Vector(name: "get-vanilla-query-order-key-case", method: "GET", query: "Param2=value2&Param1=value1",
               signedHeaders: "host;x-amz-date", signature: "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
        Vector(name: "post-vanilla", method: "POST", signedHeaders: "host;x-amz-date",
               signature: "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"),
        Vector(name: "post-vanilla-query", method: "POST", query: "Param1=value1", signedHeaders: "host;x-amz-date",
               signature: "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11"),
        Vector(name: "post-header-key-sort", method: "POST", headers: [(name: "My-Header1", value: "value1")],
               signedHeaders: "host;my-header1;x-amz-date", signature: "c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c"),
        Vector(name: "post-header-value-case", method: "POST", headers: [(name: "My-Header1", value: "VALUE1")],
               signedHeaders: "host;my-header1;x-amz-date", signature: "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d"),
        Vector(name: "get-header-value-trim", method: "GET",
               headers: [(name: "My-Header1", value: " value1"), (name: "My-Header2", value: " \"a   b   c\"")],
               signedHeaders: "host;my-header1;my-header2;x-amz-date", signature: "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"),
        Vector(name: "get-header-key-duplicate", method: "GET",
               headers: [(name: "My-Header1", value: "value2"), (name: "My-Header1", value: "value2"), (name: "My-Header1", value: "value1")],
               signedHeaders: "host;my-header1;x-amz-date", signature: "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea"),
        Vector(name: "post-x-www-form-urlencoded", method: "POST",
               headers: [(name: "Content-Type", value: "application/x-www-form-urlencoded")], body: "Param1=value1",
               signedHeaders: "content-type;host;x-amz-date", signature: "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"),
    ]

    @Test(arguments: vectors)
    func sign_testSuiteVector_matchesPublishedAuthorization(vector: Vector) {
        var request = SignableRequest(
            method: vector.method, path: "/", query: vector.query,
            headers: [(name: "Host", value: "example.amazonaws.com")] + vector.headers, body: Data(vector.body.utf8))
        SigV4Signer(service: "service", region: "us-east-1").sign(&request, credentials: Self.credentials, date: Self.date)
        #expect(request.header("X-Amz-Date") == "20150830T123600Z")
        #expect(request.header("Authorization") == """
            AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, \
            SignedHeaders=\(vector.signedHeaders), Signature=\(vector.signature)
            """)
    }

    @Test func canonicalRequest_getVanillaQueryOrderKeyCase_sortsParameters() {
        let request = SignableRequest(method: "GET", path: "/", query: "Param2=value2&Param1=value1", headers: [
            (name: "Host", value: "example.amazonaws.com"), (name: "X-Amz-Date", value: "20150830T123600Z"),
        ])
        let canonical = SigV4Signer.canonicalRequest(request, signedHeaders: ["host", "x-amz-date"])
        #expect(canonical == """
            GET
            /
            Param1=value1&Param2=value2
            host:example.amazonaws.com
            x-amz-date:20150830T123600Z

            host;x-amz-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        let toSign = SigV4Signer(service: "service", region: "us-east-1").stringToSign(canonicalRequest: canonical, amzDate: "20150830T123600Z")
        #expect(toSign.hasSuffix("816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0"))
    }

    @Test func sign_withSessionToken_signsTheTokenHeader() {
        var request = SignableRequest(method: "POST", path: "/", headers: [(name: "Host", value: "example.amazonaws.com")])
        let temporary = AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret", sessionToken: "session-token-value")
        SigV4Signer(service: "service", region: "us-east-1").sign(&request, credentials: temporary, date: Self.date)
        #expect(request.header("X-Amz-Security-Token") == "session-token-value")
        #expect(request.header("Authorization")?.contains("SignedHeaders=host;x-amz-date;x-amz-security-token,") == true)
    }

    @Test func credentials_description_neverShowsTheSecretOrToken() {
        let credentials = AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI-secret", sessionToken: "tok-123")
        #expect(!"\(credentials)".contains("wJalrXUtnFEMI-secret"))
        #expect(!String(reflecting: credentials).contains("tok-123"))
    }
}
