import Foundation
import Testing
import TestSupport

/// `cronjob next --check`, run as the built binary: one answer line per expression (from the argument, or one per
/// line of stdin with `-`), exit 0 when all are valid, 78 when any is not, 64 for a bad flag.
@Suite("cronjob next --check")
struct NextCheckCommandTests {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the built `cronjob ARGS` with `input` on stdin (small inputs: written before the output is read).
    static func cronjob(_ arguments: [String], input: Data = Data()) throws -> Result {
        let process = Process()
        process.executableURL = try TestEnvironment.binDirectory().appendingPathComponent("cronjob")
        process.arguments = arguments
        process.environment = Executable.baseEnvironment
        process.currentDirectoryURL = try TestEnvironment.workDirectory()
        let (stdin, stdout, stderr) = (Pipe(), Pipe(), Pipe())
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }

    static let from = ["--from", "2026-01-01T00:00:00Z"]
    static let usage = "use cron(minutes hours day-of-month month day-of-week year) or rate(value unit)"

    @Test func check_stdinMixingValidAndInvalid_answersEveryLineInOrderAndExits78() throws {
        // A blank line, a CRLF line ending and a last line without a newline.
        let input = "cron(0 9 ? * MON-FRI *)\nrate(1 minutes)\n\ncron(0 0 30 2 ? *)\r\nrate(5 minutes)"
        let result = try Self.cronjob(["next", "--check", "-"] + Self.from, input: Data(input.utf8))
        #expect(result.status == 78)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout == """
            ok\tcron(0 9 ? * MON-FRI *)\t2026-01-01T09:00:00Z\tat 09:00 UTC on Monday through Friday
            error\trate(1 minutes)\trate: use the singular unit with 1: rate(1 minute), not rate(1 minutes)
            error\t\texpression is empty; \(Self.usage)
            ok\tcron(0 0 30 2 ? *)\tnever\tat 00:00 UTC on day 30 of the month in February
            ok\trate(5 minutes)\t2026-01-01T00:05:00Z\tevery 5 minutes

            """)
    }

    @Test func check_stdinAllValid_exits0() throws {
        let result = try Self.cronjob(["next", "--check", "-"] + Self.from, input: Data("rate(1 hour)\ncron(30 * * * ? *)\n".utf8))
        #expect(result.status == 0)
        #expect(result.stdout == """
            ok\trate(1 hour)\t2026-01-01T01:00:00Z\tevery hour
            ok\tcron(30 * * * ? *)\t2026-01-01T00:30:00Z\tat minute 30 past every hour

            """)
        #expect(result.stderr.isEmpty)
    }

    @Test func check_controlCharactersAndInvalidUTF8_areEscapedOneLineEach() throws {
        var input = Data("a\tb\n\u{1B}[31m\\\n".utf8)
        input.append(contentsOf: [0x72, 0x61, 0xFF, 0x0A])
        let result = try Self.cronjob(["next", "--check", "-"] + Self.from, input: input)
        #expect(result.status == 78)
        #expect(result.stdout == """
            error\ta\\tb\t'a\\tb' is not a schedule expression; \(Self.usage)
            error\t\\u{1B}[31m\\\\\t'\\u{1B}[31m\\\\' is not a schedule expression; \(Self.usage)
            error\tra\u{FFFD}\tthe line is not valid UTF-8 text

            """)
    }

    @Test func check_expressionArgument_answersOneLine() throws {
        let valid = try Self.cronjob(["next", "--check", "cron(0 10 * * ? *)"] + Self.from)
        #expect(valid.status == 0)
        #expect(valid.stdout == "ok\tcron(0 10 * * ? *)\t2026-01-01T10:00:00Z\tat 10:00 UTC every day\n")
        let invalid = try Self.cronjob(["next", "--check", "cron(0 0 ? * 8 *)"] + Self.from)
        #expect(invalid.status == 78)
        #expect(invalid.stdout == "error\tcron(0 0 ? * 8 *)\tday-of-week: 8 is out of range; use 1-7 or SUN-SAT\n")
        #expect(invalid.stderr.isEmpty)
    }

    @Test func check_emptyStdin_printsNothingAndExits0() throws {
        let result = try Self.cronjob(["next", "--check", "-"])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.isEmpty)
    }

    @Test func check_badFrom_isAUsageError() throws {
        let result = try Self.cronjob(["next", "--check", "-", "--from", "yesterday"], input: Data("rate(1 hour)\n".utf8))
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == """
            cronjob: The value 'yesterday' is invalid for '--from <time>': not a time like 2026-01-01T10:00:00Z, 2026-01-01T12:00:00+02:00 or 2026-01-01 (years 1970-9999) (see --help)

            """)
    }
}
