import Foundation
import Secrets

/// How outbound calls are shown in logs, errors and dry-run plans without leaking secrets or personal data.
public enum Redaction {
    /// Keys whose values never appear anywhere (matched case-insensitively as substrings).
    static let secretKeyFragments = ["token", "secret", "password", "passwd", "authorization", "api_key", "apikey", "cvv", "card_number", "iban", "account_number"]

    /// `host:port/path`: no scheme, user info or query.
    public static func target(of url: URL) -> String {
        let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        let host = components?.host ?? "?"
        let port = components?.port.map { ":\($0)" } ?? ""
        let path = components?.percentEncodedPath ?? ""
        return host + port + (path.isEmpty ? "/" : path)
    }

    /// `scheme://host:port/path?name=[redacted]`: the URL a dry-run plan shows.
    public static func planURL(of url: URL) -> String {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return target(of: url) }
        components.user = nil
        components.password = nil
        components.fragment = nil
        components.queryItems = components.queryItems?.map { URLQueryItem(name: $0.name, value: "[redacted]") }
        return components.string ?? target(of: url)
    }

    /// A one-line summary of a request body: JSON keys with ids and amounts shown, secrets removed,
    /// email addresses masked, long strings cut.
    public static func summary(ofBody body: Data?, limit: Int = 512) -> String {
        guard let body, !body.isEmpty else { return "" }
        guard let value = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) else {
            return "<\(body.count) bytes, not JSON>"
        }
        return cut(render(value, depth: 0), to: limit)
    }

    /// A short excerpt of a response body for error messages, with emails masked and `secrets` removed.
    public static func excerpt(of body: Data, limit: Int = 120, removing secrets: [String] = []) -> String {
        if body.isEmpty { return "empty body" }
        var text: String
        if let value = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) {
            text = render(value, depth: 0)
        } else {
            text = String(decoding: body.prefix(limit * 4), as: UTF8.self)
            text = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            text = maskEmails(in: text)
        }
        text = SecretText.removing(secrets, from: text, minimumLength: 4)
        return cut(text, to: limit)
    }

    /// `jane.doe@example.com` → `j***@example.com`, anywhere in `text`.
    public static func maskEmails(in text: String) -> String {
        guard text.contains("@") else { return text }
        let characters = Array(text)
        var output = ""
        var index = 0
        while index < characters.count {
            guard characters[index] == "@" else {
                output.append(characters[index])
                index += 1
                continue
            }
            var localStart = output.endIndex
            while localStart > output.startIndex, isLocalPart(output[output.index(before: localStart)]) {
                localStart = output.index(before: localStart)
            }
            var domainEnd = index + 1
            while domainEnd < characters.count, isDomainPart(characters[domainEnd]) { domainEnd += 1 }
            let domain = String(characters[(index + 1)..<domainEnd])
            if localStart < output.endIndex, domain.contains(".") {
                let first = output[localStart]
                output.replaceSubrange(localStart..<output.endIndex, with: "\(first)***")
            }
            output.append("@")
            output.append(domain)
            index = domainEnd
        }
        return output
    }

    static func render(_ value: Any, depth: Int) -> String {
        switch value {
        case let object as [String: Any]:
            guard depth < 3 else { return "{…}" }
            let fields = object.keys.sorted().map { key in
                "\(quoted(key)):\(isSecretKey(key) ? "\"[redacted]\"" : render(object[key] ?? NSNull(), depth: depth + 1))"
            }
            return "{" + fields.joined(separator: ",") + "}"
        case let array as [Any]:
            guard depth < 3 else { return "[…]" }
            let shown = array.prefix(5).map { render($0, depth: depth + 1) }
            return "[" + shown.joined(separator: ",") + (array.count > 5 ? ",…(\(array.count) items)" : "") + "]"
        case let flag as Bool where isBoolean(value):
            return flag ? "true" : "false"
        case let string as String:
            let masked = maskEmails(in: string)
            return quoted(masked.count > 64 ? String(masked.prefix(48)) + "…(\(masked.count) chars)" : masked)
        case let number as NSNumber:
            return number.stringValue
        case is NSNull:
            return "null"
        default:
            return "?"
        }
    }

    /// JSONSerialization gives booleans as NSNumber on Linux; only a real boolean has objCType "c" from it.
    static func isBoolean(_ value: Any) -> Bool {
        if value is Bool, !(value is NSNumber) { return true }
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }

    static func isSecretKey(_ key: String) -> Bool {
        let lowered = key.lowercased()
        return secretKeyFragments.contains { lowered.contains($0) }
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func cut(_ text: String, to limit: Int) -> String {
        text.count > limit ? String(text.prefix(limit)) + "…" : text
    }

    private static func isLocalPart(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || "._%+-".contains(character)
    }

    private static func isDomainPart(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || ".-".contains(character)
    }
}
