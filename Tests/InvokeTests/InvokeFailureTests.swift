import Foundation
import Testing
import TestSupport

/// Tasks that never ran their command, AWS refusing, throttling, --no-wait, and the other credential paths.
@Suite("cronjob invoke when the task or AWS fails", .serialized)
struct InvokeFailureTests {
    @Test func invoke_taskFailsToStart_exits69WithStopCodeAndReason() async throws {
        let fixture = try await InvokeFixture()
        try await fixture.emulator.faults(["fail_next_start": "CannotPullContainerError: pull image manifest has been retried 5 time(s)"])
        let output = try fixture.invoke(["notify-upload", "--env", "emu"])
        #expect(output.status == 69, "\(output.stderr)")
        #expect(output.stderr.contains("never ran its command: TaskFailedToStart: CannotPullContainerError"))
        InvokeOutputChecks.expectNoSecrets(output, fixture: fixture)
    }

    @Test func invoke_withoutCredentials_exits78() async throws {
        let fixture = try await InvokeFixture()
        let output = try fixture.invoke(["notify-upload", "--env", "emu"], environment: ["AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": ""])
        #expect(output.status == 78)
        #expect(output.stderr.contains("no AWS credentials"))
        #expect(output.stderr.split(separator: "\n").count == 1, "one line: \(output.stderr)")
        InvokeOutputChecks.expectNoSecrets(output, fixture: fixture)
    }

    @Test func invoke_accessDenied_exits78NamingTheAction() async throws {
        let fixture = try await InvokeFixture()
        try await fixture.emulator.faults(["deny": ["RunTask"]])
        let output = try fixture.invoke(["notify-upload", "--env", "emu"])
        #expect(output.status == 78)
        #expect(output.stderr.contains("ecs:RunTask: AccessDeniedException"))
        InvokeOutputChecks.expectNoSecrets(output, fixture: fixture)
    }

    @Test func invoke_wrongSecretKey_exits78WithInvalidSignature() async throws {
        let fixture = try await InvokeFixture()
        let output = try fixture.invoke(["notify-upload", "--env", "emu"], environment: ["AWS_SECRET_ACCESS_KEY": "not-the-right-secret-5521"])
        #expect(output.status == 78)
        #expect(output.stderr.contains("InvalidSignatureException"))
        #expect(!output.combined.contains("not-the-right-secret-5521"))
        let unknown = try fixture.invoke(["notify-upload", "--env", "emu"], environment: ["AWS_ACCESS_KEY_ID": "AKIDUNKNOWN"])
        #expect(unknown.status == 78)
        #expect(unknown.stderr.contains("UnrecognizedClientException"))
        InvokeOutputChecks.expectNoSecrets(output, fixture: fixture)
        InvokeOutputChecks.expectNoSecrets(unknown, fixture: fixture)
        let stats = try await fixture.emulator.stats()
        #expect((stats["signature_failures"] as? Int ?? 0) >= 1)
    }

    @Test func invoke_unknownCluster_exits78() async throws {
        let fixture = try await InvokeFixture()
        let yaml = try String(contentsOf: fixture.directory.appendingPathComponent("schedules.yaml"), encoding: .utf8)
        try yaml.replacingOccurrences(of: "cluster: emu-cluster", with: "cluster: no-such-cluster")
            .write(to: fixture.directory.appendingPathComponent("other.yaml"), atomically: true, encoding: .utf8)
        let output = try fixture.invoke(["notify-upload", "--env", "emu", "--file", "other.yaml"])
        #expect(output.status == 78)
        #expect(output.stderr.contains("ClusterNotFoundException"))
        InvokeOutputChecks.expectNoSecrets(output, fixture: fixture)
    }

    @Test func invoke_throttledCalls_areRetried() async throws {
        let fixture = try await InvokeFixture(seed: [])
        try await fixture.emulator.faults(["throttle_next": 3])
        let output = try fixture.invoke(["notify-upload", "--env", "emu", "--no-follow"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr.contains("ThrottlingException, retrying"))
        #expect(try await fixture.emulator.stats()["throttled"] as? Int == 3)
        InvokeOutputChecks.expectNoSecrets(output, fixture: fixture)
    }

    @Test func invoke_noWait_printsTheArnAndExits0() async throws {
        let fixture = try await InvokeFixture(seed: [])
        let output = try fixture.invoke(["notify-upload", "--env", "emu", "--no-wait"])
        #expect(output.status == 0)
        #expect(output.stdout.hasPrefix("arn:aws:ecs:us-east-1:123456789012:task/emu-cluster/"))
        #expect(output.stdout.split(separator: "\n").count == 1)
        InvokeOutputChecks.expectNoSecrets(output, fixture: fixture)
    }

    @Test func invoke_credentialProcessProfile_runsTheTask() async throws {
        let fixture = try await InvokeFixture(seed: [])
        let config = fixture.directory.appendingPathComponent("aws-config")
        let json = #"{"Version": 1, "AccessKeyId": "\#(InvokeFixture.accessKeyId)", "SecretAccessKey": "\#(InvokeFixture.secretAccessKey)"}"#
        try "[profile sso]\ncredential_process = printf '%s' '\(json)'\n".write(to: config, atomically: true, encoding: .utf8)
        let output = try fixture.invoke(["notify-upload", "--env", "emu", "--no-follow"], environment: [
            "AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_PROFILE": "sso", "AWS_CONFIG_FILE": config.path,
        ])
        #expect(output.status == 0, "\(output.stderr)")
        InvokeOutputChecks.expectNoSecrets(output, fixture: fixture)
    }

    @Test func invoke_badUsageOrScheduleFile_exits64Or78BeforeCallingAWS() async throws {
        let fixture = try await InvokeFixture()
        let unknownJob = try fixture.invoke(["no-such-job", "--env", "emu"])
        #expect(unknownJob.status == 64)
        let jsonAlone = try fixture.invoke(["notify-upload", "--env", "emu", "--json"])
        #expect(jsonAlone.status == 64)
        let missingFile = try fixture.invoke(["notify-upload", "--env", "emu", "--file", "missing.yaml"])
        #expect(missingFile.status == 78)
        let unknownEnv = try fixture.invoke(["notify-upload", "--env", "prod"])
        #expect(unknownEnv.status == 64, "an unknown --env is a bad flag value, as in every command")
        #expect(unknownEnv.stderr.contains("unknown environment 'prod'"))
        let calls = try await fixture.emulator.stats()["calls"] as? [String: Int] ?? [:]
        #expect(calls["RunTask"] == nil, "nothing was started")
    }

    @Test func invoke_containerCredentials_signWithTheSessionToken() async throws {
        let fixture = try await InvokeFixture(seed: [])
        let output = try fixture.invoke(["notify-upload", "--env", "emu"], environment: [
            "AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": fixture.emulator.endpoint + "/_creds/container",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        let stats = try await fixture.emulator.stats()
        #expect((stats["issued"] as? [String: Int])?["container"] == 1, "fetched once, reused for every call")
        InvokeOutputChecks.expectNoSecrets(output, fixture: fixture)
    }
}
