import Foundation

/// A request's URL split once into the origin its connection is pooled by and the target its request line carries.
/// `ProviderEndpoint` makes one per request without parsing a URL (its origin is worked out once per endpoint); any
/// URL can be made into one. The Foundation URL is made only where one is needed (other transports, plans, errors).
public struct RequestURL: Sendable {
    /// Scheme, host and port; nil unless the URL is http(s) with a host (the client refuses the request then).
    let origin: Origin?
    /// The path and query as written (`/` when empty), without the fragment.
    let target: String
    /// What comes before the target: `scheme://authority` as written (empty for a URL without `://`).
    private let prefix: String
    private let source: Source

    private enum Source {
        case parsed(URL)
        /// Made by an endpoint: its base URL stands in if the text ever failed to parse (percent-encoded, it cannot).
        case endpoint(base: URL)
    }

    public init(_ url: URL) {
        let (prefix, target) = Self.cut(url)
        self.init(origin: Origin(url), prefix: prefix, target: target, source: .parsed(url))
    }

    private init(origin: Origin?, prefix: String, target: String, source: Source) {
        self.origin = origin
        self.prefix = prefix
        self.target = target
        self.source = source
    }

    /// This URL's origin and prefix with another target: an endpoint's URL, made from its base's.
    func replacingTarget(_ target: String) -> RequestURL {
        RequestURL(origin: origin, prefix: prefix, target: target, source: .endpoint(base: url))
    }

    public var absoluteString: String {
        switch source {
        case .parsed(let url): url.absoluteString
        case .endpoint: prefix + target
        }
    }

    public var url: URL {
        switch source {
        case .parsed(let url): url
        case .endpoint(let base): URL(string: prefix + target) ?? base
        }
    }

    /// The URL's text cut after its scheme and authority, and the request target that follows (without `://` the prefix
    /// is empty and all of it is target); cut from the text, since Foundation's path accessors showed in the profile.
    static func cut(_ url: URL) -> (prefix: String, target: String) {
        var absolute = url.absoluteString
        return absolute.withUTF8 { text in
            var start = 0
            if let scheme = text.firstIndex(of: UInt8(ascii: ":")), text[scheme...].starts(with: "://".utf8) {
                start = text[(scheme + 3)...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? text.count
            }
            let end = text[start...].firstIndex(of: UInt8(ascii: "#")) ?? text.count
            let prefix = String(decoding: UnsafeBufferPointer(rebasing: text[..<start]), as: UTF8.self)
            let target = String(decoding: UnsafeBufferPointer(rebasing: text[start..<end]), as: UTF8.self)
            return (prefix, target.isEmpty || target.hasPrefix("?") ? "/" + target : target)
        }
    }
}
