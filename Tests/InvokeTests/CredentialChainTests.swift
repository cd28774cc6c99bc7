import AWS
import Foundation
import Testing
import TestSupport

/// Each source of the default chain, in the SDKs' order; the endpoints are the emulator's, on loopback.
/// Every variables dictionary sets AWS_EC2_METADATA_DISABLED or a loopback IMDS endpoint: nothing leaves the machine.
@Suite("AWS credential chain", .serialized)
struct CredentialChainTests {
    static let offline = ["AWS_EC2_METADATA_DISABLED": "true", "HOME": "/nonexistent"]

    func scratch() throws -> URL {
        let directory = try TestEnvironment.workDirectory().appendingPathComponent("creds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func chain_environmentVariables_winOverProfile() async throws {
        let dir = try scratch()
        let credentialsFile = dir.appendingPathComponent("credentials")
        try "[default]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = profile-secret\n".write(to: credentialsFile, atomically: true, encoding: .utf8)
        let variables = Self.offline.merging([
            "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret", "AWS_SESSION_TOKEN": "env-token",
            "AWS_SHARED_CREDENTIALS_FILE": credentialsFile.path,
        ]) { $1 }
        let credentials = try await CredentialChain.default(variables: variables).credentials()
        #expect(credentials.accessKeyId == "AKIDENV")
        #expect(credentials.sessionToken == "env-token")
        #expect(credentials.source == "environment")
    }

    @Test func chain_namedProfile_readsCredentialsFileOverConfigFile() async throws {
        let dir = try scratch()
        let credentialsFile = dir.appendingPathComponent("credentials")
        let configFile = dir.appendingPathComponent("config")
        try "[ops]\naws_access_key_id = AKIDOPS\naws_secret_access_key = ops-secret # comment\n".write(to: credentialsFile, atomically: true, encoding: .utf8)
        try "[profile ops]\nregion = eu-west-1\naws_access_key_id = AKIDCONFIG\n".write(to: configFile, atomically: true, encoding: .utf8)
        let variables = Self.offline.merging([
            "AWS_PROFILE": "ops", "AWS_SHARED_CREDENTIALS_FILE": credentialsFile.path, "AWS_CONFIG_FILE": configFile.path,
        ]) { $1 }
        let credentials = try await CredentialChain.default(variables: variables).credentials()
        #expect(credentials.accessKeyId == "AKIDOPS")
        #expect(credentials.secretAccessKey == "ops-secret")
        let session = try AWSSession(variables: variables, regionFlag: nil, fallbackRegion: "us-east-1")
        #expect(session.region == "eu-west-1", "the profile's region comes before schedules.yaml's")
    }

    @Test func chain_unknownNamedProfile_failsNamingIt() async throws {
        let variables = Self.offline.merging(["AWS_PROFILE": "nope", "AWS_CONFIG_FILE": "/nonexistent/config"]) { $1 }
        await #expect(throws: AWSError.self) { try await CredentialChain.default(variables: variables).credentials() }
        do {
            _ = try await CredentialChain.default(variables: variables).credentials()
        } catch {
            #expect(error.kind == .noCredentials)
            #expect(error.description.contains("'nope'"))
        }
    }

    @Test func chain_credentialProcess_readsVersion1JSON() async throws {
        let dir = try scratch()
        let script = dir.appendingPathComponent("creds.sh")
        try """
            #!/bin/sh
            echo '{"Version": 1, "AccessKeyId": "ASIAPROCESS", "SecretAccessKey": "process-secret", "SessionToken": "process-token", "Expiration": "2099-01-01T00:00:00Z"}'
            """.write(to: script, atomically: true, encoding: .utf8)
        let configFile = dir.appendingPathComponent("config")
        try "[profile sso]\ncredential_process = sh \(script.path)\n".write(to: configFile, atomically: true, encoding: .utf8)
        let variables = Self.offline.merging(["AWS_PROFILE": "sso", "AWS_CONFIG_FILE": configFile.path]) { $1 }
        let credentials = try await CredentialChain.default(variables: variables).credentials()
        #expect(credentials.accessKeyId == "ASIAPROCESS")
        #expect(credentials.sessionToken == "process-token")
        #expect(credentials.expiration == ISO8601DateFormatter().date(from: "2099-01-01T00:00:00Z"))
    }

    @Test func chain_credentialProcessFailing_failsWithoutItsOutput() async throws {
        let dir = try scratch()
        let configFile = dir.appendingPathComponent("config")
        try "[profile broken]\ncredential_process = sh -c 'echo leaked-secret-output; exit 3'\n".write(to: configFile, atomically: true, encoding: .utf8)
        let variables = Self.offline.merging(["AWS_PROFILE": "broken", "AWS_CONFIG_FILE": configFile.path]) { $1 }
        do {
            _ = try await CredentialChain.default(variables: variables).credentials()
            Issue.record("a failing credential_process produced credentials")
        } catch {
            #expect(error.description.contains("exited with 3"))
            #expect(!error.description.contains("leaked-secret-output"))
        }
    }

    @Test func chain_containerFullURI_sendsTheTokenFile_andRefreshesBeforeExpiry() async throws {
        let emulator = try await EmulatorProcess.start([
            "--cronjob", "/bin/false", "--container-token", "container-auth-token", "--temporary-ttl", "600",
        ])
        defer { emulator.stop() }
        let dir = try scratch()
        let tokenFile = dir.appendingPathComponent("token")
        try "container-auth-token\n".write(to: tokenFile, atomically: true, encoding: .utf8)
        let variables = Self.offline.merging([
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": emulator.endpoint + "/_creds/container",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": tokenFile.path,
        ]) { $1 }
        // A refresh margin longer than the lifetime: every call must fetch again, as one would near expiry.
        let providers: [any CredentialProvider] = [ContainerCredentialProvider(variables: variables)]
        let refreshing = CredentialChain(providers: providers, refreshMargin: 900)
        let first = try await refreshing.credentials()
        let second = try await refreshing.credentials()
        #expect(first.accessKeyId.hasPrefix("ASIA"))
        #expect(first.sessionToken != nil && first.expiration != nil)
        #expect(first.accessKeyId != second.accessKeyId, "credentials inside the refresh margin are fetched again")
        let caching = CredentialChain(providers: providers, refreshMargin: 60)
        let a = try await caching.credentials()
        let b = try await caching.credentials()
        #expect(a == b, "credentials far from expiry are reused")
        #expect(((try await emulator.stats())["issued"] as? [String: Int])?["container"] == 3)

        let wrong = variables.merging(["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": "", "AWS_CONTAINER_AUTHORIZATION_TOKEN": "wrong"]) { $1 }
        await #expect(throws: AWSError.self) { try await CredentialChain.default(variables: wrong).credentials() }
    }

    @Test func chain_containerFullURI_refusesPlainHTTPToARemoteHost() async throws {
        let variables = Self.offline.merging(["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://192.0.2.10/creds"]) { $1 }
        await #expect(throws: AWSError.self) { try await CredentialChain.default(variables: variables).credentials() }
    }

    @Test func chain_imdsV2_getsATokenThenTheRoleCredentials() async throws {
        let emulator = try await EmulatorProcess.start(["--cronjob", "/bin/false"])
        defer { emulator.stop() }
        let variables = ["HOME": "/nonexistent", "AWS_EC2_METADATA_SERVICE_ENDPOINT": emulator.endpoint + "/"]
        let credentials = try await CredentialChain.default(variables: variables).credentials()
        #expect(credentials.source == "imds")
        #expect(credentials.accessKeyId.hasPrefix("ASIA"))
        #expect(((try await emulator.stats())["issued"] as? [String: Int])?["imds"] == 1)
    }

    @Test func chain_nothingConfigured_failsWithNoCredentials() async throws {
        do {
            _ = try await CredentialChain.default(variables: Self.offline).credentials()
            Issue.record("credentials from nowhere")
        } catch {
            #expect(error.kind == .noCredentials)
            #expect(error.exitCode == 78)
        }
    }

    @Test func endpoints_serviceVariable_winsOverGlobal() throws {
        let variables = ["AWS_ENDPOINT_URL": "http://127.0.0.1:1", "AWS_ENDPOINT_URL_ECS": "http://127.0.0.1:2/"]
        #expect(try AWSEndpoints.resolve(.ecs, region: "us-east-1", variables: variables, profile: nil) == "http://127.0.0.1:2")
        #expect(try AWSEndpoints.resolve(.logs, region: "us-east-1", variables: variables, profile: nil) == "http://127.0.0.1:1")
        #expect(try AWSEndpoints.resolve(.logs, region: "cn-north-1", variables: [:], profile: nil) == "https://logs.cn-north-1.amazonaws.com.cn")
        #expect(try AWSRegion.resolve(flag: nil, variables: ["AWS_DEFAULT_REGION": "eu-central-1"], profile: ["region": "x"], fallback: nil) == "eu-central-1")
    }
}
