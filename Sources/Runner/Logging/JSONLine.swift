import Foundation

/// Builds one JSON object as a single line, keys in insertion order; strings escaped per RFC 8259.
struct JSONLine {
    private var text = "{"
    private var first = true

    mutating func add(_ key: String, _ value: String) {
        appendKey(key)
        Self.appendString(value, to: &text)
    }

    mutating func add(_ key: String, number: Double) {
        appendKey(key)
        text += number.isFinite ? String(number) : "null"
    }

    mutating func add(_ key: String, int: Int) {
        appendKey(key)
        text += String(int)
    }

    /// Adds pre-encoded JSON (an object or array) verbatim.
    mutating func add(_ key: String, raw: String) {
        appendKey(key)
        text += raw
    }

    func finished() -> String { text + "}" }

    private mutating func appendKey(_ key: String) {
        if !first { text += "," }
        first = false
        Self.appendString(key, to: &text)
        text += ":"
    }

    static func appendString(_ value: String, to output: inout String) {
        output += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                output += String(format: "\\u%04x", scalar.value)
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }

    static func quoted(_ value: String) -> String {
        var output = ""
        appendString(value, to: &output)
        return output
    }
}
