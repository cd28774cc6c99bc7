import Foundation

/// An EventBridge schedule expression: `cron(...)` or `rate(...)`, with AWS's grammar and semantics (UTC).
/// PLACEHOLDER: the parser lands with the expressions work; until then every text is accepted and never fires.
public struct ScheduleExpression: Sendable, Hashable, CustomStringConvertible {
    /// The expression exactly as written, e.g. `cron(0 * * * ? *)`.
    public let text: String

    public init(parsing text: String) throws(ScheduleExpressionError) {
        self.text = text
    }

    /// The first fire time strictly after `instant`, or nil when the expression never fires again.
    public func nextFireTime(after instant: Date) -> Date? { nil }

    /// A plain-English meaning, e.g. "every 5 minutes".
    public var meaning: String { text }

    /// The shortest gap between two consecutive fire times, when known (rate, or a regular cron).
    public var minimumInterval: TimeInterval? { nil }

    public var description: String { text }
}

/// Why an expression is not valid; `field` names the cron field (e.g. "day-of-week") when one is at fault.
public struct ScheduleExpressionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var field: String?
    public var message: String
    public init(field: String? = nil, message: String) {
        self.field = field
        self.message = message
    }
    public var description: String { message }
}
