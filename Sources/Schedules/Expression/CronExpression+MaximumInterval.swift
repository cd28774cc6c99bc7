/// The longest gap between consecutive fire times, the way `minimumInterval` finds the shortest: either between two
/// times of the same date, or from the last time of one matching date to the first of the next one.
extension CronExpression {
    /// In seconds, over the matching dates from 2000 through 2199; nil when the expression fires at most once.
    var maximumInterval: Double? {
        let minuteValues = minutes.values
        let times = hours.values.flatMap { hour in minuteValues.map { hour * 60 + $0 } }
        guard let firstTime = times.first, let lastTime = times.last else { return nil }
        let sameDayGap = zip(times, times.dropFirst()).map { $1 - $0 }.max()
        guard let dayGap = largestGapBetweenMatchingDates() else {
            return sameDayGap.map { Double($0 * 60) }
        }
        let crossDayGap = dayGap * 1440 - (lastTime - firstTime)
        return Double(max(sameDayGap ?? 0, crossDayGap) * 60)
    }

    private func largestGapBetweenMatchingDates() -> Int? {
        var previous: Int64?
        var largest: Int64?
        forEachMatchingDay(fromYear: 2000) { day in
            if let previous { largest = max(largest ?? 0, day - previous) }
            previous = day
            return true
        }
        return largest.map { Int($0) }
    }
}
