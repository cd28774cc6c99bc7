import Foundation

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
            text += quoted(key) + ": "
            switch value {
            case .int(let number): text += String(number)
            case .string(let string): text += quoted(string)
            }
        }
        return text + "}"
    }

    static func quoted(_ string: String) -> String {
        var text = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text + "\""
    }

    /// ISO 8601 UTC (`2025-03-01T21:00:00Z`), the form notify-upload writes `event_starts_at` in.
    static func timestamp(_ seconds: Int) -> String {
        Date(timeIntervalSince1970: TimeInterval(seconds)).formatted(.iso8601)
    }
}
