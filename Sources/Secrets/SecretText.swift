/// The one redaction core: every known secret string in a text replaced by one mask, longest first (so a URL
/// goes before the password inside it). It sits in its own bottom module so that the database errors (Postgres),
/// the HTTP error excerpts (HTTP) and the log redactor (Runner) share it without depending on each other.
public enum SecretText {
    public static let mask = "[REDACTED]"

    /// Secrets shorter than `minimumLength` are skipped: masking them would mangle ordinary text.
    public static func removing(_ secrets: [String], from text: String, minimumLength: Int = 1) -> String {
        removing(sorted: secrets.sorted(by: { $0.count > $1.count }), from: text, minimumLength: minimumLength)
    }

    /// The same for secrets already sorted longest first (the log redactor sorts once, not per line).
    public static func removing(sorted secrets: [String], from text: String, minimumLength: Int = 1) -> String {
        var result = text
        for secret in secrets where secret.count >= max(1, minimumLength) && result.contains(secret) {
            result = result.replacing(secret, with: mask)
        }
        return result
    }
}
