/// Parses day-of-month and day-of-week, the two fields with `?`, `L`, `W` and `#`.
///
/// AWS documents `L` ("last day of the month or week"), `W` ("3W: the weekday closest to the third
/// day of the month") and `#` ("3#2: the second Tuesday"), and states that `#` must be the only
/// expression in day-of-week ("3#1,6#3" is not valid).
/// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html
/// EventBridge also accepts `LW` (the last weekday) and `nL` in day-of-week (the last such day of the
/// month), as in Quartz. Like Quartz, we accept `L`, `LW`, `nW` and `nL` only as the whole field.
enum CronDayParser {
    static func dayOfMonth(_ text: Substring) throws(ScheduleExpressionError) -> DayOfMonthField {
        let spec = CronFieldSpec.dayOfMonth
        if text == "?" { return .unspecified }
        if text.contains("?") { throw .field(spec, "'?' must be the whole field, not part of '\(text)'") }
        let upper = text.uppercased()
        if upper.contains("#") { throw .field(spec, "'#' is not allowed; use \(spec.wildcards) ('#' is for day-of-week)") }
        if text.contains(",") {
            for part in text.split(separator: ",") where part.uppercased().contains(where: { $0 == "L" || $0 == "W" }) {
                throw .field(spec, "'\(part)' cannot be combined with other values; use it alone in the field")
            }
            return .days(try CronItemParser.field(text, spec))
        }
        if upper == "L" { return .last }
        if upper == "LW" { return .lastWeekday }
        if upper.hasPrefix("L") {
            throw .field(spec, "'\(text)' is not supported; use L (last day), LW (last weekday), 1W-31W or 1-31")
        }
        if upper.hasSuffix("W") {
            let day = upper.dropLast()
            guard !day.isEmpty else { throw .field(spec, "'W' needs a day before it; use 1W-31W, or LW for the last weekday") }
            guard CronItemParser.isDigits(day) else {
                throw .field(spec, "'\(text)' is not valid; W follows a single day, e.g. 15W")
            }
            guard let number = CronItemParser.number(day[...]), spec.range.contains(number) else {
                throw .field(spec, "\(text) is out of range; use 1W-31W")
            }
            return .nearestWeekday(number)
        }
        if upper.contains("L") {
            throw .field(spec, "'\(text)' is not valid; use L for the last day of the month or LW for its last weekday")
        }
        if upper.contains("W") { throw .field(spec, "'\(text)' is not valid; W follows a single day, e.g. 15W") }
        return .days(try CronItemParser.field(text, spec))
    }

    static func dayOfWeek(_ text: Substring) throws(ScheduleExpressionError) -> DayOfWeekField {
        let spec = CronFieldSpec.dayOfWeek
        if text == "?" { return .unspecified }
        if text.contains("?") { throw .field(spec, "'?' must be the whole field, not part of '\(text)'") }
        if text.contains("/") { throw .field(spec, "'/' is not allowed; use \(spec.wildcards)") }
        if text.contains("#") { return try nth(text) }
        let upper = text.uppercased()
        if upper == "L" { return .days(CronField(items: [.value(7)], spec: spec)) }
        if text.contains(",") {
            for part in text.split(separator: ",") where part.uppercased().hasSuffix("L") {
                throw .field(spec, "'\(part)' cannot be combined with other values; use it alone in the field")
            }
            return .days(try CronItemParser.field(text, spec))
        }
        if upper.hasSuffix("L") {
            let day = text.dropLast()
            if day.contains("-") || day == "*" {
                throw .field(spec, "'\(text)' is not valid; L follows a single day, e.g. 6L for the last Friday")
            }
            return .lastOfMonth(try CronItemParser.value(day, spec))
        }
        return .days(try CronItemParser.field(text, spec))
    }

    /// `day#n`: the n-th such day of the month, n in 1-5.
    private static func nth(_ text: Substring) throws(ScheduleExpressionError) -> DayOfWeekField {
        let spec = CronFieldSpec.dayOfWeek
        if text.contains(",") {
            throw .field(spec, "'\(text)' has more than one expression; '#' must be the only expression in the field (AWS rejects 3#1,6#3)")
        }
        let parts = text.split(separator: "#", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw .field(spec, "'\(text)' is not valid; use day#n, e.g. 2#1 for the first Monday of the month")
        }
        if parts[0].contains("-") || parts[0] == "*" {
            throw .field(spec, "'\(text)' is not valid; '#' follows a single day, e.g. 2#1 for the first Monday")
        }
        let day = try CronItemParser.value(parts[0], spec)
        guard let occurrence = CronItemParser.number(parts[1]), (1...5).contains(occurrence) else {
            throw .field(spec, "'\(parts[1])' after '#' in '\(text)' is out of range; use 1-5 (the n-th such day of the month)")
        }
        return .nth(day, occurrence)
    }
}
