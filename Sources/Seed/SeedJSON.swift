import Foundation
import Grammar

/// Builds the small JSON objects stored in `notifications.payload`, with the keys in the given order.
enum SeedJSON {
    enum Value {
        case int(Int)
        case string(String)
    }

    static func object(_ fields: KeyValuePairs<String, Value>) -> String {
        var text = "{"
        for (index, (key, value)) in fields.enumerated() {
            if index > 0 { text += ", " }
            text += JSONStringLiteral.quoted(key) + ": "
            switch value {
            case .int(let number): text += String(number)
            case .string(let string): text += JSONStringLiteral.quoted(string)
            }
        }
        return text + "}"
    }

    /// ISO 8601 UTC (`2025-03-01T21:00:00Z`), the form notify-upload writes `event_starts_at` in.
    static func timestamp(_ seconds: Int) -> String {
        Date(timeIntervalSince1970: TimeInterval(seconds)).formatted(.iso8601)
    }
}
