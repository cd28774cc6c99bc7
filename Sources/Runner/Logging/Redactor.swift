import Foundation
import Secrets

/// Replaces known secret strings (database password, provider tokens, full connection strings) in any text
/// before it is printed. The last line of defence: code should not log secrets in the first place.
public struct Redactor: Sendable {
    public static let mask = SecretText.mask
    private let secrets: [String]

    /// Secrets shorter than 4 characters are ignored: masking them would mangle ordinary text.
    public init(secrets: [String]) {
        self.secrets = Array(Set(secrets.filter { $0.count >= 4 })).sorted { $0.count > $1.count }
    }

    public static let none = Redactor(secrets: [])

    public func callAsFunction(_ text: String) -> String {
        guard !secrets.isEmpty else { return text }
        return SecretText.removing(sorted: secrets, from: text)
    }

    /// Names of variables whose values are secrets: tokens, passwords, keys, DATABASE_URL and DATABASE_SECRET.
    public static func isSecretVariable(_ name: String) -> Bool {
        let upper = name.uppercased()
        if upper == "DATABASE_URL" || upper == "DATABASE_SECRET" || upper == "PGPASSWORD" { return true }
        return ["TOKEN", "PASSWORD", "SECRET", "API_KEY", "PRIVATE_KEY"].contains { upper.contains($0) }
    }

    /// A redactor for every secret-looking variable of `configuration` plus `extra` (e.g. the parsed DB password).
    public static func forConfiguration(_ configuration: Configuration, extra: [String] = []) -> Redactor {
        let values = configuration.values.filter { isSecretVariable($0.key) }.map(\.value)
        return Redactor(secrets: values + extra)
    }
}
