import Schedules
import Testing

/// What AWS rejects is rejected here too, with one line that names the field and says what is valid.
@Suite("Schedule expression: invalid input")
struct ExpressionInvalidTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let text: String
        let field: String?
        let message: String
        init(_ text: String, _ field: String?, _ message: String) {
            (self.text, self.field, self.message) = (text, field, message)
        }
        var testDescription: String { text.isEmpty ? "(empty)" : text }
    }

    static let usage = "use cron(minutes hours day-of-month month day-of-week year) or rate(value unit)"

    static let cases: [Case] = [
        // The expression as a whole.
        Case("", nil, "expression is empty; \(usage)"),
        Case("0 10 * * ? *", nil, "'0 10 * * ? *' is not wrapped in cron(...); \(usage), e.g. cron(0 10 * * ? *)"),
        Case("CRON(0 10 * * ? *)", nil, "'CRON(' must be lowercase: cron(...)"),
        Case("at(2026-01-01T00:00:00)", nil, "at(...) one-time schedules are not supported; \(usage)"),
        Case("every 5 minutes", nil, "'every 5 minutes' is not a schedule expression; \(usage)"),
        Case(" cron(0 10 * * ? *)", nil, "' cron(0 10 * * ? *)' has spaces around it; remove them"),
        Case("cron(0 10 * * ? *", nil, "cron: missing ')' at the end"),
        Case("cron(0 10 * * ? *) ", nil, "cron: unexpected text after ')': ' '"),
        Case("cron(0 10 * * ? *)x", nil, "cron: unexpected text after ')': 'x'"),
        Case("cron( 0 10 * * ? *)", nil, "cron: unexpected space inside the parentheses; write cron(0 10 * * ? *)"),
        Case("cron(0 10 * *\u{2028}? *)", nil, "cron: separate the fields with plain spaces; found U+2028"),
        Case("cron(0 10\u{00A0}* * ? *)", nil, "cron: separate the fields with plain spaces; found U+00A0"),
        Case("rate(5\u{3000}minutes)", "value", "rate: separate the fields with plain spaces; found U+3000"),
        Case("cron(0 10 * * ?)", nil, "cron: expected 6 fields (minutes hours day-of-month month day-of-week year), found 5; add the year field, e.g. cron(0 10 * * ? *)"),
        Case("cron(0 0 10 * * ? *)", nil, "cron: expected 6 fields (minutes hours day-of-month month day-of-week year), found 7; EventBridge has no seconds field"),
        Case("cron()", nil, "cron: expected 6 fields (minutes hours day-of-month month day-of-week year), found 0"),
        // Minutes and hours.
        Case("cron(60 10 * * ? *)", "minutes", "minutes: 60 is out of range; use 0-59"),
        Case("cron(x 10 * * ? *)", "minutes", "minutes: 'x' is not a number; use 0-59"),
        Case("cron(? 10 * * ? *)", "minutes", "minutes: '?' is not allowed; use , - * / ('?' is only for day-of-month and day-of-week)"),
        Case("cron(L 10 * * ? *)", "minutes", "minutes: 'L' is not allowed; use , - * /"),
        Case("cron(0/0 10 * * ? *)", "minutes", "minutes: step 0 in '0/0' is out of range; use 1-59"),
        Case("cron(0/60 10 * * ? *)", "minutes", "minutes: step 60 in '0/60' is out of range; use 1-59"),
        Case("cron(0/ 10 * * ? *)", "minutes", "minutes: '0/' needs a step after '/', e.g. 0/5"),
        Case("cron(/5 10 * * ? *)", "minutes", "minutes: '/5' needs a start before '/', e.g. 0/5"),
        Case("cron(1/2/3 10 * * ? *)", "minutes", "minutes: '1/2/3' has more than one '/'; use start/step, e.g. 0/15"),
        Case("cron(0,,5 10 * * ? *)", "minutes", "minutes: '0,,5' has an empty value between commas; separate values with single commas"),
        Case("cron(0, 10 * * ? *)", "minutes", "minutes: '0,' has an empty value between commas; separate values with single commas"),
        Case("cron(*,5 10 * * ? *)", "minutes", "minutes: '*' cannot be combined with other values in '*,5'; use * alone or list the values"),
        Case("cron(5- 10 * * ? *)", "minutes", "minutes: range '5-' is missing its end; use start-end, e.g. 1-15"),
        Case("cron(-5 10 * * ? *)", "minutes", "minutes: range '-5' is missing its start; use start-end, e.g. 1-15"),
        Case("cron(1-2-3 10 * * ? *)", "minutes", "minutes: '1-2-3' is not a range; use start-end, e.g. 1-15"),
        Case("cron(0 24 * * ? *)", "hours", "hours: 24 is out of range; use 0-23"),
        Case("cron(0 8-24 * * ? *)", "hours", "hours: 24 is out of range; use 0-23"),
        Case("cron(0 5W * * ? *)", "hours", "hours: 'W' is not allowed; use , - * /"),
        Case("cron(0 */24 * * ? *)", "hours", "hours: step 24 in '*/24' is out of range; use 1-23"),
        // Day-of-month.
        Case("cron(0 10 0 * ? *)", "day-of-month", "day-of-month: 0 is out of range; use 1-31"),
        Case("cron(0 10 32 * ? *)", "day-of-month", "day-of-month: 32 is out of range; use 1-31"),
        Case("cron(0 10 L-3 * ? *)", "day-of-month", "day-of-month: 'L-3' is not supported; use L (last day), LW (last weekday), 1W-31W or 1-31"),
        Case("cron(0 10 3L * ? *)", "day-of-month", "day-of-month: '3L' is not valid; use L for the last day of the month or LW for its last weekday"),
        Case("cron(0 10 W * ? *)", "day-of-month", "day-of-month: 'W' needs a day before it; use 1W-31W, or LW for the last weekday"),
        Case("cron(0 10 32W * ? *)", "day-of-month", "day-of-month: 32W is out of range; use 1W-31W"),
        Case("cron(0 10 0W * ? *)", "day-of-month", "day-of-month: 0W is out of range; use 1W-31W"),
        Case("cron(0 10 1-5W * ? *)", "day-of-month", "day-of-month: '1-5W' is not valid; W follows a single day, e.g. 15W"),
        Case("cron(0 10 1W,15W * ? *)", "day-of-month", "day-of-month: '1W' cannot be combined with other values; use it alone in the field"),
        Case("cron(0 10 L,15 * ? *)", "day-of-month", "day-of-month: 'L' cannot be combined with other values; use it alone in the field"),
        Case("cron(0 10 1#2 * ? *)", "day-of-month", "day-of-month: '#' is not allowed; use , - * ? / L W ('#' is for day-of-week)"),
        Case("cron(0 10 ?5 * ? *)", "day-of-month", "day-of-month: '?' must be the whole field, not part of '?5'"),
        Case("cron(0 10 1/0 * ? *)", "day-of-month", "day-of-month: step 0 in '1/0' is out of range; use 1-31"),
        // Month.
        Case("cron(0 10 * 13 ? *)", "month", "month: 13 is out of range; use 1-12 or JAN-DEC"),
        Case("cron(0 10 * 0 ? *)", "month", "month: 0 is out of range; use 1-12 or JAN-DEC"),
        Case("cron(0 10 * JANUARY ? *)", "month", "month: 'JANUARY' is not a month name; use 1-12 or JAN-DEC"),
        Case("cron(0 10 * JAN-FOO ? *)", "month", "month: 'FOO' is not a month name; use 1-12 or JAN-DEC"),
        Case("cron(0 10 * JAN/x ? *)", "month", "month: step 'x' in 'JAN/x' is not a number; use 1-12"),
        Case("cron(0 10 * *-3 ? *)", "month", "month: '*' cannot be part of a range; use * alone, or a range such as JAN-MAR"),
        Case("cron(0 10 * L ? *)", "month", "month: 'L' is not allowed; use , - * /"),
        // Day-of-week.
        Case("cron(0 10 ? * 8 *)", "day-of-week", "day-of-week: 8 is out of range; use 1-7 or SUN-SAT"),
        Case("cron(0 10 ? * 0 *)", "day-of-week", "day-of-week: 0 is out of range; use 1-7 or SUN-SAT"),
        Case("cron(0 10 ? * MONDAY *)", "day-of-week", "day-of-week: 'MONDAY' is not a day name; use 1-7 or SUN-SAT"),
        Case("cron(0 10 ? * MON/2 *)", "day-of-week", "day-of-week: '/' is not allowed; use , - * ? L #"),
        Case("cron(0 10 ? * */2 *)", "day-of-week", "day-of-week: '/' is not allowed; use , - * ? L #"),
        Case("cron(0 10 ? * W *)", "day-of-week", "day-of-week: 'W' is not allowed; use , - * ? L #"),
        Case("cron(0 10 ? * 2#6 *)", "day-of-week", "day-of-week: '6' after '#' in '2#6' is out of range; use 1-5 (the n-th such day of the month)"),
        Case("cron(0 10 ? * 2#0 *)", "day-of-week", "day-of-week: '0' after '#' in '2#0' is out of range; use 1-5 (the n-th such day of the month)"),
        Case("cron(0 10 ? * 8#1 *)", "day-of-week", "day-of-week: 8 is out of range; use 1-7 or SUN-SAT"),
        Case("cron(0 10 ? * 3#1,6#3 *)", "day-of-week", "day-of-week: '3#1,6#3' has more than one expression; '#' must be the only expression in the field (AWS rejects 3#1,6#3)"),
        Case("cron(0 10 ? * #1 *)", "day-of-week", "day-of-week: '#1' is not valid; use day#n, e.g. 2#1 for the first Monday of the month"),
        Case("cron(0 10 ? * 2# *)", "day-of-week", "day-of-week: '2#' is not valid; use day#n, e.g. 2#1 for the first Monday of the month"),
        Case("cron(0 10 ? * MON-FRI#1 *)", "day-of-week", "day-of-week: 'MON-FRI#1' is not valid; '#' follows a single day, e.g. 2#1 for the first Monday"),
        Case("cron(0 10 ? * 8L *)", "day-of-week", "day-of-week: 8 is out of range; use 1-7 or SUN-SAT"),
        Case("cron(0 10 ? * 5L,6 *)", "day-of-week", "day-of-week: '5L' cannot be combined with other values; use it alone in the field"),
        Case("cron(0 10 ? * MON-FRIL *)", "day-of-week", "day-of-week: 'MON-FRIL' is not valid; L follows a single day, e.g. 6L for the last Friday"),
        Case("cron(0 10 ? * L-2 *)", "day-of-week", "day-of-week: 'L' cannot be part of a range or list; use L alone (Saturday) or a day followed by L, e.g. 6L"),
        // Day-of-month and day-of-week together.
        Case("cron(0 10 * * * *)", "day-of-week", "day-of-week: day-of-month and day-of-week are both set; use '?' in one of them, e.g. cron(0 10 * * ? *) or cron(0 10 ? * MON-FRI *)"),
        Case("cron(0 10 1 * MON *)", "day-of-week", "day-of-week: day-of-month and day-of-week are both set; use '?' in one of them, e.g. cron(0 10 * * ? *) or cron(0 10 ? * MON-FRI *)"),
        Case("cron(0 10 ? * ? *)", "day-of-week", "day-of-week: '?' is in both day-of-month and day-of-week; use '?' in exactly one of them, e.g. cron(0 10 * * ? *)"),
        // Year.
        Case("cron(0 10 * * ? 1969)", "year", "year: 1969 is out of range; use 1970-2199"),
        Case("cron(0 10 * * ? 2200)", "year", "year: 2200 is out of range; use 1970-2199"),
        Case("cron(0 10 * * ? 2030-2020)", "year", "year: range 2030-2020 is reversed; put the earlier year first, e.g. 2020-2030"),
        Case("cron(0 10 * * ? */0)", "year", "year: step 0 in '*/0' is out of range; use 1-229"),
        Case("cron(0 10 * * ? 20x0)", "year", "year: '20x0' is not a number; use 1970-2199"),
        Case("cron(0 10 * * ? ?)", "year", "year: '?' is not allowed; use , - * / ('?' is only for day-of-month and day-of-week)"),
        Case("cron(0 10 * * ? 99999999999)", "year", "year: 99999999999 is out of range; use 1970-2199"),
        // Rate.
        Case("rate(0 minutes)", "value", "rate: value must be positive, got 0; use 1 or more, e.g. rate(1 minute)"),
        Case("rate(-5 minutes)", "value", "rate: value '-5' is not a positive whole number; e.g. rate(5 minutes)"),
        Case("rate(1.5 hours)", "value", "rate: value '1.5' is not a positive whole number; e.g. rate(5 minutes)"),
        Case("rate(99999999999999999999 days)", "value", "rate: value 99999999999999999999 is too large"),
        Case("rate(1 minutes)", "unit", "rate: use the singular unit with 1: rate(1 minute), not rate(1 minutes)"),
        Case("rate(1 hours)", "unit", "rate: use the singular unit with 1: rate(1 hour), not rate(1 hours)"),
        Case("rate(5 hour)", "unit", "rate: use the plural unit with 5: rate(5 hours), not rate(5 hour)"),
        Case("rate(5 seconds)", "unit", "rate: 'seconds' is not a unit; use minute(s), hour(s) or day(s), e.g. rate(5 minutes)"),
        Case("rate(2 weeks)", "unit", "rate: 'weeks' is not a unit; use minute(s), hour(s) or day(s), e.g. rate(5 minutes)"),
        Case("rate(5)", "unit", "rate: expected 'value unit' inside the parentheses, e.g. rate(5 minutes) or rate(1 hour)"),
        Case("rate(5 minutes now)", "unit", "rate: expected 'value unit' inside the parentheses, e.g. rate(5 minutes) or rate(1 hour)"),
        Case("rate( 5 minutes)", "value", "rate: unexpected space inside the parentheses; write rate(5 minutes)"),
        Case("rate(5 minutes", nil, "rate: missing ')' at the end"),
    ]

    @Test func table_hasAtLeastFiftyCases() {
        #expect(Self.cases.count >= 50)
    }

    @Test(arguments: cases)
    func parse_invalidExpression_throwsFieldAndRemedy(_ example: Case) {
        #expect(throws: ScheduleExpressionError(field: example.field, message: example.message)) {
            try ScheduleExpression(parsing: example.text)
        }
    }

    @Test(arguments: cases)
    func parse_invalidExpression_messageIsOneLine(_ example: Case) {
        do {
            _ = try ScheduleExpression(parsing: example.text)
            Issue.record("\(example.text) was accepted")
        } catch {
            #expect(!error.description.contains("\n"))
            #expect(error.description == error.message)
        }
    }
}
