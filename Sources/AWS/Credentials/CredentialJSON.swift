import Foundation

/// The JSON shapes temporary credentials come in: `credential_process` output (Version 1, `SessionToken`),
/// the ECS container endpoint and IMDS (`Token`). Decoded leniently, checked by `credentials(source:)`.
struct CredentialJSON: Decodable {
    var version: Int?
    var accessKeyId: String?
    var secretAccessKey: String?
    var sessionToken: String?
    var token: String?
    var expiration: String?
    var code: String?

    enum CodingKeys: String, CodingKey {
        case version = "Version", accessKeyId = "AccessKeyId", secretAccessKey = "SecretAccessKey"
        case sessionToken = "SessionToken", token = "Token", expiration = "Expiration", code = "Code"
    }

    /// Parses `data`; errors name `source` and never quote the data (it holds secrets).
    static func credentials(from data: Data, source: String, requireVersion1: Bool = false) throws(AWSError) -> AWSCredentials {
        guard let json = try? JSONDecoder().decode(CredentialJSON.self, from: data) else {
            throw AWSError(.noCredentials, message: "\(source) did not return a JSON credentials object")
        }
        if requireVersion1 && json.version != 1 {
            throw AWSError(.noCredentials, message: "\(source) returned Version \(json.version.map(String.init) ?? "none"); only Version 1 is supported")
        }
        if let code = json.code, code != "Success" {
            throw AWSError(.noCredentials, message: "\(source) answered Code \(code)")
        }
        guard let key = json.accessKeyId, !key.isEmpty, let secret = json.secretAccessKey, !secret.isEmpty else {
            throw AWSError(.noCredentials, message: "\(source) returned no AccessKeyId/SecretAccessKey")
        }
        var expiration: Date?
        if let text = json.expiration {
            guard let date = parseTime(text) else {
                throw AWSError(.noCredentials, message: "\(source) returned an Expiration that is not an ISO 8601 time")
            }
            expiration = date
        }
        return AWSCredentials(
            accessKeyId: key, secretAccessKey: secret, sessionToken: json.sessionToken ?? json.token,
            expiration: expiration, source: source)
    }

    static func parseTime(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }
}
