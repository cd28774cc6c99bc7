import Foundation
import Testing
import TestSupport

/// `cronjob invoke` against the emulator: the container's exit code comes back unchanged, the run is recorded as
/// manual, and nothing secret is printed. The database URL exists only in the task's environment.
@Suite("cronjob invoke exit codes", .serialized)
struct InvokeExitCodeTests {
    @Test func invoke_succeedingTask_streamsLogsAndExits0_recordedAsManual() async throws {
        let fixture = try await InvokeFixture(seed: [])
        let output = try fixture.invoke(["notify-upload", "--env", "emu"])
        #expect(output.status == 0, "\(output.stderr)")
        let arn = try #require(InvokeOutputChecks.taskArn(output), "\(output.stderr)")
        #expect(arn.hasPrefix("arn:aws:ecs:us-east-1:123456789012:task/emu-cluster/"))
        #expect(output.stdout.contains("INFO    run started"), "log lines are shown as text: \(output.stdout)")
        #expect(!output.stdout.contains("{\"time\""), "no raw JSON log line on stdout")
        #expect(output.stderr.contains("PROVISIONING") && output.stderr.contains("STOPPED"), "status changes on stderr")
        #expect(output.stderr.contains("exited with 0"))
        let connection = try fixture.connect()
        defer { connection.close() }
        let row = try #require(try connection.queryFirst(
            "SELECT trigger, environment, status, ecs_task_arn FROM cronjob_runs WHERE job = 'notify-upload'"))
        #expect(try row.decode("trigger", as: String.self) == "manual")
        #expect(try row.decode("environment", as: String.self) == "emu")
        #expect(try row.decode("status", as: String.self) == "succeeded")
        #expect(try row.decode("ecs_task_arn", as: String?.self) == arn)
        let stats = try await fixture.emulator.stats()
        let body = try #require((stats["run_task_requests"] as? [String])?.last)
        let request = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        #expect(request["launchType"] as? String == "FARGATE")
        #expect(request["platformVersion"] as? String == "LATEST")
        #expect((request["clientToken"] as? String)?.isEmpty == false, "a retried RunTask starts no second task")
        let tags = (request["tags"] as? [[String: String]] ?? []).reduce(into: [String: String]()) { $0[$1["key"] ?? ""] = $1["value"] }
        #expect(tags["cronjob:trigger"] == "manual" && tags["project"] == "invoke-tests" && tags["cronjob:job"] == "notify-upload")
        #expect(request["startedBy"] as? String == "cronjob-invoke/tester")
        #expect((request["taskDefinition"] as? String)?.hasSuffix("task-definition/cronjob-emu-notify-upload:1") == true)
        let network = (request["networkConfiguration"] as? [String: Any])?["awsvpcConfiguration"] as? [String: Any]
        #expect(network?["assignPublicIp"] as? String == "ENABLED")
        #expect(network?["subnets"] as? [String] == ["subnet-0a3c5e7f9b1d2e4a6"])
        let command = ((request["overrides"] as? [String: Any])?["containerOverrides"] as? [[String: Any]])?.first?["command"] as? [String]
        #expect(command == ["run", "notify-upload", "--timeout", "300s", "--concurrency", "forbid"])
        InvokeOutputChecks.expectNoSecrets(output, fixture: fixture)
    }

    @Test func invoke_failingTask_exitsWithContainerCode1() async throws {
        let fixture = try await InvokeFixture(migrate: false)
        let output = try fixture.invoke(["notify-upload", "--env", "emu"])
        #expect(output.status == 1, "\(output.stdout) \(output.stderr)")
        #expect(output.stderr.contains("exited with 1"))
        InvokeOutputChecks.expectNoSecrets(output, fixture: fixture)
    }

    @Test func invoke_providerDown_exitsWithContainerCode69() async throws {
        let fixture = try await InvokeFixture(seed: ["--payments", "3", "--payouts", "0", "--notifications", "0"])
        let output = try fixture.invoke(["sync-payments", "--env", "emu", "--no-follow"])
        #expect(output.status == 69, "\(output.stderr)")
        #expect(output.stderr.contains("exited with 69"), "the container's own 69, not a start failure")
        #expect(output.stdout.isEmpty, "--no-follow prints no log line")
        InvokeOutputChecks.expectNoSecrets(output, fixture: fixture)
    }

    @Test func invoke_databaseUnreachable_exitsWithContainerCode75() async throws {
        let secret = #"{"username":"app","password":"unreachable-pw-91f","host":"127.0.0.1","port":9,"dbname":"app"}"#
        let fixture = try await InvokeFixture(secret: secret)
        let output = try fixture.invoke(["notify-upload", "--env", "emu"])
        #expect(output.status == 75, "\(output.stdout) \(output.stderr)")
        #expect(!output.combined.contains("unreachable-pw-91f"))
        InvokeOutputChecks.expectNoSecrets(output, fixture: fixture)
    }

    @Test func invoke_malformedSecret_exitsWithContainerCode78() async throws {
        let fixture = try await InvokeFixture(secret: #"{"username":"app","password":"half-a-secret""#)
        let output = try fixture.invoke(["notify-upload", "--env", "emu"])
        #expect(output.status == 78, "\(output.stdout) \(output.stderr)")
        #expect(output.stdout.contains("DATABASE_SECRET"))
        #expect(!output.combined.contains("half-a-secret"))
        InvokeOutputChecks.expectNoSecrets(output, fixture: fixture)
    }

    @Test func invoke_tinyTimeout_exitsWithContainerCode124() async throws {
        let fixture = try await InvokeFixture(seed: ["--pending-uploads", "3000"], notifyBatchSize: 1)
        let output = try fixture.invoke(["notify-upload", "--env", "emu", "--timeout", "1s"])
        #expect(output.status == 124, "\(output.stdout.suffix(500)) \(output.stderr)")
        let stats = try await fixture.emulator.stats()
        let body = (stats["run_task_requests"] as? [String])?.last ?? ""
        #expect(body.contains(#""--timeout","1s""#), "the timeout is passed through to the task")
        InvokeOutputChecks.expectNoSecrets(output, fixture: fixture)
    }

    @Test func invoke_sigint_stopsTheRemoteTask_andExits143() async throws {
        let fixture = try await InvokeFixture(seed: ["--pending-uploads", "3000"], notifyBatchSize: 1)
        let process = try fixture.start(["notify-upload", "--env", "emu"])
        let started = Date()
        while !process.stdoutSoFar.contains("run started") && Date().timeIntervalSince(started) < 60 { usleep(50_000) }
        process.signal(SIGINT)
        let output = process.wait(timeout: 90)
        #expect(output.status == 143, "\(output.stdout.suffix(500)) \(output.stderr)")
        #expect(output.stderr.contains("SIGINT: stopping task"))
        let stats = try await fixture.emulator.stats()
        #expect((stats["calls"] as? [String: Int])?["StopTask"] == 1)
        let task = (stats["tasks"] as? [[String: Any]])?.last
        #expect(task?["stopCode"] as? String == "UserInitiated")
        #expect((task?["stoppedReason"] as? String)?.contains("SIGINT") == true)
        #expect(try fixture.count("SELECT count(*) FROM cronjob_runs WHERE status = 'stopped' AND exit_code = 143") == 1)
        InvokeOutputChecks.expectNoSecrets(output, fixture: fixture)
    }

    @Test func invoke_secondSigint_detachesWithAMessage() async throws {
        let fixture = try await InvokeFixture(seed: ["--pending-uploads", "3000"], notifyBatchSize: 1)
        let process = try fixture.start(["notify-upload", "--env", "emu"])
        let started = Date()
        while !process.stdoutSoFar.contains("run started") && Date().timeIntervalSince(started) < 60 { usleep(50_000) }
        process.signal(SIGINT)
        usleep(20_000)
        process.signal(SIGINT)
        let output = process.wait(timeout: 60)
        #expect(output.status == 130, "\(output.stderr)")
        #expect(output.stderr.contains("detached; task arn:aws:ecs:"))
        #expect(output.stderr.contains("may still be stopping"))
        InvokeOutputChecks.expectNoSecrets(output, fixture: fixture)
    }
}
