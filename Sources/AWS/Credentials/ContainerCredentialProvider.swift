import Foundation

/// ECS (and EKS Pod Identity) container credentials: `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` on
/// `http://169.254.170.2`, or `AWS_CONTAINER_CREDENTIALS_FULL_URI` (https, or http to a loopback or the ECS/EKS
/// link-local address), with `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` or `AWS_CONTAINER_AUTHORIZATION_TOKEN`
/// as the Authorization header (aws-sdk-go-v2 `credentials/endpointcreds`, botocore `ContainerProvider`).
public struct ContainerCredentialProvider: CredentialProvider {
    public let variables: [String: String]
    public var name: String { "container" }
    static let ecsHost = "169.254.170.2"

    public init(variables: [String: String]) { self.variables = variables }

    public func credentials() async throws(AWSError) -> AWSCredentials? {
        let url: String
        if let relative = variables["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"], !relative.isEmpty {
            url = "http://\(Self.ecsHost)" + (relative.hasPrefix("/") ? relative : "/" + relative)
        } else if let full = variables["AWS_CONTAINER_CREDENTIALS_FULL_URI"], !full.isEmpty {
            guard let components = URLComponents(string: full), let host = components.host,
                  components.scheme == "https" || (components.scheme == "http" && Self.allowedHTTPHost(host))
            else {
                throw AWSError(.noCredentials, message: "AWS_CONTAINER_CREDENTIALS_FULL_URI must be https, or http to a loopback address or the ECS/EKS credential endpoint")
            }
            url = full
        } else {
            return nil
        }
        var headers: [(name: String, value: String)] = [(name: "Accept", value: "application/json")]
        if let path = variables["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"], !path.isEmpty {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw AWSError(.noCredentials, message: "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE \(path) cannot be read")
            }
            headers.append((name: "Authorization", value: String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))
        } else if let token = variables["AWS_CONTAINER_AUTHORIZATION_TOKEN"], !token.isEmpty {
            headers.append((name: "Authorization", value: token))
        }
        let response = try await AWSHTTP.send(method: .GET, url: url, headers: headers, body: nil, timeout: .seconds(5))
        guard response.status == 200 else {
            throw AWSError(.noCredentials, message: "the container credential endpoint answered HTTP \(response.status)")
        }
        return try CredentialJSON.credentials(from: response.body, source: name)
    }

    static func allowedHTTPHost(_ host: String) -> Bool {
        host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
            || host == ecsHost || host == "169.254.170.23" || host == "fd00:ec2::23"
    }
}
