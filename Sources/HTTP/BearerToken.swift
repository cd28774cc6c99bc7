/// A provider's API token. Prints as `[redacted]` so string interpolation, logs and dumps never show it.
public struct BearerToken: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The secret itself; read it only to build the Authorization header.
    public let secret: String

    public init(_ secret: String) {
        self.secret = secret
    }

    public var description: String { "[redacted]" }
    public var debugDescription: String { "BearerToken([redacted])" }
}
