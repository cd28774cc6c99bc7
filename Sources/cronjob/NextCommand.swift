import ArgumentParser
import Foundation
import Runner
import Schedules

/// `cronjob next EXPR [--count N] [--from TIME]`: the next fire times of an EventBridge expression;
/// `cronjob next --check EXPR|-`: validates expressions (NextCommand+Check.swift).
struct NextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "next",
        abstract: "Print the next fire times of a cron(...) or rate(...) expression, in UTC.",
        discussion: """
            Prints one ISO 8601 UTC time per line, strictly after --from, and nothing else. An expression that stops firing (a past year, Feb 30) prints fewer lines, or none, and exits 0. Invalid input prints one line on stderr and exits 64.

            rate(...) times are multiples of the interval since the Unix epoch. AWS counts from the rule's creation, so real fire times keep the interval but may be shifted.

            --check validates instead: it prints one line per expression, `ok<TAB>EXPR<TAB>NEXT<TAB>MEANING` (NEXT is the first fire time after --from, or `never`) or `error<TAB>EXPR<TAB>MESSAGE`, with control characters and backslashes escaped; --count does not apply. With `-` as the expression it reads one expression per line from stdin (a trailing CR is removed) and answers every line, in order. Exit 0 when every expression is valid, 78 when any is not, 64 for bad flags.

            Examples:
              cronjob next 'cron(0 9 ? * MON-FRI *)' --count 3 --from 2026-01-01T00:00:00Z
              cronjob next 'rate(15 minutes)'
              cronjob next --check - < expressions.txt
            """
    )

    static let countRange = 1...10_000

    @Argument(help: "The schedule expression, quoted: 'cron(0 10 * * ? *)' or 'rate(5 minutes)'; with --check, - reads them from stdin.")
    var expression: String

    @Option(help: ArgumentHelp("How many fire times to print (1-10000).", valueName: "n"))
    var count: String = "5"

    @Option(help: ArgumentHelp(
        "Print fire times after this instant (ISO 8601, e.g. 2026-01-01T10:00:00Z or 2026-01-01); default: now.",
        valueName: "time"), transform: TimeFlag.parse)
    var from: TimeFlag?

    @Flag(help: "Validate instead of listing: `ok` or `error` per expression; EXPRESSION `-` reads one per line from stdin (exit 78 if any is invalid).")
    var check = false

    func run() throws {
        if check { return try runCheck() }
        let schedule: ScheduleExpression
        do {
            schedule = try ScheduleExpression(parsing: expression)
        } catch {
            throw Self.usageError("invalid expression: \(error)")
        }
        guard let count = Int(count), Self.countRange.contains(count) else {
            throw Self.usageError("invalid --count: '\(count)' is not a whole number in 1-10000")
        }
        let start = try startInstant()
        var output = ""
        for time in schedule.nextFireTimes(after: start, count: count) {
            output += ScheduleListing.timestamp(time) + "\n"
        }
        FileHandle.standardOutput.write(Data(output.utf8))
    }

    /// --from, or now; an invalid one is a usage error.
    func startInstant() throws -> Date {
        from?.date ?? Date()
    }

    /// `cronjob: MESSAGE` as the only line on stderr, exit 64 (usage), without the usage text.
    private static func usageError(_ message: String) -> CommandFailure {
        CommandFailure(message, exitCode: RunExitCode.usage)
    }
}
