import Foundation

/// A provider's base URL and token (Runner reads them from configuration, e.g. PAYMENTS_API_URL and PAYMENTS_API_TOKEN).
public struct ProviderEndpoint: Sendable {
    public let token: BearerToken
    /// The base URL split once (its path without trailing slashes): what `url(path:)` appends to, not parsed per request.
    private let base: RequestURL
    private let basePath: String

    public var baseURL: URL { base.url }

    public init(baseURL: URL, token: BearerToken) {
        self.token = token
        base = RequestURL(baseURL)
        var path = base.target
        while path.hasSuffix("/") { path.removeLast() }
        basePath = path
    }

    /// The one URL rule for providers: http or https, a host, a port in 1-65535 if given, no credentials, query or fragment.
    public static func validURL(_ text: String) -> URL? {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty,
            components.user == nil, components.password == nil, components.query == nil, components.fragment == nil,
            components.port.map({ (1...65535).contains($0) }) ?? true,
            let url = components.url
        else { return nil }
        return url
    }

    /// The base URL followed by `segments`, each percent-encoded as one path segment (an id with `/` stays one segment).
    public func url(_ segments: String...) -> RequestURL { url(path: segments) }

    /// The base URL followed by `segments`, each percent-encoded as one path segment.
    public func url(path segments: [String]) -> RequestURL {
        // The base has no query or fragment (validURL), so appending to its target is appending to its path.
        var target = basePath
        for segment in segments {
            target += "/"
            Self.appendPercentEncoded(segment, to: &target)
        }
        return base.replacingTarget(target.isEmpty ? "/" : target)
    }

    /// RFC 3986 `pchar` minus `;` (a path parameter to some servers): unreserved, sub-delims but `;`, `:` and `@`.
    private static let segmentAllowed: [Bool] = (0..<128).map { byte in
        let scalar = Unicode.Scalar(UInt8(byte))
        return ("0"..."9").contains(scalar) || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
            || "-._~!$&'()*+,=:@".unicodeScalars.contains(scalar)
    }

    private static func appendPercentEncoded(_ segment: String, to text: inout String) {
        if segment.utf8.allSatisfy({ $0 < 128 && segmentAllowed[Int($0)] }) { return text += segment }  // most ids
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(segment.utf8.count)
        for byte in segment.utf8 {
            if byte < 128, segmentAllowed[Int(byte)] {
                bytes.append(byte)
            } else {
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            }
        }
        text += String(decoding: bytes, as: UTF8.self)
    }
}
