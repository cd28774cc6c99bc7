import Foundation
import Schedules
import Testing

/// Fire times far in the future print exactly, and nothing fires beyond the engine's horizon (10^15 s).
@Suite("Expression horizon and timestamps")
struct ExpressionHorizonTests {
    static let start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    @Test(arguments: [
        ("rate(1000000 days)", "4707-11-29T00:00:00Z"),
        ("rate(10000000000 days)", "27381040-01-27T00:00:00Z"),  // past year 506713, where ISO8601FormatStyle stops
        ("rate(115740740740 days)", "never"),  // 9,999,999,999,936,000 s: beyond the horizon
        ("rate(106751991167300 days)", "never"),
    ])
    func nextFireTime_largeRates_exactOrNever(expression: String, expected: String) throws {
        let next = try ScheduleExpression(parsing: expression).nextFireTime(after: Self.start)
        #expect(next.map(ScheduleListing.timestamp) ?? "never" == expected)
    }

    @Test(arguments: [
        (-62_135_596_800.0, "0001-01-01T00:00:00Z"), (0, "1970-01-01T00:00:00Z"), (951_782_400, "2000-02-29T00:00:00Z"),
        (253_402_300_799, "9999-12-31T23:59:59Z"), (999_999_999_999_999, "31690708-07-05T01:46:39Z"),
    ])
    func timestamp_wholeSeconds_isoUTC(seconds: Double, expected: String) {
        #expect(ScheduleListing.timestamp(Date(timeIntervalSince1970: seconds)) == expected)
    }
}
