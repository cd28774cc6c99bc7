/// The shortest gap between consecutive fire times, computed exactly over every fire time from 1970
/// through 2199 without enumerating them.
///
/// Every fire time is a matching date combined with a matching time of day, so two consecutive fire
/// times are either on the same date (the closest pair of times of day) or on consecutive matching
/// dates g days apart (the last time of one date and the first of the next: g days minus the span
/// between the day's first and last time). The smallest g comes from one pass over the month masks.
extension CronExpression {
    /// In seconds; nil when the expression fires at most once.
    var minimumInterval: Double? {
        let minuteValues = minutes.values
        let times = hours.values.flatMap { hour in minuteValues.map { hour * 60 + $0 } }
        guard let firstTime = times.first, let lastTime = times.last else { return nil }
        let sameDayGap = zip(times, times.dropFirst()).map { $1 - $0 }.min()
        guard let dayGap = smallestGapBetweenMatchingDates() else {
            // At most one matching date: only the gaps within that day, if it has one.
            return hasMatchingDate ? sameDayGap.map { Double($0 * 60) } : nil
        }
        let crossDayGap = dayGap * 1440 - (lastTime - firstTime)
        return Double(min(sameDayGap ?? crossDayGap, crossDayGap) * 60)
    }

    private var hasMatchingDate: Bool {
        let months = month.values
        return year.values.contains { y in months.contains { matchingDays(year: y, month: $0) != 0 } }
    }

    /// The fewest days between two consecutive matching dates, or nil with fewer than two dates.
    private func smallestGapBetweenMatchingDates() -> Int? {
        var previous: Int64?
        var smallest: Int64?
        forEachMatchingDay { day in
            if let previous { smallest = min(smallest ?? .max, day - previous) }
            previous = day
            return smallest != 1
        }
        return smallest.map { Int($0) }
    }

    /// Calls `body` with every matching date (days since 1970-01-01) in order, from `fromYear` on, while it returns true.
    func forEachMatchingDay(fromYear: Int = .min, _ body: (Int64) -> Bool) {
        let months = month.values
        for y in year.values where y >= fromYear {
            for m in months {
                var days = matchingDays(year: y, month: m)
                guard days != 0 else { continue }
                let monthStart = CivilDate.days(year: y, month: m, day: 1) - 1
                while days != 0 {
                    let day = monthStart + Int64(days.trailingZeroBitCount)
                    days &= days - 1
                    if !body(day) { return }
                }
            }
        }
    }
}
