/// A provider's API token. Prints as `[redacted]` so string interpolation, logs and dumps never show it.
public struct BearerToken: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The secret itself; read it only to build the Authorization header.
    public let secret: String
    /// `Bearer <secret>`, made once rather than per request.
    let headerValue: String

    public init(_ secret: String) {
        self.secret = secret
        headerValue = "Bearer \(secret)"
    }

    public static func == (a: BearerToken, b: BearerToken) -> Bool { a.secret == b.secret }

    public var description: String { "[redacted]" }
    public var debugDescription: String { "BearerToken([redacted])" }
}
