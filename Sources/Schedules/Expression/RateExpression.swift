/// A parsed `rate(value unit)` expression.
///
/// AWS: "value: A positive number. unit: minute | minutes | hour | hours | day | days. If the value is
/// equal to 1, then the unit must be singular. If the value is greater than 1, the unit must be
/// plural. For example, rate(1 hours) and rate(5 hour) aren't valid."
/// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rate-expressions.html
///
/// Fire times are the multiples of the interval since the Unix epoch. AWS starts a rate schedule when
/// the rule is created ("A rate expression starts when you create the scheduled event rule"), which is
/// not known locally, so real fire times share the interval but not necessarily the phase.
struct RateExpression: Hashable, Sendable {
    enum Unit: String, CaseIterable, Sendable {
        case minute, hour, day

        var seconds: Int64 {
            switch self {
            case .minute: 60
            case .hour: 3600
            case .day: 86400
            }
        }
    }

    let value: Int64
    let unit: Unit

    var intervalSeconds: Int64 { value * unit.seconds }

    /// Parses the text between `rate(` and `)`.
    init(fields body: Substring) throws(ScheduleExpressionError) {
        if body.first?.isWhitespace == true || body.last?.isWhitespace == true {
            throw Self.error("value", "rate: unexpected space inside the parentheses; write rate(\(body.split(whereSeparator: \.isWhitespace).joined(separator: " ")))")
        }
        do { try ExpressionSpacing.requirePlainSpaces(body, kind: "rate") } catch { throw Self.error("value", error.message) }
        let parts = body.split(whereSeparator: \.isWhitespace)
        guard parts.count == 2 else {
            throw Self.error("unit", "rate: expected 'value unit' inside the parentheses, e.g. rate(5 minutes) or rate(1 hour)")
        }
        let (valueText, unitText) = (parts[0], parts[1])
        guard CronItemParser.isDigits(valueText) else {
            throw Self.error("value", "rate: value '\(valueText)' is not a positive whole number; e.g. rate(5 minutes)")
        }
        let digits = valueText.drop(while: { $0 == "0" })
        guard let parsed = Int64(digits.isEmpty ? "0" : String(digits)), parsed <= Int64.max / Unit.day.seconds else {
            throw Self.error("value", "rate: value \(valueText) is too large")
        }
        guard parsed > 0 else {
            throw Self.error("value", "rate: value must be positive, got \(valueText); use 1 or more, e.g. rate(1 \(Self.singular(unitText)))")
        }
        let singularText = Self.singular(unitText)
        guard let unit = Unit(rawValue: singularText) else {
            throw Self.error("unit", "rate: '\(unitText)' is not a unit; use minute(s), hour(s) or day(s), e.g. rate(5 minutes)")
        }
        let isPlural = unitText.hasSuffix("s")
        if parsed == 1, isPlural {
            throw Self.error("unit", "rate: use the singular unit with 1: rate(1 \(unit.rawValue)), not rate(1 \(unitText))")
        }
        if parsed > 1, !isPlural {
            throw Self.error("unit", "rate: use the plural unit with \(valueText): rate(\(valueText) \(unit.rawValue)s), not rate(\(valueText) \(unitText))")
        }
        value = parsed
        self.unit = unit
    }

    /// The first multiple of the interval since the epoch that is strictly after `second`.
    func firstFire(afterSecond second: Int64) -> Int64? {
        let interval = intervalSeconds
        let (product, overflow) = (CivilDate.floorDiv(second, interval) + 1).multipliedReportingOverflow(by: interval)
        return overflow ? nil : product
    }

    var meaning: String {
        value == 1 ? "every \(unit.rawValue)" : "every \(value) \(unit.rawValue)s"
    }

    private static func singular(_ unit: Substring) -> String {
        unit.hasSuffix("s") ? String(unit.dropLast()) : String(unit)
    }

    private static func error(_ field: String, _ message: String) -> ScheduleExpressionError {
        ScheduleExpressionError(field: field, message: message)
    }
}
