import Foundation

/// One source of credentials in the chain. `nil` means "not configured here, ask the next source";
/// a thrown error means "configured here but broken" and ends the chain, as the SDKs do.
public protocol CredentialProvider: Sendable {
    var name: String { get }
    func credentials() async throws(AWSError) -> AWSCredentials?
}

/// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`.
public struct EnvironmentCredentialProvider: CredentialProvider {
    public let variables: [String: String]
    public var name: String { "environment" }

    public init(variables: [String: String]) { self.variables = variables }

    public func credentials() async throws(AWSError) -> AWSCredentials? {
        let key = variables["AWS_ACCESS_KEY_ID"].flatMap { $0.isEmpty ? nil : $0 }
        let secret = variables["AWS_SECRET_ACCESS_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        switch (key, secret) {
        case (nil, nil): return nil
        case (let key?, let secret?):
            let token = variables["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
            return AWSCredentials(accessKeyId: key, secretAccessKey: secret, sessionToken: token, source: name)
        case (nil, _):
            throw AWSError(.noCredentials, message: "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not")
        case (_, nil):
            throw AWSError(.noCredentials, message: "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
        }
    }
}
