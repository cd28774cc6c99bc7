import Foundation

/// What the JSON and Query clients share: one signed `POST /` to a service endpoint, the retry loop around it, and
/// the reading of an error's status, code and message into an `AWSError`.
struct AWSSignedPost: Sendable {
    let service: AWSService
    let region: String
    let endpoint: String
    let credentials: CredentialChain
    let retry: AWSRetryPolicy
    let timeout: Duration
    let onRetry: (@Sendable (String, AWSError, Duration) -> Void)?

    /// Runs `attempt` (send and decode) until it succeeds or fails in a way that is not retryable.
    func withRetries<Output>(
        _ name: String, _ attempt: () async throws(AWSError) -> Output
    ) async throws(AWSError) -> Output {
        var number = 1
        while true {
            do throws(AWSError) {
                return try await attempt()
            } catch var error {
                error.operation = name
                guard AWSRetryPolicy.isRetryable(error), number < retry.maxAttempts else { throw error }
                let wait = retry.delay(after: number)
                onRetry?(name, error, wait)
                try? await Task.sleep(for: wait)
                number += 1
            }
        }
    }

    /// Signs and sends `body`; a non-2xx answer becomes the error `readError` finds in it.
    func send(
        contentType: String, extraHeaders: [(name: String, value: String)] = [], body: Data,
        readError: (Int, Data, String?) -> AWSError
    ) async throws(AWSError) -> Data {
        let credentials = try await self.credentials.credentials()
        guard let components = URLComponents(string: endpoint), let host = components.host else {
            throw AWSError(.configuration, message: "the \(service.displayName) endpoint is not a URL")
        }
        let hostHeader = components.port.map { "\(host):\($0)" } ?? host
        let path = components.path.isEmpty ? "/" : components.path
        var request = SignableRequest(
            method: "POST", path: path,
            headers: [(name: "Host", value: hostHeader), (name: "Content-Type", value: contentType)] + extraHeaders,
            body: body)
        SigV4Signer(service: service.signingName, region: region).sign(&request, credentials: credentials)
        let base = components.path.isEmpty ? endpoint + "/" : endpoint
        let response = try await AWSHTTP.send(method: .POST, url: base, headers: request.headers, body: body, timeout: timeout)
        guard (200..<300).contains(response.status) else {
            throw readError(response.status, response.body, response.headers.first(name: "x-amzn-ErrorType"))
        }
        return response.body
    }

    /// An answer's error: the message on one line, at most 300 characters; 5xx, 429 and throttling are retryable.
    static func error(status: Int, code: String?, message raw: String) -> AWSError {
        var message = raw.split(whereSeparator: \.isNewline).joined(separator: " ")
        if message.count > 300 { message = String(message.prefix(300)) + "…" }
        if message.isEmpty { message = "HTTP \(status)" }
        let retryable = status >= 500 || status == 429 || code.map { AWSError.throttlingCodes.contains($0) } == true
        return AWSError(retryable ? .unavailable : .refused, code: code, message: message, status: status)
    }
}
