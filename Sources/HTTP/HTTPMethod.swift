/// The HTTP methods the provider clients use.
public enum HTTPMethod: String, Sendable, Codable, CaseIterable {
    case get = "GET"
    case head = "HEAD"
    case post = "POST"
    case put = "PUT"
    case patch = "PATCH"
    case delete = "DELETE"

    /// Whether the request changes something at the provider: it needs an Idempotency-Key,
    /// and a dry run records it instead of sending it.
    public var changesState: Bool {
        switch self {
        case .get, .head: false
        case .post, .put, .patch, .delete: true
        }
    }
}
