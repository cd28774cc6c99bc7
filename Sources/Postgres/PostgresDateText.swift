/// Hand-written ISO text <-> microseconds conversion for `timestamptz`, `timestamp` and `date`.
///
/// The session runs with TimeZone=UTC and DateStyle=ISO, so the server prints `2024-05-01 12:34:56.123456+00`,
/// `0044-03-15 00:00:00+00 BC` or `12345-01-01 00:00:00+00`. The calendar is the proleptic Gregorian one PostgreSQL
/// uses (Foundation's Gregorian calendar switches to Julian before 1582, which would shift ancient dates).
enum PostgresDateText {
    static let microsPerSecond: Int64 = 1_000_000
    static let microsPerDay: Int64 = 86_400 * 1_000_000
    /// Days from 1970-01-01 to 2001-01-01 (Foundation's reference date).
    static let referenceDayOffset: Int64 = 11_323

    /// Formats microseconds since 2001-01-01 00:00 UTC as `YYYY-MM-DD HH:MM:SS[.ffffff]+00[ BC]`.
    static func format(microsSinceReference micros: Int64) -> String {
        let (dayFromReference, microOfDay) = floorDivide(micros, microsPerDay)
        let (year, month, day) = civil(fromDays: dayFromReference + referenceDayOffset)
        var seconds = microOfDay / microsPerSecond
        let fraction = microOfDay % microsPerSecond
        let hour = seconds / 3600
        seconds %= 3600
        var text = pad(year <= 0 ? 1 - year : year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
        text += " " + pad(hour, 2) + ":" + pad(seconds / 60, 2) + ":" + pad(seconds % 60, 2)
        if fraction != 0 { text += "." + pad(fraction, 6) }
        text += "+00"
        if year <= 0 { text += " BC" }
        return text
    }

    enum Parsed: Equatable {
        case micros(Int64)
        case infinity
        case negativeInfinity
    }

    /// Parses date, timestamp or timestamptz text (offsets applied; a value without offset is taken as UTC).
    static func parse(_ text: String) -> Parsed? {
        if text == "infinity" { return .infinity }
        if text == "-infinity" { return .negativeInfinity }
        var scanner = ByteScanner(Array(text.utf8))
        guard let year = scanner.number(minDigits: 4, maxDigits: 9), scanner.skip("-"),
              let month = scanner.number(minDigits: 2, maxDigits: 2), scanner.skip("-"),
              let day = scanner.number(minDigits: 2, maxDigits: 2),
              (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month)
        else { return nil }
        var microOfDay: Int64 = 0
        var offsetSeconds: Int64 = 0
        if scanner.skip(" ") || scanner.skip("T") {
            guard let hour = scanner.number(minDigits: 2, maxDigits: 2), scanner.skip(":"),
                  let minute = scanner.number(minDigits: 2, maxDigits: 2), scanner.skip(":"),
                  let second = scanner.number(minDigits: 2, maxDigits: 2),
                  hour <= 24, minute < 60, second < 61
            else { return nil }
            var fraction: Int64 = 0
            if scanner.skip(".") {
                guard let digits = scanner.digits(), !digits.isEmpty else { return nil }
                for (index, digit) in digits.prefix(6).enumerated() {
                    fraction += Int64(digit) * pow10(5 - index)
                }
            }
            microOfDay = ((hour * 60 + minute) * 60 + second) * microsPerSecond + fraction
            if scanner.skip("Z") {
            } else if let sign = scanner.sign() {
                guard let offsetHours = scanner.number(minDigits: 2, maxDigits: 2) else { return nil }
                var offset = offsetHours * 3600
                if scanner.skip(":") {
                    guard let minutes = scanner.number(minDigits: 2, maxDigits: 2) else { return nil }
                    offset += minutes * 60
                    if scanner.skip(":") {
                        guard let seconds = scanner.number(minDigits: 2, maxDigits: 2) else { return nil }
                        offset += seconds
                    }
                }
                offsetSeconds = sign * offset
            }
        }
        var astronomicalYear = year
        if scanner.skip(" BC") { astronomicalYear = 1 - year }
        guard scanner.atEnd else { return nil }
        let days = days(fromCivil: astronomicalYear, month, day) - referenceDayOffset
        let (product, overflow) = days.multipliedReportingOverflow(by: microsPerDay)
        guard !overflow else { return nil }
        return .micros(product + microOfDay - offsetSeconds * microsPerSecond)
    }

    // MARK: Calendar arithmetic (Howard Hinnant's days_from_civil / civil_from_days)

    static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let quotient = value / divisor, remainder = value % divisor
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }

    private static func pow10(_ exponent: Int) -> Int64 {
        var result: Int64 = 1
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

/// A minimal forward scanner over UTF-8 bytes.
struct ByteScanner {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }

    mutating func skip(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let matches = literal.withUTF8Buffer { buffer in
            (0..<count).allSatisfy { bytes[index + $0] == buffer[$0] }
        }
        if matches { index += count }
        return matches
    }

    mutating func sign() -> Int64? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }

    mutating func digits() -> [UInt8]? {
        var result: [UInt8] = []
        while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
            result.append(bytes[index] - 0x30)
            index += 1
        }
        return result
    }

    mutating func number(minDigits: Int, maxDigits: Int) -> Int64? {
        let start = index
        var value: Int64 = 0
        while index < bytes.count, index - start < maxDigits, bytes[index] >= 0x30, bytes[index] <= 0x39 {
            value = value * 10 + Int64(bytes[index] - 0x30)
            index += 1
        }
        guard index - start >= minDigits else {
            index = start
            return nil
        }
        return value
    }
}
