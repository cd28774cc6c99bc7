import Foundation

/// ISO 8601 UTC with milliseconds (`2026-11-22T10:00:00.123Z`), formatted by hand: DateFormatter is slow and not Sendable.
public enum Timestamp {
    public static func iso8601(_ date: Date, fractionalDigits: Int = 3) -> String {
        var time = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&time, &parts)
        var text = String(format: "%04d-%02d-%02dT%02d:%02d:%02d",
                          Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
                          Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
        if fractionalDigits > 0 {
            let fraction = date.timeIntervalSince1970 - date.timeIntervalSince1970.rounded(.down)
            let scale = pow(10.0, Double(fractionalDigits))
            let digits = min(Int((fraction * scale).rounded(.down)), Int(scale) - 1)
            text += "." + String(format: "%0\(fractionalDigits)d", digits)
        }
        return text + "Z"
    }
}
