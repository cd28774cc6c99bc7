import Foundation

/// Where a request's connection goes: scheme, host and port. Connections are pooled and reused per origin.
struct Origin: Hashable, Sendable {
    let tls: Bool
    let host: String
    let port: Int

    /// Nil unless the URL is http(s) with a host.
    init?(_ url: URL) {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host(percentEncoded: false), !host.isEmpty
        else { return nil }
        tls = scheme == "https"
        // An IPv6 literal comes back in brackets from some URL parsers; the socket wants it bare.
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        port = url.port ?? (tls ? 443 : 80)
    }

    /// The Host header: the port only when it is not the scheme's default, an IPv6 literal in brackets.
    var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == (tls ? 443 : 80) ? name : "\(name):\(port)"
    }

    /// SNI and certificate name: never an IP literal (RFC 6066 forbids it in SNI).
    var serverName: String? {
        host.contains(":") || host.allSatisfy({ $0.isNumber || $0 == "." }) ? nil : host
    }
}
