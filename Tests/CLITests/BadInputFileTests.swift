import Foundation
import Testing
import TestSupport

/// Paths that are not what a flag expects are refused at once, in one line (issue 15).
@Suite("Bad input: files and directories", .serialized)
struct BadInputFileTests {
    private func scratch() throws -> URL {
        let directory = try TestEnvironment.workDirectory().appendingPathComponent("bad-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func fileFlag_atAFIFO_isRefusedWithoutWaiting() throws {
        let fifo = try scratch().appendingPathComponent("schedules.yaml").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let check = try Executable.cronjob(["schedules", "--check", "--file", fifo], timeout: 20)
        #expect(!check.signalled, "the command hung on the FIFO")
        #expect(check.status == 78)
        #expect(check.stderr.contains("not a regular file"))
        let compile = try Executable.cronjob(
            ["compile", "--file", fifo, "--env", "staging", "--format", "cloudformation", "--out", try scratch().path], timeout: 20)
        #expect(!compile.signalled)
        #expect(compile.status == 78)
    }

    @Test func outFlag_emptyFIFOOrFile_isRefused() throws {
        let directory = try scratch()
        let fifo = directory.appendingPathComponent("out-fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let file = directory.appendingPathComponent("out-file")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        for out in ["", fifo, file.path] {
            let output = try Executable.cronjob(
                ["compile", "--file", SchedulesFile.repository, "--env", "staging", "--format", "cloudformation", "--out", out],
                directory: directory, timeout: 20)
            #expect(!output.signalled)
            #expect(output.status == 64, "\(out): \(output.combined)")
            #expect(output.stderr.split(separator: "\n").count == 1)
            #expect(output.stderr.contains("--out"))
            #expect(!output.stderr.contains("NSCocoaErrorDomain"))
        }
        let written = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(written == ["out-fifo", "out-file"], "nothing written into the working directory")
    }

    @Test func schedulesCheck_neverFiring_is78_pastYear_warns() throws {
        let original = try String(contentsOfFile: SchedulesFile.repository, encoding: .utf8)
        let directory = try scratch()
        let never = original.replacingOccurrences(of: "schedule: rate(5 minutes)", with: "schedule: cron(0 0 30 2 ? *)")
        #expect(never != original)
        try never.write(to: directory.appendingPathComponent("never.yaml"), atomically: true, encoding: .utf8)
        let refused = try Executable.cronjob(["schedules", "--check", "--file", directory.appendingPathComponent("never.yaml").path])
        #expect(refused.status == 78)
        #expect(refused.stderr.contains("never fires"))
        let past = original.replacingOccurrences(of: "schedule: rate(5 minutes)", with: "schedule: cron(0 0 1 1 ? 2020)")
        try past.write(to: directory.appendingPathComponent("past.yaml"), atomically: true, encoding: .utf8)
        let warned = try Executable.cronjob(["schedules", "--check", "--file", directory.appendingPathComponent("past.yaml").path])
        #expect(warned.status == 0)
        #expect(warned.stderr.contains("warning") && warned.stderr.contains("fires no more"))
    }
}
