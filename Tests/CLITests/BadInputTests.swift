import Foundation
import Testing
import TestSupport

/// Hostile input gets one line and a documented exit code: never a trap, a backtrace or a secret (issue 15).
@Suite("Bad input: one line, a documented code", .serialized)
struct BadInputTests {
    private static let unreachable = ["DATABASE_URL": "postgresql://u:p@127.0.0.1:1/db", "CRONJOB_CONNECT_TIMEOUT": "1s"]

    /// The process ended by exit (not a signal), printed no Swift trap, and said `fragment` on stderr's only line.
    private func expectOneLine(_ output: ProcessOutput, status: Int32, mentions fragment: String,
                               sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!output.signalled, sourceLocation: sourceLocation)
        #expect(output.status == status, "\(output.combined)", sourceLocation: sourceLocation)
        #expect(!output.combined.contains("Fatal error"), sourceLocation: sourceLocation)
        let lines = output.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(output.stderr)", sourceLocation: sourceLocation)
        #expect(output.stderr.contains(fragment), "\(output.stderr)", sourceLocation: sourceLocation)
    }

    @Test(arguments: ["99999999999999d", "1e16", "9223372036854775807s", "0x10", "1.5m", "367d"])
    func run_hugeOrForeignTimeout_exits64(value: String) throws {
        let output = try Executable.cronjob(["run", "notify-upload", "--timeout", value])
        expectOneLine(output, status: 64, mentions: "--timeout")
    }

    @Test(arguments: ["CRONJOB_CONNECT_TIMEOUT", "CRONJOB_DRAIN_GRACE", "CRONJOB_STATEMENT_TIMEOUT"])
    func run_hugeDurationVariable_exits78NamingIt(variable: String) throws {
        var environment = Self.unreachable
        environment[variable] = "99999999999999d"
        let output = try Executable.cronjob(["run", "notify-upload"], environment: environment, timeout: 30)
        #expect(!output.signalled)
        #expect(output.status == 78, "\(output.combined)")
        #expect(output.combined.contains(variable))
        #expect(!output.combined.contains("Fatal error"))
    }

    @Test func run_logFormatXML_exits78() throws {
        var environment = Self.unreachable
        environment["CRONJOB_LOG_FORMAT"] = "xml"
        let output = try Executable.cronjob(["run", "notify-upload"], environment: environment, timeout: 30)
        #expect(output.status == 78, "\(output.combined)")
        #expect(output.combined.contains("CRONJOB_LOG_FORMAT"))
    }

    @Test(arguments: [
        "2026-02-29T00:00:00Z", "2026-01-01T00:00:00+99:00", "294277-01-01T00:00:00Z", "0001-01-01T00:00:00Z",
        "1582-10-10T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T10:00:00",
    ])
    func run_impossibleScheduledAt_exits64(value: String) throws {
        let output = try Executable.cronjob(["run", "notify-upload", "--scheduled-at", value])
        expectOneLine(output, status: 64, mentions: "--scheduled-at")
    }

    @Test func timeFlags_shareOneGrammar() throws {
        let schedules = try Executable.cronjob(["schedules", "--file", SchedulesFile.repository, "--from", "2026-02-30"])
        expectOneLine(schedules, status: 64, mentions: "--from")
        let next = try Executable.cronjob(["next", "rate(5 minutes)", "--from", "2026-02-30"])
        expectOneLine(next, status: 64, mentions: "--from")
        let ancient = try Executable.cronjob(["next", "rate(5 minutes)", "--from", "0001-01-01T00:00:00Z"])
        expectOneLine(ancient, status: 64, mentions: "--from")
        let leap = try Executable.cronjob(["next", "cron(0 0 29 2 ? *)", "--count", "1", "--from", "2026-01-01"])
        #expect(leap.status == 0)
        #expect(leap.stdout == "2028-02-29T00:00:00Z\n")
        let offset = try Executable.cronjob(["next", "rate(1 hour)", "--count", "1", "--from", "2026-01-01T12:30:00+02:00"])
        #expect(offset.stdout == "2026-01-01T11:00:00Z\n")
    }

    @Test(arguments: [["next", "rate(5 minutes)", "--count", "-3"], ["history", "--limit", "-3"], ["seed", "--scale", "-3"]])
    func negativeCounts_oneLine64(arguments: [String]) throws {
        let output = try Executable.cronjob(arguments)
        expectOneLine(output, status: 64, mentions: "cronjob:")
    }

    @Test func unknownEnvironment_is64Everywhere() throws {
        let file = SchedulesFile.repository
        let schedules = try Executable.cronjob(["schedules", "--file", file, "--env", "nope"])
        expectOneLine(schedules, status: 64, mentions: "nope")
        let compile = try Executable.cronjob(["compile", "--file", file, "--env", "nope", "--format", "cloudformation", "--out", "out"])
        expectOneLine(compile, status: 64, mentions: "nope")
        let run = try Executable.cronjob(["run", "notify-upload", "--file", file, "--env", "nope"])
        expectOneLine(run, status: 64, mentions: "nope")
    }

    @Test func controlCharacters_areEscapedInErrorLines() throws {
        let output = try Executable.cronjob(["run", "evil\u{1B}[31mred\u{07}"])
        expectOneLine(output, status: 64, mentions: "\\u{1B}[31mred\\u{7}")
        #expect(!output.stderr.contains("\u{1B}"))
    }
}

/// The repository's schedules.yaml.
enum SchedulesFile {
    static var repository: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("schedules.yaml").path
    }
}
