import Secrets

/// Makes text safe to print: no bind values, no secrets.
enum Redaction {
    static let placeholder = SecretText.mask

    /// Replaces every occurrence of each secret.
    static func redact(_ text: String, secrets: [String]) -> String {
        SecretText.removing(secrets, from: text)
    }

    /// libpq messages end with a newline and may span lines ("connection to server ... failed: FATAL: ...").
    static func singleLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingPrefix(while: \.isWhitespace) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
            .replacing("  ", with: " ")
    }

    /// The server's primary message, made safe. Class 22 (data exception) messages quote the offending input, e.g.
    /// `invalid input syntax for type integer: "abc"`, so everything between the first and last quote goes.
    static func safeServerMessage(_ primary: String, sqlState: SQLState) -> String {
        let message = singleLine(primary)
        guard sqlState.errorClass == "22",
              let first = message.firstIndex(of: "\""), let last = message.lastIndex(of: "\""), first < last
        else { return message }
        return String(message[..<first]) + "\"…\"" + String(message[message.index(after: last)...])
    }
}
