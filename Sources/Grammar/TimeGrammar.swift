import Foundation

/// The one time grammar of every time flag (`--from`, `--at`, `--scheduled-at`): an RFC 3339 instant with a zone,
/// `2026-01-01T10:00:00Z`, `...T12:00:00.250+02:00`, `...T10:00Z`, or a calendar date, `2026-01-01`, read as
/// midnight UTC. Proleptic Gregorian, years 1970 to 9999; nothing is rolled over (Feb 30 is refused), offsets
/// are at most ±23:59, and nothing may follow.
public enum TimeGrammar {
    public static let years = 1970...9999

    /// What the grammar accepts, for error messages.
    public static let examples = "2026-01-01T10:00:00Z, 2026-01-01T12:00:00+02:00 or 2026-01-01 (years 1970-9999)"

    public static func parse(_ text: String) -> Date? {
        var scanner = ByteScanner(Array(text.utf8))
        guard let year = scanner.digits(4), scanner.skip("-"), let month = scanner.digits(2), scanner.skip("-"),
            let day = scanner.digits(2), years.contains(year), (1...12).contains(month),
            (1...CivilCalendar.daysInMonth(year: year, month: month)).contains(day)
        else { return nil }
        var (hour, minute, second, fraction, offset) = (0, 0, 0, 0.0, 0)
        if !scanner.atEnd {
            guard scanner.skip("T") || scanner.skip("t"), let h = scanner.digits(2), scanner.skip(":"),
                let m = scanner.digits(2)
            else { return nil }
            (hour, minute) = (h, m)
            if scanner.skip(":") {
                guard let s = scanner.digits(2) else { return nil }
                second = s
                if scanner.skip(".") {
                    guard let digits = scanner.fraction() else { return nil }
                    fraction = digits
                }
            }
            if scanner.skip("Z") || scanner.skip("z") {
                offset = 0
            } else if let sign = scanner.sign(), let offsetHours = scanner.digits(2), scanner.skipIfPresent(":"),
                let offsetMinutes = scanner.digits(2), offsetHours < 24, offsetMinutes < 60
            {
                offset = sign * (offsetHours * 3600 + offsetMinutes * 60)
            } else {
                return nil
            }
        }
        guard scanner.atEnd, hour < 24, minute < 60, second < 60 else { return nil }
        let days = CivilCalendar.days(year: year, month: month, day: day)
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second - offset)
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }
}

/// Reads ASCII digits and separators from the front of a byte string.
struct ByteScanner {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }

    mutating func skip(_ character: Character) -> Bool {
        guard index < bytes.count, bytes[index] == character.asciiValue else { return false }
        index += 1
        return true
    }

    /// Skips `character` when it is next; always true (for optional separators in a condition list).
    mutating func skipIfPresent(_ character: Character) -> Bool {
        _ = skip(character)
        return true
    }

    /// Exactly `count` digits as a number.
    mutating func digits(_ count: Int) -> Int? {
        guard index + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[index..<index + count] {
            guard (48...57).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        index += count
        return value
    }

    /// One to nine digits after a decimal point, as a fraction of a second.
    mutating func fraction() -> Double? {
        let start = index
        while index < bytes.count, (48...57).contains(bytes[index]), index - start < 9 { index += 1 }
        guard index > start, index == bytes.count || !(48...57).contains(bytes[index]) else { return nil }
        return Double("0." + String(decoding: bytes[start..<index], as: UTF8.self))
    }

    /// `+` → 1, `-` → -1.
    mutating func sign() -> Int? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }
}
