import Foundation
import Testing
import TestSupport

/// `cronjob compile` end to end through the built binary.
@Suite struct CompileCommandTests {
    @Test func compile_unknownFormat_exits64() throws {
        let out = try TestEnvironment.workDirectory().appendingPathComponent("compile-bad-format")
        let result = try Executable.cronjob(["compile", "--env", "production", "--format", "yaml", "--out", out.path])
        #expect(result.status == 64)
        #expect(result.stderr.contains("format"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func compile_missingScheduleFile_exits78_namingTheFile() throws {
        let work = try TestEnvironment.workDirectory()
        let result = try Executable.cronjob([
            "compile", "--env", "production", "--format", "terraform", "--out", work.appendingPathComponent("compile-missing").path,
            "--file", work.appendingPathComponent("no-such-schedules.yaml").path,
        ])
        #expect(result.status == 78)
        #expect(result.stderr.contains("no-such-schedules.yaml"))
    }

    /// The repository's own schedules.yaml compiles in every format and for both targets.
    @Test(arguments: ["cloudformation", "aws-cli", "terraform"], ["rules", "scheduler"])
    func compile_repositorySchedules_writesFiles(format: String, target: String) throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = repository.appendingPathComponent("schedules.yaml")
        let out = try TestEnvironment.workDirectory().appendingPathComponent("compile-yaml-\(format)-\(target)")
        let result = try Executable.cronjob([
            "compile", "--env", "production", "--format", format, "--target", target, "--out", out.path,
            "--file", file.path,
        ])
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.stdout.hasPrefix("wrote "))
        let written = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(!written.isEmpty)
        if format == "cloudformation" {
            let lint = try ExternalTool.run(["cfn-lint", "--", out.appendingPathComponent("cronjob-production.template.json").path])
            #expect(lint.status == 0, "\(lint.combined)")
        }
    }
}
