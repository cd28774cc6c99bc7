import Foundation

/// A profile of the shared files: static keys (`aws_access_key_id`, `aws_secret_access_key`,
/// `aws_session_token`) or `credential_process` (how SSO users plug in
/// `aws configure export-credentials --format process`).
public struct ProfileCredentialProvider: CredentialProvider {
    public let profileName: String
    /// Whether the profile was named (`AWS_PROFILE`/`--profile`): then a missing profile is an error.
    public let explicit: Bool
    public let files: SharedConfigFiles
    public var processTimeout: TimeInterval = 60

    public var name: String { "profile \(profileName)" }

    public init(profileName: String, explicit: Bool, files: SharedConfigFiles) {
        self.profileName = profileName
        self.explicit = explicit
        self.files = files
    }

    public func credentials() async throws(AWSError) -> AWSCredentials? {
        guard let profile = files.profile(profileName) else {
            guard explicit else { return nil }
            throw AWSError(.noCredentials, message: "profile '\(profileName)' is in neither \(files.credentialsPath) nor \(files.configPath)")
        }
        if let key = profile["aws_access_key_id"], !key.isEmpty {
            guard let secret = profile["aws_secret_access_key"], !secret.isEmpty else {
                throw AWSError(.noCredentials, message: "profile '\(profileName)' has aws_access_key_id but no aws_secret_access_key")
            }
            return AWSCredentials(accessKeyId: key, secretAccessKey: secret, sessionToken: profile["aws_session_token"], source: name)
        }
        if let command = profile["credential_process"], !command.isEmpty {
            return try await CredentialProcess.run(command, profile: profileName, timeout: processTimeout)
        }
        if profile["role_arn"] != nil || profile["sso_session"] != nil || profile["sso_start_url"] != nil {
            throw AWSError(.noCredentials, message: """
                profile '\(profileName)' uses role_arn or SSO, which this client does not resolve itself; \
                add `credential_process = aws configure export-credentials --profile \(profileName) --format process`
                """)
        }
        return nil
    }
}

/// Runs a `credential_process` command through `/bin/sh -c` and reads its Version 1 JSON from stdout.
enum CredentialProcess {
    static func run(_ command: String, profile: String, timeout: TimeInterval) async throws(AWSError) -> AWSCredentials {
        let source = "credential_process of profile '\(profile)'"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw AWSError(.noCredentials, message: "\(source) could not be started")
        }
        let handle = output.fileHandleForReading
        let data = await withCheckedContinuation { (continuation: CheckedContinuation<Data, Never>) in
            DispatchQueue.global().async {
                continuation.resume(returning: handle.readDataToEndOfFile())
            }
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { try? await Task.sleep(for: .milliseconds(10)) }
        if process.isRunning {
            process.terminate()
            throw AWSError(.noCredentials, message: "\(source) did not finish within \(Int(timeout))s")
        }
        guard process.terminationStatus == 0 else {
            throw AWSError(.noCredentials, message: "\(source) exited with \(process.terminationStatus)")
        }
        return try CredentialJSON.credentials(from: data, source: source, requireVersion1: true)
    }
}
