/// Next fire times, searched field by field (year, month, day, hour, minute), never minute by minute.
extension CronExpression {
    /// The first fire time at or after `start`, in whole minutes since the Unix epoch, or nil when the
    /// expression never fires again before the end of 2199 (AWS's last year).
    func firstFire(atOrAfterMinute start: Int64) -> Int64? {
        let startDay = CivilDate.floorDiv(start, CivilDate.minutesPerDay)
        var (y, m, d) = CivilDate.date(days: startDay)
        var minuteOfDay = Int(start - startDay * CivilDate.minutesPerDay)
        if y < CronFieldSpec.year.range.lowerBound {
            (y, m, d, minuteOfDay) = (CronFieldSpec.year.range.lowerBound, 1, 1, 0)
        }
        while let nextYear = year.next(atOrAfter: y) {
            if nextYear != y { (y, m, d, minuteOfDay) = (nextYear, 1, 1, 0) }
            while let nextMonth = month.next(atOrAfter: m) {
                if nextMonth != m { (m, d, minuteOfDay) = (nextMonth, 1, 0) }
                // Days of this month that match, from day d on.
                var candidates = matchingDays(year: y, month: m) & ~((UInt32(1) << UInt32(d)) - 1)
                while candidates != 0 {
                    let day = candidates.trailingZeroBitCount
                    if day != d { (d, minuteOfDay) = (day, 0) }
                    if let time = firstTime(atOrAfter: minuteOfDay) {
                        return CivilDate.days(year: y, month: m, day: d) * CivilDate.minutesPerDay + Int64(time)
                    }
                    candidates &= candidates - 1
                }
                (m, d, minuteOfDay) = (m + 1, 1, 0)
            }
            (y, m, d, minuteOfDay) = (y + 1, 1, 1, 0)
        }
        return nil
    }

    /// The first minute of the day (0-1439) at or after `minuteOfDay` whose hour and minute match.
    func firstTime(atOrAfter minuteOfDay: Int) -> Int? {
        var fromMinute = minuteOfDay % 60
        var fromHour = minuteOfDay / 60
        while let hour = hours.next(atOrAfter: fromHour) {
            if hour != fromHour { fromMinute = 0 }
            if let minute = minutes.next(atOrAfter: fromMinute) { return hour * 60 + minute }
            (fromHour, fromMinute) = (hour + 1, 0)
        }
        return nil
    }

    /// The days of a month that match day-of-month or day-of-week, as a mask (bit n = day n).
    func matchingDays(year: Int, month: Int) -> UInt32 {
        let length = CivilDate.daysInMonth(year: year, month: month)
        let monthDays = UInt32(truncatingIfNeeded: (UInt64(1) << UInt64(length + 1)) - 2)  // bits 1...length
        // Weekday of day n, 0 = Sunday: (firstWeekday + n - 1) % 7.
        let firstWeekday = CivilDate.weekday(days: CivilDate.days(year: year, month: month, day: 1))
        func weekday(_ day: Int) -> Int { (firstWeekday + day - 1) % 7 }
        func bit(_ day: Int) -> UInt32 { (1...length).contains(day) ? UInt32(1) << UInt32(day) : 0 }

        switch (dayOfMonth, dayOfWeek) {
        case (.days(let days), _):
            return UInt32(truncatingIfNeeded: days.bits) & monthDays
        case (.last, _):
            return bit(length)
        case (.lastWeekday, _):
            switch weekday(length) {
            case 6: return bit(length - 1)
            case 0: return bit(length - 2)
            default: return bit(length)
            }
        case (.nearestWeekday(let day), _):
            // The weekday nearest `day` without leaving the month: AWS's console shows 31W firing only
            // in months that have a 31st (winebarrel/cronplan#106), and 1W on a Saturday fires on
            // Monday the 3rd, not on the Friday of the month before.
            guard day <= length else { return 0 }
            switch weekday(day) {
            case 6: return bit(day == 1 ? 3 : day - 1)
            case 0: return bit(day == length ? day - 2 : day + 1)
            default: return bit(day)
            }
        case (.unspecified, .days(let days)):
            // Day n falls on weekday w (1 = SUN) when (n - 1) % 7 == (w - 1 - firstWeekday) mod 7.
            var mask: UInt32 = 0
            var weekdays = days.bits >> 1  // bit 0 = SUN
            while weekdays != 0 {
                let w = weekdays.trailingZeroBitCount
                weekdays &= weekdays - 1
                mask |= Self.daysFollowing[(w - firstWeekday + 7) % 7]
            }
            return mask & monthDays
        case (.unspecified, .lastOfMonth(let day)):
            return bit(length - (weekday(length) - (day - 1) + 7) % 7)
        case (.unspecified, .nth(let day, let occurrence)):
            let first = 1 + ((day - 1) - firstWeekday + 7) % 7
            return bit(first + 7 * (occurrence - 1))
        case (.unspecified, .unspecified):
            return 0
        }
    }

    /// Days 1-31 that are r days after a multiple of 7 (r = 0: days 1, 8, 15, 22, 29), by r.
    private static let daysFollowing: [UInt32] = (0..<7).map { r in
        stride(from: r + 1, through: 31, by: 7).reduce(0) { $0 | UInt32(1) << UInt32($1) }
    }
}
