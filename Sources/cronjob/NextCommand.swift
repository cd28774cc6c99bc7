import ArgumentParser
import Foundation
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
        valueName: "time"))
    var from: String?

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
        guard let from else { return Date() }
        guard let instant = Self.instant(from) else {
            throw Self.usageError(
                "invalid --from: '\(from)' is not an ISO 8601 time; use e.g. 2026-01-01T10:00:00Z, 2026-01-01T12:00:00+02:00 or 2026-01-01")
        }
        return instant
    }

    /// Prints `cronjob: MESSAGE` as the only line on stderr and exits 64 (usage), without the usage text.
    private static func usageError(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("cronjob: \(message)\n".utf8))
        return ExitCode(64)
    }

    /// A strict ISO 8601 (RFC 3339) instant with a zone, `2026-01-01T10:00:00Z`, `...T12:00:00.250+02:00`,
    /// `...T10:00Z`; or a calendar date, `2026-01-01`, read as midnight UTC. Nothing is rolled over
    /// (Feb 30 is refused) and nothing may follow; a time without a zone is refused as ambiguous.
    static func instant(_ text: String) -> Date? {
        var scanner = Scanner(Array(text.utf8))
        guard let year = scanner.digits(4), scanner.skip("-"), let month = scanner.digits(2), scanner.skip("-"),
            let day = scanner.digits(2)
        else { return nil }
        var (hour, minute, second, fraction, offset) = (0, 0, 0, 0.0, 0)
        if !scanner.atEnd {
            guard scanner.skip("T") || scanner.skip("t"), let h = scanner.digits(2), scanner.skip(":"),
                let m = scanner.digits(2)
            else { return nil }
            (hour, minute) = (h, m)
            if scanner.skip(":") {
                guard let s = scanner.digits(2) else { return nil }
                second = s
                if scanner.skip(".") {
                    guard let digits = scanner.fraction() else { return nil }
                    fraction = digits
                }
            }
            if scanner.skip("Z") || scanner.skip("z") {
                offset = 0
            } else if let sign = scanner.sign(), let oh = scanner.digits(2) {
                _ = scanner.skip(":")
                guard let om = scanner.digits(2), oh < 24, om < 60 else { return nil }
                offset = sign * (oh * 3600 + om * 60)
            } else {
                return nil
            }
        }
        guard scanner.atEnd, hour < 24, minute < 60, second < 60 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let date = calendar.date(from: components),
            calendar.dateComponents([.year, .month, .day], from: date) == DateComponents(year: year, month: month, day: day)
        else { return nil }
        return date.addingTimeInterval(fraction - Double(offset))
    }
}

/// Reads ASCII digits and separators from the front of a byte string.
private struct Scanner {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }

    mutating func skip(_ character: Character) -> Bool {
        guard index < bytes.count, bytes[index] == character.asciiValue else { return false }
        index += 1
        return true
    }

    /// Exactly `count` digits as a number.
    mutating func digits(_ count: Int) -> Int? {
        guard index + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[index..<index + count] {
            guard (48...57).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        index += count
        return value
    }

    /// One or more digits after a decimal point, as a fraction of a second.
    mutating func fraction() -> Double? {
        var value = 0.0
        var scale = 0.1
        let start = index
        while index < bytes.count, (48...57).contains(bytes[index]) {
            value += Double(bytes[index] - 48) * scale
            scale /= 10
            index += 1
        }
        return index > start ? value : nil
    }

    mutating func sign() -> Int? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }
}
