import Foundation

/// A provider's base URL and token (Runner reads them from configuration, e.g. PAYMENTS_API_URL and PAYMENTS_API_TOKEN).
public struct ProviderEndpoint: Sendable {
    public let baseURL: URL
    public let token: BearerToken

    public init(baseURL: URL, token: BearerToken) {
        self.baseURL = baseURL
        self.token = token
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
    public func url(_ segments: String...) -> URL { url(path: segments) }

    /// The base URL followed by `segments`, each percent-encoded as one path segment.
    public func url(path segments: [String]) -> URL {
        var components = URLComponents(url: baseURL, resolvingAgainstBaseURL: false) ?? URLComponents()
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        for segment in segments {
            path += "/" + (segment.addingPercentEncoding(withAllowedCharacters: Self.segmentAllowed) ?? segment)
        }
        components.percentEncodedPath = path
        return components.url ?? baseURL
    }

    private static let segmentAllowed: CharacterSet = {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/;?#%")
        return allowed
    }()
}
