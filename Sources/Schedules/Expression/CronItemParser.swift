/// Parses the list syntax shared by the cron fields: `*`, values, names, ranges and steps, with
/// one message per mistake that names the field and says what would be valid.
enum CronItemParser {
    /// A comma-separated list of plain items (no `?`, `L`, `W` or `#`).
    static func field(_ text: Substring, _ spec: CronFieldSpec) throws(ScheduleExpressionError) -> CronField {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        var items: [CronItem] = []
        for part in parts {
            guard !part.isEmpty else {
                throw .field(spec, "'\(text)' has an empty value between commas; separate values with single commas")
            }
            items.append(try item(part, spec))
        }
        // `*` already selects every value; Quartz and validators checked against the EventBridge console
        // refuse it inside a list, so a list that contains it is a mistake worth reporting.
        if items.count > 1, items.contains(.all) {
            throw .field(spec, "'*' cannot be combined with other values in '\(text)'; use * alone or list the values")
        }
        return CronField(items: items, spec: spec)
    }

    /// One item: `*`, `5`, `MON`, `1-5`, `0/15`, `*/15`, `8-17/2`.
    static func item(_ text: Substring, _ spec: CronFieldSpec) throws(ScheduleExpressionError) -> CronItem {
        let slash = text.split(separator: "/", omittingEmptySubsequences: false)
        guard slash.count <= 2 else {
            throw .field(spec, "'\(text)' has more than one '/'; use start/step, e.g. 0/15")
        }
        var step: Int?
        if slash.count == 2 {
            guard spec.allowsStep else { throw .field(spec, "'/' is not allowed; use \(spec.wildcards)") }
            step = try self.step(slash[1], in: text, spec)
            guard !slash[0].isEmpty else {
                throw .field(spec, "'\(text)' needs a start before '/', e.g. \(spec.range.lowerBound)\(text)")
            }
        }
        let base = slash[0]
        let (low, high) = (spec.range.lowerBound, spec.range.upperBound)
        if base == "*" {
            return step.map { .step(from: low, through: high, every: $0) } ?? .all
        }
        let dash = base.split(separator: "-", omittingEmptySubsequences: false)
        guard dash.count <= 2 else {
            throw .field(spec, "'\(base)' is not a range; use start-end, e.g. \(example(spec))")
        }
        if dash.count == 2 {
            guard !dash[0].isEmpty else { throw .field(spec, "range '\(base)' is missing its start; use start-end, e.g. \(example(spec))") }
            guard !dash[1].isEmpty else { throw .field(spec, "range '\(base)' is missing its end; use start-end, e.g. \(example(spec))") }
            let from = try value(dash[0], spec)
            let through = try value(dash[1], spec)
            if from > through, !spec.wraps {
                throw .field(spec, "range \(base) is reversed; put the earlier \(spec.name) first, e.g. \(dash[1])-\(dash[0])")
            }
            return step.map { .step(from: from, through: through, every: $0) } ?? .range(from: from, through: through)
        }
        let single = try value(base, spec)
        return step.map { .step(from: single, through: high, every: $0) } ?? .value(single)
    }

    private static func step(_ text: Substring, in item: Substring, _ spec: CronFieldSpec) throws(ScheduleExpressionError) -> Int {
        guard !text.isEmpty else {
            throw .field(spec, "'\(item)' needs a step after '/', e.g. \(item)\(spec == .year ? 2 : 5)")
        }
        guard let step = number(text) else {
            throw .field(spec, "step '\(text)' in '\(item)' is not a number; use 1-\(spec.maxStep)")
        }
        guard spec.stepRange.contains(step) else {
            throw .field(spec, "step \(text) in '\(item)' is out of range; use 1-\(spec.maxStep)")
        }
        return step
    }

    /// A single value: digits or, in month and day-of-week, a three-letter name in any case.
    static func value(_ text: Substring, _ spec: CronFieldSpec) throws(ScheduleExpressionError) -> Int {
        if isDigits(text) {
            guard let number = number(text), spec.range.contains(number) else {
                throw .field(spec, "\(text) is out of range; use \(spec.validValues)")
            }
            return number
        }
        let upper = text.uppercased()
        if let index = spec.names.firstIndex(of: upper) { return spec.range.lowerBound + index }
        throw .field(spec, invalidValue(text, upper: upper, spec))
    }

    private static func invalidValue(_ text: Substring, upper: String, _ spec: CronFieldSpec) -> String {
        let dayField = spec == .dayOfMonth || spec == .dayOfWeek
        if text == "*" { return "'*' cannot be part of a range; use * alone, or a range such as \(example(spec))" }
        if text.contains("?") {
            return dayField ? "'?' must be the whole field" : "'?' is not allowed; use \(spec.wildcards) ('?' is only for day-of-month and day-of-week)"
        }
        for special in ["#", "L", "W"] where upper.contains(special) && !spec.wildcards.contains(special) {
            if upper.allSatisfy({ ("0"..."9").contains($0) || "LW#".contains($0) }) {
                return "'\(special)' is not allowed; use \(spec.wildcards)"
            }
        }
        if spec == .dayOfWeek, upper == "L" {
            return "'L' cannot be part of a range or list; use L alone (Saturday) or a day followed by L, e.g. 6L"
        }
        if !spec.names.isEmpty, upper.allSatisfy(\.isLetter) {
            let kind = spec == .month ? "month" : "day"
            return "'\(text)' is not a \(kind) name; use \(spec.validValues)"
        }
        if upper.allSatisfy(\.isLetter) || spec.names.isEmpty {
            return "'\(text)' is not a number; use \(spec.validValues)"
        }
        return "'\(text)' is not a valid value; use \(spec.validValues)"
    }

    /// A decimal number of at most nine digits (longer ones are out of every range anyway).
    static func number(_ text: Substring) -> Int? {
        guard text.count <= 9, isDigits(text) else { return nil }
        return Int(text)
    }

    /// Whether the text is non-empty and all ASCII digits.
    static func isDigits<S: StringProtocol>(_ text: S) -> Bool {
        !text.isEmpty && text.allSatisfy { ("0"..."9").contains($0) }
    }

    private static func example(_ spec: CronFieldSpec) -> String {
        switch spec.name {
        case CronFieldSpec.month.name: "JAN-MAR"
        case CronFieldSpec.dayOfWeek.name: "MON-FRI"
        case CronFieldSpec.year.name: "2026-2030"
        case CronFieldSpec.hours.name: "8-17"
        default: "1-15"
        }
    }
}

extension CronFieldSpec: Equatable {
    static func == (lhs: CronFieldSpec, rhs: CronFieldSpec) -> Bool { lhs.name == rhs.name }
}


extension ScheduleExpressionError {
    /// An error in one cron field; the message starts with the field's name.
    static func field(_ spec: CronFieldSpec, _ detail: String) -> ScheduleExpressionError {
        ScheduleExpressionError(field: spec.name, message: "\(spec.name): \(detail)")
    }
}
