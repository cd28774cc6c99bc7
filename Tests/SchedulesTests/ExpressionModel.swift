/// The property test's own model of a cron expression: how the generator builds it, how it is written
/// as text, and how a single minute is matched against it. Written independently of the engine: it
/// tests each value against each item directly and never enumerates a field.
struct ExpressionModel {
    enum Item {
        case star
        case value(Int)
        case range(Int, Int)
        /// `start/step` (`start` nil for `*/step`), `a-b/step` when `end` is set.
        case step(start: Int?, end: Int?, step: Int)
    }

    enum DayOfMonth {
        case question
        case items([Item])
        case last
        case lastWeekday
        case nearestWeekday(Int)
    }

    enum DayOfWeek {
        case question
        case items([Item])
        /// A lone `L`: the last day of the week, Saturday.
        case saturday
        case lastOfMonth(Int)
        case nth(Int, Int)
    }

    var minutes: [Item]
    var hours: [Item]
    var dayOfMonth: DayOfMonth
    var months: [Item]
    var dayOfWeek: DayOfWeek
    var years: [Item]
    /// The expression as written, e.g. `cron(0/5 8-17 ? * mon-FRI *)`.
    var text: String

    // MARK: Matching

    /// Whether the item selects `value` in a field whose values are `bounds`.
    static func item(_ item: Item, selects value: Int, in bounds: ClosedRange<Int>) -> Bool {
        let size = bounds.count
        switch item {
        case .star:
            return bounds.contains(value)
        case .value(let v):
            return value == v
        case .range(let a, let b):
            return a <= b ? (a...b).contains(value) : (value >= a && value <= bounds.upperBound) || (value >= bounds.lowerBound && value <= b)
        case .step(let start, let end, let step):
            let a = start ?? bounds.lowerBound
            let b = end ?? bounds.upperBound
            guard bounds.contains(value) else { return false }
            // Distance from the start, walking forward and wrapping at the end of the field.
            let distance = value >= a ? value - a : value + size - a
            let length = b >= a ? b - a : b + size - a
            return distance <= length && distance % step == 0
        }
    }

    static func items(_ items: [Item], select value: Int, in bounds: ClosedRange<Int>) -> Bool {
        items.contains { item($0, selects: value, in: bounds) }
    }

    func matchesDay(year: Int, month: Int, day: Int) -> Bool {
        guard Self.items(years, select: year, in: 1970...2199), Self.items(months, select: month, in: 1...12) else { return false }
        let length = Calendar.daysIn(year: year, month: month)
        let weekday = Calendar.weekday(year: year, month: month, day: day)  // 0 = Sunday
        func isWeekday(_ d: Int) -> Bool { (1...5).contains(Calendar.weekday(year: year, month: month, day: d)) }
        switch dayOfMonth {
        case .question: break
        case .items(let items): return Self.items(items, select: day, in: 1...31)
        case .last: return day == length
        case .lastWeekday: return isWeekday(day) && !((day + 1)..<(length + 1)).contains(where: isWeekday)
        case .nearestWeekday(let n):
            // The weekday of this month closest to day n (ties cannot happen: 1 day vs 2 days).
            guard n <= length, isWeekday(day) else { return false }
            return (1...length).allSatisfy { other in other == day || !isWeekday(other) || abs(other - n) > abs(day - n) }
        }
        switch dayOfWeek {
        case .question: return false
        case .items(let items): return Self.items(items, select: weekday + 1, in: 1...7)
        case .saturday: return weekday == 6
        case .lastOfMonth(let d): return weekday + 1 == d && day + 7 > length
        case .nth(let d, let k): return weekday + 1 == d && (day - 1) / 7 + 1 == k
        }
    }

    func matchesTime(hour: Int, minute: Int) -> Bool {
        Self.items(hours, select: hour, in: 0...23) && Self.items(minutes, select: minute, in: 0...59)
    }

    /// Plain calendar facts, computed without the engine (Sakamoto's weekday method).
    enum Calendar {
        static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

        private static let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        private static let offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]

        static func daysIn(year: Int, month: Int) -> Int {
            month == 2 && isLeap(year) ? 29 : lengths[month - 1]
        }

        static func weekday(year: Int, month: Int, day: Int) -> Int {
            let y = month < 3 ? year - 1 : year
            return (y + y / 4 - y / 100 + y / 400 + offsets[month - 1] + day) % 7
        }
    }
}
