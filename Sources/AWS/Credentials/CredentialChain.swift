import Foundation

/// The SDKs' default chain, in their order: environment variables, the shared files' profile (static keys or
/// `credential_process`), ECS container credentials, EC2 IMDSv2. The first source that is configured answers;
/// temporary credentials are cached and fetched again `refreshMargin` before they expire.
public actor CredentialChain {
    public let providers: [any CredentialProvider]
    public let refreshMargin: TimeInterval
    private var cached: AWSCredentials?

    public init(providers: [any CredentialProvider], refreshMargin: TimeInterval = 300) {
        self.providers = providers
        self.refreshMargin = refreshMargin
    }

    /// The default chain for `variables` (the process environment, or a test's). `profile` overrides `AWS_PROFILE`.
    public static func `default`(variables: [String: String], profile: String? = nil) -> CredentialChain {
        let named = profile ?? variables["AWS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 }
        return CredentialChain(providers: [
            EnvironmentCredentialProvider(variables: variables),
            ProfileCredentialProvider(profileName: named ?? "default", explicit: named != nil, files: SharedConfigFiles(variables: variables)),
            ContainerCredentialProvider(variables: variables),
            IMDSCredentialProvider(variables: variables),
        ])
    }

    public func credentials(now: Date = Date()) async throws(AWSError) -> AWSCredentials {
        if let cached, !cached.expires(within: refreshMargin, of: now) { return cached }
        do throws(AWSError) {
            let fresh = try await resolve()
            cached = fresh
            return fresh
        } catch {
            // A failed refresh keeps what still works (botocore's advisory refresh window).
            if let cached, !cached.expires(within: 0, of: now) { return cached }
            throw error
        }
    }

    private func resolve() async throws(AWSError) -> AWSCredentials {
        for provider in providers {
            if let credentials = try await provider.credentials() { return credentials }
        }
        throw AWSError(.noCredentials, message: """
            no AWS credentials: set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE (with ~/.aws/credentials \
            or credential_process in ~/.aws/config), or run where ECS or EC2 provides a role
            """)
    }
}
