import Grammar

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
        Answer(status: status, body: #"{"error":{"code":\#(JSONStringLiteral.quoted(code)),"message":\#(JSONStringLiteral.quoted(message))}}"#)
    }

    var isSuccess: Bool { (200..<300).contains(status) }
}
