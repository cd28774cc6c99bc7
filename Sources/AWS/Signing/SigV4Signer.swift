import Crypto
import Foundation

/// AWS Signature Version 4 for one service and region, the header form (`Authorization`).
/// Canonicalisation as in botocore's `SigV4Auth` and soto-core's `AWSSigner`: header names lower-cased, values
/// trimmed with inner runs of spaces collapsed, duplicate headers joined with commas, query pairs encoded with
/// the RFC 3986 unreserved set and sorted, the path's segments URI-encoded once.
public struct SigV4Signer: Sendable {
    public static let algorithm = "AWS4-HMAC-SHA256"
    public let service: String
    public let region: String

    public init(service: String, region: String) {
        self.service = service
        self.region = region
    }

    /// Adds `X-Amz-Date`, `X-Amz-Security-Token` (temporary credentials) and `Authorization` to `request`.
    /// Every header present (Host among them) is signed.
    public func sign(_ request: inout SignableRequest, credentials: AWSCredentials, date: Date = Date()) {
        let amzDate = Self.amzDate(date)
        request.headers.removeAll { ["x-amz-date", "authorization", "x-amz-security-token"].contains($0.name.lowercased()) }
        request.headers.append((name: "X-Amz-Date", value: amzDate))
        if let token = credentials.sessionToken { request.headers.append((name: "X-Amz-Security-Token", value: token)) }
        let signed = Self.signedHeaderNames(request.headers)
        let signature = signature(for: request, secretAccessKey: credentials.secretAccessKey, amzDate: amzDate, signedHeaders: signed)
        let scope = credentialScope(day: String(amzDate.prefix(8)))
        request.headers.append((
            name: "Authorization",
            value: "\(Self.algorithm) Credential=\(credentials.accessKeyId)/\(scope), SignedHeaders=\(signed.joined(separator: ";")), Signature=\(signature)"
        ))
    }

    /// The hex signature of `request` over `signedHeaders` (lower-case names) at `amzDate` (`yyyyMMdd'T'HHmmss'Z'`).
    public func signature(for request: SignableRequest, secretAccessKey: String, amzDate: String, signedHeaders: [String]) -> String {
        let day = String(amzDate.prefix(8))
        let toSign = stringToSign(canonicalRequest: Self.canonicalRequest(request, signedHeaders: signedHeaders), amzDate: amzDate)
        let key = signingKey(secretAccessKey: secretAccessKey, day: day)
        return Self.hex(HMAC<SHA256>.authenticationCode(for: Data(toSign.utf8), using: key))
    }

    public func credentialScope(day: String) -> String { "\(day)/\(region)/\(service)/aws4_request" }

    public func stringToSign(canonicalRequest: String, amzDate: String) -> String {
        [Self.algorithm, amzDate, credentialScope(day: String(amzDate.prefix(8))), Self.sha256Hex(Data(canonicalRequest.utf8))]
            .joined(separator: "\n")
    }

    func signingKey(secretAccessKey: String, day: String) -> SymmetricKey {
        var key = SymmetricKey(data: Data("AWS4\(secretAccessKey)".utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        return key
    }

    /// The canonical request over the headers named in `signedHeaders` (lower-case, sorted by the caller or not).
    public static func canonicalRequest(_ request: SignableRequest, signedHeaders: [String]) -> String {
        let names = signedHeaders.map { $0.lowercased() }.sorted()
        var values: [String: [String]] = [:]
        for header in request.headers {
            let name = header.name.lowercased()
            guard names.contains(name) else { continue }
            values[name, default: []].append(canonicalHeaderValue(header.value))
        }
        let headerLines = names.map { "\($0):\(values[$0]?.joined(separator: ",") ?? "")\n" }.joined()
        return [
            request.method.uppercased(),
            canonicalPath(request.path),
            canonicalQuery(request.query),
            headerLines,
            names.joined(separator: ";"),
            request.header("x-amz-content-sha256") ?? sha256Hex(request.body),
        ].joined(separator: "\n")
    }

    /// Every header's lower-case name, sorted and without duplicates.
    public static func signedHeaderNames(_ headers: [(name: String, value: String)]) -> [String] {
        Array(Set(headers.map { $0.name.lowercased() })).sorted()
    }

    static func canonicalHeaderValue(_ value: String) -> String {
        value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
    }

    static func canonicalPath(_ path: String) -> String {
        guard !path.isEmpty else { return "/" }
        return path.split(separator: "/", omittingEmptySubsequences: false)
            .map { uriEncode(String($0).removingPercentEncoding ?? String($0)) }
            .joined(separator: "/")
    }

    static func canonicalQuery(_ query: String) -> String {
        guard !query.isEmpty else { return "" }
        let pairs: [(String, String)] = query.split(separator: "&").map { item in
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            let value = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? String(parts[1])) : ""
            return (uriEncode(key), uriEncode(value))
        }
        return pairs.sorted { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 < $1.0 }.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    /// RFC 3986 encoding with AWS's unreserved set: A-Z a-z 0-9 - _ . ~
    public static func uriEncode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    public static func sha256Hex(_ data: Data) -> String { hex(SHA256.hash(data: data)) }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    /// `yyyyMMdd'T'HHmmss'Z'` in UTC.
    public static func amzDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }

    public static func parseAmzDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.date(from: text)
    }
}
