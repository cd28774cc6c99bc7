import Foundation

/// The awsJson1_1 protocol (ECS, CloudWatch Logs): `POST /` with `X-Amz-Target: <prefix>.<Operation>`, a JSON
/// body, SigV4, and errors as `{"__type": "...#Name", "message": ...}`. One client per service and region.
public struct AWSJSONClient: Sendable {
    public let service: AWSService
    public let region: String
    /// `scheme://host[:port]`, no trailing slash.
    public let endpoint: String
    public let credentials: CredentialChain
    public var retry: AWSRetryPolicy
    public var timeout: Duration = .seconds(30)
    /// Told about each retry (operation, error, wait), e.g. to print a progress line.
    public var onRetry: (@Sendable (String, AWSError, Duration) -> Void)?

    public init(service: AWSService, region: String, endpoint: String, credentials: CredentialChain, retry: AWSRetryPolicy = AWSRetryPolicy()) {
        self.service = service
        self.region = region
        self.endpoint = endpoint
        self.credentials = credentials
        self.retry = retry
    }

    /// Calls `operation` with `input`, retrying what is retryable, and decodes the answer.
    public func call<Input: Encodable, Output: Decodable>(
        _ operation: String, _ input: Input, as output: Output.Type = Output.self
    ) async throws(AWSError) -> Output {
        let name = "\(service.signingName):\(operation)"
        let body: Data
        do {
            body = try JSONEncoder().encode(input)
        } catch {
            throw AWSError(.configuration, message: "the request could not be encoded", operation: name)
        }
        return try await post.withRetries(name) { () async throws(AWSError) -> Output in
            let data = try await post.send(
                contentType: "application/x-amz-json-1.1",
                extraHeaders: [(name: "X-Amz-Target", value: "\(service.targetPrefix).\(operation)")], body: body,
                readError: Self.error)
            do {
                return try JSONDecoder().decode(Output.self, from: data.isEmpty ? Data("{}".utf8) : data)
            } catch {
                throw AWSError(.transport, message: "the answer is not the expected JSON (\(Self.decodingReason(error)))")
            }
        }
    }

    private var post: AWSSignedPost {
        AWSSignedPost(
            service: service, region: region, endpoint: endpoint, credentials: credentials, retry: retry, timeout: timeout,
            onRetry: onRetry)
    }

    /// The AWS error in an answer: `__type` (or `code`, or the `x-amzn-ErrorType` header) without `prefix#` or
    /// `:suffix`, and its message on one line.
    static func error(status: Int, body: Data, headerType: String?) -> AWSError {
        let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
        var code = (object?["__type"] as? String) ?? (object?["code"] as? String) ?? headerType
        if let raw = code {
            var name = Substring(raw)
            if let hash = name.lastIndex(of: "#") { name = name[name.index(after: hash)...] }
            if let colon = name.firstIndex(of: ":") { name = name[..<colon] }
            code = name.isEmpty ? nil : String(name)
        }
        let message = (object?["message"] as? String) ?? (object?["Message"] as? String) ?? ""
        return AWSSignedPost.error(status: status, code: code, message: message)
    }

    static func decodingReason(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "unreadable" }
        switch error {
        case .keyNotFound(let key, _): return "missing \(key.stringValue)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "bad \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        @unknown default: return "unreadable"
        }
    }
}
