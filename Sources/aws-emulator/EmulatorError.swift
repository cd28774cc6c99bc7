/// An AWS-shaped error answer: HTTP 400 (or given) with `{"__type": ..., "message": ...}`.
struct EmulatorError: Error {
    var status: Int = 400
    var type: String
    var message: String

    static func clientException(_ message: String) -> EmulatorError {
        EmulatorError(type: "ClientException", message: message)
    }
}
