import Grammar

/// Proleptic Gregorian calendar arithmetic in UTC on plain integers.
///
/// The engine works in whole minutes since the Unix epoch and never touches `Calendar`: these
/// conversions are exact, allocation-free and independent of the host's time zone.
enum CivilDate {
    static let minutesPerDay: Int64 = 1440

    static func days(year: Int, month: Int, day: Int) -> Int64 {
        CivilCalendar.days(year: year, month: month, day: day)
    }

    /// The calendar date of a day number (days since 1970-01-01).
    static func date(days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    static func isLeap(_ year: Int) -> Bool { CivilCalendar.isLeap(year) }

    static func daysInMonth(year: Int, month: Int) -> Int { CivilCalendar.daysInMonth(year: year, month: month) }

    /// Day of the week, 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday).
    static func weekday(days: Int64) -> Int {
        Int(((days % 7) + 7 + 4) % 7)
    }

    /// Floor division that rounds towards negative infinity, for instants before the epoch.
    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
