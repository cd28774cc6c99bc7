import Foundation

/// Fire times of a cron expression read in an IANA time zone, as EventBridge Scheduler evaluates it: the fields are
/// wall-clock time there; a wall time skipped when clocks move forward does not fire, and one repeated when they move
/// back fires once (at its first instant).
/// https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#daylist-savings-time
extension ScheduleExpression {
    /// Whether the expression is `rate(...)`: its phase is set when the rule is created, so fire times are unknown.
    public var isRate: Bool {
        if case .rate = kind { return true }
        return false
    }

    /// The rate's interval in seconds; nil for cron.
    public var rateInterval: TimeInterval? {
        if case .rate(let rate) = kind { return TimeInterval(rate.intervalSeconds) }
        return nil
    }

    /// Cron fire times `t` with `start < t <= end` in `timeZone`, in order; nil when there are more than `limit`.
    /// For `rate(...)`, the multiples of the interval since the epoch (the phase is not known locally).
    public func fireTimes(after start: Date, through end: Date, in timeZone: TimeZone, limit: Int) -> [Date]? {
        guard start < end else { return [] }
        guard case .cron = kind, !["UTC", "GMT"].contains(timeZone.identifier) else {
            return utcFireTimes(after: start, through: end, limit: limit)
        }
        // Walk the wall clock from a little before `start` to a little after `end`, then map each wall time back.
        let margin: TimeInterval = 2 * 86_400
        let wallStart = start.addingTimeInterval(TimeInterval(timeZone.secondsFromGMT(for: start)) - margin)
        let wallEnd = end.addingTimeInterval(TimeInterval(timeZone.secondsFromGMT(for: end)) + margin)
        guard let walls = utcFireTimes(after: wallStart, through: wallEnd, limit: limit + 2_000) else { return nil }
        var times: [Date] = []
        for wall in walls {
            guard let instant = Self.firstInstant(ofWallTime: wall, in: timeZone), instant > start, instant <= end else { continue }
            if times.last.map({ instant > $0 }) ?? true { times.append(instant) }
            if times.count > limit { return nil }
        }
        return times
    }

    private func utcFireTimes(after start: Date, through end: Date, limit: Int) -> [Date]? {
        var times: [Date] = []
        var cursor = start
        while let next = nextFireTime(after: cursor), next <= end {
            times.append(next)
            if times.count > limit { return nil }
            cursor = next
        }
        return times
    }

    /// The earliest instant whose wall-clock time in `zone` is `wall` (a wall time written as if it were UTC);
    /// nil when the clocks skip it.
    static func firstInstant(ofWallTime wall: Date, in zone: TimeZone) -> Date? {
        let offsets = Set([-1, 1].map { zone.secondsFromGMT(for: wall.addingTimeInterval(TimeInterval($0) * 86_400)) })
        return offsets
            .map { wall.addingTimeInterval(-TimeInterval($0)) }
            .filter { zone.secondsFromGMT(for: $0) == Int(wall.timeIntervalSince($0)) }
            .min()
    }

    /// The longest gap in seconds between two consecutive fire times (cron: from 2000 through 2199; rate: the
    /// interval), plus an hour when read in a zone with daylight saving time; nil when it fires at most once.
    public func maximumInterval(in timeZone: TimeZone = TimeZone(identifier: "UTC")!) -> TimeInterval? {
        switch kind {
        case .rate(let rate):
            return TimeInterval(rate.intervalSeconds)
        case .cron(let cron):
            guard let gap = cron.maximumInterval else { return nil }
            let reference = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01, for a stable answer
            let shifts = timeZone.nextDaylightSavingTimeTransition(after: reference) != nil
            return gap + (shifts ? 3_600 : 0)
        }
    }
}
