import Foundation
import Testing
import TestSupport

/// The emulator's signature check is not circular: requests signed by botocore (the AWS CLI) pass it too, and
/// fail it with the wrong key. The CLI is installed by scripts/test.sh.
@Suite("aws-emulator against the AWS CLI", .serialized)
struct EmulatorSignatureTests {
    func aws(_ arguments: [String], fixture: InvokeFixture, secret: String = InvokeFixture.secretAccessKey) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["aws"] + arguments + ["--region", "us-east-1", "--endpoint-url", fixture.emulator.endpoint, "--output", "json"]
        process.environment = Executable.baseEnvironment.merging([
            "AWS_ACCESS_KEY_ID": InvokeFixture.accessKeyId, "AWS_SECRET_ACCESS_KEY": secret,
            "AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true",
        ]) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    @Test func emulator_acceptsBotocoreSignatures_andRefusesAWrongKey() async throws {
        let fixture = try await InvokeFixture()
        let described = try aws(["ecs", "describe-task-definition", "--task-definition", "cronjob-emu-notify-upload"], fixture: fixture)
        #expect(described.status == 0, "\(described.stderr)")
        #expect(described.stdout.contains("\"family\": \"cronjob-emu-notify-upload\""))
        let wrong = try aws(["ecs", "describe-task-definition", "--task-definition", "cronjob-emu-notify-upload"], fixture: fixture, secret: "wrong-secret")
        #expect(wrong.status != 0)
        #expect(wrong.stderr.contains("InvalidSignatureException"))
    }
}
