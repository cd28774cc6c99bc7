import Foundation

/// Where a request's connection goes: scheme, host and port. Connections are pooled and reused per origin.
struct Origin: Hashable, Sendable {
    static func == (a: Origin, b: Origin) -> Bool { a.tls == b.tls && a.port == b.port && a.host == b.host }
    func hash(into hasher: inout Hasher) {  // the other members follow from these three
        hasher.combine(tls)
        hasher.combine(host)
        hasher.combine(port)
    }

    let tls: Bool
    let host: String
    let port: Int

    /// The Host header: the port only when it is not the scheme's default, an IPv6 literal in brackets.
    let hostHeader: String
    /// SNI and certificate name: never an IP literal (RFC 6066 forbids it in SNI).
    let serverName: String?

    /// Nil unless the URL is http(s) with a host.
    init?(_ url: URL) {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host(percentEncoded: false), !host.isEmpty
        else { return nil }
        tls = scheme == "https"
        // An IPv6 literal comes back in brackets from some URL parsers; the socket wants it bare.
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        self.host = bare
        port = url.port ?? (tls ? 443 : 80)
        // Byte checks: Foundation's `contains(":")` searched the string as a substring and showed in the profile.
        let ipv6 = bare.utf8.contains(UInt8(ascii: ":"))
        let ipv4 = bare.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: ".") }
        let name = ipv6 ? "[\(bare)]" : bare
        hostHeader = port == (tls ? 443 : 80) ? name : "\(name):\(port)"
        serverName = ipv6 || ipv4 ? nil : bare
    }
}
