import Foundation
import Grammar

/// Builds one JSON object as a single line, keys in insertion order; strings escaped per RFC 8259.
struct JSONLine {
    private var text = "{"
    private var first = true

    mutating func add(_ key: String, _ value: String) {
        appendKey(key)
        JSONStringLiteral.append(value, to: &text)
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
        JSONStringLiteral.append(key, to: &text)
        text += ":"
    }
}
