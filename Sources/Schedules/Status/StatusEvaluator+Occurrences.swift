import Foundation

/// What the fire times of a window say: how many were due, which never started, which of those come after the
/// latest run (the job is missing now, not just earlier), and one still inside its grace.
struct Occurrences {
    var expected: Int?
    var missed: [Date] = []
    var current: [Date] = []
    var pending: Date?
    var problem: String?
}

extension StatusEvaluator {
    /// Cron: every exact fire time from the window start (or the first recorded occurrence, if later) to `at`.
    /// An occurrence was served when a scheduled run names its minute, whatever became of it (a skip under
    /// `forbid` and a duplicate delivery both prove the delivery happened).
    func cronOccurrences(_ spec: StatusJobSpec, deliveries: [Date], anchor: Date, start: Date) -> Occurrences {
        var result = Occurrences()
        let from = max(start, anchor.addingTimeInterval(-1))
        guard let fires = spec.schedule.fireTimes(after: from, through: at, in: timeZone, limit: Self.maximumOccurrences) else {
            result.problem = "the window holds more than \(Self.maximumOccurrences) fire times; use a shorter --window"
            return result
        }
        let served = Set(deliveries.map(Self.minute))
        let latest = deliveries.last
        result.expected = fires.count
        for fire in fires where !served.contains(Self.minute(fire)) {
            if at.timeIntervalSince(fire) < TimeInterval(spec.graceSeconds) {
                result.pending = result.pending ?? fire
                continue
            }
            result.missed.append(fire)
            if latest.map({ fire > $0 }) ?? true { result.current.append(fire) }
        }
        return result
    }

    /// Rate: gaps between consecutive deliveries (and from the last one to `at`) longer than interval + grace; each
    /// such gap holds floor((gap - grace) / interval) missed occurrences.
    func rateOccurrences(_ spec: StatusJobSpec, deliveries: [Date], anchor: Date, start: Date) -> Occurrences {
        var result = Occurrences()
        guard let interval = spec.schedule.rateInterval else { return result }
        let grace = TimeInterval(spec.graceSeconds)
        var previous: Date? = deliveries.last { $0 <= start } ?? (anchor < start ? start : nil)
        func gap(from earlier: Date, to later: Date) -> [Date] {
            let length = later.timeIntervalSince(earlier)
            guard length > interval + grace else { return [] }
            let count = min(Int(((length - grace) / interval).rounded(.down)), Self.maximumOccurrences)
            return (1...max(count, 1)).map { earlier.addingTimeInterval(Double($0) * interval) }
        }
        for delivery in deliveries where delivery > start {
            if let previous { result.missed += gap(from: previous, to: delivery) }
            previous = delivery
        }
        if let previous {
            let tail = gap(from: previous, to: at)
            result.missed += tail
            result.current = tail
            if tail.isEmpty, at.timeIntervalSince(previous) > interval {
                result.pending = previous.addingTimeInterval(interval)
            }
        }
        return result
    }

    static func minute(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / 60).rounded(.down))
    }
}
