import Foundation
import Schedules
import Testing

/// Known answers: AWS documentation's examples and the calendar's edge cases, checked by hand
/// against a calendar (and, for the rare ones, where a brute-force scan would take too long).
@Suite("Schedule expression: documented examples and calendar edges")
struct ExpressionExamplesTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let expression: String
        let from: String
        let expected: [String]
        /// Whether `expected` holds every fire time left, so that none may follow.
        var complete = false
        var testDescription: String { "\(expression) after \(from)" }
    }

    /// The examples of https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html
    /// and eb-rate-expressions.html, at the times their "Meaning" column gives. 2026-01-01 is a Thursday.
    static let documented: [Case] = [
        Case(expression: "cron(0 10 * * ? *)", from: "2026-01-01T00:00:00Z",  // 10:00 every day
             expected: ["2026-01-01T10:00:00Z", "2026-01-02T10:00:00Z", "2026-01-03T10:00:00Z"]),
        Case(expression: "cron(15 12 * * ? *)", from: "2026-01-01T12:15:00Z",  // 12:15 every day
             expected: ["2026-01-02T12:15:00Z", "2026-01-03T12:15:00Z", "2026-01-04T12:15:00Z"]),
        Case(expression: "cron(0 18 ? * MON-FRI *)", from: "2026-01-01T00:00:00Z",  // 18:00 Monday-Friday
             expected: ["2026-01-01T18:00:00Z", "2026-01-02T18:00:00Z", "2026-01-05T18:00:00Z", "2026-01-06T18:00:00Z"]),
        Case(expression: "cron(0 8 1 * ? *)", from: "2026-01-01T08:00:00Z",  // 08:00 on the 1st of every month
             expected: ["2026-02-01T08:00:00Z", "2026-03-01T08:00:00Z", "2026-04-01T08:00:00Z"]),
        Case(expression: "cron(0/15 * * * ? *)", from: "2026-01-01T23:31:00Z",  // every 15 minutes
             expected: ["2026-01-01T23:45:00Z", "2026-01-02T00:00:00Z", "2026-01-02T00:15:00Z"]),
        Case(expression: "cron(0/10 * ? * MON-FRI *)", from: "2026-01-02T23:45:00Z",  // every 10 minutes Mon-Fri
             expected: ["2026-01-02T23:50:00Z", "2026-01-05T00:00:00Z", "2026-01-05T00:10:00Z"]),
        Case(expression: "cron(0/5 8-17 ? * MON-FRI *)", from: "2026-01-02T17:50:00Z",  // every 5 min 08:00-17:55 Mon-Fri
             expected: ["2026-01-02T17:55:00Z", "2026-01-05T08:00:00Z", "2026-01-05T08:05:00Z"]),
        Case(expression: "cron(0 9 ? * 2#1 *)", from: "2026-01-01T00:00:00Z",  // 09:00 on the first Monday
             expected: ["2026-01-05T09:00:00Z", "2026-02-02T09:00:00Z", "2026-03-02T09:00:00Z"]),
        Case(expression: "cron(15 10 ? * 6L 2022-2023)", from: "2022-01-01T00:00:00Z",  // last Friday, 2022-2023
             expected: ["2022-01-28T10:15:00Z", "2022-02-25T10:15:00Z", "2022-03-25T10:15:00Z"]),
        Case(expression: "cron(15 10 ? * 6L 2022-2023)", from: "2023-12-29T10:15:00Z", expected: [], complete: true),
        Case(expression: "rate(1 minute)", from: "2026-01-01T00:00:30Z",
             expected: ["2026-01-01T00:01:00Z", "2026-01-01T00:02:00Z"]),
        Case(expression: "rate(5 minutes)", from: "2026-01-01T00:02:30Z",
             expected: ["2026-01-01T00:05:00Z", "2026-01-01T00:10:00Z", "2026-01-01T00:15:00Z"]),
        Case(expression: "rate(1 hour)", from: "2026-01-01T10:00:00Z",
             expected: ["2026-01-01T11:00:00Z", "2026-01-01T12:00:00Z"]),
        Case(expression: "rate(1 day)", from: "2026-01-01T00:00:00.5Z",
             expected: ["2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z"]),
        // Multiples of 7 days since 1970-01-01, a Thursday; 2026-01-01 is one of them.
        Case(expression: "rate(7 days)", from: "2026-01-01T00:00:00Z",
             expected: ["2026-01-08T00:00:00Z", "2026-01-15T00:00:00Z"]),
    ]

    static let edges: [Case] = [
        // Leap years, including 2100, which is not one.
        Case(expression: "cron(0 0 29 2 ? *)", from: "2026-01-01T00:00:00Z",
             expected: ["2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z", "2036-02-29T00:00:00Z"]),
        Case(expression: "cron(0 0 29 2 ? *)", from: "2096-02-29T00:00:00Z", expected: ["2104-02-29T00:00:00Z"]),
        Case(expression: "cron(0 0 29 2 ? *)", from: "2196-02-29T00:00:00Z", expected: [], complete: true),
        Case(expression: "cron(0 0 L * ? *)", from: "2024-01-31T00:00:00Z",
             expected: ["2024-02-29T00:00:00Z", "2024-03-31T00:00:00Z", "2024-04-30T00:00:00Z"]),
        Case(expression: "cron(0 0 L 2 ? 2100)", from: "2026-01-01T00:00:00Z", expected: ["2100-02-28T00:00:00Z"], complete: true),
        // LW: January 2026 ends on a Saturday, May 2026 on a Sunday.
        Case(expression: "cron(0 0 LW * ? 2026)", from: "2026-01-01T00:00:00Z",
             expected: ["2026-01-30T00:00:00Z", "2026-02-27T00:00:00Z", "2026-03-31T00:00:00Z", "2026-04-30T00:00:00Z", "2026-05-29T00:00:00Z"]),
        // W never leaves the month: August 1, 2026 is a Saturday, so 1W is Monday the 3rd.
        Case(expression: "cron(0 0 1W * ? *)", from: "2026-07-01T00:00:00Z",
             expected: ["2026-08-03T00:00:00Z", "2026-09-01T00:00:00Z", "2026-10-01T00:00:00Z", "2026-11-02T00:00:00Z"]),
        // 31W: only months with a 31st; May 31, 2026 is a Sunday, so the Friday before.
        Case(expression: "cron(0 0 31W * ? *)", from: "2026-03-31T00:00:00Z",
             expected: ["2026-05-29T00:00:00Z", "2026-07-31T00:00:00Z", "2026-08-31T00:00:00Z", "2026-10-30T00:00:00Z"]),
        Case(expression: "cron(0 0 15W * ? 2026)", from: "2026-07-31T00:00:00Z",  // Aug 15 is a Saturday
             expected: ["2026-08-14T00:00:00Z", "2026-09-15T00:00:00Z", "2026-10-15T00:00:00Z", "2026-11-16T00:00:00Z"]),
        Case(expression: "cron(0 0 30W 2 ? *)", from: "2026-01-01T00:00:00Z", expected: [], complete: true),
        // The fifth Friday exists only in some months.
        Case(expression: "cron(0 0 ? * 6#5 *)", from: "2026-01-01T00:00:00Z",
             expected: ["2026-01-30T00:00:00Z", "2026-05-29T00:00:00Z", "2026-07-31T00:00:00Z", "2026-10-30T00:00:00Z"]),
        // A fifth Thursday in February: a leap year whose February starts on a Thursday (every 28 years,
        // except across 2100). Too rare for the brute-force window.
        Case(expression: "cron(0 0 ? FEB THU#5 *)", from: "2026-01-01T00:00:00Z",
             expected: ["2052-02-29T00:00:00Z", "2080-02-29T00:00:00Z", "2120-02-29T00:00:00Z", "2148-02-29T00:00:00Z", "2176-02-29T00:00:00Z"], complete: true),
        Case(expression: "cron(0 0 ? * L *)", from: "2026-01-01T00:00:00Z",  // L alone: Saturday
             expected: ["2026-01-03T00:00:00Z", "2026-01-10T00:00:00Z"]),
        // Never fires again: a past year, a day no month has, the end of AWS's calendar.
        Case(expression: "cron(0 0 1 1 ? 2020)", from: "2026-01-01T00:00:00Z", expected: [], complete: true),
        Case(expression: "cron(0 0 30 2 ? *)", from: "1970-01-01T00:00:00Z", expected: [], complete: true),
        Case(expression: "cron(0 0 31 APR,JUN,SEP,NOV ? *)", from: "1970-01-01T00:00:00Z", expected: [], complete: true),
        Case(expression: "cron(59 23 31 12 ? 2199)", from: "2199-12-31T23:58:00Z", expected: ["2199-12-31T23:59:00Z"], complete: true),
        Case(expression: "cron(* * * * ? *)", from: "2199-12-31T23:59:00Z", expected: [], complete: true),
        // Wrapping ranges and steps across the end of a field.
        Case(expression: "cron(0 22-2/2 ? * FRI-MON *)", from: "2026-01-01T23:00:00Z",
             expected: ["2026-01-02T00:00:00Z", "2026-01-02T02:00:00Z", "2026-01-02T22:00:00Z", "2026-01-03T00:00:00Z"]),
        Case(expression: "cron(0 0 1 NOV-FEB/2 ? *)", from: "2026-01-01T00:00:00Z",  // Nov, Jan
             expected: ["2026-11-01T00:00:00Z", "2027-01-01T00:00:00Z", "2027-11-01T00:00:00Z"]),
        // Strictly after: an instant on a fire time is not returned; fractions round forward.
        Case(expression: "cron(0 10 * * ? *)", from: "2026-01-01T10:00:00Z", expected: ["2026-01-02T10:00:00Z"]),
        Case(expression: "cron(0 10 * * ? *)", from: "2026-01-01T09:59:59.999Z", expected: ["2026-01-01T10:00:00Z"]),
        // Year ends and leap days as starting points.
        Case(expression: "cron(0 0 * * ? *)", from: "2024-12-31T23:59:30Z", expected: ["2025-01-01T00:00:00Z"]),
        Case(expression: "cron(30 12 29 * ? *)", from: "2023-01-29T12:30:00Z",
             expected: ["2023-03-29T12:30:00Z", "2023-04-29T12:30:00Z"]),
        // Before 1970, the first instant of AWS's calendar.
        Case(expression: "cron(0 0 * * ? *)", from: "1969-06-01T00:00:00Z", expected: ["1970-01-01T00:00:00Z"]),
    ]

    @Test(arguments: documented + edges)
    func nextFireTimes_knownAnswers(_ example: Case) throws {
        let expression = try ScheduleExpression(parsing: example.expression)
        let from = try #require(Self.date(example.from))
        let times = expression.nextFireTimes(after: from, count: example.expected.count + (example.complete ? 1 : 0))
        #expect(times.map { $0.formatted(.iso8601) } == example.expected)
        #expect(expression.nextFireTime(after: from)?.formatted(.iso8601) == example.expected.first)
    }

    static func date(_ text: String) -> Date? {
        let formats: [Date.ISO8601FormatStyle] = [.iso8601, Date.ISO8601FormatStyle(includingFractionalSeconds: true)]
        return formats.lazy.compactMap { try? $0.parse(text) }.first
    }
}
