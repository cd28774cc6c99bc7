/// Finds fire times the slow, obvious way: walk the calendar one day at a time and, on each day the
/// model accepts, test every minute of the day. Only the skip of rejected days (all of whose minutes
/// would fail) separates it from a minute-by-minute scan.
struct ExpressionBruteForce {
    let model: ExpressionModel

    struct Result {
        /// Fire times as whole minutes since the Unix epoch.
        var fires: [Int64] = []
        /// The first minute that was not examined: fires at or after it are unknown to the scan.
        var scannedUntil: Int64 = 0
        /// Whether the scan reached the end of 2199, so that no fire can exist after the last one found.
        var reachedEnd = false
    }

    /// Up to `count` fire times strictly after `startSecond`, scanning at most `maxDays` days.
    func fires(afterSecond startSecond: Int64, count: Int, maxDays: Int) -> Result {
        var result = Result()
        let firstMinute = floorDiv(startSecond, 60) + 1
        var dayNumber = floorDiv(firstMinute, 1440)
        var minuteOfDay = Int(firstMinute - dayNumber * 1440)
        var (year, month, day) = civil(dayNumber)
        if year < 1970 { (year, month, day, minuteOfDay, dayNumber) = (1970, 1, 1, 0, 0) }
        for _ in 0..<maxDays {
            if year > 2199 {
                result.reachedEnd = true
                result.scannedUntil = dayNumber * 1440
                return result
            }
            if model.matchesDay(year: year, month: month, day: day) {
                for minute in minuteOfDay..<1440 where model.matchesTime(hour: minute / 60, minute: minute % 60) {
                    result.fires.append(dayNumber * 1440 + Int64(minute))
                    if result.fires.count == count {
                        result.scannedUntil = dayNumber * 1440 + Int64(minute) + 1
                        return result
                    }
                }
            }
            minuteOfDay = 0
            dayNumber += 1
            day += 1
            if day > ExpressionModel.Calendar.daysIn(year: year, month: month) {
                (day, month) = (1, month + 1)
                if month > 12 { (month, year) = (1, year + 1) }
            }
        }
        result.scannedUntil = dayNumber * 1440
        return result
    }

    private func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }

    /// The calendar date of a day number, counted from 1970-01-01 one month at a time.
    private func civil(_ dayNumber: Int64) -> (Int, Int, Int) {
        var remaining = dayNumber
        var year = 1970
        if remaining < 0 { return (1969, 12, 31) }
        while true {
            let length: Int64 = ExpressionModel.Calendar.isLeap(year) ? 366 : 365
            if remaining < length { break }
            remaining -= length
            year += 1
        }
        var month = 1
        while remaining >= Int64(ExpressionModel.Calendar.daysIn(year: year, month: month)) {
            remaining -= Int64(ExpressionModel.Calendar.daysIn(year: year, month: month))
            month += 1
        }
        return (year, month, Int(remaining) + 1)
    }
}
