import Foundation

/// An EventBridge schedule expression: `cron(...)` or `rate(...)`, with AWS's grammar and semantics (UTC).
///
/// Grammar and rules: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html and
/// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rate-expressions.html (see `CronFieldSpec`,
/// `CronDayParser` and `RateExpression` for the rules that are not obvious).
public struct ScheduleExpression: Sendable, Hashable, CustomStringConvertible {
    /// The expression exactly as written, e.g. `cron(0 * * * ? *)`.
    public let text: String
    let kind: Kind

    enum Kind: Hashable, Sendable {
        case cron(CronExpression)
        case rate(RateExpression)
    }

    /// Parses `text`; the error names the field at fault and says what would be valid.
    public init(parsing text: String) throws(ScheduleExpressionError) {
        self.text = text
        if let body = Self.body(of: text, keyword: "cron") {
            kind = .cron(try CronExpression(fields: try Self.inside(body, keyword: "cron")))
        } else if let body = Self.body(of: text, keyword: "rate") {
            kind = .rate(try RateExpression(fields: try Self.inside(body, keyword: "rate")))
        } else {
            throw Self.unrecognized(text)
        }
    }

    /// The first fire time strictly after `instant`, or nil when the expression never fires again
    /// (cron: nothing left before the end of 2199, AWS's last year; rate: nothing within the horizon).
    public func nextFireTime(after instant: Date) -> Date? {
        let seconds = instant.timeIntervalSince1970.rounded(.down)
        guard seconds < Double(Self.horizonSeconds) else { return nil }
        let second = Int64(max(seconds, -Double(Self.horizonSeconds)))
        let next: Int64?
        switch kind {
        case .cron(let cron):
            next = cron.firstFire(atOrAfterMinute: CivilDate.floorDiv(second, 60) + 1).map { $0 * 60 }
        case .rate(let rate):
            next = rate.firstFire(afterSecond: second)
        }
        guard let next, next < Self.horizonSeconds else { return nil }
        return Date(timeIntervalSince1970: Double(next))
    }

    /// Nothing fires 10^15 s (some 30 million years) or more from the epoch: within it a `Date` holds every whole
    /// second exactly, so fire times print exactly (a `rate(100000000000000 days)` "never" fires again).
    static let horizonSeconds: Int64 = 1_000_000_000_000_000

    /// Up to `count` consecutive fire times strictly after `instant`; fewer when the expression stops firing.
    public func nextFireTimes(after instant: Date, count: Int) -> [Date] {
        var times: [Date] = []
        times.reserveCapacity(max(0, min(count, 10_000)))
        var cursor = instant
        while times.count < count, let next = nextFireTime(after: cursor) {
            times.append(next)
            cursor = next
        }
        return times
    }

    /// A plain-English meaning, e.g. "every 5 minutes", "at 09:30 UTC on Monday through Friday".
    public var meaning: String {
        switch kind {
        case .cron(let cron): cron.meaning
        case .rate(let rate): rate.meaning
        }
    }

    /// The shortest gap in seconds between two consecutive fire times: exact for rate, and for cron
    /// exact over every fire time from 1970 through 2199; nil when the expression fires at most once.
    public var minimumInterval: TimeInterval? {
        switch kind {
        case .cron(let cron): cron.minimumInterval
        case .rate(let rate): Double(rate.intervalSeconds)
        }
    }

    public var description: String { text }

    /// The text after `keyword(`, or nil when `text` is not that kind of expression.
    private static func body(of text: String, keyword: String) -> Substring? {
        text.hasPrefix(keyword + "(") ? text.dropFirst(keyword.count + 1) : nil
    }

    /// The text before the closing parenthesis, which must end the expression.
    private static func inside(_ body: Substring, keyword: String) throws(ScheduleExpressionError) -> Substring {
        guard let close = body.firstIndex(of: ")") else {
            throw ScheduleExpressionError(message: "\(keyword): missing ')' at the end")
        }
        let rest = body[body.index(after: close)...]
        guard rest.isEmpty else {
            throw ScheduleExpressionError(message: "\(keyword): unexpected text after ')': '\(rest)'")
        }
        let inner = body[..<close]
        if inner.contains("(") {
            throw ScheduleExpressionError(message: "\(keyword): unexpected '(' inside the parentheses")
        }
        return inner
    }

    private static func unrecognized(_ text: String) -> ScheduleExpressionError {
        let usage = "use cron(minutes hours day-of-month month day-of-week year) or rate(value unit)"
        let lower = text.lowercased()
        if text.isEmpty { return ScheduleExpressionError(message: "expression is empty; \(usage)") }
        if lower.hasPrefix("cron(") || lower.hasPrefix("rate(") {
            return ScheduleExpressionError(message: "'\(text.prefix(5))' must be lowercase: \(lower.prefix(5))...)")
        }
        if text.first?.isWhitespace == true || text.last?.isWhitespace == true {
            return ScheduleExpressionError(message: "'\(text)' has spaces around it; remove them")
        }
        if lower.hasPrefix("at(") {
            return ScheduleExpressionError(message: "at(...) one-time schedules are not supported; \(usage)")
        }
        if text.split(whereSeparator: \.isWhitespace).count >= 5 {
            return ScheduleExpressionError(message: "'\(text)' is not wrapped in cron(...); \(usage), e.g. cron(0 10 * * ? *)")
        }
        return ScheduleExpressionError(message: "'\(text)' is not a schedule expression; \(usage)")
    }
}

/// Why an expression is not valid; `field` names the cron field (e.g. "day-of-week") or the rate part
/// ("value", "unit") at fault, and `message` is one printable line that starts with it.
public struct ScheduleExpressionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var field: String?
    public var message: String
    public init(field: String? = nil, message: String) {
        self.field = field
        self.message = message
    }
    public var description: String { message }
}
