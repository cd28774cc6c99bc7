import Schedules
import Testing

@Suite("Schedule expression: meaning and minimum interval")
struct ExpressionMeaningTests {
    static let meanings: [(String, String)] = [
        ("rate(1 minute)", "every minute"),
        ("rate(5 minutes)", "every 5 minutes"),
        ("rate(1 hour)", "every hour"),
        ("rate(2 hours)", "every 2 hours"),
        ("rate(1 day)", "every day"),
        ("rate(7 days)", "every 7 days"),
        ("cron(* * * * ? *)", "every minute"),
        ("cron(0/5 * * * ? *)", "every 5 minutes"),
        ("cron(*/15 * * * ? *)", "every 15 minutes"),
        ("cron(0/7 * * * ? *)", "at every 7th minute from 0 through 59 past every hour"),
        ("cron(1/10 * * * ? *)", "at every 10th minute from 1 through 59 past every hour"),
        ("cron(0 * * * ? *)", "at minute 0 past every hour"),
        ("cron(0,30 * * * ? *)", "at minutes 0 and 30 past every hour"),
        ("cron(0 10 * * ? *)", "at 10:00 UTC every day"),
        ("cron(30 9 ? * MON-FRI *)", "at 09:30 UTC on Monday through Friday"),
        ("cron(0 0 L * ? *)", "at 00:00 UTC on the last day of the month"),
        ("cron(0 0 LW * ? *)", "at 00:00 UTC on the last weekday of the month"),
        ("cron(0 0 15W * ? *)", "at 00:00 UTC on the weekday nearest day 15 of the month"),
        ("cron(0 8 1 * ? *)", "at 08:00 UTC on day 1 of the month"),
        ("cron(0 9 ? * 2#1 *)", "at 09:00 UTC on the first Monday of the month"),
        ("cron(15 10 ? * 6L 2022-2023)", "at 10:15 UTC on the last Friday of the month in 2022 through 2023"),
        ("cron(0 0 ? * L *)", "at 00:00 UTC on Saturday"),
        ("cron(0/10 * ? * MON-FRI *)", "every 10 minutes on Monday through Friday (UTC)"),
        ("cron(0/5 8-17 ? * MON-FRI *)", "every 5 minutes during hours 08 through 17 UTC on Monday through Friday"),
        ("cron(0 0,12 1,15 JAN,JUL ? *)", "at 00:00 and 12:00 UTC on days 1 and 15 of the month in January and July"),
        ("cron(0 22-2 ? * FRI-MON *)", "at minute 0 past hours 22 through 02 UTC on Friday through Monday"),
        ("cron(0 */2 * * ? *)", "at minute 0 past every 2nd hour from 00 through 23 UTC"),
        ("cron(* 9 * * ? *)", "every minute during hour 09 UTC"),
        ("cron(0 0 1 1 ? 2030)", "at 00:00 UTC on day 1 of the month in January in 2030"),
        ("cron(0 0 * * ? 2026/2)", "at 00:00 UTC every day in every 2nd year from 2026 through 2199"),
    ]

    @Test(arguments: meanings)
    func meaning_readsAsPlainEnglish(_ text: String, _ meaning: String) throws {
        #expect(try ScheduleExpression(parsing: text).meaning == meaning)
    }

    static let intervals: [(String, Double?)] = [
        ("rate(5 minutes)", 300),
        ("rate(1 day)", 86_400),
        ("cron(0/15 * * * ? *)", 900),
        ("cron(0/7 * * * ? *)", 240),  // :56 to the next hour's :00
        ("cron(0 10 * * ? *)", 86_400),
        ("cron(0 1,23 * * ? *)", 7_200),  // 23:00 to 01:00 the next day
        ("cron(0 18 ? * MON-FRI *)", 86_400),
        ("cron(0/5 8-17 ? * MON-FRI *)", 300),
        ("cron(0 9 ? * 2#1 *)", 28 * 86_400),
        ("cron(0 0 LW * ? *)", 28 * 86_400),
        ("cron(0 0 1W * ? *)", 28 * 86_400),
        ("cron(0 0 29 2 ? *)", 1_461 * 86_400),
        ("cron(0,30 10 1 1 ? 2030)", 1_800),  // fires twice, on one day
        ("cron(0 0 1 1 ? 2030)", nil),  // fires once
        ("cron(0 0 30 2 ? *)", nil),  // never fires
    ]

    @Test(arguments: intervals)
    func minimumInterval_isTheShortestGap(_ text: String, _ interval: Double?) throws {
        #expect(try ScheduleExpression(parsing: text).minimumInterval == interval)
    }
}
