import Foundation

/// The Query protocol (CloudFormation): `POST /` with a form-encoded body (`Action`, `Version`, parameters), SigV4,
/// an XML answer `<ActionResponse><ActionResult>...`, and errors as `<ErrorResponse><Error><Code>`. Shares the
/// signer, credential chain, endpoint resolution, retry policy, transport and error type with `AWSJSONClient`.
public struct AWSQueryClient: Sendable {
    public let service: AWSService
    public let region: String
    /// `scheme://host[:port]`, no trailing slash.
    public let endpoint: String
    /// The API version every request names, e.g. `2010-05-15` for CloudFormation.
    public let version: String
    public let credentials: CredentialChain
    public var retry: AWSRetryPolicy
    public var timeout: Duration = .seconds(30)
    /// Told about each retry (operation, error, wait).
    public var onRetry: (@Sendable (String, AWSError, Duration) -> Void)?

    public init(
        service: AWSService, region: String, endpoint: String, version: String, credentials: CredentialChain,
        retry: AWSRetryPolicy = AWSRetryPolicy()
    ) {
        self.service = service
        self.region = region
        self.endpoint = endpoint
        self.version = version
        self.credentials = credentials
        self.retry = retry
    }

    /// A form for `action` with this client's version.
    public func form(_ action: String) -> QueryForm { QueryForm(action: action, version: version) }

    /// Sends `form`, retrying what is retryable, and returns the `<ActionResult>` element (an empty one when absent).
    public func call(_ form: QueryForm) async throws(AWSError) -> AWSXMLElement {
        let action = form.fields.first { $0.name == "Action" }?.value ?? "?"
        let name = "\(service.signingName):\(action)"
        let body = Data(form.encoded.utf8)
        return try await post.withRetries(name) { () async throws(AWSError) -> AWSXMLElement in
            let data = try await post.send(
                contentType: "application/x-www-form-urlencoded; charset=utf-8", body: body, readError: Self.error)
            let root: AWSXMLElement
            do throws(XMLReader.Failure) {
                root = try XMLReader.parse(String(decoding: data, as: UTF8.self))
            } catch {
                throw AWSError(.transport, message: "the answer is not the expected XML (\(error.message))")
            }
            return root["\(action)Result"] ?? AWSXMLElement(name: "\(action)Result")
        }
    }

    private var post: AWSSignedPost {
        AWSSignedPost(
            service: service, region: region, endpoint: endpoint, credentials: credentials, retry: retry, timeout: timeout,
            onRetry: onRetry)
    }

    /// The AWS error in an answer: `<ErrorResponse><Error><Code>` and `<Message>`; a JSON body (some emulators
    /// answer so) falls back to the JSON client's reading.
    static func error(status: Int, body: Data, headerType: String?) -> AWSError {
        let text = String(decoding: body, as: UTF8.self)
        guard let root = try? XMLReader.parse(text) else {
            return AWSJSONClient.error(status: status, body: body, headerType: headerType)
        }
        let error = root.name == "Error" ? root : (root["Error"] ?? root.at("Errors", "Error"))
        let code = error?.value("Code")
        return AWSSignedPost.error(status: status, code: code, message: error?.value("Message") ?? "")
    }
}
