import Foundation

/// A provider's answer: status, headers (names lowercased) and the body.
public struct OutboundResponse: Sendable {
    /// The largest body either transport accepts (4 MiB); no answer in the provider contracts comes near it.
    public static let maximumBodyBytes = 4 * 1024 * 1024

    public var status: Int
    /// Header names are lowercased; use `header(_:)` to look one up.
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }) { first, _ in first }
        self.body = body
    }

    /// Case-insensitive header lookup.
    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    public var isSuccess: Bool { (200..<300).contains(status) }

    /// A JSON response, for the simulated answers of a dry run.
    public static func json<Value: Encodable>(_ value: Value, status: Int = 200) -> OutboundResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let body = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return OutboundResponse(status: status, headers: ["content-type": "application/json"], body: body)
    }
}
