/// A response before it is written: kept as text so a malformed mode can garble it.
struct Answer: Sendable {
    var status: Int
    var body: String
    var contentType = "application/json"
    var extraHeaders: [(name: String, value: String)] = []

    static func json(_ body: String, status: Int = 200) -> Answer {
        Answer(status: status, body: body)
    }

    /// `{"error":{"code":…,"message":…}}`, the error shape of every contract.
    static func error(_ status: Int, code: String, message: String) -> Answer {
        Answer(status: status, body: #"{"error":{"code":\#(JSONText.quoted(code)),"message":\#(JSONText.quoted(message))}}"#)
    }

    var isSuccess: Bool { (200..<300).contains(status) }
}

/// Builds JSON text by hand on the hot path (a JSONEncoder per request costs more than the rest of the handler).
enum JSONText {
    static func quoted(_ text: some StringProtocol) -> String {
        var needsEscape = false
        for byte in text.utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            needsEscape = true
            break
        }
        guard needsEscape else { return "\"\(text)\"" }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
