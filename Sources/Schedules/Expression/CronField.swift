/// A parsed plain cron field (minutes, hours, month, year, or the list form of a day field):
/// its items as written, for the meaning, and the set of values they select, for the search.
struct CronField: Hashable, Sendable {
    let items: [CronItem]
    /// Selected values minus `offset`, so that years 1970-2199 fit the 256-value set.
    private let selected: ValueSet
    private let offset: Int

    init(items: [CronItem], spec: CronFieldSpec) {
        let offset = spec.range.lowerBound >= 256 ? spec.range.lowerBound : 0
        self.items = items
        self.offset = offset
        selected = ValueSet(items.flatMap { $0.values(in: spec) }.map { $0 - offset })
    }

    /// Whether the field is `*`.
    var isAll: Bool { items == [.all] }

    func contains(_ value: Int) -> Bool { selected.contains(value - offset) }

    /// The smallest selected value >= `value`.
    func next(atOrAfter value: Int) -> Int? { selected.next(atOrAfter: value - offset).map { $0 + offset } }

    var first: Int? { selected.first.map { $0 + offset } }

    /// Selected values 0-63 as a bit mask (bit n = value n); for every field but the year.
    var bits: UInt64 { selected.lowBits }

    var values: [Int] { selected.values.map { $0 + offset } }

    var count: Int { selected.count }
}

/// The day-of-month field.
enum DayOfMonthField: Hashable, Sendable {
    /// `?`
    case unspecified
    case days(CronField)
    /// `L`: the last day of the month.
    case last
    /// `LW`: the last weekday (Monday-Friday) of the month.
    case lastWeekday
    /// `15W`: the weekday nearest the 15th, within the same month.
    case nearestWeekday(Int)
}

/// The day-of-week field; days are numbered as AWS does, 1 = SUN ... 7 = SAT.
enum DayOfWeekField: Hashable, Sendable {
    /// `?`
    case unspecified
    /// A list of days, ranges and `*`; a lone `L` (the last day of the week) is Saturday.
    case days(CronField)
    /// `6L`, `FRIL`: the last such weekday of the month.
    case lastOfMonth(Int)
    /// `2#1`: the first Monday of the month.
    case nth(Int, Int)
}
