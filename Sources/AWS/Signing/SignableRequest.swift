import Foundation

/// What SigV4 signs: method, path and query as sent, headers (Host included) and the body.
public struct SignableRequest: Sendable {
    public var method: String
    /// The path as sent on the wire (percent-encoded where needed), without the query.
    public var path: String
    /// The raw query without `?` (empty for none).
    public var query: String
    public var headers: [(name: String, value: String)]
    public var body: Data

    public init(method: String, path: String, query: String = "", headers: [(name: String, value: String)], body: Data = Data()) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The first value of header `name`, case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}
