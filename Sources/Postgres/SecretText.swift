/// The one redaction core: every known secret string in a text replaced by one mask, longest first (so a URL
/// goes before the password inside it). Postgres is the lowest module, so Runner's log redactor, its HTTP error
/// excerpts and the database errors all use this.
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
