/// A parsed `cron(minutes hours day-of-month month day-of-week year)` expression, evaluated in UTC.
struct CronExpression: Hashable, Sendable {
    let minutes: CronField
    let hours: CronField
    let dayOfMonth: DayOfMonthField
    let month: CronField
    let dayOfWeek: DayOfWeekField
    let year: CronField

    static let fieldNames = "minutes hours day-of-month month day-of-week year"

    /// Parses the text between `cron(` and `)`.
    init(fields body: Substring) throws(ScheduleExpressionError) {
        if body.first?.isWhitespace == true || body.last?.isWhitespace == true {
            throw ScheduleExpressionError(message: "cron: unexpected space inside the parentheses; write cron(\(body.trimmingSpaces))")
        }
        try ExpressionSpacing.requirePlainSpaces(body, kind: "cron")
        let fields = body.split(whereSeparator: \.isWhitespace)
        guard fields.count == 6 else {
            let hint = fields.count == 5
                ? "; add the year field, e.g. cron(\(fields.joined(separator: " ")) *)"
                : fields.count == 7 ? "; EventBridge has no seconds field" : ""
            throw ScheduleExpressionError(
                message: "cron: expected 6 fields (\(Self.fieldNames)), found \(fields.count)\(hint)")
        }
        minutes = try CronItemParser.field(fields[0], .minutes)
        hours = try CronItemParser.field(fields[1], .hours)
        dayOfMonth = try CronDayParser.dayOfMonth(fields[2])
        month = try CronItemParser.field(fields[3], .month)
        dayOfWeek = try CronDayParser.dayOfWeek(fields[4])
        year = try CronItemParser.field(fields[5], .year)
        // "You can't specify the Day-of-month and Day-of-week fields in the same cron expression. If you
        // specify a value or a * (asterisk) in one of the fields, you must use a ? (question mark) in the
        // other." (eb-cron-expressions.html, Limitations). Both `?` is refused as well.
        switch (dayOfMonth, dayOfWeek) {
        case (.unspecified, .unspecified):
            throw ScheduleExpressionError(
                field: CronFieldSpec.dayOfWeek.name,
                message: "day-of-week: '?' is in both day-of-month and day-of-week; use '?' in exactly one of them, e.g. cron(0 10 * * ? *)")
        case (.unspecified, _), (_, .unspecified):
            break
        default:
            throw ScheduleExpressionError(
                field: CronFieldSpec.dayOfWeek.name,
                message: "day-of-week: day-of-month and day-of-week are both set; use '?' in one of them, e.g. cron(0 10 * * ? *) or cron(0 10 ? * MON-FRI *)")
        }
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
