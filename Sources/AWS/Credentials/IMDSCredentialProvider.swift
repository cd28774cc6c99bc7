import Foundation

/// EC2 instance role credentials through IMDSv2: `PUT /latest/api/token`, then the role name and its credentials
/// under `/latest/meta-data/iam/security-credentials/` with the token. `AWS_EC2_METADATA_SERVICE_ENDPOINT`
/// overrides the address, `AWS_EC2_METADATA_DISABLED=true` turns it off (aws-sdk-go-v2 `feature/ec2/imds`).
public struct IMDSCredentialProvider: CredentialProvider {
    public let variables: [String: String]
    public var name: String { "imds" }
    /// Short: on a laptop nothing answers and the chain must fail quickly.
    public var timeout: Duration = .seconds(1)

    public init(variables: [String: String]) { self.variables = variables }

    var endpoint: String {
        var base = variables["AWS_EC2_METADATA_SERVICE_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 } ?? "http://169.254.169.254"
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }

    public func credentials() async throws(AWSError) -> AWSCredentials? {
        if variables["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true" { return nil }
        let base = endpoint
        let tokenResponse: AWSHTTP.Response
        do {
            tokenResponse = try await AWSHTTP.send(
                method: .PUT, url: base + "/latest/api/token",
                headers: [(name: "X-aws-ec2-metadata-token-ttl-seconds", value: "21600")], body: Data(), timeout: timeout)
        } catch {
            return nil  // no instance metadata service here: not an EC2 instance
        }
        guard tokenResponse.status == 200 else { return nil }
        let token = String(decoding: tokenResponse.body, as: UTF8.self)
        let auth = [(name: "X-aws-ec2-metadata-token", value: token)]
        let list = try await AWSHTTP.send(
            method: .GET, url: base + "/latest/meta-data/iam/security-credentials/", headers: auth, body: nil, timeout: timeout)
        guard list.status == 200,
              let role = String(decoding: list.body, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init)
        else {
            throw AWSError(.noCredentials, message: "the instance metadata service has no IAM role for this instance (HTTP \(list.status))")
        }
        let role64 = SigV4Signer.uriEncode(role)
        let answer = try await AWSHTTP.send(
            method: .GET, url: base + "/latest/meta-data/iam/security-credentials/" + role64, headers: auth, body: nil, timeout: timeout)
        guard answer.status == 200 else {
            throw AWSError(.noCredentials, message: "the instance metadata service answered HTTP \(answer.status) for role \(role)")
        }
        return try CredentialJSON.credentials(from: answer.body, source: name)
    }
}
