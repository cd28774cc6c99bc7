/// A plain-English meaning that stays literally true for every expression: specific phrases for the
/// common shapes, and a field-by-field reading for everything else.
extension CronExpression {
    var meaning: String {
        let days = dayPhrase
        let restricted = days != nil || !month.isAll || !year.isAll
        var parts = [timePhrase]
        if let days { parts.append(days) } else if isAtListedTimes { parts.append("every day") }
        if !month.isAll { parts.append("in " + EnglishList.describe(month.items, .month, unit: "month")) }
        if !year.isAll { parts.append("in " + EnglishList.describe(year.items, .year, unit: "year")) }
        let text = parts.joined(separator: " ")
        return restricted && !text.contains("UTC") ? text + " (UTC)" : text
    }

    /// Minutes and hours are plain values whose combinations are few enough to list as clock times.
    private var isAtListedTimes: Bool {
        minutes.items.allSatisfy(\.isSingleValue) && hours.items.allSatisfy(\.isSingleValue)
            && minutes.count * hours.count <= 6
    }

    private var timePhrase: String {
        if isAtListedTimes {
            let times = hours.values.flatMap { hour in minutes.values.map { EnglishList.clock(hour, $0) } }
            return "at \(EnglishList.join(times)) UTC"
        }
        let hourPhrase = hours.isAll ? nil : EnglishList.describe(hours.items, .hours, unit: "hour")
        if minutes.isAll || minuteStep != nil {
            let every = minuteStep.map { "every \($0) minutes" } ?? "every minute"
            return hourPhrase.map { "\(every) during \($0) UTC" } ?? every
        }
        let minutePhrase = "at " + EnglishList.describe(minutes.items, .minutes, unit: "minute")
        return minutePhrase + (hourPhrase.map { " past \($0) UTC" } ?? " past every hour")
    }

    /// n for `0/n` or `*/n` when n divides the hour, so that the minutes really are n apart.
    private var minuteStep: Int? {
        guard minutes.items.count == 1, case .step(0, 59, let every) = minutes.items[0], 60 % every == 0 else { return nil }
        return every
    }

    private var dayPhrase: String? {
        switch dayOfMonth {
        case .days(let days) where days.isAll: break
        case .days(let days):
            return "on " + EnglishList.describe(days.items, .dayOfMonth, unit: "day") + " of the month"
        case .last: return "on the last day of the month"
        case .lastWeekday: return "on the last weekday of the month"
        case .nearestWeekday(let day): return "on the weekday nearest day \(day) of the month"
        case .unspecified: break
        }
        switch dayOfWeek {
        case .days(let days) where days.isAll: return nil
        case .days(let days): return "on " + EnglishList.describe(days.items, .dayOfWeek, unit: "day")
        case .lastOfMonth(let day): return "on the last \(EnglishList.weekdays[day - 1]) of the month"
        case .nth(let day, let occurrence):
            let ordinal = ["first", "second", "third", "fourth", "fifth"][occurrence - 1]
            return "on the \(ordinal) \(EnglishList.weekdays[day - 1]) of the month"
        case .unspecified: return nil
        }
    }
}

extension CronItem {
    var isSingleValue: Bool {
        if case .value = self { return true }
        return false
    }
}
