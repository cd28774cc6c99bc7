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
        var attempt = 1
        while true {
            do throws(AWSError) {
                let data = try await send(body)
                let root: AWSXMLElement
                do {
                    root = try XMLReader.parse(String(decoding: data, as: UTF8.self))
                } catch {
                    throw AWSError(.transport, message: "the answer is not the expected XML (\(error.message))")
                }
                return root["\(action)Result"] ?? AWSXMLElement(name: "\(action)Result")
            } catch var error {
                error.operation = name
                guard AWSRetryPolicy.isRetryable(error), attempt < retry.maxAttempts else { throw error }
                let wait = retry.delay(after: attempt)
                onRetry?(name, error, wait)
                try? await Task.sleep(for: wait)
                attempt += 1
            }
        }
    }

    private func send(_ body: Data) async throws(AWSError) -> Data {
        let credentials = try await self.credentials.credentials()
        guard let components = URLComponents(string: endpoint), let host = components.host else {
            throw AWSError(.configuration, message: "the \(service.displayName) endpoint is not a URL")
        }
        let hostHeader = components.port.map { "\(host):\($0)" } ?? host
        let path = components.path.isEmpty ? "/" : components.path
        var request = SignableRequest(method: "POST", path: path, headers: [
            (name: "Host", value: hostHeader),
            (name: "Content-Type", value: "application/x-www-form-urlencoded; charset=utf-8"),
        ], body: body)
        SigV4Signer(service: service.signingName, region: region).sign(&request, credentials: credentials)
        let base = components.path.isEmpty ? endpoint + "/" : endpoint
        let response = try await AWSHTTP.send(method: .POST, url: base, headers: request.headers, body: body, timeout: timeout)
        guard (200..<300).contains(response.status) else {
            throw Self.error(status: response.status, body: response.body, headerType: response.headers.first(name: "x-amzn-ErrorType"))
        }
        return response.body
    }

    /// The AWS error in an answer: `<ErrorResponse><Error><Code>` and `<Message>`; a JSON body (some emulators
    /// answer so) falls back to the JSON client's reading.
    static func error(status: Int, body: Data, headerType: String?) -> AWSError {
        let text = String(decoding: body, as: UTF8.self)
        guard let root = try? XMLReader.parse(text) else {
            return AWSJSONClient.error(status: status, body: body, headerType: headerType)
        }
        let error = root.name == "Error" ? root : (root["Error"] ?? root.at("Errors", "Error"))
        let code = error?.string("Code").flatMap { $0.isEmpty ? nil : $0 }
        var message = error?.string("Message") ?? ""
        message = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        if message.count > 300 { message = String(message.prefix(300)) + "…" }
        if message.isEmpty { message = "HTTP \(status)" }
        let retryable = status >= 500 || status == 429 || code.map { AWSError.throttlingCodes.contains($0) } == true
        return AWSError(retryable ? .unavailable : .refused, code: code, message: message, status: status)
    }
}
