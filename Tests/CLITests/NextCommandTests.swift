import Testing
import TestSupport

/// `cronjob next`, run as the built binary: exact stdout, one stderr line and exit 64 for bad input.
@Suite("cronjob next")
struct NextCommandTests {
    @Test func next_cronWithFrom_printsExactTimes() throws {
        let result = try Executable.cronjob(["next", "cron(0 9 ? * MON-FRI *)", "--count", "4", "--from", "2026-01-01T09:00:00Z"])
        #expect(result.status == 0)
        #expect(result.stdout == "2026-01-02T09:00:00Z\n2026-01-05T09:00:00Z\n2026-01-06T09:00:00Z\n2026-01-07T09:00:00Z\n")
        #expect(result.stderr.isEmpty)
    }

    @Test func next_defaultCount_printsFiveTimes() throws {
        let result = try Executable.cronjob(["next", "rate(5 minutes)", "--from", "2026-01-01T00:02:30Z"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            2026-01-01T00:05:00Z
            2026-01-01T00:10:00Z
            2026-01-01T00:15:00Z
            2026-01-01T00:20:00Z
            2026-01-01T00:25:00Z

            """)
    }

    @Test func next_fromWithOffsetOrDate_isReadAsThatInstant() throws {
        let offset = try Executable.cronjob(["next", "cron(0 * * * ? *)", "--count", "1", "--from", "2026-01-01T12:30:00+02:00"])
        #expect(offset.stdout == "2026-01-01T11:00:00Z\n")
        let date = try Executable.cronjob(["next", "cron(0 0 29 2 ? *)", "--count", "2", "--from", "2096-01-01"])
        #expect(date.stdout == "2096-02-29T00:00:00Z\n2104-02-29T00:00:00Z\n")
    }

    @Test func next_expressionThatStopsFiring_printsWhatIsLeftAndExitsZero() throws {
        let some = try Executable.cronjob(["next", "cron(0 0 1 1 ? 2030-2031)", "--count", "5", "--from", "2026-01-01T00:00:00Z"])
        #expect(some.status == 0)
        #expect(some.stdout == "2030-01-01T00:00:00Z\n2031-01-01T00:00:00Z\n")
        let none = try Executable.cronjob(["next", "cron(0 0 30 2 ? *)", "--from", "2026-01-01T00:00:00Z"])
        #expect(none.status == 0)
        #expect(none.stdout.isEmpty)
        #expect(none.stderr.isEmpty)
    }

    @Test func next_withoutFrom_printsFutureTimes() throws {
        let result = try Executable.cronjob(["next", "rate(1 minute)", "--count", "3"])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 3)
    }

    @Test func next_maximumCount_printsTenThousandLines() throws {
        let result = try Executable.cronjob(["next", "cron(* * * * ? *)", "--count", "10000", "--from", "2026-01-01T00:00:00Z"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 10_000)
        #expect(lines.last == "2026-01-07T22:40:00Z")
    }

    static let invalid: [([String], String)] = [
        (["next", "cron(0 0 ? * 8 *)"], "cronjob: invalid expression: day-of-week: 8 is out of range; use 1-7 or SUN-SAT\n"),
        (["next", "cron(0 10 * * * *)"],
         "cronjob: invalid expression: day-of-week: day-of-month and day-of-week are both set; use '?' in one of them, e.g. cron(0 10 * * ? *) or cron(0 10 ? * MON-FRI *)\n"),
        (["next", "rate(1 minutes)"], "cronjob: invalid expression: rate: use the singular unit with 1: rate(1 minute), not rate(1 minutes)\n"),
        (["next", "0 10 * * ? *"],
         "cronjob: invalid expression: '0 10 * * ? *' is not wrapped in cron(...); use cron(minutes hours day-of-month month day-of-week year) or rate(value unit), e.g. cron(0 10 * * ? *)\n"),
        (["next", "rate(5 minutes)", "--count", "0"], "cronjob: invalid --count: '0' is not a whole number in 1-10000\n"),
        (["next", "rate(5 minutes)", "--count", "10001"], "cronjob: invalid --count: '10001' is not a whole number in 1-10000\n"),
        (["next", "rate(5 minutes)", "--count", "five"], "cronjob: invalid --count: 'five' is not a whole number in 1-10000\n"),
        (["next", "rate(5 minutes)", "--from", "yesterday"],
         "cronjob: The value 'yesterday' is invalid for '--from <time>': not a time like 2026-01-01T10:00:00Z, 2026-01-01T12:00:00+02:00 or 2026-01-01 (years 1970-9999) (see --help)\n"),
        (["next", "rate(5 minutes)", "--from", "2026-02-30T00:00:00Z"],
         "cronjob: The value '2026-02-30T00:00:00Z' is invalid for '--from <time>': not a time like 2026-01-01T10:00:00Z, 2026-01-01T12:00:00+02:00 or 2026-01-01 (years 1970-9999) (see --help)\n"),
        (["next", "rate(5 minutes)", "--from", "2026-01-01T10:00:00"],
         "cronjob: The value '2026-01-01T10:00:00' is invalid for '--from <time>': not a time like 2026-01-01T10:00:00Z, 2026-01-01T12:00:00+02:00 or 2026-01-01 (years 1970-9999) (see --help)\n"),
    ]

    @Test(arguments: invalid)
    func next_invalidInput_printsOneLineAndExits64(_ arguments: [String], _ stderr: String) throws {
        let result = try Executable.cronjob(arguments)
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == stderr)
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}
