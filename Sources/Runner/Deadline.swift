/// When the run must stop taking new work (`--timeout`), measured on the monotonic clock.
public struct Deadline: Sendable {
    public let instant: ContinuousClock.Instant
    public let timeout: Duration

    public init(timeout: Duration, from start: ContinuousClock.Instant = .now) {
        self.timeout = timeout
        self.instant = start.advanced(by: timeout)
    }

    /// A deadline far enough away never to matter (tests).
    public static var distant: Deadline { Deadline(timeout: .seconds(86_400 * 365)) }

    public var isExpired: Bool { ContinuousClock.now >= instant }
    public var remaining: Duration { max(.zero, ContinuousClock.now.duration(to: instant)) }
}
