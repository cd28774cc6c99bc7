import Foundation
import Schedules
import Testing

/// What AWS accepts is accepted here too: every wildcard in the places AWS's table allows it,
/// names in any case, and the forms others have confirmed on the EventBridge console.
@Suite("Schedule expression: valid input")
struct ExpressionAcceptedTests {
    static let valid = [
        "cron(0 10 * * ? *)", "cron(15 12 * * ? *)", "cron(0 18 ? * MON-FRI *)", "cron(0 8 1 * ? *)",
        "cron(0/15 * * * ? *)", "cron(0/10 * ? * MON-FRI *)", "cron(0/5 8-17 ? * MON-FRI *)", "cron(0 9 ? * 2#1 *)",
        "cron(15 10 ? * 6L 2022-2023)", "cron(0 10 ? * * *)", "cron(* * * * ? *)", "cron(*/5 * * * ? *)",
        "cron(0 0 L * ? *)", "cron(0 0 LW * ? *)", "cron(0 0 lw * ? *)", "cron(0 0 15W * ? *)", "cron(0 0 31W * ? *)",
        "cron(0 0 ? * L *)", "cron(0 0 ? * SATL *)", "cron(0 0 ? * monL *)", "cron(0 0 ? * FRI#3 *)",
        "cron(0 0 ? * mon-fri *)", "cron(0 0 ? * Mon,Wed,Fri *)", "cron(0 0 1 jan,Jul ? *)", "cron(0 0 1 JAN-MAR/2 ? *)",
        "cron(0 0 1 FEB/2 ? *)", "cron(0 07/12 ? * * *)", "cron(10,20,30,40 07/12 ? * * *)", "cron(10 10 31 04,09,12 ? *)",
        "cron(0,5 07/12 ? * 1,5,7 2020-2021,2028-2199)", "cron(0 9-5 ? * MON-FRI *)", "cron(0 11-23/2 * * ? *)",
        "cron(0 1-7/2,11-23/2,10 * * ? *)", "cron(30 0 1 JAN-APR,JUL-OCT/2,DEC ? *)", "cron(0 0 ? * FRI-MON *)",
        "cron(0 0 25-5 * ? *)", "cron(0 0 * * ? 2026/2)", "cron(0 0 * * ? 1970)", "cron(0 0 * * ? 2199)",
        "cron(0  10  *  *  ?  *)", "cron(0\t10 * * ? *)", "cron(59 23 31 12 ? 2199)",
        "rate(1 minute)", "rate(5 minutes)", "rate(1 hour)", "rate(12 hours)", "rate(1 day)", "rate(7 days)", "rate(05 minutes)",
    ]

    @Test(arguments: valid)
    func parse_validExpression_keepsTextAndFires(_ text: String) throws {
        let expression = try ScheduleExpression(parsing: text)
        #expect(expression.text == text)
        #expect(expression.description == text)
        #expect(!expression.meaning.isEmpty)
    }

    @Test func equality_followsTheText() throws {
        #expect(try ScheduleExpression(parsing: "cron(0 10 * * ? *)") == ScheduleExpression(parsing: "cron(0 10 * * ? *)"))
        #expect(try ScheduleExpression(parsing: "rate(5 minutes)") != ScheduleExpression(parsing: "rate(6 minutes)"))
    }

    @Test func nextFireTimes_stopsAtCount_andWhenTheScheduleEnds() throws {
        let from = Date(timeIntervalSince1970: 0)
        #expect(try ScheduleExpression(parsing: "rate(1 minute)").nextFireTimes(after: from, count: 10_000).count == 10_000)
        #expect(try ScheduleExpression(parsing: "cron(0 0 1 1 ? 2020-2022)").nextFireTimes(after: from, count: 10).count == 3)
        #expect(try ScheduleExpression(parsing: "cron(0 0 1 1 ? *)").nextFireTimes(after: from, count: 0).isEmpty)
    }

    @Test func nextFireTime_farFutureAndFarPast_neitherTrapsNorLoops() throws {
        let cron = try ScheduleExpression(parsing: "cron(0 0 1 1 ? *)")
        let rate = try ScheduleExpression(parsing: "rate(1 day)")
        #expect(cron.nextFireTime(after: .distantFuture) == nil)
        #expect(cron.nextFireTime(after: Date(timeIntervalSince1970: 1e300)) == nil)
        #expect(rate.nextFireTime(after: Date(timeIntervalSince1970: 1e300)) == nil)
        #expect(cron.nextFireTime(after: .distantPast) == Date(timeIntervalSince1970: 0))
        #expect(rate.nextFireTime(after: Date(timeIntervalSince1970: -1)) == Date(timeIntervalSince1970: 0))
    }
}
